import { assertNever } from '../../shared/assertNever';
import type { UrlElicitation } from '../clientRequests/types';

/**
 * Why a connection or request failed, decided once where the failure happens (src/mcp maps SDK, Node and HTTP errors
 * to it) so the core decides retries, breaker trips and hints on a typed value, never on message wording.
 */
export type FailureKind =
  /** The stdio command is not on PATH or not executable. */
  | 'command-not-found'
  /** The process could not be spawned for another reason (permissions, bad cwd). */
  | 'spawn-failed'
  /** HTTP 401/403. */
  | 'auth-refused'
  /** The server uses OAuth and no valid token is stored: the user signs in (the engine never opens a browser itself). */
  | 'needs-sign-in'
  /** The host name does not resolve. */
  | 'dns'
  /** Nothing listens at the address. */
  | 'connection-refused'
  /** A request got no answer in time. */
  | 'timeout'
  /** initialize did not finish within startupTimeout. */
  | 'startup-timeout'
  /** The connection or stream ended under a request (socket reset, stdin closed, -32000). */
  | 'transport-closed'
  /** A stdio server process exited. */
  | 'process-exited'
  /** The server answered something this client cannot use (bad initialize result, unsupported protocol version). */
  | 'protocol'
  /** Client and server share no MCP protocol version (or the pinned one is not spoken): only a config change helps. */
  | 'version-mismatch'
  /** An HTTP status other than auth. */
  | 'http-status'
  /** The server answered the request with a JSON-RPC error: it is alive. */
  | 'server-error'
  /** The server answered -32042: the user must open URLs (`McpFailure.elicitations`) before the call can succeed. */
  | 'url-elicitation-required'
  /** Cancelled by the caller or by stop(). */
  | 'cancelled'
  | 'unknown';

export class McpFailure extends Error {
  /** The JSON-RPC error code and data when the server sent an error (the gateway passes them on). */
  readonly code?: number;
  readonly data?: unknown;
  /** Kind `url-elicitation-required`: the server's URL elicitations, validated (http(s) URLs only). */
  readonly elicitations?: readonly UrlElicitation[];
  constructor(readonly kind: FailureKind, message: string, options?: { cause?: unknown; code?: number; data?: unknown; elicitations?: readonly UrlElicitation[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McpFailure';
    if (options?.code !== undefined) this.code = options.code;
    if (options?.data !== undefined) this.data = options.data;
    if (options?.elicitations !== undefined) this.elicitations = options.elicitations;
  }
}

export function failureKindOf(e: unknown): FailureKind {
  return e instanceof McpFailure ? e.kind : 'unknown';
}

/** Retrying cannot help until the configuration or the machine changes. */
export function isPermanentFailure(kind: FailureKind): boolean {
  switch (kind) {
    case 'command-not-found': case 'auth-refused': case 'dns': case 'version-mismatch': case 'needs-sign-in':
      return true;
    case 'spawn-failed': case 'connection-refused': case 'timeout': case 'startup-timeout': case 'transport-closed':
    case 'process-exited': case 'protocol': case 'http-status': case 'server-error': case 'url-elicitation-required': case 'cancelled': case 'unknown':
      return false;
    default: return assertNever(kind);
  }
}

/** The request never got an answer from a live server: counts against the circuit breaker. */
export function tripsBreaker(kind: FailureKind): boolean {
  switch (kind) {
    case 'timeout': case 'startup-timeout': case 'transport-closed': case 'process-exited': case 'connection-refused':
      return true;
    case 'command-not-found': case 'spawn-failed': case 'auth-refused': case 'dns': case 'protocol': case 'http-status':
    case 'server-error': case 'url-elicitation-required': case 'cancelled': case 'unknown': case 'version-mismatch': case 'needs-sign-in':
      return false;
    default: return assertNever(kind);
  }
}

/** The connection went away under the request: an idempotent request may be sent again once reconnected. */
export function isConnectionLoss(kind: FailureKind): boolean {
  switch (kind) {
    case 'transport-closed': case 'process-exited': case 'connection-refused':
      return true;
    case 'command-not-found': case 'spawn-failed': case 'auth-refused': case 'dns': case 'timeout': case 'startup-timeout':
    case 'protocol': case 'http-status': case 'server-error': case 'url-elicitation-required': case 'cancelled': case 'unknown': case 'version-mismatch':
    case 'needs-sign-in':
      return false;
    default: return assertNever(kind);
  }
}
