import { useState } from 'react';
import { isBufCurlCommand, parseBufCurlCommand } from '../../../../shared/workspace/buf-curl';
import { parseGrpcurlCommand } from '../../../../shared/workspace/commands';
import { openUnsavedRequest } from '../../api';
import { ErrorBox } from '../../ui/ErrorBox';
import { Dialog } from '../../ui/Dialog';
import { useAction } from '../../ui/use-action';

/** Reads a pasted grpcurl, buf curl or `loupe call` command into a new tab; a command it cannot read says why. */
export function PasteCommandDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const action = useAction();
  const create = async () => {
    const parse = isBufCurlCommand(text) ? parseBufCurlCommand : parseGrpcurlCommand;
    if (await action.run(() => Promise.resolve(openUnsavedRequest(parse(text))))) onClose();
  };
  return (
    <Dialog
      title="Paste a grpcurl command"
      wide
      onClose={onClose}
      onSubmit={() => void create()}
      actions={
        <button type="submit" className="primary" disabled={!text.trim()}>
          Create tab
        </button>
      }
    >
      <label className="settings-field">
        <span>grpcurl, buf curl or loupe call command</span>
        <textarea
          autoFocus
          rows={6}
          value={text}
          spellCheck={false}
          placeholder={`grpcurl -plaintext -d '{"message": "hi"}' localhost:50051 pkg.Service/Method`}
          onChange={(e) => {
            setText(e.target.value);
            action.clear();
          }}
        />
      </label>
      {action.error && <ErrorBox title="Cannot read this command" error={action.error} />}
    </Dialog>
  );
}
