import type { MessageFormat } from '../../../shared/model/formats';
import { activeTarget, environmentFor, useAppStore } from '../state';
import { api } from './client';

/*
 * A message in its other forms, converted and decoded by the engine (the window only shows):
 * text format, the wire tree, pasted bytes. All against the active tab's target and environment.
 */

function targetInput() {
  const target = activeTarget(useAppStore.getState());
  return { target, ...environmentFor(target) };
}

/** One message of the active schema from one form to another, exactly; a mistake is an AppError with line and column. */
export function convertMessage(type: string, from: MessageFormat, to: MessageFormat, body: string): Promise<string> {
  return api().request('message.convert', { ...targetInput(), type, from, to, body });
}

export function messageTypes(): Promise<string[]> {
  return api().request('schema.messageTypes', targetInput());
}

export function decodePastedBytes(bytes: string, type: string | undefined) {
  return api().request('bytes.decode', { ...targetInput(), bytes, ...(type ? { type } : {}) });
}

/**
 * A body shown in a view other than JSON writes JSON only once its text converts; until then,
 * sending must wait for it and must not send the JSON of before. Each such view registers here
 * how to bring the JSON up to date (false: its text is not a valid message, and it says why).
 */
const bodyFlushes = new Map<string, () => Promise<boolean>>();

export function registerBodyFlush(tabId: string, flush: () => Promise<boolean>): () => void {
  bodyFlushes.set(tabId, flush);
  return () => {
    if (bodyFlushes.get(tabId) === flush) bodyFlushes.delete(tabId);
  };
}

/** Whether the tab's body may be sent as its JSON now stands; undefined when no view holds it back. */
export function flushBody(tabId: string): Promise<boolean> | undefined {
  return bodyFlushes.get(tabId)?.();
}
