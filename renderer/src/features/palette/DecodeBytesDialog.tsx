import { useEffect, useId, useState } from 'react';
import type { DecodedBytes } from '../../../../shared/model/formats';
import { toErrorData, type ErrorData } from '../../../../shared/model/errors';
import { decodePastedBytes, messageTypes } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorBox } from '../../ui/ErrorBox';
import { JsonEditor } from '../../ui/monaco/lazy';
import { WireView } from '../../ui/WireView';

/**
 * Paste a message's bytes (hexadecimal or base64, as logs and debuggers print them) and read
 * them as any message type of the active tab's schema, or raw, as the wire has them.
 */
export function DecodeBytesDialog({ onClose }: { onClose: () => void }) {
  const [bytes, setBytes] = useState('');
  const [type, setType] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [result, setResult] = useState<{ decoded: DecodedBytes } | { error: ErrorData } | undefined>();
  const listId = useId();

  useEffect(() => {
    // Without a schema the picker stays empty and the bytes still decode raw.
    messageTypes().then(setTypes, () => setTypes([]));
  }, []);

  const decode = () => {
    decodePastedBytes(bytes, type.trim() || undefined).then(
      (decoded) => setResult({ decoded }),
      (error: unknown) => setResult({ error: toErrorData(error) }),
    );
  };

  return (
    <Dialog
      title="Decode bytes"
      onClose={onClose}
      onSubmit={decode}
      dismissLabel="Close"
      wide
      actions={
        <button type="submit" className="primary">
          Decode
        </button>
      }
    >
      <label className="field decode-field">
        <span>Bytes (hexadecimal or base64)</span>
        <textarea
          aria-label="Bytes to decode"
          rows={4}
          value={bytes}
          placeholder="08 96 01   or   CJYB"
          onChange={(e) => setBytes(e.target.value)}
        />
      </label>
      <label className="field decode-field">
        <span>As message type (empty: raw, without a schema)</span>
        <input
          aria-label="Message type"
          list={listId}
          value={type}
          placeholder="pkg.Message"
          onChange={(e) => setType(e.target.value)}
        />
        <datalist id={listId}>
          {types.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      {result && 'error' in result && <ErrorBox title="The bytes could not be read" error={result.error} />}
      {result && 'decoded' in result && (
        <div className="decoded-bytes" data-testid="decoded-bytes">
          {result.decoded.error && <p className="wire-error">{result.decoded.error}</p>}
          {result.decoded.json !== undefined && (
            <JsonEditor
              documentId="decoded-bytes"
              value={result.decoded.json}
              readOnly
              ariaLabel="Decoded message JSON"
              testId="decoded-json"
            />
          )}
          <WireView base64={result.decoded.base64} tree={result.decoded.tree} />
        </div>
      )}
    </Dialog>
  );
}
