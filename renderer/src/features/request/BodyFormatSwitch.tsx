import { useState } from 'react';
import type { MethodDetails } from '../../../../shared/contract';
import { JsonEditor } from '../../ui/monaco/lazy';
import { TextBodyView } from './TextBodyView';

const FORMATS = [
  { id: 'json', label: 'JSON', title: 'The body as proto3 JSON, with completion and validation' },
  { id: 'text', label: 'Text', title: 'The body in protobuf text format (as protoc --encode reads it)' },
] as const;

type BodyFormat = (typeof FORMATS)[number]['id'];

interface RequestBodyProps {
  tabId: string;
  text: string;
  onChange: (json: string) => void;
  details: MethodDetails;
  onSubmit: () => void;
}

/**
 * JSON | Text: which form of the request body is edited. The JSON stays the body; the text view
 * converts through the engine. (A switch shared with other views of the body may replace this.)
 */
export function RequestBody(props: RequestBodyProps) {
  const [format, setFormat] = useState<BodyFormat>('json');
  return (
    <>
      <div role="tablist" aria-label="Body format" className="tabs body-formats">
        {FORMATS.map((f) => (
          <button
            key={f.id}
            role="tab"
            type="button"
            aria-selected={format === f.id}
            className={format === f.id ? 'active' : ''}
            title={f.title}
            onClick={() => setFormat(f.id)}
          >
            {f.label}
          </button>
        ))}
      </div>
      {format === 'text' ? (
        <TextBodyView {...props} />
      ) : (
        // One Monaco model per tab: each tab keeps its own undo history.
        <JsonEditor
          documentId={props.tabId}
          value={props.text}
          onChange={props.onChange}
          schema={props.details.requestSchema}
          onSubmit={props.onSubmit}
          ariaLabel="Request body"
          testId="request-editor"
        />
      )}
    </>
  );
}
