import { LatencyHistogram } from './latencyHistogram';
import type { TimelinePoint } from '../inspectorProtocol';

export type { TimelinePoint };

interface Slot { t: number; calls: number; errors: number; latency: LatencyHistogram }

/** A ring of fixed-width time buckets: the last `bucketCount × bucketMs` of calls, for throughput and latency charts. */
export class Timeline {
  private readonly slots: Array<Slot | undefined>;

  constructor(private readonly bucketMs: number, bucketCount: number) {
    this.slots = new Array<Slot | undefined>(Math.max(1, Math.floor(bucketCount)));
  }

  record(now: number, durationMs: number | undefined, isError: boolean): void {
    const slot = this.slotFor(now);
    slot.calls++;
    if (isError) slot.errors++;
    if (durationMs !== undefined) slot.latency.record(durationMs);
  }

  /** Buckets with calls inside the window ending now, oldest first; empty seconds are left out (see `t`). */
  points(now: number): TimelinePoint[] {
    const oldest = this.bucketStart(now) - (this.slots.length - 1) * this.bucketMs;
    return this.slots
      .filter((s): s is Slot => s !== undefined && s.t >= oldest && s.calls > 0)
      .sort((a, b) => a.t - b.t)
      .map(s => ({ t: s.t, calls: s.calls, errors: s.errors, p50: s.latency.quantile(0.5), max: s.latency.max }));
  }

  /** Adds `other`'s buckets (same shape) to this timeline, e.g. to show user and internal calls together. */
  mergeFrom(other: Timeline): void {
    other.slots.forEach((theirs, index) => {
      if (!theirs) return;
      const mine = this.slots[index];
      if (mine && mine.t > theirs.t) return;
      if (!mine || mine.t < theirs.t) {
        const latency = new LatencyHistogram();
        latency.merge(theirs.latency);
        this.slots[index] = { t: theirs.t, calls: theirs.calls, errors: theirs.errors, latency };
        return;
      }
      mine.calls += theirs.calls;
      mine.errors += theirs.errors;
      mine.latency.merge(theirs.latency);
    });
  }

  private slotFor(now: number): Slot {
    const t = this.bucketStart(now);
    const index = Math.floor(t / this.bucketMs) % this.slots.length;
    let slot = this.slots[index];
    if (!slot || slot.t !== t) {
      slot = { t, calls: 0, errors: 0, latency: slot?.latency ?? new LatencyHistogram() };
      slot.latency.reset();
      this.slots[index] = slot;
    }
    return slot;
  }

  private bucketStart(now: number): number {
    return Math.floor(now / this.bucketMs) * this.bucketMs;
  }
}
