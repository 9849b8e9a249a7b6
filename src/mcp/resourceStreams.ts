import type { McpSubscription } from '@modelcontextprotocol/client';

/**
 * The 2026-07-28 way to follow one resource: a `subscriptions/listen` stream whose filter names it. One stream per
 * resource, so closing a document ends exactly its stream; a stream the server or network ends is opened again while
 * the resource is still wanted.
 */
export class ModernResourceStreams {
  private readonly streams = new Map<string, Promise<McpSubscription | undefined>>();

  constructor(private readonly warn: (message: string) => void) {}

  async open(uri: string, listen: () => Promise<McpSubscription>, stillWanted: () => boolean): Promise<void> {
    if (this.streams.has(uri)) { await this.streams.get(uri); return; }
    const opening = listen().then(sub => {
      void sub.closed.then(how => {
        if (how !== 'remote' || this.streams.get(uri) !== stored || !stillWanted()) return;
        this.streams.delete(uri);
        this.open(uri, listen, stillWanted).catch(e => this.warn(`Could not listen for updates of ${uri} again: ${(e as Error).message}`));
      });
      return sub;
    });
    const stored = opening.catch(() => undefined);
    this.streams.set(uri, stored);
    try {
      await opening;
    } catch (e) {
      this.streams.delete(uri);
      throw e;
    }
  }

  async close(uri: string): Promise<void> {
    const stream = this.streams.get(uri);
    this.streams.delete(uri);
    await (await stream)?.close().catch(() => {});
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.streams.keys()].map(uri => this.close(uri)));
  }
}
