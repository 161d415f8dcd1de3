import type { workspaceContract } from '../../../shared/contract/workspace';
import type { Handlers } from '../../../shared/protocol/define';
import { approveSnapshot, listScriptFiles, readScriptChain, saveRequestScript } from '../scripts/script-files';
import { WorkspaceStore, type WorkspaceLocalState } from '../workspace';

type ScriptContract = Pick<
  typeof workspaceContract,
  | 'scripts.status'
  | 'scripts.trust'
  | 'scripts.read'
  | 'scripts.save'
  | 'scripts.approve'
  | 'scripts.values'
  | 'scripts.clearValues'
>;

/** The scripts entries of the contract: files in the workspace, trust and values in the user's data folder. */
export function createScriptHandlers(localState: WorkspaceLocalState): Handlers<ScriptContract> {
  // Opening checks the folder is a workspace, and resolves it the way every other entry does.
  const rootOf = async (root: string) => (await WorkspaceStore.open(root)).root;
  return {
    'scripts.status': async ({ root }) => {
      const folder = await rootOf(root);
      return { trusted: await localState.isTrusted(folder), files: await listScriptFiles(folder) };
    },
    'scripts.trust': async ({ root, trusted }) => {
      await localState.setTrusted(await rootOf(root), trusted);
      return null;
    },
    'scripts.read': async ({ root, path }) => {
      const folder = await rootOf(root);
      return { files: await readScriptChain(folder, path), trusted: await localState.isTrusted(folder) };
    },
    'scripts.save': async ({ root, path, text }) => {
      await saveRequestScript(await rootOf(root), path, text);
      return null;
    },
    'scripts.approve': async ({ root, path, name, value }) => {
      await approveSnapshot(await rootOf(root), path, name, value);
      return null;
    },
    'scripts.values': async ({ root, environment }) => localState.scriptValues(await rootOf(root), environment),
    'scripts.clearValues': async ({ root, environment }) => {
      await localState.clearScriptValues(await rootOf(root), environment);
      return null;
    },
  };
}
