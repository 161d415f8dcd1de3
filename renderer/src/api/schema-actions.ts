import { toErrorData } from '../../../shared/model/errors';
import { rememberTarget, useAppStore } from '../state';
import { api } from './client';

/** Loads (or reloads) the current target's schema into the store. */
export async function loadSchema(refresh = false): Promise<void> {
  const { target, setSchema } = useAppStore.getState();
  setSchema({ status: 'loading' });
  try {
    const summary = await api().request('schema.load', { target, refresh });
    rememberTarget(target);
    setSchema({ status: 'ready', value: summary });
  } catch (error) {
    setSchema({ status: 'error', error: toErrorData(error) });
  }
}

/** Selects a method and fetches what the editor needs for it (once per schema load). */
export async function openMethod(fullName: string): Promise<void> {
  const state = useAppStore.getState();
  state.selectMethod(fullName);
  const known = state.methodDetails[fullName];
  if (known && known.status !== 'error') return;
  state.setMethodDetails(fullName, { status: 'loading' });
  try {
    const details = await api().request('schema.method', { target: state.target, method: fullName });
    const now = useAppStore.getState();
    now.setMethodDetails(fullName, { status: 'ready', value: details });
    if (now.bodies[fullName] === undefined) now.setBody(fullName, details.template);
  } catch (error) {
    useAppStore.getState().setMethodDetails(fullName, { status: 'error', error: toErrorData(error) });
  }
}
