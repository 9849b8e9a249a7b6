/**
 * A log-bucketed latency histogram (the DDSketch idea): bucket i holds values in (GROWTH^(i-1), GROWTH^i], so a
 * quantile is known to within half a bucket's width, about ±2.5%, whatever the number of samples. Memory is one map
 * entry per occupied bucket, at most ~520 for values between 1 µs and a day.
 */
const GROWTH = 1.05;
const LOG_GROWTH = Math.log(GROWTH);
/** Values at or below this (including 0 from coarse clocks) share one bucket. */
const MIN_TRACKED_MS = 0.001;
/** Values above this (a day) share the top bucket. */
const MAX_TRACKED_MS = 86_400_000;
const MIN_INDEX = Math.ceil(Math.log(MIN_TRACKED_MS) / LOG_GROWTH);
const MAX_INDEX = Math.ceil(Math.log(MAX_TRACKED_MS) / LOG_GROWTH);

export interface HistogramBucket {
  /** Upper bound of the bucket in ms. */
  le: number;
  /** Samples in this bucket alone (not cumulative). */
  count: number;
}

export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private sumMs = 0;
  private minMs = Infinity;
  private maxMs = -Infinity;

  get count(): number { return this.total; }
  get sum(): number { return this.sumMs; }
  get min(): number { return this.total ? this.minMs : 0; }
  get max(): number { return this.total ? this.maxMs : 0; }
  get mean(): number { return this.total ? this.sumMs / this.total : 0; }

  record(ms: number): void {
    if (!Number.isFinite(ms)) return;
    const value = Math.max(0, ms);
    const index = bucketIndex(value);
    this.counts.set(index, (this.counts.get(index) ?? 0) + 1);
    this.total++;
    this.sumMs += value;
    if (value < this.minMs) this.minMs = value;
    if (value > this.maxMs) this.maxMs = value;
  }

  /** The value below which a fraction q of the samples fall (nearest rank); 0 when empty. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.total));
    let seen = 0;
    for (const index of this.sortedIndexes()) {
      seen += this.counts.get(index)!;
      if (seen < rank) continue;
      // The top bucket also holds everything beyond the tracked range, so its best estimate is the exact maximum.
      return index === MAX_INDEX ? this.maxMs : clamp(representative(index), this.minMs, this.maxMs);
    }
    return this.maxMs;
  }

  /** Occupied buckets in ascending order, for charts. */
  buckets(): HistogramBucket[] {
    return this.sortedIndexes().map(index => ({ le: upperBound(index), count: this.counts.get(index)! }));
  }

  merge(other: LatencyHistogram): void {
    for (const [index, n] of other.counts) this.counts.set(index, (this.counts.get(index) ?? 0) + n);
    this.total += other.total;
    this.sumMs += other.sumMs;
    this.minMs = Math.min(this.minMs, other.minMs);
    this.maxMs = Math.max(this.maxMs, other.maxMs);
  }

  reset(): void {
    this.counts.clear();
    this.total = 0;
    this.sumMs = 0;
    this.minMs = Infinity;
    this.maxMs = -Infinity;
  }

  /** Number of occupied buckets: the histogram's memory footprint. */
  get bucketCount(): number { return this.counts.size; }

  private sortedIndexes(): number[] {
    return [...this.counts.keys()].sort((a, b) => a - b);
  }
}

function bucketIndex(ms: number): number {
  if (ms <= MIN_TRACKED_MS) return MIN_INDEX;
  return Math.min(MAX_INDEX, Math.max(MIN_INDEX, Math.ceil(Math.log(ms) / LOG_GROWTH)));
}

function upperBound(index: number): number {
  return index === MIN_INDEX ? MIN_TRACKED_MS : Math.pow(GROWTH, index);
}

/** The point of the bucket with equal relative distance to both ends. */
function representative(index: number): number {
  if (index === MIN_INDEX) return 0;
  return (2 * Math.pow(GROWTH, index)) / (GROWTH + 1);
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
