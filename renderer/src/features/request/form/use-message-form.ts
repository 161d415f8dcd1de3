import { useEffect, useState } from 'react';
import type { ErrorData } from '../../../../../shared/model/errors';
import { toErrorData } from '../../../../../shared/model/errors';
import type { MessageForm } from '../../../../../shared/model/message-form';
import { loadMessageForm } from '../../../api';

export type LoadedForm =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; form: MessageForm }
  | { status: 'error'; error: ErrorData };

/** The form description of a message type of the active tab's schema (none for no type). */
export function useMessageForm(typeName: string | undefined): LoadedForm {
  const [result, setResult] = useState<{ typeName: string; loaded: LoadedForm } | undefined>();
  useEffect(() => {
    if (!typeName) return;
    let live = true;
    loadMessageForm(typeName).then(
      (form) => live && setResult({ typeName, loaded: { status: 'ready', form } }),
      (error: unknown) => live && setResult({ typeName, loaded: { status: 'error', error: toErrorData(error) } }),
    );
    return () => {
      live = false;
    };
  }, [typeName]);
  if (!typeName) return { status: 'none' };
  return result?.typeName === typeName ? result.loaded : { status: 'loading' };
}
