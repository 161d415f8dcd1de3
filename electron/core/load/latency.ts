import * as hdr from 'hdr-histogram-js';
import type { HistogramBucket, LatencySummary } from '../../../shared/model/load';

/**
 * Latencies in HDR histograms (hdr-histogram-js, its pure-JS mode: it runs in worker threads
 * without loading WebAssembly), recorded in microseconds from 1 µs to an hour at 3 significant
 * digits. Workers send what they recorded as compressed base64, which the engine adds up.
 */
export type Histogram = hdr.Histogram;

const HOUR_US = 3_600_000_000;

export function newHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HOUR_US,
    numberOfSignificantValueDigits: 3,
    // Plain 32-bit counts, not the packed array: adding a worker's histogram walks every count,
    // and packed lookups made that the engine thread's main cost (1.5 s of 8 in an 8,000-call run).
    bitBucketSize: 32,
    useWebAssembly: false,
  });
}

export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.min(HOUR_US, Math.max(1, Math.round(ms * 1000))));
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Adds a worker's encoded histogram into `into`. */
export function addEncoded(into: Histogram, encoded: string): void {
  const part = hdr.decodeFromCompressedBase64(encoded, 32, false);
  into.add(part);
  part.destroy();
}

const usToMs = (us: number) => us / 1000;

export function percentileMs(histogram: Histogram, percentile: number): number {
  return histogram.totalCount ? usToMs(histogram.getValueAtPercentile(percentile)) : 0;
}

export function summarize(histogram: Histogram): LatencySummary {
  const empty = histogram.totalCount === 0;
  return {
    p50: percentileMs(histogram, 50),
    p90: percentileMs(histogram, 90),
    p99: percentileMs(histogram, 99),
    p999: percentileMs(histogram, 99.9),
    max: empty ? 0 : usToMs(histogram.maxValue),
    mean: empty ? 0 : usToMs(histogram.mean),
  };
}

/** ghz's percentiles, latency in nanoseconds. */
export const GHZ_PERCENTILES = [10, 25, 50, 75, 90, 95, 99, 99.9];

export function latencyDistribution(histogram: Histogram): Array<{ percentage: number; latency: number }> {
  return GHZ_PERCENTILES.map((percentage) => ({
    percentage,
    latency: Math.round(percentileMs(histogram, percentage) * 1e6),
  }));
}

/**
 * The histogram as ghz draws it: `buckets` bars of equal width from the fastest to the slowest
 * call, each with the calls up to its mark (in seconds) and their share of all calls.
 */
export function buckets(histogram: Histogram, count = 10): HistogramBucket[] {
  const total = histogram.totalCount;
  if (!total) return [];
  const min = histogram.minNonZeroValue;
  const max = histogram.maxValue;
  const width = Math.max(1, (max - min) / count);
  const marks = Array.from({ length: count + 1 }, (_, i) => (i === count ? max : min + width * i));
  const counts = new Array<number>(marks.length).fill(0);
  // Walk the recorded values once (at the histogram's resolution) and drop each into its bar.
  if (!(histogram instanceof hdr.JsHistogram)) return [];
  const values = histogram.recordedValuesIterator;
  values.reset();
  while (values.hasNext()) {
    const { valueIteratedTo, countAtValueIteratedTo } = values.next();
    const index = marks.findIndex((mark) => valueIteratedTo <= mark);
    counts[index < 0 ? marks.length - 1 : index]! += countAtValueIteratedTo;
  }
  return marks.map((mark, i) => ({ mark: mark / 1e6, count: counts[i]!, frequency: counts[i]! / total }));
}
