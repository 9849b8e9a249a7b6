import { LOG_LEVEL_META_KEY, SdkError, SdkErrorCode, type Client, type McpSubscription, type RequestOptions as SdkRequestOptions, type StandardSchemaV1, type SubscriptionFilter } from '@modelcontextprotocol/client';
import { Emitter } from '../core/events';
import type { McpPrompt, McpResource, McpResourceTemplate, McpTool, PromptResult, ResourceContents, ToolCallResult } from '../core/connection/catalog';
import type { McpSession, RequestOptions, SessionInfo } from '../core/connection/session';
import { LazyOutputValidation } from './lazyOutputValidation';
import { explainHttpStatus, isStaleSessionError } from './httpTransports';
import { CatalogLimitError, defaultCatalogLimits } from '../core/connection/catalogLimits';
import { stringifySafely } from '../shared/safeJson';
import { toFailure } from './failureKinds';
import { isCutStream } from './cutStreamGuard';
import type { HttpDetailsRecorder } from './httpDetails';
import { cacheHintOf } from '../core/connection/catalogFreshness';
import { McpFailure } from '../core/connection/failure';
import { channelLevel, type McpLogLevel } from '../core/clientRequests/logLevels';
import type { CallTracker } from './callTracker';
import { ModernResourceStreams } from './resourceStreams';
import type { ClientRequestHandlers } from '../core/clientRequests/types';
import { ElicitationCompletions } from '../core/clientRequests/elicitationCompletions';
import { callWithUrlElicitations } from '../core/clientRequests/urlElicitationRetry';
import { callDeadline, defaultMaxWaitOnUserMs } from './callDeadline';

/** A connected SDK client plus what the handshake told us. Replaced wholesale when an HTTP session is re-established. */
export interface LiveClient {
  client: Client;
  info: SessionInfo;
  close(): Promise<void>;
  /** Records the HTTP details of each request for the inspector (streamable HTTP only). */
  httpDetails?: HttpDetailsRecorder;
  /** Calls that may ask back: an elicitation's UI closes when they end. */
  calls?: CallTracker;
}

export interface SdkSessionOptions {
  defaultTimeoutMs: number;
  maxTotalTimeoutMs: number;
  /** Re-initialises a lost HTTP session (404 on a stale Mcp-Session-Id); undefined for stdio. */
  reconnect?: () => Promise<LiveClient>;
  onLog?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** The first request of the session failed: what the handshake assumed (a remembered era) may be stale. */
  onFirstRequestFailed?: () => void;
  /** The server's `logLevel`: on a 2026 connection it travels in every request's `_meta`. */
  logLevel?: McpLogLevel;
  /** Who puts a -32042 error's URLs to the user before the call is retried once (the same guarded elicit handler). */
  urlElicitation?: { server: string; handlers: Pick<ClientRequestHandlers, 'elicit' | 'urlElicitationDone'> };
  /** Cap on the time a call waits on the user (its open questions); see callDeadline. */
  maxWaitOnUserMs?: number;
}

const forwardedNotifications = [
  'notifications/tools/list_changed', 'notifications/resources/list_changed', 'notifications/prompts/list_changed', 'notifications/resources/updated',
] as const;

/**
 * Accepts any object result. The SDK would otherwise run its zod schema for the method on every response; the core
 * reads results defensively, and tool output is checked lazily against the tool's own outputSchema.
 */
const anyObjectResult: StandardSchemaV1<unknown, Record<string, unknown>> = {
  '~standard': {
    version: 1, vendor: 'mcp-switchboard',
    validate: value => (value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { value: value as Record<string, unknown> }
      : { issues: [{ message: 'Result is not a JSON object' }] }),
  },
};

/** Requests during which a server may ask the user (elicitation, sampling): their timeout pauses while it does. */
const mayAskBack: ReadonlySet<string> = new Set(['tools/call', 'prompts/get', 'resources/read', 'tasks/result']);

const isToolLike = (t: unknown): t is McpTool => typeof t === 'object' && t !== null && typeof (t as McpTool).name === 'string';

/** Tool parameters marked `x-mcp-header` are mirrored into `Mcp-Param-*` headers by the SDK's callTool on modern HTTP. */
const declaresParamHeaders = (tool: McpTool | undefined): boolean => !!tool && JSON.stringify(tool.inputSchema).includes('"x-mcp-header"');

export class SdkSession implements McpSession {
  private readonly closeEmitter = new Emitter<{ error?: Error }>();
  private readonly notifyEmitter = new Emitter<{ method: string; params?: unknown }>();
  readonly onDidClose = this.closeEmitter.event;
  readonly onDidNotify = this.notifyEmitter.event;
  private readonly outputValidation = new LazyOutputValidation();
  private toolsByName = new Map<string, McpTool>();
  private closedByUs = false;
  private lastTransportError?: Error;
  private reconnecting?: Promise<void>;
  private answeredOnce = false;
  private subscription?: Promise<McpSubscription | undefined>;
  private readonly resourceStreams = new ModernResourceStreams(msg => this.opts.onLog?.('warn', msg));
  private readonly elicitationCompletions = new ElicitationCompletions();

  constructor(private live: LiveClient, private readonly opts: SdkSessionOptions) {
    this.attach(live);
  }

  get info(): SessionInfo { return this.live.info; }

  private get modern(): boolean { return this.live.info.protocolEra === 'modern'; }

  private attach(live: LiveClient): void {
    const { client } = live;
    for (const method of forwardedNotifications) {
      client.setNotificationHandler(method, n => this.notifyEmitter.fire({ method: n.method, params: n.params }));
    }
    client.setNotificationHandler('notifications/elicitation/complete', n => this.elicitationCompletions.complete(String(n.params.elicitationId)));
    client.setNotificationHandler('notifications/message', n => {
      const level = channelLevel(n.params.level);
      const data = typeof n.params.data === 'string' ? n.params.data : stringifySafely(n.params.data);
      this.opts.onLog?.(level, `${n.params.logger ? `[${n.params.logger}] ` : ''}${data}`);
    });
    client.onerror = error => { this.lastTransportError = error; this.opts.onLog?.('debug', `transport: ${error.message}`); };
    client.onclose = () => {
      if (this.live !== live || this.closedByUs || this.reconnecting) return;
      this.closeEmitter.fire({ error: toFailure(this.lastTransportError ?? new McpFailure('transport-closed', 'Connection closed'), 'transport-closed') });
    };
    if (live.info.protocolEra === 'modern') this.listen(live);
  }

  /**
   * A 2026-era server announces list changes only on a `subscriptions/listen` stream. The SDK opens one by itself only
   * after a probe with `listChanged` configured, not with a remembered era, so we always open it. A stream the server
   * or the network ends is opened again while the session lives.
   */
  private listen(live: LiveClient): void {
    const caps = live.info.capabilities;
    const filter: SubscriptionFilter = {
      ...(caps.tools?.listChanged ? { toolsListChanged: true } : {}),
      ...(caps.prompts?.listChanged ? { promptsListChanged: true } : {}),
      ...(caps.resources?.listChanged ? { resourcesListChanged: true } : {}),
    };
    if (!Object.keys(filter).length) return;
    const opening = live.client.listen(filter, { timeout: this.opts.defaultTimeoutMs }).then(sub => {
      void sub.closed.then(how => {
        if (how === 'remote' && this.live === live && !this.closedByUs) this.listen(live);
      });
      return sub;
    }, (e: unknown) => {
      this.opts.onLog?.('warn', `Could not subscribe to list changes (subscriptions/listen): ${(e as Error)?.message ?? e}`);
      return undefined;
    });
    this.subscription = opening;
  }

  private sdkOptions(opts?: RequestOptions): SdkRequestOptions {
    return {
      timeout: opts?.timeoutMs ?? this.opts.defaultTimeoutMs,
      resetTimeoutOnProgress: true,
      maxTotalTimeout: Math.max(this.opts.maxTotalTimeoutMs, opts?.timeoutMs ?? 0),
      signal: opts?.signal,
      onprogress: opts?.onProgress,
    };
  }

  /**
   * Runs a request; when an HTTP server forgot our session (404), re-initialises once and retries, as the SDK does not.
   * On a 2026-07-28 connection a request whose response stream was cut is re-issued once (with a new id): the era is
   * stateless, closing the stream cancelled the request on the server, and there is no stream to resume.
   */
  private run<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const first = this.answeredOnce ? fn(this.live.client) : this.watchFirst(fn(this.live.client));
    const settled = !this.opts.reconnect ? first : first.catch(async e => {
      if (this.modern && isCutStream(e)) {
        this.opts.onLog?.('info', 'The response stream was cut before the answer: re-issuing the request once (2026-07-28 is stateless)');
        return fn(this.live.client);
      }
      if (!isStaleSessionError(e)) throw e;
      this.opts.onLog?.('warn', 'The server no longer knows this session (HTTP 404): starting a new session and retrying once');
      await this.renewSession();
      return fn(this.live.client);
    });
    return settled.catch(e => { throw this.failure(explainHttpStatus(this.explainClosed(e)), this.live); });
  }

  /** The SDK ends pending calls with a bare "Connection closed": say why (exit code and stderr, oversized message). */
  private explainClosed(e: unknown): unknown {
    const why = this.lastTransportError;
    if (!(e instanceof SdkError) || e.code !== SdkErrorCode.ConnectionClosed || !why) return e;
    return new SdkError(SdkErrorCode.ConnectionClosed, `Connection closed: ${why.message}`);
  }

  private watchFirst<T>(pending: Promise<T>): Promise<T> {
    return pending.then(value => { this.answeredOnce = true; return value; }, (e: unknown) => {
      if (!this.answeredOnce) this.opts.onFirstRequestFailed?.();
      throw e;
    });
  }

  private send(method: string, params: Record<string, unknown> | undefined, opts?: RequestOptions): Promise<Record<string, unknown>> {
    return this.sendWith(method, params, this.sdkOptions(opts));
  }

  private sendWith(method: string, params: Record<string, unknown> | undefined, sdk: SdkRequestOptions): Promise<Record<string, unknown>> {
    return this.run(c => c.request({ method, params: this.withLogLevel(params) }, anyObjectResult, sdk));
  }

  /** 2026 has no logging/setLevel: the level rides in each request's `_meta`. */
  private withLogLevel(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    if (!this.opts.logLevel || !this.modern) return params;
    const meta = (params?._meta ?? {}) as Record<string, unknown>;
    return { ...params, _meta: { [LOG_LEVEL_META_KEY]: this.opts.logLevel, ...meta } };
  }

  /**
   * Requests that may ask back (elicitation, sampling, roots) are tracked so an open question closes when its call
   * ends, and own their timeout (see callDeadline): it pauses while the server waits on the user.
   */
  private tracked<T>(start: (sdk: SdkRequestOptions) => Promise<T>, opts?: RequestOptions): Promise<T> {
    const calls = this.live.calls;
    if (!calls) return start(this.sdkOptions(opts));
    const { deadline, sdk, release } = callDeadline(opts, this.opts);
    const pending = start(sdk).catch((e: unknown) => {
      // The caller's cancel is typed as such (the SDK reports any abort as a request timeout).
      if (opts?.signal?.aborted && !deadline.expired) throw new McpFailure('cancelled', (e as Error)?.message || 'Cancelled', { cause: e instanceof McpFailure ? e.cause ?? e : e });
      throw e;
    }).finally(release);
    return calls.track(pending, opts?.ask, deadline);
  }

  /** The SDK rejects with a plain "Not connected" once its transport is gone: the state, not the text, says so. */
  private failure(e: unknown, live: LiveClient): McpFailure {
    return toFailure(e, live.client.transport ? 'unknown' : 'transport-closed');
  }

  private renewSession(): Promise<void> {
    this.reconnecting ??= (async () => {
      const old = this.live;
      try {
        const next = await this.opts.reconnect!();
        this.live = next;
        this.attach(next);
        await old.close().catch(() => {});
      } finally {
        this.reconnecting = undefined;
      }
    })();
    return this.reconnecting;
  }

  /** Follows nextCursor within the catalog limits; stops at once when the refresh is aborted (its deadline). */
  private async paginate<T>(method: string, key: string, opts?: RequestOptions): Promise<T[]> {
    const { maxPages, maxItems } = defaultCatalogLimits;
    const all: T[] = [];
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let pages = 1; ; pages++) {
      // A signal of its own per page: the SDK adds an abort listener per request, and a 1000-page list would pile them up.
      const pageAbort = opts?.signal && new AbortController();
      const forward = () => pageAbort?.abort(opts?.signal?.reason);
      opts?.signal?.addEventListener('abort', forward, { once: true });
      const page = await this.send(method, cursor ? { cursor } : {}, pageAbort ? { ...opts, signal: pageAbort.signal } : opts)
        .finally(() => opts?.signal?.removeEventListener('abort', forward));
      opts?.onCacheHint?.(cacheHintOf(page));
      const items = page[key];
      if (!Array.isArray(items)) throw new Error(`Server answered ${method} without a "${key}" list`);
      for (const item of items as T[]) all.push(item);
      cursor = typeof page.nextCursor === 'string' ? page.nextCursor : undefined;
      if (cursor === undefined) return all;
      if (seen.has(cursor)) throw new CatalogLimitError(`Server repeated pagination cursor "${cursor.slice(0, 100)}": stopping to avoid an endless loop`);
      if (pages >= maxPages) throw new CatalogLimitError(`Server kept paginating: stopped after ${maxPages} pages (${all.length} items); the list is incomplete`);
      if (all.length >= maxItems) throw new CatalogLimitError(`Server listed more than ${maxItems} items: stopped after ${pages} pages; the list is incomplete`);
      opts?.signal?.throwIfAborted();
      seen.add(cursor);
    }
  }

  async listTools(opts?: RequestOptions): Promise<unknown[]> {
    if (!this.info.capabilities.tools) return [];
    // A raw request (not client.listTools) so the SDK does not compile every outputSchema up front; each tool is checked
    // on its own by the catalog, so one broken tool does not fail the whole list.
    const tools = await this.paginate<unknown>('tools/list', 'tools', opts);
    const toolLike = tools.filter(isToolLike);
    this.outputValidation.setTools(toolLike);
    this.toolsByName = new Map(toolLike.map(t => [t.name, t]));
    if (this.modern && this.live.httpDetails) this.live.httpDetails.setParamHeaderTools(new Set(toolLike.filter(declaresParamHeaders).map(t => t.name)));
    return tools;
  }

  listResources(opts?: RequestOptions): Promise<McpResource[]> {
    if (!this.info.capabilities.resources) return Promise.resolve([]);
    return this.paginate('resources/list', 'resources', opts);
  }

  listResourceTemplates(opts?: RequestOptions): Promise<McpResourceTemplate[]> {
    if (!this.info.capabilities.resources) return Promise.resolve([]);
    return this.paginate('resources/templates/list', 'resourceTemplates', opts);
  }

  listPrompts(opts?: RequestOptions): Promise<McpPrompt[]> {
    if (!this.info.capabilities.prompts) return Promise.resolve([]);
    return this.paginate('prompts/list', 'prompts', opts);
  }

  callTool(name: string, args: Record<string, unknown>, opts?: RequestOptions): Promise<ToolCallResult> {
    const retry = this.opts.urlElicitation;
    if (!retry) return this.callToolOnce(name, args, opts);
    const server = this.live.client.getServerVersion() as { name?: string; title?: string } | undefined;
    return callWithUrlElicitations(() => this.callToolOnce(name, args, opts), {
      ...retry, serverTitle: server?.title ?? server?.name, signal: opts?.signal, ask: opts?.ask, maxWaitOnUserMs: this.opts.maxWaitOnUserMs ?? defaultMaxWaitOnUserMs,
      whenCompleted: (ids, signal) => this.elicitationCompletions.whenAll(ids, signal),
    });
  }

  private async callToolOnce(name: string, args: Record<string, unknown>, opts?: RequestOptions): Promise<ToolCallResult> {
    const tool = this.toolsByName.get(name);
    const result = await this.tracked(sdk => (this.modern && this.info.transport === 'http' && declaresParamHeaders(tool)
      // Without the outputSchema: the SDK would compile it on every call; ours is checked lazily below.
      ? this.run(c => c.callTool({ name, arguments: args, ...this.withLogLevel(undefined) }, { ...sdk, toolDefinition: { ...tool!, outputSchema: undefined } as never }))
      : this.sendWith('tools/call', { name, arguments: args }, sdk)), opts);
    const out = result as unknown as ToolCallResult;
    if (!Array.isArray(out.content)) throw new Error(`Tool "${name}" answered without a "content" list`);
    const problems = this.outputValidation.check(name, out);
    return problems.length ? { ...out, outputSchemaErrors: problems } : out;
  }

  async readResource(uri: string, opts?: RequestOptions): Promise<ResourceContents[]> {
    const r = await this.tracked(sdk => this.sendWith('resources/read', { uri }, sdk), opts);
    if (!Array.isArray(r.contents)) throw new Error(`Server answered resources/read for ${uri} without a "contents" list`);
    return r.contents as ResourceContents[];
  }

  async getPrompt(name: string, args: Record<string, string>, opts?: RequestOptions): Promise<PromptResult> {
    const r = await this.tracked(sdk => this.sendWith('prompts/get', { name, arguments: args }, sdk), opts);
    if (!Array.isArray(r.messages)) throw new Error(`Prompt "${name}" answered without a "messages" list`);
    return r as unknown as PromptResult;
  }

  async complete(ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string }, argument: { name: string; value: string }, opts?: RequestOptions): Promise<string[]> {
    if (!this.info.capabilities.completions) return [];
    const r = await this.run(c => c.complete({ ref, argument }, this.sdkOptions(opts)));
    return r.completion.values;
  }

  /** `ping` exists only in the 2025 era; a modern server is asked `server/discover`, its cheapest request. */
  async ping(opts?: RequestOptions): Promise<void> {
    if (this.modern) await this.run(c => c.discover(this.sdkOptions(opts)));
    else await this.run(c => c.ping(this.sdkOptions(opts)));
  }

  /** 2025: resources/subscribe. 2026 has no such request: each subscribed resource gets its own listen stream. */
  async subscribeResource(uri: string, opts?: RequestOptions): Promise<void> {
    if (!this.modern) { await this.send('resources/subscribe', { uri }, opts); return; }
    const live = this.live;
    await this.resourceStreams.open(uri, () => this.run(c => c.listen({ resourceSubscriptions: [uri] }, this.sdkOptions(opts))), () => this.live === live && !this.closedByUs);
  }

  async unsubscribeResource(uri: string, opts?: RequestOptions): Promise<void> {
    if (!this.modern) { await this.send('resources/unsubscribe', { uri }, opts); return; }
    await this.resourceStreams.close(uri);
  }

  request(method: string, params: unknown, opts?: RequestOptions): Promise<unknown> {
    const body = params as Record<string, unknown> | undefined;
    // A task that needs input asks on its tasks/result exchange; a replayed call may ask too.
    if (mayAskBack.has(method)) return this.tracked(sdk => this.sendWith(method, body, sdk), opts);
    return this.send(method, body, opts);
  }

  async close(): Promise<void> {
    this.closedByUs = true;
    await this.reconnecting?.catch(() => {});
    // Not awaited: closing the client below ends a subscription still waiting for its acknowledgement.
    void this.subscription?.then(sub => sub?.close().catch(() => {}));
    void this.resourceStreams.closeAll();
    await this.live.close();
    this.closeEmitter.dispose();
    this.notifyEmitter.dispose();
  }
}
