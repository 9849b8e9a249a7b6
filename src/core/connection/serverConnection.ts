import { DisposableStore, Emitter } from '../events';
import type { Logger, LogLevel } from '../logger';
import { backoffDelay, type BackoffOptions } from '../resilience/backoff';
import { CircuitBreaker, type CircuitBreakerOptions } from '../resilience/circuitBreaker';
import { withDeadline } from '../resilience/deadline';
import type { MetricsRegistry } from '../metrics/metricsRegistry';
import type { TrafficStore } from '../traffic/trafficStore';
import { TrafficTap } from '../traffic/tap';
import { Redactor, describeTarget } from '../traffic/redact';
import { CatalogCache } from './catalogCache';
import { ShutdownTracker } from './shutdownTracker';
import { HealthMonitor } from './healthMonitor';
import { defaultCatalogLimits } from './catalogLimits';
import type { McpSession, RequestOptions, SessionFactory, SessionInfo } from './session';
import { isBusy, isConnected, stateAfterUpdate, type ConnectionState } from './state';
import type { ServerEntry, ServerSpec } from './types';
import type { Catalog } from './catalog';
import { classifyFailure } from './failures';
import { failureKindOf, isConnectionLoss, isPermanentFailure, McpFailure, tripsBreaker, type FailureKind } from './failure';
import { toolFilter } from './toolFilter';
import { authorizationContext } from './catalogFreshness';

export interface ConnectionDeps {
  factory: SessionFactory;
  store: TrafficStore;
  metrics: MetricsRegistry;
  backoff: BackoffOptions;
  breaker: CircuitBreakerOptions;
  /** A connection that lasted this long counts as healthy: the retry counter starts again. */
  stableAfterMs: number;
  catalogTtlMs: number;
  /** Deadline of one catalog refresh (default 120 s). */
  catalogDeadlineMs?: number;
  listChangedDebounceMs: number;
  /** Consecutive unanswered pings before a degraded server is reconnected. */
  pingFailuresBeforeReconnect: number;
  random?: () => number;
  now?: () => number;
  onLog(level: LogLevel, message: string): void;
  onNotify?(notification: { method: string; params?: unknown }): void;
}

const stderrTailLines = 20;

/**
 * One server: its state machine, its session, reconnects with backoff, health checks, the circuit breaker and the
 * catalog cache. Everything that lives for one connection is in `connectionScope`, thrown away on every reconnect.
 */
export class ServerConnection {
  private readonly stateEmitter = new Emitter<void>();
  readonly onDidChange = this.stateEmitter.event;
  private readonly catalogEmitter = new Emitter<void>();
  readonly onDidChangeCatalog = this.catalogEmitter.event;

  private _state: ConnectionState;
  private session?: McpSession;
  private connectionScope = new DisposableStore();
  private starting?: Promise<void>;
  private connectAbort?: AbortController;
  private retryTimer?: NodeJS.Timeout;
  private connectedAt?: number;
  private failedAttempts = 0;
  private stopping = false;
  private readonly stderrTail: string[] = [];
  private readonly shutdowns = new ShutdownTracker();
  private readonly tap: TrafficTap;
  private readonly breaker: CircuitBreaker;
  private readonly catalogCache: CatalogCache;
  private redactor: Redactor;
  private toolAllowed: (name: string) => boolean = () => true;
  private lastSessionInfo?: SessionInfo;
  lastError?: { message: string; at: number };
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(private entry: ServerEntry, private readonly deps: ConnectionDeps) {
    this.now = deps.now ?? Date.now;
    this._state = this.idleState();
    this.redactor = new Redactor(entry.spec?.secrets ?? []);
    this.toolAllowed = toolFilter(entry.spec?.options.allowedTools, entry.spec?.options.excludedTools);
    this.tap = new TrafficTap({ server: entry.name, store: deps.store, metrics: deps.metrics, secrets: entry.spec?.secrets ?? [], now: this.now });
    this.breaker = new CircuitBreaker(entry.name, deps.breaker, this.now, s => { this.log('warn', `Circuit breaker ${s}`); this.changed(); });
    this.catalogCache = new CatalogCache(deps.listChangedDebounceMs, () => this.catalogEmitter.fire(), (level, m) => this.log(level, m),
      { ...defaultCatalogLimits, deadlineMs: deps.catalogDeadlineMs ?? defaultCatalogLimits.deadlineMs }, this.now);
    const log = (level: LogLevel) => (m: string | Error) => this.log(level, m instanceof Error ? m.stack ?? m.message : m);
    this.logger = { trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  }

  get name(): string { return this.entry.name; }
  get spec(): ServerSpec | undefined { return this.entry.spec; }
  get origin() { return this.entry.origin ?? this.entry.spec?.origin; }
  get state(): ConnectionState { return this._state; }
  get catalog(): Catalog { return this.catalogCache.catalog; }
  get attempts(): number { return this.failedAttempts; }
  get breakerState() { return this.breaker.state; }
  get connectedSince(): number | undefined { return this.connectedAt; }
  /** allowedTools/excludedTools of the current spec. */
  allowsTool(name: string): boolean { return this.toolAllowed(name); }
  /** The live session's info (it changes when an HTTP session is renewed), else the last one seen. */
  get lastInfo(): SessionInfo | undefined { return this.session?.info ?? this.lastSessionInfo; }

  private idleState(): ConnectionState {
    const at = this.now();
    if (this.entry.blocked) return { kind: 'blocked', at, blockedBy: this.entry.blocked.reason, reason: this.entry.blocked.message };
    if (this.entry.spec?.options.disabled) return { kind: 'disabled', at };
    return { kind: 'stopped', at };
  }

  private setState(state: ConnectionState): void {
    this._state = state;
    this.changed();
  }

  private changed(): void { this.stateEmitter.fire(); }

  /** Secrets never reach a log: every line goes through the server's redactor. */
  private log(level: LogLevel, message: string): void { this.deps.onLog(level, this.redact(message)); }

  private redact(text: string): string { return this.redactor.active ? this.redactor.redactString(text) : text; }

  /** A failed call's error keeps its type and code; only its text loses the server's secrets. */
  private redactError(e: Error): Error {
    if (this.redactor.active && typeof e?.message === 'string' && this.redactor.containsSecret(e.message)) e.message = this.redactor.redactString(e.message);
    return e;
  }

  /** Idempotent. Resolves once connected (and the catalog fetched); rejects with the reason when the attempt failed. */
  start(): Promise<void> {
    if (isConnected(this._state)) return Promise.resolve();
    if (this.starting) return this.starting;
    const blocked = this.entry.blocked;
    if (blocked) return Promise.reject(new Error(blocked.message));
    if (!this.entry.spec) return Promise.reject(new Error(`${this.name} has no runnable configuration`));
    if (this.entry.spec.options.disabled) return Promise.reject(new Error(`${this.name} is disabled`));
    this.clearRetry();
    this.stopping = false;
    this.breaker.reset();
    return this.attempt();
  }

  private attempt(): Promise<void> {
    const spec = this.entry.spec!;
    const attempt = this.failedAttempts + 1;
    const abort = new AbortController();
    this.connectAbort = abort;
    this.setState({ kind: 'starting', at: this.now(), attempt });
    this.deps.metrics.connectAttempt(this.name);
    this.tap.lifecycle(attempt > 1 ? `connecting (attempt ${attempt})` : 'connecting');
    this.log('info', `Starting ${describeTarget(spec)}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    this.stderrTail.length = 0;
    const run = (async () => {
      let session: McpSession | undefined;
      let gaveUp = false;
      const connecting = this.deps.factory.connect(spec, {
        logger: this.logger, tap: this.tap, signal: abort.signal,
        onStderr: line => this.onStderr(line),
      });
      // When the deadline wins, the attempt's own shutdown (or a late session) still ends; stop() and dispose() wait for it.
      this.shutdowns.track(connecting.then(late => gaveUp ? late.close() : undefined, () => {}));
      try {
        session = await withDeadline(connecting, spec.options.startupTimeoutMs + 1000, () => new McpFailure('startup-timeout', `did not finish starting within ${spec.options.startupTimeoutMs} ms (startupTimeout)`));
      } catch (e) {
        gaveUp = true;
        abort.abort(e);
        if (this.stopping || this.connectAbort !== abort) throw new Error(`${this.name} was stopped while starting`);
        this.onStartFailed(e as Error);
        throw new Error(this.lastError!.message);
      }
      if (this.stopping || this.connectAbort !== abort) {
        await session.close().catch(() => {});
        throw new Error(`${this.name} was stopped while starting`);
      }
      await this.onConnected(session);
    })();
    this.starting = run.finally(() => { if (this.starting === tracked) this.starting = undefined; });
    const tracked = this.starting;
    tracked.catch(() => {});
    return tracked;
  }

  private onStderr(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > stderrTailLines) this.stderrTail.shift();
    this.tap.stderr(line);
    this.log('info', `[stderr] ${line}`);
  }

  private async onConnected(session: McpSession): Promise<void> {
    this.session = session;
    this.lastSessionInfo = session.info;
    this.connectedAt = this.now();
    const scope = this.connectionScope = new DisposableStore();
    scope.add(session.onDidClose(({ error }) => this.onLost(session, error ?? new McpFailure('transport-closed', 'connection closed'))));
    scope.add(session.onDidNotify(n => { this.catalogCache.onNotification(n.method, session); this.deps.onNotify?.(n); }));
    this.deps.metrics.connected(this.name);
    const info = session.info;
    this.tap.lifecycle(`connected: ${info.serverInfo.name} ${info.serverInfo.version} over ${info.transport}, protocol ${info.protocolVersion}`);
    this.log('info', `Connected to ${info.serverInfo.name} ${info.serverInfo.version} over ${info.transport} (protocol ${info.protocolVersion})`);
    this.setState({ kind: 'running', at: this.now() });
    scope.add(this.catalogCache.startTtl(this.deps.catalogTtlMs, () => this.session === session ? session : undefined));
    this.monitorHealth(session, scope);
    try {
      await this.catalogCache.refresh(session);
    } catch (e) {
      this.log('warn', `Could not list capabilities: ${(e as Error).message}`);
    }
  }

  private describeFailure(e: Error, phase: 'start' | 'session' = 'start'): { message: string; hint?: string } {
    const { message, hint } = classifyFailure(failureKindOf(e), e.message || String(e), this.entry.spec!, phase);
    const tail = this.stderrTail.slice(-5).join('\n');
    // The state reason, the tree's tooltip and the CLI's stderr show this text: no secret may reach it.
    return { message: this.redact(tail && !message.includes(tail) ? `${message}\nstderr:\n${tail}` : message), hint: hint && this.redact(hint) };
  }

  private onStartFailed(e: Error): void {
    const { message, hint } = this.describeFailure(e);
    this.failedAttempts++;
    this.lastError = { message, at: this.now() };
    this.tap.lifecycle(`start failed: ${message.split('\n')[0]}`);
    this.log('error', `Start failed: ${message}`);
    this.scheduleRetryOrFail(failureKindOf(e), message, hint);
  }

  private scheduleRetryOrFail(kind: FailureKind, message: string, hint?: string): void {
    const spec = this.entry.spec!;
    const permanent = isPermanentFailure(kind);
    if (spec.options.restart === 'never' || permanent || this.failedAttempts >= this.deps.backoff.maxAttempts) {
      const gaveUp = this.failedAttempts >= this.deps.backoff.maxAttempts ? ` (gave up after ${this.failedAttempts} attempts; restart to try again)` : '';
      this.setState({ kind: 'error', at: this.now(), reason: message + gaveUp, hint, failure: kind });
      return;
    }
    const delay = backoffDelay(this.failedAttempts, this.deps.backoff, this.deps.random);
    const retryAt = this.now() + delay;
    this.setState({ kind: 'waiting-to-retry', at: this.now(), attempt: this.failedAttempts, retryAt, reason: message });
    this.log('info', `Retrying in ${delay} ms`);
    this.retryTimer = setTimeout(() => { this.retryTimer = undefined; this.attempt().catch(() => {}); }, delay);
    this.retryTimer.unref?.();
  }

  private async onLost(session: McpSession, reason: Error): Promise<void> {
    if (this.session !== session || this.stopping) return;
    this.teardownConnection();
    this.deps.metrics.disconnected(this.name);
    this.tap.abandonPending(`connection lost: ${reason.message}`);
    const lasted = this.now() - (this.connectedAt ?? 0);
    if (lasted >= this.deps.stableAfterMs) this.failedAttempts = 0;
    this.failedAttempts++;
    const { message, hint } = this.describeFailure(reason, 'session');
    this.lastError = { message, at: this.now() };
    this.tap.lifecycle(`disconnected: ${message.split('\n')[0]}`);
    this.log('warn', `Connection lost: ${message}`);
    this.scheduleRetryOrFail(failureKindOf(reason), message, hint);
    await this.shutdowns.track(session.close());
  }

  private teardownConnection(): void {
    this.connectionScope.dispose();
    this.session = undefined;
  }

  private monitorHealth(session: McpSession, scope: DisposableStore): void {
    const options = this.entry.spec!.options;
    if (!options.healthCheckIntervalMs) return;
    scope.add(new HealthMonitor({
      intervalMs: options.healthCheckIntervalMs,
      pingTimeoutMs: Math.min(options.timeoutMs, Math.max(1000, options.healthCheckIntervalMs)),
      failuresBeforeLost: this.deps.pingFailuresBeforeReconnect,
      isIdle: () => this.tap.pendingCount === 0,
      ping: opts => session.ping(opts),
      onDegraded: reason => this.setState({ kind: 'degraded', at: this.now(), reason }),
      onRecovered: () => this.setState({ kind: 'running', at: this.now() }),
      onUnresponsive: () => void this.onLost(session, new McpFailure('timeout', 'server stopped answering pings')),
      log: (level, m) => this.log(level, m),
    }));
  }

  private clearRetry(): void { if (this.retryTimer) clearTimeout(this.retryTimer); this.retryTimer = undefined; }

  /** Always settles; leaves the server stopped (or disabled/blocked) with no process behind. */
  async stop(reason?: string): Promise<void> {
    this.stopping = true;
    this.clearRetry();
    this.connectAbort?.abort(new Error('stopped'));
    this.connectAbort = undefined;
    const session = this.session;
    this.teardownConnection();
    if (session) {
      this.deps.metrics.disconnected(this.name);
      this.tap.abandonPending('server stopped');
      this.tap.lifecycle('stopped');
      await withDeadline(session.close(), 10_000, () => 'close timed out').catch(e => this.log('warn', `Close: ${(e as Error).message}`));
    }
    await this.starting?.catch(() => {});
    await this.shutdowns.settled();
    this.failedAttempts = 0;
    const idle = this.idleState();
    this.setState(idle.kind === 'stopped' && reason ? { ...idle, reason } : idle);
  }

  async restart(): Promise<void> {
    await this.stop();
    return this.start();
  }

  /** Swaps in a new entry; the caller restarts the server when the runnable part changed. */
  update(entry: ServerEntry): void {
    if (authorizationContext(entry.spec) !== authorizationContext(this.entry.spec)) this.catalogCache.forgetPrivate();
    this.entry = entry;
    this.tap.setSecrets(entry.spec?.secrets ?? []);
    this.redactor = new Redactor(entry.spec?.secrets ?? []);
    this.toolAllowed = toolFilter(entry.spec?.options.allowedTools, entry.spec?.options.excludedTools);
    const next = stateAfterUpdate(this._state, this.idleState());
    if (next === this._state) this.changed();
    else this.setState(next);
  }

  /** Sends a request through the breaker, starting the server first when it is merely stopped. */
  request<T>(what: string, fn: (s: McpSession) => Promise<T>, opts: { idempotent: boolean } & RequestOptions): Promise<T> {
    // The connected case stays free of extra awaits: this is the per-call hot path.
    const live = this.session && isConnected(this._state) ? this.session : undefined;
    return live ? this.send(what, live, fn, opts) : this.ready().then(session => this.send(what, session, fn, opts));
  }

  private send<T>(what: string, session: McpSession, fn: (s: McpSession) => Promise<T>, opts: { idempotent: boolean } & RequestOptions): Promise<T> {
    let trial: boolean;
    try { trial = this.breaker.admit(); } catch (e) { return Promise.reject(e); }
    return fn(session).then(result => {
      this.breaker.success();
      return result;
    }, async (e: Error) => {
      const kind = failureKindOf(e);
      if (tripsBreaker(kind)) this.breaker.failure(e.message);
      else if (trial) this.breaker.success();
      if (opts.idempotent && isConnectionLoss(kind) && !opts.signal?.aborted) {
        this.log('info', `${what} failed (${e.message}); retrying once after reconnecting`);
        const again = await this.ready(spec => spec.options.startupTimeoutMs);
        return fn(again).catch((again: Error) => { throw this.redactError(again); });
      }
      throw this.redactError(e);
    });
  }

  /** Waits for a usable session: starts a stopped server, waits for one that is starting or about to retry. */
  private async ready(waitFor?: (spec: ServerSpec) => number): Promise<McpSession> {
    if (this.session && isConnected(this._state)) return this.session;
    const s = this._state;
    if (s.kind === 'blocked') throw new Error(s.reason);
    if (s.kind === 'disabled') throw new Error(`${this.name} is disabled. Enable it to use its tools.`);
    if (s.kind === 'error') throw new Error(`${this.name} is not running: ${s.reason}`);
    if (s.kind === 'waiting-to-retry' && !waitFor) throw new Error(`${this.name} is reconnecting (${s.reason}); try again in a moment.`);
    if (s.kind === 'stopped') await this.start();
    else {
      const spec = this.entry.spec!;
      const limit = waitFor ? waitFor(spec) : spec.options.startupTimeoutMs;
      await withDeadline(this.whenConnected(), limit, () => `${this.name} did not reconnect within ${limit} ms`);
    }
    if (!this.session) throw new Error(`${this.name} is not connected`);
    return this.session;
  }

  private whenConnected(): Promise<void> {
    if (isConnected(this._state)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sub = this.onDidChange(() => {
        if (isConnected(this._state)) { sub.dispose(); resolve(); }
        else if (!isBusy(this._state)) { sub.dispose(); reject(new Error(`${this.name}: ${'reason' in this._state && this._state.reason ? this._state.reason : this._state.kind}`)); }
      });
    });
  }

  /** Refetches every list, or with `onlyExpired` the lists whose server-given lifetime (ttlMs) ran out. */
  refreshCatalog(onlyExpired = false): Promise<void> {
    return !this.session ? Promise.resolve() : onlyExpired ? this.catalogCache.refreshExpired(this.session) : this.catalogCache.refresh(this.session);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.catalogCache.dispose();
    this.stateEmitter.dispose();
    this.catalogEmitter.dispose();
  }
}
