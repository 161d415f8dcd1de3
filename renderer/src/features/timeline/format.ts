import { describeAuthApplied } from '../../../../shared/model/auth';
import { PROTOCOL_LABELS } from '../../../../shared/model/target';
import type { CallEvent } from '../../../../shared/model/call';
import { testLine } from '../../../../shared/model/scripts';

/** "+12.3 ms", "+4.56 s", "+2:03.4". */
export function formatRelative(ms: number): string {
  if (ms < 1000) return `+${ms.toFixed(1)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `+${minutes}:${((ms % 60_000) / 1000).toFixed(1).padStart(4, '0')}`;
}

export { formatClock } from '../../ui/clock';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export { formatCount } from '../../ui/numbers';

/** One line for a non-message event of the timeline. */
export function describeEvent(event: CallEvent | undefined): { label: string; text: string; problem: boolean } {
  switch (event?.type) {
    case 'started':
      return {
        label: 'Started',
        text: `${event.method} on ${event.target}${
          event.exchange
            ? ` over ${PROTOCOL_LABELS[event.exchange.protocol]} (HTTP/${event.exchange.httpVersion}, ${event.exchange.contentType})`
            : ''
        }${event.exchange?.proxy ? ` through the proxy ${event.exchange.proxy}` : ''}${event.auth ? ` · auth: ${describeAuthApplied(event.auth)}` : ''}`,
        problem: false,
      };
    case 'headers':
      return { label: 'Headers', text: metadataLine(event.metadata), problem: false };
    case 'trailers':
      return { label: 'Trailers', text: metadataLine(event.metadata), problem: false };
    case 'half-closed':
      return { label: 'Half-closed', text: 'the client sent its last message', problem: false };
    case 'status':
      return {
        label: `Status ${event.status.code} ${event.status.name}`,
        text: event.status.message,
        problem: event.status.code !== 0,
      };
    case 'error':
      return { label: 'Error', text: event.hint ? `${event.message} (${event.hint})` : event.message, problem: true };
    case 'scripts':
      return {
        label: 'Scripts',
        text: event.trusted
          ? `ran ${event.files.join(', ')}`
          : `held back, the workspace folder is not trusted: ${event.files.join(', ')}`,
        problem: false,
      };
    case 'log':
      return { label: 'Log', text: withFile(`${event.hook}: ${event.text}`, event.file), problem: false };
    case 'test':
      return {
        label: event.result.passed ? 'Test passed' : 'Test failed',
        text: withFile(testLine(event.result), event.result.file),
        problem: !event.result.passed,
      };
    default:
      return { label: 'Event', text: '', problem: false };
  }
}

function metadataLine(entries: Array<{ name: string; value: string }>): string {
  if (entries.length === 0) return '(none)';
  return entries.map((e) => `${e.name}: ${e.value}`).join(', ');
}

/** A script's line, with the file it came from (the engine's own notes have none). */
function withFile(text: string, file: string): string {
  return file ? `${text} — ${file}` : text;
}
