import { Fragment } from 'react';
import { useAppStore } from '../../state';
import { Dialog } from '../../ui/Dialog';
import { Kbd } from '../../ui/Kbd';
import { SHORTCUTS, type Shortcut } from './shortcuts';

const GROUPS: Array<Shortcut['group']> = ['Requests', 'Window', 'Lists and tabs'];

/** The shortcut list, on `?` or from the palette: read from the same list the handler acts on. */
export function ShortcutHelp() {
  const open = useAppStore((s) => s.windowDialog === 'shortcuts');
  const setWindowDialog = useAppStore((s) => s.setWindowDialog);
  if (!open) return null;
  return (
    <Dialog title="Keyboard shortcuts" dismissLabel="Close" readingBody onClose={() => setWindowDialog(undefined)}>
      <div className="shortcut-help">
        {GROUPS.map((group) => (
          <section key={group} aria-label={group}>
            <h3>{group}</h3>
            <dl>
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <Fragment key={s.id}>
                  <dt>
                    {s.keys.map((k, i) => (
                      <Fragment key={k}>
                        {i > 0 && <span className="shortcut-or"> </span>}
                        <Kbd keys={k} />
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{s.description}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
