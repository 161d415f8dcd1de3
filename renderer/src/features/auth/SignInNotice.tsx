import { useEffect, useState } from 'react';
import type { AuthSignIn } from '../../../../shared/model/auth';
import { api } from '../../api';

/**
 * A sign-in the engine is waiting for: the desktop app has opened the page in the system browser
 * already; in browser mode the link opens it (a page may open a tab only on a click). The device
 * flow's code is shown to type there. Dismissed by the user, or replaced by the next sign-in.
 */
export function SignInNotice() {
  const [prompt, setPrompt] = useState<AuthSignIn | undefined>();
  useEffect(() => {
    const subscription = api().subscribe(
      'auth.signIns',
      {},
      { onEvents: (prompts) => setPrompt(prompts.at(-1)), onEnd: () => undefined },
    );
    return () => subscription.cancel();
  }, []);
  if (!prompt) return null;
  return (
    <div className="sign-in-notice" role="status" aria-label="Sign-in">
      <span>
        {prompt.openedByHost ? 'Sign in in the browser window that opened' : 'A call is waiting for you to sign in'}
        {prompt.userCode ? (
          <>
            {' '}
            with the code <code className="sign-in-code">{prompt.userCode}</code>
          </>
        ) : null}
        .
      </span>
      <a href={prompt.url} target="_blank" rel="noopener noreferrer">
        {prompt.openedByHost ? 'Open it again' : 'Open the sign-in page'}
      </a>
      <button type="button" onClick={() => setPrompt(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
