import type { PumpTimers } from '../../../src/inspector/trafficPump';

/** Manual clock: timers fire only when the test advances time. */
export class FakeTimers implements PumpTimers {
  t = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown { const id = this.next++; this.pending.set(id, { at: this.t + ms, fn }); return id; }
  clearTimeout(h: unknown): void { this.pending.delete(h as number); }
  now(): number { return this.t; }
  get armed(): number { return this.pending.size; }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
  }
}
