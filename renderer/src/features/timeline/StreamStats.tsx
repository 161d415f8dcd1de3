import { memo } from 'react';
import { useLogVersion, type CallSummary, type TimelineLog } from '../../state';
import { formatBytes, formatCount } from './format';
import { Sparkline } from './Sparkline';
import { useStreamStats } from './use-stream-stats';

function callState(call: CallSummary): { label: string; className: string } {
  if (call.phase === 'finished') return { label: 'Finished', className: 'finished' };
  if (!call.kind) return { label: 'Opening…', className: 'opening' };
  if (call.halfClosed && (call.kind === 'client_streaming' || call.kind === 'bidi_streaming'))
    return { label: 'Half-closed', className: 'half-closed' };
  return { label: 'Open', className: 'open' };
}

function formatElapsed(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)}:${(s % 60).toFixed(0).padStart(2, '0')} min`;
}

/** Counters, rates, elapsed time and the call's state, above the timeline; redrawn with the log. */
export const StreamStats = memo(function StreamStats({ call, log }: { call: CallSummary; log: TimelineLog }) {
  useLogVersion(log);
  const running = call.phase === 'running';
  const stats = useStreamStats(log, call.startedAt, running, call.durationMs);
  const state = callState(call);
  return (
    <div className="stream-stats" aria-label="Stream statistics" role="group">
      <span className={`call-state ${state.className}`} data-testid="call-state">
        {state.label}
      </span>
      <span title="Messages received">
        ↓ <strong data-testid="stream-count-received">{formatCount(log.received)}</strong>
      </span>
      <span title="Messages sent">
        ↑ <strong data-testid="stream-count-sent">{formatCount(log.sent)}</strong>
      </span>
      <span title={`Bytes received; ${formatBytes(log.bytesSent)} sent`}>{formatBytes(log.bytesReceived)}</span>
      <span title="Messages per second, received" data-testid="stream-rate">
        {running ? `${formatCount(Math.round(stats.rateIn))} msg/s` : '—'}
        {running && stats.rateOut > 0 ? ` · ↑ ${formatCount(Math.round(stats.rateOut))} msg/s` : ''}
      </span>
      <Sparkline values={stats.history} label="Received messages per second, last 30 seconds" />
      <span title="Elapsed" data-testid="stream-elapsed">
        {formatElapsed(stats.elapsedMs)}
      </span>
    </div>
  );
});
