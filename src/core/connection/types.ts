import type { McpLogLevel } from '../clientRequests/logLevels';

/** What the engine needs to run one server, fully resolved (variables substituted, secrets known). */
export type TransportType = 'stdio' | 'http' | 'sse';

export interface StdioTarget {
  type: 'stdio';
  command: string;
  args: string[];
  cwd?: string;
  /** Merged over a sane inherited environment; `null` removes a variable. */
  env?: Record<string, string | null>;
}

export interface HttpTarget {
  /** `http` is streamable HTTP with a fallback to legacy SSE; `sse` is legacy SSE only. */
  type: 'http' | 'sse';
  url: string;
  headers?: Record<string, string>;
  /** A client pre-registered with the server's authorization server (`oauth` in the entry), secrets resolved. */
  oauth?: { clientId: string; clientSecret?: string; scopes?: string[] };
}

export type ServerTarget = StdioTarget | HttpTarget;

export type ApprovalMode = 'always' | 'never' | 'readOnly';
export interface ApprovalPolicy {
  /** Default for the server's tools. */
  mode?: ApprovalMode;
  /** Per tool (original tool name). */
  tools?: Record<string, ApprovalMode>;
}

/** Which MCP revision to speak: `auto` probes with server/discover and falls back to 2025's initialize. */
export const protocolVersionChoices = ['auto', '2025-11-25', '2026-07-28'] as const;
export type ProtocolVersionChoice = typeof protocolVersionChoices[number];

export interface ServerOptions {
  disabled: boolean;
  autoStart: boolean;
  /** Default request timeout. */
  timeoutMs: number;
  /** Time allowed for spawn/connect + initialize. */
  startupTimeoutMs: number;
  /** Hard cap when progress notifications keep resetting a request's timeout. */
  maxTotalTimeoutMs: number;
  /** Ping interval while idle; 0 turns health checks off. */
  healthCheckIntervalMs: number;
  restart: 'on-failure' | 'never';
  allowedTools?: string[];
  excludedTools?: string[];
  approval?: ApprovalPolicy;
  /** Omitted means the global default (itself `auto` unless set). */
  protocolVersion?: ProtocolVersionChoice;
  /** Lowest level of the server's log messages we ask for (`logging/setLevel`, or each request's `_meta` in 2026). */
  logLevel?: McpLogLevel;
  /** Folders offered to this server instead of the workspace folders: paths or file:// URIs, relative to the server's cwd. */
  roots?: string[];
}

export const defaultServerOptions: ServerOptions = {
  disabled: false,
  autoStart: true,
  timeoutMs: 60_000,
  startupTimeoutMs: 30_000,
  maxTotalTimeoutMs: 600_000,
  healthCheckIntervalMs: 30_000,
  restart: 'on-failure',
};

/** Where a server definition came from, so views can jump to it. Opaque to the engine. */
export interface ServerOrigin {
  kind: 'workspace' | 'user' | 'setting' | 'discovered' | 'demo' | 'cli';
  /** Absolute path of the config file, when there is one. */
  file?: string;
  /** 0-based position of the server's entry in that file. */
  line?: number;
  column?: number;
  /** Human label of the source, e.g. "Claude Desktop". */
  label?: string;
}

export interface ServerSpec {
  /** Unique across the engine; the user-visible server name. */
  name: string;
  target: ServerTarget;
  options: ServerOptions;
  /** Resolved secret values (from SecretStorage inputs, env files, auth headers) to redact from records and logs. */
  secrets: string[];
  /** Values of password `${input:}`s (a subset of `secrets`): the consent fingerprint covers them by a keyed hash. */
  inputSecrets?: string[];
  origin?: ServerOrigin;
}

/**
 * An entry handed to the engine: either a runnable spec, or a server that must not start, with the reason
 * (config error, untrusted workspace, waiting for consent or an input).
 */
export interface ServerEntry {
  name: string;
  spec?: ServerSpec;
  blocked?: { reason: BlockReason; message: string };
  origin?: ServerOrigin;
}
/** `run-by-vscode`: VS Code's own MCP client runs it (see core/config/coexistence.ts). */
export type BlockReason = 'config-error' | 'untrusted' | 'needs-consent' | 'needs-input' | 'run-by-vscode';
