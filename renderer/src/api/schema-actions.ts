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

/** Opens a method: in the current tab while it is untouched, else in a new tab. */
export async function openMethod(fullName: string): Promise<void> {
  useAppStore.getState().openMethodInTab(fullName);
  await loadMethodDetails(fullName);
}

/**
 * Fetches what the editor needs for a method (once per schema load) and gives tabs still waiting
 * for its template that template. Tabs restored from the last session call this too.
 */
export async function loadMethodDetails(fullName: string): Promise<void> {
  const state = useAppStore.getState();
  const known = state.methodDetails[fullName];
  if (known?.status === 'ready') state.fillTemplate(fullName, known.value.template);
  if (known && known.status !== 'error') return;
  state.setMethodDetails(fullName, { status: 'loading' });
  try {
    const details = await api().request('schema.method', { target: state.target, method: fullName });
    const now = useAppStore.getState();
    now.setMethodDetails(fullName, { status: 'ready', value: details });
    now.fillTemplate(fullName, details.template);
  } catch (error) {
    useAppStore.getState().setMethodDetails(fullName, { status: 'error', error: toErrorData(error) });
  }
}
