import { useEffect, useRef } from 'react';
import { declareScriptApi, followOsTheme, monaco, prefersDark, setModelSchema } from './setup';
import { registerTextFormat } from './text-format-language';

const EXTENSIONS = { json: 'json', javascript: 'js', textproto: 'txtpb' } as const;

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
  /**
   * JSON by default; 'javascript' is a workspace script, with the script API's completion;
   * 'textproto' is protobuf text format.
   */
  language?: 'json' | 'javascript' | 'textproto';
  /** Problems to mark in the text (e.g. where the engine found text format wrong). */
  markers?: EditorMarker[];
}

export interface EditorMarker {
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

let themeFollowed = false;

/**
 * Read-only documents longer than this are shown as plain text: Monaco's JSON language service
 * copies every model, line by line, into its worker, which for a 20 MB response held the main
 * thread for several hundred milliseconds (profiled). Such a view keeps search and selection.
 */
const LARGE_VIEW_CHARS = 2 * 1024 * 1024;

/**
 * The text each read-only model was last given, so an unchanged value costs no getValue() of a
 * huge model. (Editable models are compared with their real content: the user types into them.)
 */
const shownText = new WeakMap<monaco.editor.ITextModel, string>();

/**
 * Monaco holding JSON (or a script). The editor instance lives as long as the component; models
 * per document.
 */
export function JsonEditor({
  documentId,
  value,
  onChange,
  readOnly,
  schema,
  onSubmit,
  ariaLabel,
  testId,
  language: documentLanguage = 'json',
  markers,
}: JsonEditorProps) {
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
      // A viewer needs none of the features that copy the whole model into Monaco's editor
      // worker (colour swatches, link detection, unicode checks, word highlights): with a 20 MB
      // response, that copy alone held the main thread for over 100 ms.
      ...(readOnly
        ? {
            colorDecorators: false,
            defaultColorDecorators: 'never' as const,
            links: false,
            occurrencesHighlight: 'off' as const,
            selectionHighlight: false,
            wordBasedSuggestions: 'off' as const,
            unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
          }
        : {}),
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
    const extension = EXTENSIONS[documentLanguage];
    if (documentLanguage === 'textproto') registerTextFormat();
    const uri = monaco.Uri.parse(
      `inmemory://loupe/${readOnly ? 'view' : 'edit'}/${encodeURIComponent(documentId)}.${extension}`,
    );
    if (documentLanguage === 'javascript') declareScriptApi();
    const language = readOnly && value.length > LARGE_VIEW_CHARS ? 'plaintext' : documentLanguage;
    let model = monaco.editor.getModel(uri);
    if (!model) {
      model = monaco.editor.createModel(value, language, uri);
    } else if ((readOnly ? shownText.get(model) : model.getValue()) !== value) {
      if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
      model.setValue(value);
    }
    shownText.set(model, value);
    if (editor.getModel() !== model) editor.setModel(model);
    // A script's long lines wrap: it is read as prose-like code, not scrolled sideways like data.
    editor.updateOptions({ wordWrap: documentLanguage === 'javascript' ? 'on' : 'off' });
    if (!readOnly && documentLanguage === 'json') setModelSchema(uri.toString(), schema);
  }, [documentId, value, schema, readOnly, documentLanguage]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'loupe',
      (markers ?? []).map((m) => ({
        severity: monaco.MarkerSeverity.Error,
        message: m.message,
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.line,
        endColumn: model.getLineMaxColumn(Math.min(m.line, model.getLineCount())),
      })),
    );
  }, [markers, documentId, value]);

  return <div className="json-editor" ref={host} data-testid={testId} />;
}
