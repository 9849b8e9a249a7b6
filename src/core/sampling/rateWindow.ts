const windowMs = 60_000;

/** A sliding one-minute window of request times per key; `take` refuses once `limit` requests fell inside it. */
export class RateWindow {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a request for `key` and returns true, or returns false (recording nothing) when the window is full. */
  take(key: string, limit: number): boolean {
    const t = this.now();
    const recent = (this.times.get(key) ?? []).filter(at => t - at < windowMs);
    if (recent.length >= limit) { this.times.set(key, recent); return false; }
    recent.push(t);
    this.times.set(key, recent);
    return true;
  }

  /** Milliseconds until the oldest request of `key` leaves the window. */
  retryAfterMs(key: string): number {
    const oldest = this.times.get(key)?.[0];
    return oldest === undefined ? 0 : Math.max(0, windowMs - (this.now() - oldest));
  }
}
