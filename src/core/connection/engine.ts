import { Emitter } from '../events';
import type { Logger, LogLevel } from '../logger';
import { MetricsRegistry } from '../metrics/metricsRegistry';
import { TrafficStore } from '../traffic/trafficStore';
import { defaultBackoff, type BackoffOptions } from '../resilience/backoff';
import { defaultCircuitBreaker, type CircuitBreakerOptions } from '../resilience/circuitBreaker';
import type { ApplyResult, EngineApi, ServerSnapshot } from '../engineApi';
import type { PromptResult, QualifiedTool, ResourceContents, ToolCallResult } from './catalog';
import { qualifiedToolName } from './qualifiedNames';
import type { RequestOptions, SessionFactory } from './session';
import { ServerConnection, type ConnectionDeps } from './serverConnection';
import { toolFilter } from './toolFilter';
import type { ServerEntry } from './types';
import { entryKey } from './entryKey';
import { isIdle } from './state';
import { TaskRegistry } from '../tasks/taskRegistry';
import { taskSupportOf, toolTaskChannel } from '../tasks/toolTaskChannel';
import type { TaskLimits } from '../tasks/toolTask';
import { withDeadline } from '../resilience/deadline';

export interface EngineOptions {
  factory: SessionFactory;
  /** Receives every server's log lines, prefixed with the server name (the extension binds a LogOutputChannel). */
  logger?: Logger;
  trafficCapacity?: number;
  backoff?: Partial<BackoffOptions>;
  breaker?: Partial<CircuitBreakerOptions>;
  stableAfterMs?: number;
  catalogTtlMs?: number;
  catalogDeadlineMs?: number;
  listChangedDebounceMs?: number;
  pingFailuresBeforeReconnect?: number;
  random?: () => number;
  /** The clock for states, backoff deadlines and the circuit breaker's cooldown (tests pass a fake one). */
  now?: () => number;
  /** Polling and duration caps of task-augmented tool calls. */
  taskLimits?: TaskLimits;
}

/** Every configured server, behind one API for the tree, commands, chat, the inspector and the CLI. */
export class Engine implements EngineApi {
  private readonly serverEmitter = new Emitter<ServerSnapshot>();
  private readonly serversEmitter = new Emitter<void>();
  private readonly catalogEmitter = new Emitter<{ server: string }>();
  private readonly logEmitter = new Emitter<{ server: string; level: LogLevel; message: string }>();
  readonly onDidChangeServer = this.serverEmitter.event;
  readonly onDidChangeServers = this.serversEmitter.event;
  readonly onDidChangeCatalog = this.catalogEmitter.event;
  readonly onDidLog = this.logEmitter.event;
  private readonly resourceUpdateEmitter = new Emitter<{ server: string; uri: string }>();
  readonly onDidUpdateResource = this.resourceUpdateEmitter.event;
  readonly traffic: TrafficStore;
  readonly metrics = new MetricsRegistry();
  readonly tasks: TaskRegistry;

  private readonly connections = new Map<string, ServerConnection>();
  private readonly keys = new Map<string, string>();
  /** Enable/Disable from the UI: they outlive config reloads, which would otherwise re-enable the server. */
  private readonly enabledOverrides = new Map<string, boolean>();
  private readonly deps: Omit<ConnectionDeps, 'onLog'>;
  /** Starts launched by apply() that have not settled yet. */
  private readonly launching = new Set<Promise<void>>();
  private toolsCache?: QualifiedTool[];
  private toolIndex?: Map<string, QualifiedTool>;
  private disposed = false;
  private readonly logger?: Logger;

  constructor(opts: EngineOptions) {
    this.logger = opts.logger;
    this.traffic = new TrafficStore({ capacity: opts.trafficCapacity ?? 10_000 });
    this.tasks = new TaskRegistry(opts.taskLimits);
    this.deps = {
      factory: opts.factory,
      store: this.traffic,
      metrics: this.metrics,
      backoff: { ...defaultBackoff, ...opts.backoff },
      breaker: { ...defaultCircuitBreaker, ...opts.breaker },
      stableAfterMs: opts.stableAfterMs ?? 10_000,
      catalogTtlMs: opts.catalogTtlMs ?? 5 * 60_000,
      catalogDeadlineMs: opts.catalogDeadlineMs,
      listChangedDebounceMs: opts.listChangedDebounceMs ?? 250,
      pingFailuresBeforeReconnect: opts.pingFailuresBeforeReconnect ?? 2,
      random: opts.random,
      now: opts.now,
    };
  }

  private create(entry: ServerEntry): ServerConnection {
    const conn = new ServerConnection(entry, { ...this.deps, onLog: (level, message) => {
      this.logger?.[level](`[${entry.name}] ${message}`);
      this.logEmitter.fire({ server: entry.name, level, message });
    }, onNotify: n => {
      const uri = (n.params as { uri?: unknown } | undefined)?.uri;
      if (n.method === 'notifications/resources/updated' && typeof uri === 'string') this.resourceUpdateEmitter.fire({ server: entry.name, uri });
    } });
    conn.onDidChange(() => this.serverEmitter.fire(this.snapshot(conn)));
    conn.onDidChangeCatalog(() => { this.toolsCache = undefined; this.catalogEmitter.fire({ server: conn.name }); });
    return conn;
  }

  private withOverride(entry: ServerEntry): ServerEntry {
    const enabled = this.enabledOverrides.get(entry.name);
    if (enabled === undefined || !entry.spec || entry.spec.options.disabled === !enabled) return entry;
    return { ...entry, spec: { ...entry.spec, options: { ...entry.spec.options, disabled: !enabled } } };
  }

  async apply(configured: ServerEntry[]): Promise<ApplyResult> {
    const entries = configured.map(e => this.withOverride(e));
    const result: ApplyResult = { added: [], removed: [], changed: [], unchanged: [] };
    const next = new Map(entries.map(e => [e.name, e]));
    const work: Promise<unknown>[] = [];
    for (const [name, conn] of this.connections) {
      if (next.has(name)) continue;
      result.removed.push(name);
      this.connections.delete(name);
      this.keys.delete(name);
      this.metrics.remove(name);
      work.push(conn.dispose());
    }
    for (const entry of entries) {
      const key = entryKey(entry);
      const existing = this.connections.get(entry.name);
      if (!existing) {
        const conn = this.create(entry);
        this.connections.set(entry.name, conn);
        this.keys.set(entry.name, key);
        result.added.push(entry.name);
        if (entry.spec && !entry.blocked && entry.spec.options.autoStart && !entry.spec.options.disabled) this.launch(conn);
      } else if (this.keys.get(entry.name) !== key) {
        this.keys.set(entry.name, key);
        result.changed.push(entry.name);
        const wasActive = !isIdle(existing.state);
        work.push((async () => {
          await existing.stop();
          existing.update(entry);
          const spec = entry.spec;
          if (spec && !entry.blocked && !spec.options.disabled && (wasActive || spec.options.autoStart)) this.launch(existing);
        })());
      } else {
        existing.update(entry);
        result.unchanged.push(entry.name);
      }
    }
    this.toolsCache = undefined;
    if (result.added.length || result.removed.length) this.serversEmitter.fire();
    await Promise.all(work);
    return result;
  }

  /** Starts a server without waiting for it: one slow start must not hold up the next reload. */
  private launch(conn: ServerConnection): void {
    const started = conn.start().catch(() => {});
    this.launching.add(started);
    void started.then(() => this.launching.delete(started));
  }

  /** Settles once every start launched by apply() so far has connected or failed (for the CLI and tests). */
  async whenStarted(): Promise<void> {
    while (this.launching.size) await Promise.all([...this.launching]);
  }

  private snapshot(conn: ServerConnection): ServerSnapshot {
    return {
      name: conn.name, spec: conn.spec, origin: conn.origin, state: conn.state, info: conn.lastInfo, catalog: conn.catalog,
      lastError: conn.lastError, connectedAt: conn.connectedSince, attempts: conn.attempts, breaker: conn.breakerState,
    };
  }

  list(): ServerSnapshot[] { return [...this.connections.values()].map(c => this.snapshot(c)); }
  get(name: string): ServerSnapshot | undefined { const c = this.connections.get(name); return c && this.snapshot(c); }

  private conn(name: string): ServerConnection {
    const c = this.connections.get(name);
    if (!c) throw new Error(`No server named "${name}". Known servers: ${[...this.connections.keys()].join(', ') || 'none'}`);
    return c;
  }

  start(name: string): Promise<void> { return this.conn(name).start(); }
  stop(name: string): Promise<void> {
    this.tasks.cancelServer(name, `${name} was stopped`);
    return this.conn(name).stop();
  }
  restart(name: string): Promise<void> { return this.conn(name).restart(); }

  async setEnabled(name: string, enabled: boolean): Promise<void> {
    const conn = this.conn(name);
    const spec = conn.spec;
    if (!spec) throw new Error(`${name} has no runnable configuration`);
    this.enabledOverrides.set(name, enabled);
    const entry: ServerEntry = { name, spec: { ...spec, options: { ...spec.options, disabled: !enabled } }, origin: conn.origin };
    this.keys.set(name, entryKey(entry));
    await conn.stop();
    conn.update(entry);
    if (enabled) await conn.start();
  }

  /** The Enable/Disable choices made in the UI, to persist across sessions. */
  enabledChoices(): Record<string, boolean> { return Object.fromEntries(this.enabledOverrides); }

  /** Restores persisted Enable/Disable choices; call before the first apply. */
  restoreEnabledChoices(choices: Record<string, boolean>): void {
    for (const [name, enabled] of Object.entries(choices)) if (typeof enabled === 'boolean') this.enabledOverrides.set(name, enabled);
  }

  tools(): QualifiedTool[] {
    if (!this.toolsCache) {
      const all: QualifiedTool[] = [];
      for (const conn of this.connections.values()) {
        const opts = conn.spec?.options;
        const allowed = toolFilter(opts?.allowedTools, opts?.excludedTools);
        for (const tool of conn.catalog.tools) all.push({ qualifiedName: qualifiedToolName(conn.name, tool.name), server: conn.name, tool, enabled: allowed(tool.name) });
      }
      this.toolsCache = all;
      this.toolIndex = new Map(all.map(t => [t.qualifiedName, t]));
    }
    return this.toolsCache;
  }

  findTool(qualifiedName: string): QualifiedTool | undefined {
    this.tools();
    return this.toolIndex!.get(qualifiedName);
  }

  callTool(server: string, tool: string, args: Record<string, unknown>, opts: RequestOptions = {}): Promise<ToolCallResult> {
    const conn = this.conn(server);
    if (!conn.allowsTool(tool)) {
      return Promise.reject(new Error(`Tool "${tool}" of ${server} is filtered out by allowedTools/excludedTools in its configuration.`));
    }
    // 2025-11-25 tasks only: the 2026-07-28 tasks extension is not wired (see README, Tasks).
    if (taskSupportOf(conn.catalog.tools.find(t => t.name === tool)) === 'required' && this.get(server)?.info?.protocolEra !== 'modern') {
      const channel = toolTaskChannel((method, params) => this.request(server, method, params), tool, args);
      // Progress must grow with each notification (the gateway forwards it): count the status changes. A per-call
      // timeout (the CLI's --timeout) bounds the whole task.
      let step = 0;
      return this.tasks.run(server, tool, channel, { args, signal: opts.signal, maxDurationMs: opts.timeoutMs, onStatus: message => opts.onProgress?.({ progress: ++step, message }) });
    }
    // tools/call is never retried: a tool may have side effects.
    return conn.request(`tools/call ${tool}`, s => s.callTool(tool, args, opts), { ...opts, idempotent: false });
  }

  readResource(server: string, uri: string, opts: RequestOptions = {}): Promise<ResourceContents[]> {
    return this.conn(server).request(`resources/read ${uri}`, s => s.readResource(uri, opts), { ...opts, idempotent: true });
  }

  subscribeResource(server: string, uri: string): Promise<void> {
    return this.conn(server).request(`resources/subscribe ${uri}`, s => s.subscribeResource(uri), { idempotent: true });
  }

  unsubscribeResource(server: string, uri: string): Promise<void> {
    return this.conn(server).request(`resources/unsubscribe ${uri}`, s => s.unsubscribeResource(uri), { idempotent: true });
  }

  getPrompt(server: string, name: string, args: Record<string, string>, opts: RequestOptions = {}): Promise<PromptResult> {
    return this.conn(server).request(`prompts/get ${name}`, s => s.getPrompt(name, args, opts), { ...opts, idempotent: true });
  }

  complete(server: string, ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string }, argument: { name: string; value: string }): Promise<string[]> {
    return this.conn(server).request('completion/complete', s => s.complete(ref, argument), { idempotent: true });
  }

  request(server: string, method: string, params: unknown, opts: RequestOptions = {}): Promise<unknown> {
    // A raw tools/call (the inspector's replay) passes the same allowedTools/excludedTools check as any other call.
    if (method === 'tools/call') {
      const name = (typeof params === 'object' && params !== null ? params as { name?: unknown } : {}).name;
      if (typeof name !== 'string') return Promise.reject(new Error('tools/call needs params.name'));
      if (!this.conn(server).allowsTool(name)) return Promise.reject(new Error(`Tool "${name}" of ${server} is filtered out by allowedTools/excludedTools in its configuration.`));
    }
    const idempotent = /^(ping|tools\/list|resources\/(list|read|templates\/list)|prompts\/(list|get)|completion\/complete)$/.test(method);
    return this.conn(server).request(method, s => s.request(method, params, opts), { ...opts, idempotent });
  }

  refreshCatalog(server: string): Promise<void> { return this.conn(server).refreshCatalog(); }

  /**
   * Refetches the lists whose lifetime (2026-07-28 `ttlMs`) ran out, of the named servers or all, before a use that
   * wants them current. Waits at most `maxWaitMs`: a slow server then serves its last lists rather than holding the use up.
   */
  async freshCatalog(servers?: readonly string[], maxWaitMs = 5_000): Promise<void> {
    const conns = servers ? servers.map(n => this.connections.get(n)).filter(c => c !== undefined) : [...this.connections.values()];
    const refetches = Promise.all(conns.map(c => c.refreshCatalog(true)));
    await withDeadline(refetches, maxWaitMs, () => 'stale lists still refetching').catch(() => {});
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.tasks.dispose();
    await Promise.allSettled([...this.connections.values()].map(c => c.dispose()));
    this.connections.clear();
    this.traffic.dispose();
    this.metrics.dispose();
    for (const e of [this.serverEmitter, this.serversEmitter, this.catalogEmitter, this.logEmitter, this.resourceUpdateEmitter]) e.dispose();
  }
}
