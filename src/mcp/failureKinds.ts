import { InsufficientScopeError, ProtocolError, SdkError, SdkErrorCode, SdkHttpError, SseError, UnauthorizedError } from '@modelcontextprotocol/client';
import { McpFailure, type FailureKind } from '../core/connection/failure';
import { HttpStatusError } from './httpStatusMessages';
import { oauthFailureIn } from './oauth/oauthErrors';
import { parseUrlElicitations } from '../core/clientRequests/urlElicitations';

/**
 * The one place that turns SDK, Node and fetch errors into a typed FailureKind. Everything above src/mcp decides on
 * the kind; message wording is free to change.
 */

const networkCodes: Readonly<Record<string, FailureKind>> = {
  ENOTFOUND: 'dns', EAI_AGAIN: 'dns',
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'transport-closed', EPIPE: 'transport-closed', ECONNABORTED: 'transport-closed',
  UND_ERR_SOCKET: 'transport-closed', UND_ERR_CLOSED: 'transport-closed',
  ETIMEDOUT: 'timeout', UND_ERR_CONNECT_TIMEOUT: 'timeout', UND_ERR_HEADERS_TIMEOUT: 'timeout',
};

/**
 * Node and undici put the errno code on the error, on its `cause` (fetch wraps it in "fetch failed"), or on the
 * `errors` of an AggregateError (happy eyeballs tried several addresses).
 */
function errnoCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 4) return undefined;
  const o = e as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof o.code === 'string' && Object.hasOwn(networkCodes, o.code)) return o.code;
  for (const inner of [o.cause, ...(Array.isArray(o.errors) ? o.errors : [])]) {
    const code = errnoCode(inner, depth + 1);
    if (code) return code;
  }
  return undefined;
}

/** The HTTP status of a transport error. The SSE transport reports a failed POST's status only in its message. */
export function httpStatusOf(e: unknown): number | undefined {
  if (e instanceof McpFailure) return e.cause === undefined ? undefined : httpStatusOf(e.cause);
  if (e instanceof SdkHttpError) return e.status >= 100 ? e.status : undefined;
  if (e instanceof SseError) return typeof e.code === 'number' && e.code >= 100 ? e.code : undefined;
  const m = /\b(?:HTTP|status|code)[ :(]*([1-5]\d\d)\b/i.exec(String((e as Error)?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * JSON-RPC codes with a transport meaning: -32000 is what our cut-stream guard (and SDK v1 peers) answer for a lost
 * connection, -32001 a request timeout. Every other code is the server's own error.
 */
const protocolCodeKinds: Readonly<Record<number, FailureKind>> = { [-32000]: 'transport-closed', [-32001]: 'timeout', [-32042]: 'url-elicitation-required' };

const sdkCodeKinds: Partial<Record<SdkErrorCode, FailureKind>> = {
  [SdkErrorCode.RequestTimeout]: 'timeout',
  [SdkErrorCode.ConnectionClosed]: 'transport-closed',
  [SdkErrorCode.NotConnected]: 'transport-closed',
  [SdkErrorCode.SendFailed]: 'transport-closed',
};

export function classifyError(e: unknown): FailureKind {
  if (e instanceof McpFailure) return e.kind;
  if (e instanceof ProtocolError) return protocolCodeKinds[e.code] ?? 'server-error';
  if (e instanceof SdkError && !(e instanceof SdkHttpError)) {
    const kind = sdkCodeKinds[e.code as SdkErrorCode];
    if (kind) return kind;
  }
  const oauth = oauthFailureIn(e);
  if (oauth) return oauth.reason === 'needs-sign-in' ? 'needs-sign-in' : 'auth-refused';
  if (e instanceof UnauthorizedError || e instanceof InsufficientScopeError) return 'auth-refused';
  if (e instanceof HttpStatusError) return e.status === 401 || e.status === 403 ? 'auth-refused' : 'http-status';
  const status = httpStatusOf(e);
  if (status !== undefined) return status === 401 || status === 403 ? 'auth-refused' : 'http-status';
  const code = errnoCode(e);
  if (code && Object.hasOwn(networkCodes, code)) return networkCodes[code];
  if ((e as Error)?.name === 'AbortError') return 'cancelled';
  return 'unknown';
}

/**
 * Wraps any error as an McpFailure. `fallback` is the kind when nothing typed says otherwise (for example `protocol`
 * for an initialize the SDK rejected); `message` replaces the text (a friendlier sentence), never the kind.
 */
export function toFailure(e: unknown, fallback: FailureKind = 'unknown', message?: string): McpFailure {
  if (e instanceof McpFailure && message === undefined) return e;
  const classified = classifyError(e);
  const kind = classified === 'unknown' ? fallback : classified;
  const mcp = e instanceof ProtocolError ? e : undefined;
  if (kind === 'url-elicitation-required') {
    const elicitations = parseUrlElicitations(mcp?.data);
    const urls = elicitations.map(el => el.url).join(', ');
    const text = message ?? (urls ? `The server needs you to open ${urls} in your browser first, then call again.` : `${(e as Error)?.message || String(e)} (the server named no http(s) URL to open)`);
    return new McpFailure(kind, text, { cause: e, code: mcp?.code, data: mcp?.data, elicitations });
  }
  return new McpFailure(kind, message ?? missingCapabilities(mcp) ?? ((e as Error)?.message || String(e)), { cause: e, code: mcp?.code, data: mcp?.data });
}

const missingRequiredClientCapability = -32021;

/** 2026-07-28's -32021 in plain words, from its typed data (the server's own text may say anything). */
function missingCapabilities(e: ProtocolError | undefined): string | undefined {
  if (e?.code !== missingRequiredClientCapability) return undefined;
  const required = (e.data as { requiredCapabilities?: unknown } | undefined)?.requiredCapabilities;
  const names = typeof required === 'object' && required !== null ? Object.keys(required).slice(0, 10).map(n => n.slice(0, 40)) : [];
  return `The server needs client capabilities that MCP Switchboard did not declare${names.length ? `: ${names.join(', ')}` : ''}. This request cannot be served.`;
}
