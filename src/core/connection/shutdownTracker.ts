/** Closes that run in the background (a lost session, an abandoned start), so stop() and dispose() can wait for them. */
export class ShutdownTracker {
  private readonly pending = new Set<Promise<void>>();

  track(closing: Promise<unknown>): Promise<void> {
    const settled = closing.then(() => {}, () => {});
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return settled;
  }

  async settled(): Promise<void> { await Promise.all([...this.pending]); }
}
