import type { ReactNode } from 'react';
import { scriptChanged, useAppStore } from '../../state';
import { Tabs } from '../../ui/Tabs';

/** Body or Script: what the request panel shows of the tab (the choice holds across tabs). */
export function RequestParts({ tabId, actions }: { tabId: string; actions: ReactNode }) {
  const part = useAppStore((s) => s.requestPart);
  const setPart = useAppStore((s) => s.setRequestPart);
  const edited = useAppStore((s) => scriptChanged(s.tabs[tabId]?.script));
  const hasScript = useAppStore((s) => (s.tabs[tabId]?.script?.text.trim() ?? '') !== '');
  const parts: Array<{ id: 'body' | 'script'; label: string; title?: string }> = [
    { id: 'body', label: 'Body' },
    {
      id: 'script',
      label: `Script${hasScript ? ' •' : ''}`,
      ...(edited ? { title: 'The script has unsaved changes; Send runs it as it is here' } : {}),
    },
  ];
  return (
    <div className="request-parts">
      <Tabs
        label="Request parts"
        items={parts.map((p) => ({
          ...p,
          label: (
            <>
              {p.label}
              {p.id === 'script' && edited && <span className="edited-mark"> (edited)</span>}
            </>
          ),
        }))}
        selected={part}
        onSelect={setPart}
      />
      <span className="spacer" />
      <div className="request-actions">{actions}</div>
    </div>
  );
}
