import { CircleCheck, CircleSlash, CircleX, TriangleAlert } from 'lucide-react';
import type { BadgeTone } from './Badge';
import { Badge } from './Badge';

/**
 * gRPC status codes by whose move it is: OK; the request was refused as sent (fix the request or
 * its credentials); the call was cancelled; or the server or the network failed.
 */
const REQUEST_PROBLEMS = new Set([3, 5, 6, 7, 9, 11, 16]);

export function statusTone(code: number): { tone: BadgeTone; meaning: string } {
  if (code === 0) return { tone: 'ok', meaning: 'The call succeeded' };
  if (code === 1) return { tone: 'neutral', meaning: 'The call was cancelled' };
  if (REQUEST_PROBLEMS.has(code))
    return { tone: 'warn', meaning: 'The server refused the request as sent: check its content or credentials' };
  return { tone: 'error', meaning: 'The server or the connection failed' };
}

const ICONS = { ok: CircleCheck, neutral: CircleSlash, warn: TriangleAlert, error: CircleX } as const;

export function StatusBadge({ code, name }: { code: number; name: string }) {
  const { tone, meaning } = statusTone(code);
  const Icon = ICONS[tone as keyof typeof ICONS] ?? CircleX;
  return (
    <Badge
      tone={tone}
      icon={<Icon size={14} />}
      className={`status-badge ${code === 0 ? 'status-ok' : 'status-error'}`}
      data-testid="status-badge"
      title={meaning}
    >
      {code} {name}
    </Badge>
  );
}
