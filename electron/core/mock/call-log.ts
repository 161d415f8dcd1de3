import type { DescMethod } from '@bufbuild/protobuf';
import type { Made } from './answer';
import { DEFAULT_RULE } from './answer-plan';
import type { MockCallEntry } from '../../../shared/model/mock';

export type { MockCallEntry };

/** Requests kept per logged call: a log line is a summary, not a recording. */
const MAX_LOGGED = 20;

/** Builds one call's entry as the call goes, and hands it over once, when the call ends. */
export class CallLog {
  readonly entry: MockCallEntry;
  private done = false;

  constructor(
    method: DescMethod,
    private readonly now: () => number,
    private readonly onCall: (entry: MockCallEntry) => void,
  ) {
    this.entry = {
      method: `${method.parent.typeName}/${method.name}`,
      requests: [],
      rule: DEFAULT_RULE,
      responses: 0,
      code: 0,
      message: '',
      startedAt: now(),
      durationMs: 0,
    };
  }

  get finished(): boolean {
    return this.done;
  }

  received(json: unknown): void {
    if (this.entry.requests.length < MAX_LOGGED) this.entry.requests.push(json);
  }

  sent(made: Made): void {
    if (this.entry.responses === 0) this.entry.answer = made.json;
    this.entry.responses++;
  }

  finish(code: number, message: string): void {
    if (this.done) return;
    this.done = true;
    this.entry.code = code;
    this.entry.message = message;
    this.entry.durationMs = this.now() - this.entry.startedAt;
    this.onCall(this.entry);
  }
}
