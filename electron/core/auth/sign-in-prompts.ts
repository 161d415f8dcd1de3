import type { AuthSignIn } from '../../../shared/model/auth';
import { authError } from './auth-error';
import type { AuthHost } from './oauth2-flows';

/**
 * The engine's side of a browser sign-in: the host opens the page where it can (the desktop
 * app's system browser), and every window that listens is told, so it can show the device code
 * or, in browser mode, a link to open (a page may open a tab only on a click).
 */
export class SignInPrompts implements AuthHost {
  private readonly listeners = new Set<(prompt: AuthSignIn) => void>();

  /** `open` opens a URL in the system browser and says whether it did. */
  constructor(private readonly open?: (url: string) => boolean) {}

  /** Until the returned function is called. */
  subscribe(listener: (prompt: AuthSignIn) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  openUrl(url: string, purpose: Parameters<AuthHost['openUrl']>[1]): void {
    const openedByHost = this.open?.(url) ?? false;
    if (!openedByHost && this.listeners.size === 0) {
      throw authError(
        'sign-in',
        'the sign-in page cannot be shown: no window is open',
        'Open Loupe’s window and call again, or use `loupe call --auth` from a terminal',
      );
    }
    const prompt: AuthSignIn = {
      url,
      flow: purpose.flow,
      openedByHost,
      ...(purpose.flow === 'device-code' ? { userCode: purpose.userCode } : {}),
    };
    for (const listener of this.listeners) listener(prompt);
  }
}
