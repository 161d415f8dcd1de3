/**
 * A minimal cancellation signal. shared/ has no DOM or Node typings, so it cannot rely on
 * AbortSignal's declarations; this is all the RPC needs.
 */
export class CancelSignal {
  private listeners: Array<(reason: string) => void> = [];
  private reasonText: string | undefined;

  get cancelled(): boolean {
    return this.reasonText !== undefined;
  }

  get reason(): string | undefined {
    return this.reasonText;
  }

  /** Runs at once if already cancelled. Returns an unsubscribe function. */
  onCancel(listener: (reason: string) => void): () => void {
    if (this.reasonText !== undefined) {
      listener(this.reasonText);
      return () => undefined;
    }
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Idempotent: only the first reason counts. */
  cancel(reason = 'cancelled'): void {
    if (this.reasonText !== undefined) return;
    this.reasonText = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener(reason);
  }
}
