import { useEffect, useRef } from 'react';
import { monaco, prefersDark } from './setup';

export interface DiffViewProps {
  original: string;
  modified: string;
  ariaLabel: string;
  testId?: string;
  /** Wrap long lines (a long string value stays readable without scrolling sideways). */
  wrap?: boolean;
}

/** Two JSON texts side by side with their differences marked (Monaco's diff editor), read-only. */
export function DiffView({ original, modified, ariaLabel, testId, wrap = false }: DiffViewProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.createDiffEditor(host.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      wordWrap: wrap ? 'on' : 'off',
      diffWordWrap: wrap ? 'on' : 'off',
      ariaLabel,
      theme: prefersDark() ? 'vs-dark' : 'vs',
    });
    // Models of their own, freed with the view: a diff is shown, never edited.
    const left = monaco.editor.createModel(original, 'json');
    const right = monaco.editor.createModel(modified, 'json');
    editor.setModel({ original: left, modified: right });
    // Laid out again whenever the host's size changes: a diff created inside a dialog measures
    // before the dialog opens (showModal runs in the dialog's effect, after this one).
    const hostElement = host.current;
    const resized = new ResizeObserver(() => editor.layout());
    resized.observe(hostElement);
    return () => {
      resized.disconnect();
      editor.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, ariaLabel, wrap]);
  return <div className="diff-view" ref={host} data-testid={testId} />;
}
