import { toErrorData } from '../../../../shared/model/errors';
import { api } from '../../api';
import type { TimelineLog } from '../../state';
import { MatchingRows } from './row-source';

/**
 * Rows whose message JSON contains a text. The JSON lives in the engine, so the engine searches
 * (call.find) and answers positions; new messages of a running call are searched as they come,
 * from where the last search stopped. One search in flight at a time.
 */
export class TextSearch {
  readonly rows: MatchingRows;
  private scannedTo = 0;
  private inFlight = false;
  private disposed = false;
  error: string | undefined;

  constructor(
    private readonly callId: string,
    private readonly log: TimelineLog,
    readonly text: string,
    readonly direction: 'sent' | 'received' | undefined,
    private readonly onChange: () => void,
  ) {
    this.rows = new MatchingRows(log);
  }

  get searching(): boolean {
    return this.inFlight;
  }

  /** Searches what arrived since the last search; call when the log grows. */
  update(): void {
    if (this.inFlight || this.disposed || this.scannedTo >= this.log.messages) return;
    this.inFlight = true;
    const input = {
      callId: this.callId,
      text: this.text,
      from: this.scannedTo,
      ...(this.direction ? { direction: this.direction } : {}),
    };
    api()
      .request('call.find', input)
      .then(
        (result) => {
          if (this.disposed) return;
          for (const position of result.positions) {
            const row = this.log.rowOfPosition(position);
            if (row !== undefined) this.rows.push(row);
          }
          this.scannedTo = Math.max(result.scannedTo, result.first);
          this.error = undefined;
        },
        (error: unknown) => {
          if (this.disposed) return;
          this.error = toErrorData(error).message;
          this.scannedTo = this.log.messages; // do not retry in a loop; a new search starts over
        },
      )
      .finally(() => {
        this.inFlight = false;
        if (this.disposed) return;
        this.onChange();
        this.update();
      });
    this.onChange();
  }

  dispose(): void {
    this.disposed = true;
  }
}
