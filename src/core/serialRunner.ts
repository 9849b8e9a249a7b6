/**
 * Runs one task at a time. A call while it runs schedules exactly one more run after it (calls coalesce), so the
 * last request is always honoured and two runs never overlap. Used for configuration reloads.
 */
export class CoalescingRunner {
  private current?: Promise<void>;
  private again?: Promise<void>;

  constructor(private readonly task: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.again) return this.again;
    if (!this.current) return this.start();
    this.again = this.current.catch(() => {}).then(() => { this.again = undefined; return this.start(); });
    return this.again;
  }

  /** Resolves once no run is in progress or scheduled. */
  async idle(): Promise<void> {
    while (this.current || this.again) await (this.again ?? this.current)!.catch(() => {});
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.task().finally(() => { if (this.current === run) this.current = undefined; });
    this.current = run;
    return run;
  }
}
