import { Keyboard, Lightbulb, Play, X } from 'lucide-react';
import { openMethod } from '../../api';
import { activeSchema, useAppStore } from '../../state';
import { Button } from '../../ui/Button';
import { IconButton } from '../../ui/IconButton';
import { Kbd } from '../../ui/Kbd';

/** The demo server's first call: a unary method that answers at once. */
export const DEMO_FIRST_CALL = 'loupe.demo.v1.Demo.GetSample';

/**
 * A new user's first steps, where the response will appear: the demo's first call and the keys
 * that matter. Dismissed once, it stays dismissed (remembered in the window's storage).
 */
export function FirstRunHint() {
  const dismissed = useAppStore((s) => s.firstRunHintDismissed);
  const dismiss = useAppStore((s) => s.dismissFirstRunHint);
  const setWindowDialog = useAppStore((s) => s.setWindowDialog);
  const hasDemo = useAppStore((s) => {
    const schema = activeSchema(s);
    return (
      schema.status === 'ready' &&
      schema.value.services.some((v) => v.methods.some((m) => m.fullName === DEMO_FIRST_CALL))
    );
  });
  if (dismissed) return null;
  return (
    <section className="first-run" aria-label="Getting started">
      <header className="first-run-header">
        <Lightbulb size={16} aria-hidden="true" />
        <h2>Getting started</h2>
        <IconButton label="Dismiss getting started" icon={<X />} size="sm" onClick={dismiss} />
      </header>
      <ol className="first-run-steps">
        <li>
          {hasDemo ? (
            <>
              The demo server is loaded. Open its first call, <code>GetSample</code>, from <em>Services</em> on the
              left, or find any method with <Kbd keys="Mod+K" />.
            </>
          ) : (
            <>
              Type a server&rsquo;s <code>host:port</code> above and press <em>Reflect</em>, then pick a method on the
              left or find one with <Kbd keys="Mod+K" />.
            </>
          )}
        </li>
        <li>
          Edit the JSON body, then send with <Kbd keys="Mod+Enter" />. The status, response, headers and trailers show
          here.
        </li>
        <li>
          Everything works from the keyboard: press <Kbd keys="?" /> for the list of shortcuts.
        </li>
      </ol>
      <div className="first-run-actions">
        {hasDemo && (
          <Button variant="primary" icon={<Play />} onClick={() => void openMethod(DEMO_FIRST_CALL)}>
            Open GetSample
          </Button>
        )}
        <Button icon={<Keyboard />} onClick={() => setWindowDialog('shortcuts')}>
          Keyboard shortcuts
        </Button>
        <Button variant="ghost" onClick={dismiss}>
          Got it
        </Button>
      </div>
    </section>
  );
}
