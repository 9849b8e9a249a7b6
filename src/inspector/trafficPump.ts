/**
 * The inspector host's batching logic, free of `vscode` so it runs (and is benchmarked) in plain Node.
 *
 * - Records from the traffic store are buffered and sent as one `append` at most every `intervalMs` (~50 ms).
 * - While the panel is hidden (or the UI has not said `ready`) nothing is sent; records are buffered.
 * - If the hidden buffer grows past the capacity, it is dropped and `resync()` is asked for instead (a fresh `init`
 *   from the store is cheaper and exact); that happens when the panel becomes visible again.
 * - One message carries at most `maxBatch` (default 2,000) records so a burst cannot freeze the page for long; the
 *   rest follows on the next tick. That caps the rate at 40,000 records/s (2× the inspector's target) while each
 *   message costs the page only a few milliseconds.
 */
import type { TrafficRecord } from '../shared/traffic';

export interface PumpTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface TrafficPumpOptions {
  /** Posts one `append` batch to the UI. */
  send(records: TrafficRecord[]): void;
  /** Posts a fresh `init` (called instead of `send` after the hidden buffer overflowed). */
  resync(): void;
  /** The UI's capacity (the store's ring size); read on every push so setting changes apply. */
  capacity(): number;
  intervalMs?: number;
  maxBatch?: number;
  timers?: PumpTimers;
}

export const DEFAULT_MAX_BATCH = 2000;

/** The real clock; tests pass a manual one. */
export const realTimers: PumpTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: h => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class TrafficPump {
  private buffer: TrafficRecord[] = [];
  private visible = true;
  private ready = false;
  private overflowed = false;
  private timer: unknown;
  private lastSent = -Infinity;
  private disposed = false;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly timers: PumpTimers;
  /** Counters for tests and benchmarks. */
  readonly stats = { messages: 0, records: 0, resyncs: 0, dropped: 0 };

  constructor(private readonly opts: TrafficPumpOptions) {
    this.intervalMs = opts.intervalMs ?? 50;
    this.maxBatch = Math.max(1, opts.maxBatch ?? DEFAULT_MAX_BATCH);
    this.timers = opts.timers ?? realTimers;
  }

  get pending(): number { return this.buffer.length; }
  get needsResync(): boolean { return this.overflowed; }

  push(records: readonly TrafficRecord[]): void {
    if (this.disposed || records.length === 0) return;
    for (let i = 0; i < records.length; i++) this.buffer.push(records[i]);
    const cap = Math.max(1, this.opts.capacity());
    if (this.buffer.length > cap) {
      if (!this.live) {
        // The UI will get a fresh init from the store when it can receive messages again.
        this.stats.dropped += this.buffer.length;
        this.buffer = [];
        this.overflowed = true;
        return;
      }
      // The UI keeps only `cap` records; older ones would be dropped on arrival anyway.
      const extra = this.buffer.length - cap;
      this.stats.dropped += extra;
      this.buffer.splice(0, extra);
    }
    this.schedule();
  }

  /** The panel's visibility (`onDidChangeViewState`). Becoming visible sends what was buffered right away. */
  setVisible(visible: boolean): void {
    if (this.disposed || this.visible === visible) return;
    this.visible = visible;
    if (visible) this.flush();
    else this.cancel();
  }

  /** Called after `init` was posted: the init holds everything buffered so far. */
  setReady(ready: boolean): void {
    if (this.disposed) return;
    this.ready = ready;
    if (ready) {
      this.buffer = [];
      this.overflowed = false;
      this.lastSent = this.timers.now();
    } else {
      this.cancel();
    }
  }

  /** Sends the buffer now (if the UI can receive it). */
  flush(): void {
    this.cancel();
    if (this.disposed || !this.live) return;
    if (this.overflowed) {
      this.overflowed = false;
      this.buffer = [];
      this.stats.resyncs++;
      this.lastSent = this.timers.now();
      this.opts.resync();
      return;
    }
    if (this.buffer.length === 0) return;
    const batch = this.buffer.length <= this.maxBatch ? this.buffer : this.buffer.slice(0, this.maxBatch);
    this.buffer = batch === this.buffer ? [] : this.buffer.slice(this.maxBatch);
    this.lastSent = this.timers.now();
    this.stats.messages++;
    this.stats.records += batch.length;
    this.opts.send(batch);
    if (this.buffer.length) this.schedule();
  }

  /** Drops everything buffered (the store was cleared). */
  reset(): void {
    this.buffer = [];
    this.overflowed = false;
    this.cancel();
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }

  private get live(): boolean { return this.visible && this.ready; }

  private schedule(): void {
    if (this.timer !== undefined || !this.live) return;
    const delay = Math.max(0, this.lastSent + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => { this.timer = undefined; this.flush(); }, delay);
  }

  private cancel(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
