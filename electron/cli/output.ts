import { reformatJson } from '../../shared/json/json-text';
import type { CallExchange, EngineCallEvent, CallStatus, MetadataEntry } from '../../shared/model/call';
import { describeAuthApplied } from '../../shared/model/auth';
import { PROTOCOL_LABELS } from '../../shared/model/target';
import { describeUnknownField, type UnknownField } from '../../shared/model/unknown-fields';

/** Pretty JSON like grpcurl prints it, each literal as the engine wrote it (a double's -0 stays -0). */
export function pretty(json: string): string {
  return reformatJson(json, 2) ?? json;
}

function metadataLines(md: MetadataEntry[]): string {
  return md.length ? md.map((m) => `${m.name}: ${m.value}`).join('\n') + '\n' : '(empty)\n';
}

/** grpcurl-style status report on stderr for a non-OK status. */
export function formatStatus(status: CallStatus): string {
  let out = `ERROR:\n  Code: ${status.name} (${status.code})\n  Message: ${status.message}\n`;
  if (status.details.length) {
    out += '  Details:\n';
    status.details.forEach((d, i) => {
      const body =
        d.json !== undefined
          ? { '@type': `type.googleapis.com/${d.type}`, ...(d.json as object) }
          : { '@type': `type.googleapis.com/${d.type}`, '@raw': d.raw };
      out += `  ${i + 1}) ${JSON.stringify(body, null, 2).replace(/\n/g, '\n     ')}\n`;
    });
  }
  return out;
}

/** ' over Connect (HTTP/1.1, application/json)': said for the web protocols only, gRPC is the default. */
function exchangeText(exchange: CallExchange | undefined): string {
  const via = exchange?.proxy ? ` through the proxy ${exchange.proxy}` : '';
  if (!exchange || exchange.protocol === 'grpc') return via;
  return ` over ${PROTOCOL_LABELS[exchange.protocol]} (HTTP/${exchange.httpVersion}, ${exchange.contentType})${via}`;
}

/** -v: what was sent and received besides the messages, on stderr. */
export function verboseLine(e: EngineCallEvent, requestMetadata: MetadataEntry[]): string | undefined {
  switch (e.type) {
    case 'started':
      return `Calling ${e.method} (${e.kind.replace('_', '-')}) on ${e.target}${exchangeText(e.exchange)}${e.auth ? `\nAuth: ${describeAuthApplied(e.auth)}` : ''}\n\nRequest metadata to send:\n${metadataLines(requestMetadata)}`;
    case 'headers':
      return `\nResponse headers received:\n${metadataLines(e.metadata)}`;
    case 'trailers':
      return `\nResponse trailers received:\n${metadataLines(e.metadata)}`;
    default:
      return undefined;
  }
}

export function summary(sent: number, received: number, status: CallStatus, ms: number): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `\nSent ${plural(sent, 'request')} and received ${plural(received, 'response')}: ${status.name} in ${ms.toFixed(1)} ms\n`;
}

/** --show-unknown: the fields of response `n` the schema does not know, or nothing when none. */
export function unknownFieldLines(n: number, fields: UnknownField[]): string {
  if (fields.length === 0) return '';
  const lines = fields.map((f) => `#   ${describeUnknownField(f)}\n`).join('');
  return `# response ${n}: ${fields.length === 1 ? '1 field' : `${fields.length} fields`} not in the schema (the server's schema is probably newer):\n${lines}`;
}
