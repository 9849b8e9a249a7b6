/** Timers and time, injectable so tests can move time by hand. */
export interface DeadlineClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: DeadlineClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: handle => clearTimeout(handle as NodeJS.Timeout),
};

/** Which budget ran out: no answer or progress within `idleMs`, the whole call past `totalMs`, or a question open past `maxPausedMs`. */
export type DeadlineExpiry = 'idle' | 'total' | 'paused';

export interface PausableDeadlineOptions {
  /** Time without an answer or progress; restarts on progress and when the last open question closes. */
  idleMs: number;
  /** The whole call, not counting the time spent paused. */
  totalMs: number;
  /** The time the call may stay paused in all (a question nobody answers must not keep the call alive forever). */
  maxPausedMs: number;
  /** The abort reason for each expiry (src/mcp makes it the SDK's typed timeout error). */
  reason(expiry: DeadlineExpiry): unknown;
  clock?: DeadlineClock;
}

/** setTimeout's longest delay; a longer one would fire at once. Longer budgets re-arm when the timer fires. */
const maxTimerMs = 2_147_483_647;

/**
 * A request's timeout that can pause while the server waits on the user (an open elicitation or sampling consent).
 * Pauses nest: the timeout runs again when the last one ends. `signal` aborts with `reason(expiry)` when a budget
 * runs out; dispose() once the request settles.
 */
export class PausableDeadline {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private readonly clock: DeadlineClock;
  private pauses = 0;
  /** Running time before the current running stretch began. */
  private activeBefore = 0;
  private stretchStart: number;
  private idleFrom: number;
  private pausedBefore = 0;
  private pauseStart = 0;
  private timer: unknown;
  private done = false;
  private ranOut?: DeadlineExpiry;

  constructor(private readonly opts: PausableDeadlineOptions) {
    this.clock = opts.clock ?? systemClock;
    this.stretchStart = this.idleFrom = this.clock.now();
    this.check();
  }

  get paused(): boolean { return this.pauses > 0; }

  /** The budget that ran out, if one did (not set when the signal was aborted by `abort`). */
  get expired(): DeadlineExpiry | undefined { return this.ranOut; }

  /** Ends at once with `reason` (the caller's cancel): one signal for the SDK instead of AbortSignal.any per call. */
  abort(reason: unknown): void {
    if (this.done) return;
    this.dispose();
    this.controller.abort(reason);
  }

  /** Progress from the server: the idle budget starts again (resetTimeoutOnProgress). */
  progress(): void {
    if (this.done || this.paused) return;
    this.idleFrom = this.clock.now();
    this.check();
  }

  pause(): void {
    if (this.done) return;
    if (this.pauses++ === 0) {
      const now = this.clock.now();
      this.activeBefore += now - this.stretchStart;
      this.pauseStart = now;
      this.check();
    }
  }

  /** Ends one pause; after the last, the idle budget starts afresh (the answer is progress) and the total goes on. */
  resume(): void {
    if (this.done || this.pauses === 0) return;
    if (--this.pauses === 0) {
      const now = this.clock.now();
      this.pausedBefore += now - this.pauseStart;
      this.stretchStart = this.idleFrom = now;
      this.check();
    }
  }

  dispose(): void {
    this.done = true;
    this.clearTimer();
  }

  /** Expires a budget that ran out, else arms the timer for the first one that will. */
  private check(): void {
    if (this.done) return;
    this.clearTimer();
    const now = this.clock.now();
    const left: [DeadlineExpiry, number][] = this.paused
      ? [['paused', this.opts.maxPausedMs - this.pausedBefore - (now - this.pauseStart)]]
      : [['idle', this.opts.idleMs - (now - this.idleFrom)], ['total', this.opts.totalMs - this.activeBefore - (now - this.stretchStart)]];
    const [expiry, ms] = left.reduce((a, b) => (b[1] < a[1] ? b : a));
    if (ms <= 0) { this.expire(expiry); return; }
    this.timer = this.clock.setTimeout(() => this.check(), Math.min(ms, maxTimerMs));
  }

  private expire(expiry: DeadlineExpiry): void {
    this.done = true;
    this.ranOut = expiry;
    this.controller.abort(this.opts.reason(expiry));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
