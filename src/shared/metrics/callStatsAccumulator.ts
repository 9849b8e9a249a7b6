import { LatencyHistogram } from './latencyHistogram';
import { Timeline, type TimelinePoint } from './timeline';
import type { CallStatsView } from '../inspectorProtocol';

export type CallOutcome = 'ok' | 'error' | 'timeout' | 'cancelled';

/** The metrics tab's statistics (shared with the webview), plus the last error with its time. */
export interface CallStats extends CallStatsView {
  lastError?: { message: string; at: number };
}

export interface TimelineShape { bucketMs: number; buckets: number }

/** Counters, latency histogram and timeline for one scope: a server or one of its tools. */
export class CallStatsAccumulator {
  private calls = 0;
  private errors = 0;
  private timeouts = 0;
  private cancelled = 0;
  private inFlight = 0;
  private lastError: { message: string; at: number } | undefined;
  readonly latency = new LatencyHistogram();
  private readonly timeline: Timeline;

  constructor(shape: TimelineShape) {
    this.timeline = new Timeline(shape.bucketMs, shape.buckets);
  }

  /** A new accumulator holding the sum of `parts` (same shape), e.g. user and internal calls together. */
  static combine(shape: TimelineShape, parts: readonly CallStatsAccumulator[]): CallStatsAccumulator {
    const out = new CallStatsAccumulator(shape);
    for (const p of parts) out.add(p);
    return out;
  }

  private add(other: CallStatsAccumulator): void {
    this.calls += other.calls;
    this.errors += other.errors;
    this.timeouts += other.timeouts;
    this.cancelled += other.cancelled;
    this.inFlight += other.inFlight;
    if (other.lastError && (!this.lastError || other.lastError.at >= this.lastError.at)) this.lastError = other.lastError;
    this.latency.merge(other.latency);
    this.timeline.mergeFrom(other.timeline);
  }

  started(): void {
    this.inFlight++;
  }

  ended(now: number, durationMs: number, outcome: CallOutcome, errorMessage: string | undefined): void {
    // A call can end without a recorded start (stats reset while it ran); never go below zero.
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.calls++;
    const countsLatency = outcome !== 'cancelled';
    if (countsLatency) this.latency.record(durationMs);
    switch (outcome) {
      case 'error': this.errors++; break;
      case 'timeout': this.timeouts++; break;
      case 'cancelled': this.cancelled++; break;
      case 'ok': break;
    }
    if (outcome === 'error' || outcome === 'timeout') {
      this.lastError = { message: errorMessage ?? (outcome === 'timeout' ? 'Request timed out' : 'Request failed'), at: now };
    }
    this.timeline.record(now, countsLatency ? durationMs : undefined, outcome === 'error' || outcome === 'timeout');
  }

  snapshot(): CallStats {
    const stats: CallStats = {
      calls: this.calls,
      errors: this.errors,
      timeouts: this.timeouts,
      cancelled: this.cancelled,
      inFlight: this.inFlight,
      p50: this.latency.quantile(0.5),
      p95: this.latency.quantile(0.95),
      p99: this.latency.quantile(0.99),
    };
    if (this.lastError) stats.lastError = { ...this.lastError };
    return stats;
  }

  timelinePoints(now: number): TimelinePoint[] {
    return this.timeline.points(now);
  }
}

export function emptyCallStats(): CallStats {
  return { calls: 0, errors: 0, timeouts: 0, cancelled: 0, inFlight: 0, p50: 0, p95: 0, p99: 0 };
}
