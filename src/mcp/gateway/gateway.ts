/**
 * The loopback MCP gateway: a streamable HTTP MCP server on 127.0.0.1 that fronts the managed servers for VS Code's
 * own agent and other clients. Every call goes through the engine, so timeouts, circuit breakers, metrics and the
 * traffic inspector apply to the agent's calls too. vscode-free: the extension wires it to a definition provider.
 *
 * - Listens on 127.0.0.1 on a free port (or `port`), path `/mcp`.
 * - Each start makes a new random bearer token; requests need `Authorization: Bearer <token>`.
 * - Host must be `127.0.0.1:<port>` or `localhost:<port>` and an Origin, when sent, the same (DNS-rebinding protection).
 * - Both MCP eras on one endpoint: 2025-11-25 sessions (what VS Code's client speaks) get one SDK server and transport
 *   per session, with a GET stream for list changes; 2026-07-28 requests are stateless and go to the SDK's modern handler.
 * - At most `maxSessions` 2025 sessions (the least recently used is closed to make room), each closed after
 *   `sessionIdleMs` without a request.
 * - Relays list changes for tools, resources and prompts when a managed server's catalog changes, in both eras.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, isLegacyRequest, WebStandardStreamableHTTPServerTransport, type McpHttpHandler, type Server } from '@modelcontextprotocol/server';
import type { EngineApi } from '../../core/engineApi';
import { DisposableStore } from '../../core/events';
import { nullLogger, type Logger } from '../../core/logger';
import { GatewayCatalog, type GatewayCatalogOptions } from './catalog';
import { checkRequest, newToken } from './security';
import { createGatewayServer } from './gatewayServer';
import { toWebRequest, writeWebResponse } from './nodeWeb';

export interface GatewayOptions extends GatewayCatalogOptions {
  /** Fixed port; default: a free one. */
  port?: number;
  logger?: Logger;
  /** Server name and version announced in `initialize`. */
  name?: string;
  version?: string;
  /** Delay that folds bursts of catalog changes into one list_changed (default 100 ms). */
  listChangedDebounceMs?: number;
  /** Largest accepted request body (default 16 MiB). */
  maxBodyBytes?: number;
  /** Most concurrent sessions (default 16); a new one closes the least recently used. */
  maxSessions?: number;
  /** A session without a request for this long is closed (default 30 min); its client starts a new one. */
  sessionIdleMs?: number;
}

export interface GatewayInfo {
  /** `http://127.0.0.1:<port>/mcp` */
  url: string;
  port: number;
  token: string;
  /** `{ Authorization: 'Bearer <token>' }` */
  headers: Record<string, string>;
}

/**
 * `lastUsed`: time of the last request of any kind (for the idle limit). `useOrder`: when the client last sent a message
 * (POST), from a counter, so two uses in the same millisecond still have an order; the GET stream a client opens by
 * itself after initializing is not a use, or its late arrival would make an unused session look the most recent.
 */
interface Session { id?: string; mcp: Server; transport: WebStandardStreamableHTTPServerTransport; lastUsed: number; useOrder: number }

const DEFAULT_MAX_SESSIONS = 16;
const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;

export const GATEWAY_PATH = '/mcp';

export class McpGateway {
  private http?: HttpServer;
  private current?: GatewayInfo;
  private starting?: Promise<GatewayInfo>;
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Set<Session>();
  private uses = 0;
  private readonly catalog: GatewayCatalog;
  private readonly log: Logger;
  /** What lives while the gateway listens; thrown away by stop(). */
  private runScope = new DisposableStore();
  private relayTimer?: ReturnType<typeof setTimeout>;
  private modern?: McpHttpHandler;
  private idleTimer?: ReturnType<typeof setInterval>;

  constructor(private readonly engine: EngineApi, private readonly opts: GatewayOptions) {
    this.catalog = new GatewayCatalog(engine, opts);
    this.log = opts.logger ?? nullLogger;
  }

  /** Running info, or undefined when stopped. */
  get info(): GatewayInfo | undefined { return this.current; }
  /** Open 2025-era sessions (2026-era clients are stateless and hold none). */
  get sessionCount(): number { return this.sessions.size; }
  /** Servers the duplicates decision currently hides. */
  hiddenServers(): string[] { return this.catalog.hiddenServers(); }
  exposedServers(): string[] { return this.catalog.servers().map(s => s.name); }

  /** Idempotent: resolves with the address and token once listening. */
  start(): Promise<GatewayInfo> {
    if (this.current) return Promise.resolve(this.current);
    this.starting ??= this.listen().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async listen(): Promise<GatewayInfo> {
    const token = newToken();
    const http = createServer((req, res) => {
      this.handle(req, res, token).catch(err => {
        this.log.error(err as Error);
        if (!res.headersSent) sendJson(res, 500, rpcError(-32603, `Internal error: ${(err as Error)?.message ?? err}`));
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(this.opts.port ?? 0, '127.0.0.1', () => { http.off('error', reject); resolve(); });
    });
    const port = (http.address() as AddressInfo).port;
    this.http = http;
    this.modern = createMcpHandler(() => this.createServer(), {
      legacy: 'reject', maxRequestBodySize: this.maxBodyBytes, onerror: e => this.log.debug(`gateway (2026-07-28): ${e.message}`),
    });
    this.current = { url: `http://127.0.0.1:${port}${GATEWAY_PATH}`, port, token, headers: { Authorization: `Bearer ${token}` } };
    this.runScope.add(this.engine.onDidChangeCatalog(({ server }) => { const s = this.engine.get(server); if (!s || this.opts.isExposed(s)) this.scheduleListChanged(); }));
    this.runScope.add(this.engine.onDidChangeServers(() => this.scheduleListChanged()));
    const idleMs = this.opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
    this.idleTimer = setInterval(() => this.closeIdleSessions(idleMs), Math.max(50, Math.min(60_000, idleMs / 2)));
    this.idleTimer.unref?.();
    this.log.info(`MCP gateway listening on ${this.current.url}`);
    return this.current;
  }

  /** Closes every session and the listener. Always settles. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.runScope.dispose();
    this.runScope = new DisposableStore();
    if (this.relayTimer) clearTimeout(this.relayTimer);
    this.relayTimer = undefined;
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = undefined;
    const all = [...this.sessions.values(), ...this.pending];
    this.sessions.clear();
    this.pending.clear();
    await Promise.all(all.map(s => s.transport.close().catch(() => undefined)));
    await this.modern?.close().catch(() => undefined);
    this.modern = undefined;
    const http = this.http;
    this.http = undefined;
    this.current = undefined;
    if (http) {
      http.closeAllConnections?.();
      await new Promise<void>(resolve => http.close(() => resolve()));
      this.log.info('MCP gateway stopped');
    }
  }

  /** Tells every client that tools, resources and prompts may have changed (e.g. the exposure setting changed). */
  notifyListChanged(): void {
    this.scheduleListChanged();
  }

  private scheduleListChanged(): void {
    if (this.relayTimer) return;
    this.relayTimer = setTimeout(() => {
      this.relayTimer = undefined;
      for (const s of this.sessions.values()) {
        const failed = (e: unknown) => this.log.debug(`gateway: list_changed to session ${s.id} failed: ${(e as Error).message}`);
        s.mcp.sendToolListChanged().catch(failed);
        s.mcp.sendResourceListChanged().catch(failed);
        s.mcp.sendPromptListChanged().catch(failed);
      }
      this.modern?.notify.toolsChanged();
      this.modern?.notify.resourcesChanged();
      this.modern?.notify.promptsChanged();
    }, this.opts.listChangedDebounceMs ?? 100);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const port = this.current?.port ?? 0;
    const check = checkRequest({ headers: req.headers, port, token });
    if (!check.ok) {
      this.log.warn(`gateway: refused ${req.method} ${req.url} (${check.status}: ${check.message})`);
      return sendJson(res, check.status, rpcError(-32001, check.message), check.status === 401 ? { 'www-authenticate': 'Bearer realm="mcp-switchboard-gateway"' } : {});
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path !== GATEWAY_PATH) return sendJson(res, 404, rpcError(-32601, `Not found: ${path} (the gateway serves ${GATEWAY_PATH})`));

    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJson(req, this.maxBodyBytes);
      if (!read.ok) return sendJson(res, read.status, rpcError(-32700, read.message));
      body = read.value;
    }

    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    const request = toWebRequest(req, port, body, aborted.signal);
    const sid = req.headers['mcp-session-id'];
    if (typeof sid === 'string' && sid) {
      const session = this.sessions.get(sid);
      if (!session) return sendJson(res, 404, rpcError(-32001, 'Session not found'));
      session.lastUsed = Date.now();
      if (req.method === 'POST') session.useOrder = ++this.uses;
      return writeWebResponse(await session.transport.handleRequest(request, { parsedBody: body }), res);
    }
    if (!(await isLegacyRequest(request, body, { maxRequestBodySize: this.maxBodyBytes }))) {
      return writeWebResponse(await this.modern!.fetch(request, { parsedBody: body }), res);
    }
    if (req.method === 'POST' && (Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body))) {
      const session = await this.newSession();
      return writeWebResponse(await session.transport.handleRequest(request, { parsedBody: body }), res);
    }
    return sendJson(res, 400, rpcError(-32000, 'Bad Request: no valid session ID provided'));
  }

  private get maxBodyBytes(): number { return this.opts.maxBodyBytes ?? 16 * 1024 * 1024; }

  private closeIdleSessions(idleMs: number): void {
    const cutoff = Date.now() - idleMs;
    for (const s of [...this.sessions.values(), ...this.pending]) {
      if (s.lastUsed > cutoff) continue;
      this.log.info(`gateway: session ${s.id ?? '(initializing)'} closed after ${Math.round(idleMs / 1000)} s idle`);
      this.closeSession(s);
    }
  }

  private closeSession(s: Session): void {
    this.pending.delete(s);
    if (s.id && this.sessions.get(s.id) === s) this.sessions.delete(s.id);
    void s.transport.close().catch(() => undefined);
  }

  /** Makes room for one more session: the least recently used goes. */
  private capSessions(): void {
    const max = Math.max(1, this.opts.maxSessions ?? DEFAULT_MAX_SESSIONS);
    const all = [...this.sessions.values(), ...this.pending].sort((a, b) => a.useOrder - b.useOrder);
    for (const s of all.slice(0, Math.max(0, all.length - max + 1))) {
      this.log.warn(`gateway: ${max} sessions open; closing the least recently used (${s.id ?? 'initializing'})`);
      this.closeSession(s);
    }
  }

  private async newSession(): Promise<Session> {
    this.capSessions();
    const mcp = this.createServer(true);
    const session: Session = {
      lastUsed: Date.now(),
      useOrder: ++this.uses,
      mcp,
      transport: new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: id => {
          session.id = id;
          this.pending.delete(session);
          this.sessions.set(id, session);
          this.log.info(`gateway: session ${id} opened`);
        },
        onsessionclosed: id => { this.log.info(`gateway: session ${id} closed by the client`); },
      }),
    };
    this.pending.add(session);
    session.transport.onclose = () => {
      this.pending.delete(session);
      if (session.id && this.sessions.get(session.id) === session) this.sessions.delete(session.id);
      mcp.close().catch(() => undefined);
    };
    await mcp.connect(session.transport);
    return session;
  }

  private instructions(): string {
    const hidden = this.catalog.hiddenServers();
    return 'MCP Switchboard gateway: the tools, resources and prompts of the MCP servers managed by the MCP Switchboard extension, '
      + 'named `server__name`. Calls go through Switchboard (timeouts, circuit breakers, traffic inspector).'
      + (hidden.length ? ` Not exposed here because VS Code runs them itself from its mcp.json: ${hidden.join(', ')} `
        + '(setting mcpSwitchboard.gateway.exposeServersFromVSCodeConfig).' : '');
  }

  private createServer(forwardQuestions = false): Server {
    return createGatewayServer(this.engine, this.catalog, { name: this.opts.name, version: this.opts.version, instructions: this.instructions(), forwardQuestions });
  }
}

function isInitializeRequest(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { method?: unknown }).method === 'initialize' && 'id' in message;
}

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) { res.end(); return; }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
}

function readJson(req: IncomingMessage, max: number): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > max) { done = true; resolve({ ok: false, status: 413, message: `Request body over ${max} bytes` }); req.resume(); return; }
      chunks.push(c);
    });
    req.on('error', e => { if (!done) { done = true; resolve({ ok: false, status: 400, message: e.message }); } });
    req.on('end', () => {
      if (done) return;
      done = true;
      const raw = Buffer.concat(chunks).toString('utf8');
      if (!raw) return resolve({ ok: true, value: undefined });
      try { resolve({ ok: true, value: JSON.parse(raw) }); } catch (e) { resolve({ ok: false, status: 400, message: `Parse error: ${(e as Error).message}` }); }
    });
  });
}
