/** How many completed ids are remembered for a wait that starts after the server's notification arrived. */
const rememberedIds = 100;

/** The `notifications/elicitation/complete` a session received, for calls waiting to be retried. */
export class ElicitationCompletions {
  private readonly completed = new Set<string>();
  private readonly waiters = new Set<() => void>();

  complete(elicitationId: string): void {
    this.completed.add(elicitationId);
    if (this.completed.size > rememberedIds) this.completed.delete(this.completed.values().next().value!);
    for (const check of [...this.waiters]) check();
  }

  /** Resolves once every id was reported complete; stays pending (never rejects) when `signal` aborts first. */
  whenAll(ids: readonly string[], signal: AbortSignal): Promise<void> {
    return new Promise<void>(resolve => {
      const check = () => {
        if (!ids.every(id => this.completed.has(id))) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      signal.addEventListener('abort', () => this.waiters.delete(check), { once: true });
      check();
    });
  }
}
