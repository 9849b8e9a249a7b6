import { Emitter, type Disposable } from '../events';
import type { EngineApi } from '../engineApi';

type SubscriptionEngine = Pick<EngineApi, 'get' | 'list' | 'subscribeResource' | 'unsubscribeResource' | 'onDidUpdateResource' | 'onDidChangeServer'>;

const keyOf = (server: string, uri: string) => JSON.stringify([server, uri]);

/**
 * The resources someone watches (an open document), counted per server and URI: the first watcher subscribes, the
 * last one unsubscribes, and a server that reconnects (a new session forgets subscriptions) is subscribed again.
 * Only servers that declare `resources.subscribe` are asked.
 */
export class ResourceSubscriptions implements Disposable {
  private readonly updateEmitter = new Emitter<{ server: string; uri: string }>();
  /** Fires for updates of watched resources only. */
  readonly onDidUpdate = this.updateEmitter.event;
  private readonly watched = new Map<string, { server: string; uri: string; count: number; ready: Promise<void> }>();
  private readonly running = new Set<string>();
  private readonly subs: Disposable[];

  constructor(private readonly engine: SubscriptionEngine, private readonly onError: (message: string) => void = () => {}) {
    for (const s of engine.list()) if (s.state.kind === 'running' || s.state.kind === 'degraded') this.running.add(s.name);
    this.subs = [
      engine.onDidUpdateResource(e => { if (this.watched.has(keyOf(e.server, e.uri))) this.updateEmitter.fire(e); }),
      engine.onDidChangeServer(s => {
        const isRunning = s.state.kind === 'running' || s.state.kind === 'degraded';
        if (isRunning && !this.running.has(s.name)) {
          this.running.add(s.name);
          for (const w of this.watched.values()) if (w.server === s.name) void this.send('subscribe', w.server, w.uri);
        } else if (!isRunning) this.running.delete(s.name);
      }),
    ];
  }

  /** Whether the server declares `resources.subscribe`. */
  supports(server: string): boolean {
    return this.engine.get(server)?.info?.capabilities.resources?.subscribe === true;
  }

  /** Watches one resource until the returned handle is disposed; `ready` settles once the server was asked. */
  watch(server: string, uri: string): Disposable & { ready: Promise<void> } {
    const key = keyOf(server, uri);
    const w = this.watched.get(key) ?? { server, uri, count: 0, ready: Promise.resolve() };
    this.watched.set(key, w);
    if (++w.count === 1) w.ready = this.send('subscribe', server, uri);
    let disposed = false;
    return {
      ready: w.ready,
      dispose: () => {
        if (disposed) return;
        disposed = true;
        if (--w.count > 0) return;
        this.watched.delete(key);
        void this.send('unsubscribe', server, uri);
      },
    };
  }

  isWatched(server: string, uri: string): boolean { return this.watched.has(keyOf(server, uri)); }

  private send(what: 'subscribe' | 'unsubscribe', server: string, uri: string): Promise<void> {
    if (!this.supports(server)) return Promise.resolve();
    const request = what === 'subscribe' ? this.engine.subscribeResource(server, uri) : this.engine.unsubscribeResource(server, uri);
    return request.catch((e: Error) => this.onError(`Could not ${what} ${what === 'subscribe' ? 'to' : 'from'} ${uri} on ${server}: ${e.message}`));
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    for (const w of this.watched.values()) void this.send('unsubscribe', w.server, w.uri);
    this.watched.clear();
    this.updateEmitter.dispose();
  }
}
