import type { ReactNode } from 'react';
import type { MethodDetails } from '../../../../shared/contract';
import { JsonEditor } from '../../ui/monaco/lazy';
import { RequestForm } from './form/RequestForm';
import { TextBodyView } from './TextBodyView';

/** What every view of the request body gets: the body's JSON text stays the one source of truth. */
export interface BodyViewProps {
  tabId: string;
  /** The body as JSON text, exactly as the user typed it. */
  text: string;
  /** Replaces the body's JSON text (each view writes JSON, so the others follow). */
  onChange: (text: string) => void;
  details: MethodDetails;
  onSubmit: () => void;
}

export interface BodyView {
  id: string;
  label: string;
  /** Said on hover: what the view is for. */
  title: string;
  render: (props: BodyViewProps) => ReactNode;
}

/**
 * The ways to see and edit a request body, in the order of the switch. A view is one entry here:
 * it reads the JSON text and writes JSON text back.
 */
export const BODY_VIEWS: readonly BodyView[] = [
  {
    id: 'json',
    label: 'JSON',
    title: 'The body as proto3 JSON, with completion and validation',
    // One Monaco model per tab: each tab keeps its own undo history.
    render: ({ tabId, text, onChange, details, onSubmit }) => (
      <JsonEditor
        documentId={tabId}
        value={text}
        onChange={onChange}
        schema={details.requestSchema}
        onSubmit={onSubmit}
        ariaLabel="Request body"
        testId="request-editor"
      />
    ),
  },
  {
    id: 'form',
    label: 'Form',
    title: 'The body as a form of its fields; edits rewrite the JSON',
    render: ({ tabId, text, onChange, details }) => (
      <RequestForm tabId={tabId} text={text} onChange={onChange} typeName={details.method.requestType} />
    ),
  },
  {
    id: 'text',
    label: 'Text',
    title: 'The body in protobuf text format (as protoc --encode reads it); converted through the engine',
    render: (props) => <TextBodyView {...props} />,
  },
];
