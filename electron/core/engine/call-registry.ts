import { AppError } from '../../../shared/model/errors';
import type { CallHandle } from '../calls';

/**
 * The calls one connection opened, by the id its caller minted. Sends and half-closes are only
 * accepted for the connection's own calls; closing the connection cancels them all.
 */
export class CallRegistry {
  private readonly calls = new Map<string, CallHandle>();

  add(callId: string, handle: CallHandle): void {
    if (this.calls.has(callId)) throw new AppError('VALIDATION', `A call with id '${callId}' is already open`);
    this.calls.set(callId, handle);
  }

  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  remove(callId: string): void {
    this.calls.delete(callId);
  }

  get(callId: string): CallHandle {
    const handle = this.calls.get(callId);
    if (!handle) throw new AppError('NOT_FOUND', `No open call with id '${callId}' (it may have finished)`);
    return handle;
  }

  cancelAll(): void {
    for (const handle of this.calls.values()) handle.cancel();
    this.calls.clear();
  }
}
