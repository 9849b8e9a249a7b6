import { Client, SdkError, SdkErrorCode, type Transport } from '@modelcontextprotocol/client';
import type { McpSession, SessionContext, SessionFactory, SessionInfo } from '../core/connection/session';
import type { HttpTarget, ProtocolVersionChoice, ServerSpec, StdioTarget } from '../core/connection/types';
import { ManagedStdioTransport, type ShutdownTimings } from './stdioTransport';
import { createSseTransport, createStreamableHttpTransport, describeHttpError, isVersionRejection, shouldFallBackToSse } from './httpTransports';
import { SdkSession, type LiveClient } from './sdkSession';
import { connectOptionsFor, defaultProbeTimeoutMs, eraKey, InMemoryEraStore, negotiationFor, verdictOf, type EraStore, type PriorEra } from './eraMemory';
import { mirrorTransportTraits } from './transportTraits';
import { HttpDetailsRecorder } from './httpDetails';
import { toFailure } from './failureKinds';
import { McpFailure } from '../core/connection/failure';
import { product } from '../core/product';
import type { ClientRequestHandlers } from '../core/clientRequests/types';
import { buildClientCapabilities, clientCapabilityFragments } from './clientCapabilities';
import { announceRootsChanges, wireClientRequests } from './clientRequestWiring';
import { CallTracker } from './callTracker';
import { DisposableStore } from '../core/events';
import { guardElicitation, type ElicitationLimits } from '../core/clientRequests/elicitationGuard';
import type { Sampler } from '../core/sampling/types';
import { registerSampling, samplingCapability } from './sampling';
import { connectionAuthFailure, connectionAuthProvider, type ConnectionOAuthOptions } from './oauth/connectionAuth';
import { AuthObservations } from './oauth/stepUp';

export const clientInfo = { name: product.name, version: product.version };

export interface SdkSessionFactoryOptions {
  shutdown?: ShutdownTimings;
  maxMessageBytes?: number;
  /** For servers without their own `protocolVersion`; default `auto`. */
  protocolVersion?: () => ProtocolVersionChoice;
  /** Eras learned by probing, per server definition; default in memory for the factory's lifetime. */
  eras?: EraStore;
  probeTimeoutMs?: number;
  /** What servers may ask of us (elicitation, roots); only these capabilities are declared. */
  clientRequests?: ClientRequestHandlers;
  elicitationLimits?: ElicitationLimits;
  /** Answers `sampling/createMessage`; without it the `sampling` capability is not declared (the CLI has no model). */
  sampler?: Sampler;
  /** Cap on the time one call may wait on the user's answers before it ends (default 10 minutes). */
  maxWaitOnUserMs?: number;
  /** OAuth token storage for remote servers; without it a 401 is only reported. */
  oauth?: ConnectionOAuthOptions;
}

interface Attempt {
  transport: Transport;
  kind: SessionInfo['transport'];
  closeTransport: () => Promise<void>;
  pid: () => number | undefined;
  sessionId?: () => string | undefined;
  beforeClose?: () => Promise<void>;
  httpDetails?: HttpDetailsRecorder;
}

/** Connects SDK clients for the engine: stdio, streamable HTTP (with session renewal and SSE fallback) and legacy SSE, in either MCP era. */
export class SdkSessionFactory implements SessionFactory {
  private readonly eras: EraStore;

  private readonly handlers: ClientRequestHandlers;

  constructor(private readonly options: SdkSessionFactoryOptions = {}) {
    this.eras = options.eras ?? new InMemoryEraStore();
    const given = options.clientRequests ?? {};
    // One guard for all sessions: a server that reconnects does not get a fresh allowance of questions. Questions that go
    // to a gateway client (ctx.ask) pass the same guard: its loop cap and answer check hold for VS Code's UI too.
    const local = given.elicit;
    this.handlers = local ? {
      ...given,
      elicit: guardElicitation((request, ctx) => ctx.ask?.elicit ? ctx.ask.elicit(request, ctx.signal) : local(request, ctx), { limits: options.elicitationLimits, onRefused: given.onElicitationRefused }),
    } : given;
  }

  async connect(spec: ServerSpec, ctx: SessionContext): Promise<McpSession> {
    const key = eraKey(spec.target);
    const sessionOptions = {
      defaultTimeoutMs: spec.options.timeoutMs,
      maxTotalTimeoutMs: spec.options.maxTotalTimeoutMs,
      onLog: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => ctx.logger[level](message),
      // A remembered era that no longer holds (the server was upgraded or replaced) is probed again next time.
      onFirstRequestFailed: () => this.eras.set(key, undefined),
      logLevel: spec.options.logLevel,
      urlElicitation: this.handlers.elicit ? { server: spec.name, handlers: this.handlers } : undefined,
      maxWaitOnUserMs: this.options.maxWaitOnUserMs,
    };
    if (spec.target.type === 'stdio') {
      const live = await this.connectStdio(spec.target, spec, ctx);
      return new SdkSession(live, sessionOptions);
    }
    const target = spec.target;
    const live = await this.connectHttp(target, spec, ctx);
    // A renewal keeps the transport that worked: a 404 to its initialize means the endpoint is gone, not "try SSE".
    return new SdkSession(live, { ...sessionOptions, reconnect: () => this.connectHttp({ ...target, type: live.info.transport === 'sse' ? 'sse' : 'http' }, spec, ctx, false) });
  }

  private choiceFor(spec: ServerSpec): ProtocolVersionChoice {
    return spec.options.protocolVersion ?? this.options.protocolVersion?.() ?? 'auto';
  }

  private async connectStdio(target: StdioTarget, spec: ServerSpec, ctx: SessionContext, prior?: PriorEra): Promise<LiveClient> {
    const transport = new ManagedStdioTransport({
      target,
      timings: this.options.shutdown,
      maxMessageBytes: this.options.maxMessageBytes,
      onStderr: ctx.onStderr,
      onBadLine: line => ctx.tap.stderr(`[not JSON-RPC on stdout] ${line.slice(0, 1000)}`),
    });
    const attempt: Attempt = { transport, kind: 'stdio', closeTransport: () => transport.close(), pid: () => transport.pid };
    try {
      return await this.initialize(attempt, spec, ctx, prior);
    } catch (e) {
      // Some legacy servers exit on any request before `initialize`: the probe killed it, so start it once more as legacy.
      const cause = e instanceof McpFailure ? e.cause : e;
      if (prior || this.choiceFor(spec) !== 'auto' || !(cause instanceof SdkError && cause.code === SdkErrorCode.EraNegotiationFailed) || ctx.signal.aborted) throw e;
      ctx.logger.info(`The server closed during the protocol probe (${cause.message}); restarting it once with the 2025 handshake`);
      ctx.tap.lifecycle('server/discover probe ended the server: restarting as a 2025-11-25 server');
      return this.connectStdio(target, spec, ctx, { kind: 'legacy' });
    }
  }

  private async connectHttp(target: HttpTarget, spec: ServerSpec, ctx: SessionContext, sseFallback = true): Promise<LiveClient> {
    if (target.type === 'sse') return this.connectSse(target, spec, ctx);
    const details = new HttpDetailsRecorder();
    const seen = new AuthObservations();
    const provider = connectionAuthProvider(target, this.options.oauth);
    const transport = createStreamableHttpTransport(target, details, provider ? { provider, seen } : undefined);
    ctx.tap.setHttpDetails(id => details.take(id));
    // DELETE tells the server to drop the session; it must go out before the client closes the transport.
    const terminate = () => transport.terminateSession().catch(() => {});
    const attempt: Attempt = {
      transport, kind: 'http', closeTransport: () => transport.close(), pid: () => undefined, sessionId: () => transport.sessionId, beforeClose: terminate, httpDetails: details,
    };
    try {
      return await this.initialize(attempt, spec, ctx);
    } catch (e) {
      const authFailure = connectionAuthFailure(e, target.url, seen);
      if (authFailure) throw authFailure;
      if (isVersionRejection(e)) throw new McpFailure('version-mismatch', `${target.url} speaks no MCP protocol version in common with MCP Switchboard (${this.choiceFor(spec)} was asked for). Set "protocolVersion" to "auto", or update the server.`, { cause: e });
      if (!sseFallback || !shouldFallBackToSse(e)) throw toFailure(e, 'protocol', describeHttpError(e, target.url, target));
      ctx.logger.info(`Streamable HTTP was refused (${(e as Error).message}); falling back to legacy SSE`);
      ctx.tap.lifecycle('Streamable HTTP refused: falling back to legacy SSE');
      return this.connectSse({ ...target, url: target.url }, spec, ctx);
    }
  }

  private async connectSse(target: HttpTarget, spec: ServerSpec, ctx: SessionContext): Promise<LiveClient> {
    const transport = createSseTransport(target, connectionAuthProvider(target, this.options.oauth));
    ctx.tap.setHttpDetails(undefined);
    try {
      // Legacy SSE predates 2026-07-28: no probe.
      return await this.initialize({ transport, kind: 'sse', closeTransport: () => transport.close(), pid: () => undefined }, spec, ctx, { kind: 'legacy' });
    } catch (e) {
      throw toFailure(e, 'protocol', describeHttpError(e, target.url, target));
    }
  }

  private async initialize(attempt: Attempt, spec: ServerSpec, ctx: SessionContext, forcedPrior?: PriorEra): Promise<LiveClient> {
    const { transport, kind } = attempt;
    const choice = this.choiceFor(spec);
    const key = eraKey(spec.target);
    // A pinned choice makes what `auto` learned before moot: when the choice goes back to `auto`, it probes afresh.
    if (choice !== 'auto' && this.eras.get(key)) this.eras.set(key, undefined);
    const prior = forcedPrior ?? (choice === 'auto' ? this.eras.get(key) : undefined);
    const handlers = this.handlers;
    const capabilities = buildClientCapabilities([...clientCapabilityFragments(handlers, spec), samplingCapability(this.options.sampler)]);
    const client = new Client(clientInfo, { capabilities, versionNegotiation: negotiationFor(choice, this.options.probeTimeoutMs ?? defaultProbeTimeoutMs) });
    const calls = new CallTracker();
    const serverTitle = () => { const v = client.getServerVersion() as { name?: string; title?: string } | undefined; return v?.title ?? v?.name; };
    wireClientRequests(client, { handlers, spec, logger: ctx.logger, calls, serverTitle });
    registerSampling(client, spec.name, this.options.sampler, calls);
    ctx.tap.setProtocolVersion(undefined);
    const tapped = mirrorTransportTraits(ctx.tap.wrap(transport) as Transport, transport);
    let protocolVersion = '';
    const setVersion = tapped.setProtocolVersion?.bind(tapped);
    tapped.setProtocolVersion = (v: string) => { protocolVersion = v; setVersion?.(v); };
    const announcers = new DisposableStore();
    const close = async () => { announcers.dispose(); await attempt.beforeClose?.(); await client.close().catch(() => {}); await attempt.closeTransport().catch(() => {}); };
    const aborted = new Promise<never>((_, reject) => {
      const onAbort = () => reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error(String(ctx.signal.reason ?? 'Connection attempt cancelled')));
      if (ctx.signal.aborted) onAbort(); else ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      await Promise.race([client.connect(tapped, connectOptionsFor(choice, prior, spec.options.startupTimeoutMs)), aborted]);
    } catch (e) {
      await close();
      // An initialize that got no answer in time is a start-up timeout; anything untyped the SDK rejected is a protocol problem.
      const failure = toFailure(e, 'protocol');
      throw failure.kind === 'timeout' ? new McpFailure('startup-timeout', failure.message, { cause: e }) : failure;
    }
    if (choice === 'auto' && kind !== 'sse') this.eras.set(key, verdictOf(client));
    const server = client.getServerVersion();
    const rootsAnnouncer = announceRootsChanges(client, { handlers, spec, logger: ctx.logger });
    if (rootsAnnouncer) announcers.add(rootsAnnouncer);
    await this.requestLogLevel(client, spec, ctx);
    ctx.tap.setProtocolVersion(client.getNegotiatedProtocolVersion() ?? protocolVersion);
    const info: SessionInfo = {
      serverInfo: { name: server?.name ?? spec.name, version: server?.version ?? '', title: (server as { title?: string } | undefined)?.title },
      protocolVersion: client.getNegotiatedProtocolVersion() ?? protocolVersion,
      protocolEra: client.getProtocolEra(),
      capabilities: (client.getServerCapabilities() ?? {}) as SessionInfo['capabilities'],
      instructions: client.getInstructions(),
      transport: kind,
      get sessionId() { return attempt.sessionId?.(); },
      pid: attempt.pid(),
    };
    return { client, info, close, calls, httpDetails: attempt.httpDetails };
  }

  /** 2025 era: one `logging/setLevel` after the handshake. (2026 carries the level in each request's `_meta`: see SdkSession.) */
  private async requestLogLevel(client: Client, spec: ServerSpec, ctx: SessionContext): Promise<void> {
    const level = spec.options.logLevel;
    if (!level || client.getProtocolEra() === 'modern' || !client.getServerCapabilities()?.logging) return;
    await client.setLoggingLevel(level, { timeout: spec.options.timeoutMs }).catch((e: unknown) => ctx.logger.warn(`logging/setLevel ${level} failed: ${(e as Error).message}`));
  }
}
