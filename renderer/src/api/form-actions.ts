import type { MessageForm } from '../../../shared/model/message-form';
import { activeSchema, activeTarget, environmentFor, targetKey, useAppStore } from '../state';
import { api } from './client';

/**
 * Form descriptions of message types, per target and schema load: the request's type when the
 * Form view opens, an Any's chosen type when picked. A failed fetch is forgotten, so a retry asks again.
 */
const forms = new Map<string, Promise<MessageForm>>();

export function loadMessageForm(typeName: string): Promise<MessageForm> {
  const state = useAppStore.getState();
  const target = activeTarget(state);
  const schema = activeSchema(state);
  const key = `${targetKey(target)}|${schema.status === 'ready' ? schema.value.loadedAt : ''}|${typeName}`;
  let form = forms.get(key);
  if (!form) {
    form = api().request('schema.form', { target, typeName, ...environmentFor(target) });
    forms.set(key, form);
    form.catch(() => forms.delete(key));
  }
  return form;
}
