import { AppError } from '../../../shared/model/errors';
import type { CallHandle } from '../calls';

interface Entry {
  handle?: CallHandle;
  /** Its user cancelled it before it started: cancel it as it does. */
  cancelOnStart?: boolean;
  /** Settles when the call starts (or never will). */
  started: Promise<CallHandle>;
  resolve(handle: CallHandle): void;
  reject(error: AppError): void;
}

/**
 * The calls one connection opened, by the id its caller minted. The id is reserved the moment
 * call.open arrives, before the schema loads, so a caller may send right after opening (its
 * sends wait for the call to start, in order) and a duplicate id is refused before anything
 * starts. Closing the connection cancels every call it owns.
 */
export class CallRegistry {
  private readonly calls = new Map<string, Entry>();

  reserve(callId: string): void {
    if (this.calls.has(callId)) throw new AppError('VALIDATION', `A call with id '${callId}' is already open`);
    let resolve!: (handle: CallHandle) => void;
    let reject!: (error: AppError) => void;
    const started = new Promise<CallHandle>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    started.catch(() => undefined); // nobody may be waiting; a rejection is not a crash
    this.calls.set(callId, { started, resolve, reject });
  }

  /** The call behind a reserved id started. Returns false (and cancels it) if the id was released meanwhile. */
  attach(callId: string, handle: CallHandle): boolean {
    const entry = this.calls.get(callId);
    if (!entry || entry.handle) {
      handle.cancel();
      return false;
    }
    entry.handle = handle;
    entry.resolve(handle);
    if (entry.cancelOnStart) handle.cancel();
    return true;
  }

  /**
   * Cancels a call as its user asked: it ends with its CANCELLED status through the usual path.
   * One still opening is cancelled as it starts; an id no longer open ended meanwhile (no error).
   */
  cancel(callId: string): void {
    const entry = this.calls.get(callId);
    if (!entry) return;
    if (entry.handle) entry.handle.cancel();
    else entry.cancelOnStart = true;
  }

  /** The started call, waiting for it if it is still opening. */
  async whenStarted(callId: string): Promise<CallHandle> {
    const entry = this.calls.get(callId);
    if (!entry) throw new AppError('NOT_FOUND', `No open call with id '${callId}' (it may have finished)`);
    return entry.handle ?? entry.started;
  }

  /** The call ended, failed to start or was cancelled. Idempotent. */
  release(callId: string): void {
    const entry = this.calls.get(callId);
    if (!entry) return;
    this.calls.delete(callId);
    if (!entry.handle) entry.reject(new AppError('NOT_FOUND', `Call '${callId}' ended before it started`));
  }

  cancelAll(): void {
    for (const [callId, entry] of [...this.calls]) {
      entry.handle?.cancel();
      this.release(callId);
    }
  }
}
