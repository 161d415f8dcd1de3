import type { workspaceContract } from '../../../shared/contract/workspace';
import type { Handlers } from '../../../shared/protocol/define';

/** The workspace entries of the contract for one connection. */
export function createWorkspaceHandlers(): Handlers<typeof workspaceContract> {
  return {};
}
