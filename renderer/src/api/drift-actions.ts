import type { z } from 'zod';
import type { DriftSourceSchema } from '../../../shared/model/drift';
import { AppError, toErrorData } from '../../../shared/model/errors';
import { activeSchema, activeTarget, useAppStore, type AppState } from '../state';
import { api } from './client';
import { methodForSymbol } from './drift-symbols';
import { openMethod } from './schema-actions';
import { workspaceEnvironment } from './workspace-environment';

/** The other side as the user chose it, or an error saying what is missing. */
function otherSide(s: AppState): z.input<typeof DriftSourceSchema> {
  const { otherKind, protos, snapshot, address } = s.drift;
  if (otherKind === 'protos') {
    const paths = protos
      .split(/[\n,]/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paths.length === 0) throw new AppError('VALIDATION', 'Name the .proto files or folders to compare with.');
    return { kind: 'protos', paths };
  }
  if (otherKind === 'snapshot') {
    if (!snapshot.trim()) throw new AppError('VALIDATION', 'Pick a snapshot, or type the path of one.');
    return { kind: 'snapshot', path: snapshot.trim() };
  }
  if (!address.trim()) throw new AppError('VALIDATION', 'Type the address of the other server.');
  // The same connection settings (TLS, authority), its schema asked by reflection.
  const { schema: _schema, ...connection } = activeTarget(s);
  return { kind: 'target', target: { ...connection, address: address.trim() } };
}

/** Compares the active tab's target (base) with the chosen other side, at the chosen strictness. */
export async function compareDrift(): Promise<void> {
  const s = useAppStore.getState();
  const { updateDrift } = s;
  try {
    const other = otherSide(s);
    if (!activeTarget(s).address.trim()) throw new AppError('VALIDATION', 'Enter a server address first.');
    updateDrift({ result: { status: 'running' } });
    const report = await api().request('drift.compare', {
      base: { kind: 'target', target: activeTarget(s) },
      other,
      category: s.drift.category,
      ...workspaceEnvironment(s),
    });
    useAppStore.getState().updateDrift({ result: { status: 'done', report } });
  } catch (error) {
    useAppStore.getState().updateDrift({ result: { status: 'error', error: toErrorData(error) } });
  }
}

/** The open workspace's snapshots, for the picker. */
export async function listSnapshots(): Promise<void> {
  const root = useAppStore.getState().workspace?.root;
  if (!root) return useAppStore.getState().updateDrift({ snapshots: [] });
  try {
    const snapshots = await api().request('drift.snapshots', { root });
    useAppStore.getState().updateDrift({ snapshots });
  } catch {
    useAppStore.getState().updateDrift({ snapshots: [] }); // the picker falls back to a typed path
  }
}

/** Saves the active target's schema as a snapshot in the workspace's snapshots/ folder. */
export async function saveDriftSnapshot(name: string): Promise<void> {
  const s = useAppStore.getState();
  if (!s.workspace) {
    s.updateDrift({
      saveNote: { ok: false, text: "Open a workspace first: snapshots are saved in its 'snapshots' folder." },
    });
    return;
  }
  try {
    const saved = await api().request('drift.saveSnapshot', {
      source: { kind: 'target', target: activeTarget(s) },
      name,
      ...workspaceEnvironment(s),
    });
    useAppStore.getState().updateDrift({ saveNote: { ok: true, text: `Saved ${saved.path}` } });
    await listSnapshots();
  } catch (error) {
    useAppStore.getState().updateDrift({ saveNote: { ok: false, text: toErrorData(error).message } });
  }
}

/** Shows a finding's symbol in the service tree: selects (opens) the method it leads to. */
export async function revealSymbol(symbol: string): Promise<void> {
  const s = useAppStore.getState();
  const schema = activeSchema(s);
  if (schema.status !== 'ready') return;
  const method = methodForSymbol(schema.value, symbol);
  if (!method) return;
  s.setServiceFilter('');
  s.setSidebarView('services');
  await openMethod(method);
}
