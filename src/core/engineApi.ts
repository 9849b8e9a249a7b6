import type { Event } from './events';
import type { LogLevel } from './logger';
import type { Catalog, PromptResult, QualifiedTool, ResourceContents, ToolCallResult } from './connection/catalog';
import type { RequestOptions, SessionInfo } from './connection/session';
import type { ConnectionState } from './connection/state';
import type { ServerEntry, ServerOrigin, ServerSpec } from './connection/types';
import type { TrafficStore } from './traffic/trafficStore';
import type { MetricsRegistry } from './metrics/metricsRegistry';
import type { TaskRegistry } from './tasks/taskRegistry';

/** What views, commands, chat, the inspector and the CLI see of one server. */
export interface ServerSnapshot {
  name: string;
  spec?: ServerSpec;
  origin?: ServerOrigin;
  state: ConnectionState;
  /** Set once initialize succeeded; kept while reconnecting so views can still show it. */
  info?: SessionInfo;
  catalog: Catalog;
  lastError?: { message: string; at: number };
  connectedAt?: number;
  /** Connection attempts since the last user start. */
  attempts: number;
  breaker: 'closed' | 'open' | 'half-open';
}

export interface ApplyResult { added: string[]; removed: string[]; changed: string[]; unchanged: string[] }

/** The engine's public surface. Implemented by `Engine` in ./connection/engine.ts. */
export interface EngineApi {
  readonly onDidChangeServer: Event<ServerSnapshot>;
  readonly onDidChangeServers: Event<void>;
  readonly onDidChangeCatalog: Event<{ server: string }>;
  /** Per-server log lines (stderr at info, lifecycle at info/warn/error, protocol at debug/trace). */
  readonly onDidLog: Event<{ server: string; level: LogLevel; message: string }>;
  /** `notifications/resources/updated` of a subscribed resource. */
  readonly onDidUpdateResource: Event<{ server: string; uri: string }>;
  readonly traffic: TrafficStore;
  readonly metrics: MetricsRegistry;
  /** Task-augmented tool calls (tools whose `execution.taskSupport` is `required`), running and recently finished. */
  readonly tasks: TaskRegistry;

  /** Replaces the set of servers; restarts only entries whose spec changed; stops removed ones. */
  /** Applies a configuration: stops removed and changed servers, and launches the starts without waiting for them. */
  apply(entries: ServerEntry[]): Promise<ApplyResult>;
  /** Settles once every start launched by apply() has connected or failed. */
  whenStarted(): Promise<void>;
  list(): ServerSnapshot[];
  get(name: string): ServerSnapshot | undefined;

  /** Idempotent: resolves when running, rejects with the reason when the start failed. */
  start(name: string): Promise<void>;
  stop(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  /** Enable/Disable from the UI; the choice survives config reloads (see enabledChoices). */
  setEnabled(name: string, enabled: boolean): Promise<void>;
  enabledChoices(): Record<string, boolean>;
  restoreEnabledChoices(choices: Record<string, boolean>): void;

  /** Every tool of every server, `enabled: false` where allowedTools/excludedTools filter it out. */
  tools(): QualifiedTool[];
  findTool(qualifiedName: string): QualifiedTool | undefined;

  callTool(server: string, tool: string, args: Record<string, unknown>, opts?: RequestOptions): Promise<ToolCallResult>;
  readResource(server: string, uri: string, opts?: RequestOptions): Promise<ResourceContents[]>;
  /** Subscribes to one resource's updates (only for servers declaring `resources.subscribe`; ResourceSubscriptions checks). */
  subscribeResource(server: string, uri: string): Promise<void>;
  unsubscribeResource(server: string, uri: string): Promise<void>;
  getPrompt(server: string, name: string, args: Record<string, string>, opts?: RequestOptions): Promise<PromptResult>;
  complete(server: string, ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string }, argument: { name: string; value: string }): Promise<string[]>;
  /** A raw request, for the inspector's replay. */
  request(server: string, method: string, params: unknown, opts?: RequestOptions): Promise<unknown>;
  refreshCatalog(server: string): Promise<void>;
  /** Refetches lists whose server-given lifetime (2026-07-28 `ttlMs`) ran out, of the named servers or all; waits a bounded time. */
  freshCatalog(servers?: readonly string[]): Promise<void>;

  /** Stops every server; no process outlives it. Always settles. */
  dispose(): Promise<void>;
}
