import type { Disposable } from '../events';
import type { LogLevel } from '../logger';

export interface HealthMonitorOptions {
  intervalMs: number;
  pingTimeoutMs: number;
  /** Consecutive unanswered pings before the connection counts as lost. */
  failuresBeforeLost: number;
  /** Busy servers prove they are alive through their responses; only idle ones are pinged. */
  isIdle(): boolean;
  ping(opts: { timeoutMs: number }): Promise<unknown>;
  onDegraded(reason: string): void;
  onRecovered(): void;
  onUnresponsive(): void;
  log(level: LogLevel, message: string): void;
}

/** Pings one connection's idle server on an interval; lives (and is disposed) with that connection. */
export class HealthMonitor implements Disposable {
  private timer?: NodeJS.Timeout;
  private failures = 0;
  private disposed = false;

  constructor(private readonly opts: HealthMonitorOptions) {
    this.schedule();
  }

  private schedule(): void {
    if (this.disposed) return;
    this.timer = setTimeout(() => void this.check(), this.opts.intervalMs);
    this.timer.unref?.();
  }

  private async check(): Promise<void> {
    if (this.opts.isIdle()) {
      try {
        await this.opts.ping({ timeoutMs: this.opts.pingTimeoutMs });
        if (this.failures > 0 && !this.disposed) { this.failures = 0; this.opts.onRecovered(); }
      } catch (e) {
        if (this.disposed) return;
        this.failures++;
        const reason = `ping failed ${this.failures}× (${(e as Error).message})`;
        this.opts.log('warn', `Health check: ${reason}`);
        if (this.failures >= this.opts.failuresBeforeLost) {
          this.opts.onUnresponsive();
          return;
        }
        this.opts.onDegraded(reason);
      }
    }
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
