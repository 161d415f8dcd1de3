import { useEffect, useRef } from 'react';
import { followOsTheme, monaco, prefersDark, setModelSchema } from './setup';

export interface JsonEditorProps {
  /** Identifies the model, e.g. the method's name: one model (and undo history) per document. */
  documentId: string;
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  /** JSON Schema for validation, completion and hover. */
  schema?: Record<string, unknown>;
  /** Keyboard shortcut Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  ariaLabel: string;
  testId?: string;
}

let themeFollowed = false;

/** Monaco holding JSON. The editor instance lives as long as the component; models per document. */
export function JsonEditor({ documentId, value, onChange, readOnly, schema, onSubmit, ariaLabel, testId }: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const callbacks = useRef({ onChange, onSubmit });
  useEffect(() => {
    callbacks.current = { onChange, onSubmit };
  }, [onChange, onSubmit]);

  useEffect(() => {
    if (!host.current) return;
    if (!themeFollowed) {
      followOsTheme();
      themeFollowed = true;
    }
    const editor = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      readOnly,
      ariaLabel,
      theme: prefersDark() ? 'vs-dark' : 'vs',
      fixedOverflowWidgets: true,
      renderLineHighlight: readOnly ? 'none' : 'line',
    });
    editorRef.current = editor;
    const changes = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (model && !readOnly) callbacks.current.onChange?.(model.getValue());
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onSubmit?.());
    return () => {
      changes.dispose();
      editor.dispose();
      editorRef.current = undefined;
    };
  }, [readOnly, ariaLabel]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const uri = monaco.Uri.parse(`inmemory://loupe/${readOnly ? 'view' : 'edit'}/${encodeURIComponent(documentId)}.json`);
    let model = monaco.editor.getModel(uri);
    if (!model) model = monaco.editor.createModel(value, 'json', uri);
    else if (model.getValue() !== value) model.setValue(value);
    if (editor.getModel() !== model) editor.setModel(model);
    if (!readOnly) setModelSchema(uri.toString(), schema);
  }, [documentId, value, schema, readOnly]);

  return <div className="json-editor" ref={host} data-testid={testId} />;
}
