import type { Event } from '../events';
import type { Logger } from '../logger';
import type { CacheHint, Catalog, McpPrompt, McpResource, McpResourceTemplate, PromptResult, ResourceContents, ToolCallResult } from './catalog';
import type { ServerSpec } from './types';
import type { CallAsker } from '../clientRequests/types';

/**
 * The engine's view of one live MCP session. Implemented in src/mcp on top of the SDK Client, so the engine's
 * lifecycle, resilience and caching logic stays SDK-free.
 */
export interface SessionInfo {
  serverInfo: { name: string; version: string; title?: string };
  protocolVersion: string;
  /** `modern` for 2026-07-28 and later (server/discover, stateless), `legacy` for the 2025 `initialize` handshake. */
  protocolEra?: ProtocolEra;
  capabilities: {
    tools?: { listChanged?: boolean };
    resources?: { listChanged?: boolean; subscribe?: boolean };
    prompts?: { listChanged?: boolean };
    completions?: object;
    logging?: object;
    [k: string]: unknown;
  };
  instructions?: string;
  /** The transport actually in use: `sse` when an `http` server fell back to legacy SSE. */
  transport: 'stdio' | 'http' | 'sse';
  sessionId?: string;
  pid?: number;
}

export type ProtocolEra = 'legacy' | 'modern';

export interface RequestOptions {
  /** Overrides the server's default timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** For lists: called with each page's caching hints (2026-07-28 `ttlMs` / `cacheScope`). */
  onCacheHint?: (hint: CacheHint) => void;
  /** Calls only: who answers the server's questions during this call (elicitation, sampling) instead of the local UI. */
  ask?: CallAsker;
}

export interface McpSession {
  readonly info: SessionInfo;
  /** The tools as the server listed them: the catalog validates each one (a broken tool must not hide the others). */
  listTools(opts?: RequestOptions): Promise<unknown[]>;
  listResources(opts?: RequestOptions): Promise<McpResource[]>;
  listResourceTemplates(opts?: RequestOptions): Promise<McpResourceTemplate[]>;
  listPrompts(opts?: RequestOptions): Promise<McpPrompt[]>;
  callTool(name: string, args: Record<string, unknown>, opts?: RequestOptions): Promise<ToolCallResult>;
  readResource(uri: string, opts?: RequestOptions): Promise<ResourceContents[]>;
  getPrompt(name: string, args: Record<string, string>, opts?: RequestOptions): Promise<PromptResult>;
  complete(ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string }, argument: { name: string; value: string }, opts?: RequestOptions): Promise<string[]>;
  ping(opts?: RequestOptions): Promise<void>;
  /** Asks for `notifications/resources/updated` about one resource: `resources/subscribe` (2025) or a `subscriptions/listen` stream (2026). */
  subscribeResource(uri: string, opts?: RequestOptions): Promise<void>;
  unsubscribeResource(uri: string, opts?: RequestOptions): Promise<void>;
  /** A raw client request (used by the inspector's replay). */
  request(method: string, params: unknown, opts?: RequestOptions): Promise<unknown>;
  /** Fires once when the session ends without close() being called (process exit, stream cut). */
  readonly onDidClose: Event<{ error?: Error }>;
  /** Server notifications the engine cares about (list_changed, resources/updated). */
  readonly onDidNotify: Event<{ method: string; params?: unknown }>;
  /** Graceful close; always settles. */
  close(): Promise<void>;
}

export interface SessionContext {
  logger: Logger;
  /** Called with each stderr line of a stdio server. */
  onStderr(line: string): void;
  /** Records every JSON-RPC message and lifecycle event; src/mcp wraps the SDK transport with it. */
  tap: import('../traffic/tap').TrafficTap;
  /** Aborts a connect that takes too long or was cancelled by stop(). */
  signal: AbortSignal;
}

export interface SessionFactory {
  connect(spec: ServerSpec, ctx: SessionContext): Promise<McpSession>;
}

export type { Catalog };
