import {
  ProtocolError, SdkError, SdkErrorCode, SdkHttpError, SSEClientTransport, StreamableHTTPClientTransport, type FetchLike,
  type OAuthClientProvider,
} from '@modelcontextprotocol/client';
import type { HttpTarget } from '../core/connection/types';
import { abortListenerGuard } from './abortGuard';
import { classifyError, httpStatusOf } from './failureKinds';
import { McpFailure } from '../core/connection/failure';
import { CutStreamGuard } from './cutStreamGuard';
import type { HttpDetailsRecorder } from './httpDetails';
import { describeNonStatusHttpError, HttpStatusError } from './httpStatusMessages';
import { oauthFailureIn } from './oauth/oauthErrors';
import { hasStaticAuthorization } from './oauth/connectionAuth';
import { watchAuthResponses, type AuthObservations } from './oauth/stepUp';
import type { SwitchboardOAuthProvider } from './oauth/switchboardOAuthProvider';

/** OAuth for one connection: the provider signs requests (refreshing tokens); `seen` notes what the server said. */
export interface ConnectionAuth { provider: SwitchboardOAuthProvider; seen: AuthObservations }

/** With `auth`, a 403 insufficient_scope is thrown for the caller to step up (the browser never opens mid-call). */
export function createStreamableHttpTransport(target: HttpTarget, details?: HttpDetailsRecorder, auth?: ConnectionAuth): StreamableHTTPClientTransport {
  const cutStreams = new CutStreamGuard();
  const guarded = abortListenerGuard(fetch, cutStreams.onBodyError);
  const watched = auth ? watchAuthResponses(guarded, target.url, auth.seen, scope => auth.provider.noteRequiredScope(scope)) : guarded;
  const fetchLike = explainNetworkErrors(target.url, watched);
  const transport = new StreamableHTTPClientTransport(new URL(target.url), {
    requestInit: { headers: target.headers ?? {} },
    ...(auth ? { authProvider: auth.provider, onInsufficientScope: 'throw' as const } : {}),
    fetch: details ? details.wrap(fetchLike) : fetchLike,
  });
  cutStreams.attach(transport);
  return transport;
}

export function createSseTransport(target: HttpTarget, authProvider?: OAuthClientProvider): SSEClientTransport {
  return new SSEClientTransport(new URL(target.url), { requestInit: { headers: target.headers ?? {} }, ...(authProvider ? { authProvider } : {}), fetch: explainNetworkErrors(target.url, abortListenerGuard()) });
}

/** The socket error code behind a failed fetch ("fetch failed" hides it in `cause`, or in `cause.errors` for happy eyeballs). */
function networkCause(e: unknown): { code: string; address?: string; port?: number } | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length) {
    const x = queue.shift();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    const o = x as { code?: unknown; address?: unknown; port?: unknown; cause?: unknown; errors?: unknown };
    // SDK v2 errors carry string codes too (ERA_NEGOTIATION_FAILED…): only a socket's code counts.
    if (!(x instanceof SdkError) && typeof o.code === 'string' && /^E[A-Z_]+$/.test(o.code)) {
      return { code: o.code, address: typeof o.address === 'string' ? o.address : undefined, port: typeof o.port === 'number' ? o.port : undefined };
    }
    queue.push(o.cause);
    if (Array.isArray(o.errors)) queue.push(...o.errors);
  }
  return undefined;
}

/** A plain-words message for a connection that could not be made, or undefined when `e` is not one. */
export function describeNetworkFailure(e: unknown, url: string): string | undefined {
  const cause = networkCause(e);
  if (!cause) return undefined;
  let where: string;
  try { where = cause.address ? `${cause.address}:${cause.port ?? ''}`.replace(/:$/, '') : new URL(url).host; } catch { where = url; }
  if (cause.code === 'ECONNREFUSED') return `Connection refused by ${where} (ECONNREFUSED): nothing is listening at ${url}. Is the server running?`;
  if (cause.code === 'ENOTFOUND' || cause.code === 'EAI_AGAIN') return `The host of ${url} could not be resolved (${cause.code}). Check the URL.`;
  return undefined;
}

/**
 * Undici reports every connection failure as "fetch failed". This fetch rethrows the ones it can name in plain words
 * (refused, unknown host) with that message, for every request: the handshake, calls, pings and the event stream.
 */
function explainNetworkErrors(url: string, base: FetchLike): FetchLike {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (e) {
      const explained = describeNetworkFailure(e, url);
      if (explained === undefined) throw e;
      throw new Error(explained, { cause: e });
    }
  };
}

/** The server answered 404 to a request carrying our Mcp-Session-Id: it lost or expired the session. */
export function isStaleSessionError(e: unknown): boolean {
  return e instanceof SdkHttpError && e.status === 404;
}

/** VS Code's rule: a 4xx to the initial POST that is not about auth means "not streamable HTTP, try legacy SSE". */
export function shouldFallBackToSse(e: unknown): boolean {
  const status = httpStatusOf(e);
  return status !== undefined && status >= 400 && status < 500 && status !== 401 && status !== 403;
}

/** What an McpFailure wraps: the SDK's own error, which says more than our kind does about HTTP and negotiation. */
function unwrapFailure(e: unknown): unknown {
  return e instanceof McpFailure && e.cause !== undefined ? e.cause : e;
}

export function describeHttpError(failure: unknown, url: string, target?: HttpTarget): string {
  const oauth = oauthFailureIn(failure);
  if (oauth) return oauth.message;
  const e = unwrapFailure(failure);
  // The protocol probe wraps what went wrong (a refused connection, a wrong Content-Type): describe that.
  if (e instanceof SdkError && e.code === SdkErrorCode.EraNegotiationFailed && e.cause instanceof Error) return describeHttpError(e.cause, url);
  const status = httpStatusOf(e);
  const message = (e as Error)?.message ?? String(e);
  if (classifyError(e) === 'auth-refused' && target && hasStaticAuthorization(target)) {
    return `${url} refused the Authorization header from the configuration${status ? ` (HTTP ${status})` : ''}: the token is wrong or expired. No OAuth sign-in was started, because the header is set; fix the token, or remove the header to sign in with OAuth.`;
  }
  if (classifyError(e) === 'auth-refused') return `${url} refused the credentials${status ? ` (HTTP ${status})` : ''}. Check the Authorization header or token input.`;
  const network = describeNetworkFailure(e, url);
  if (network) return network;
  // Our fetch already explained it; the SDK may have prefixed its own words.
  const explained = message.search(/Connection refused by |The host of \S+ could not be resolved/);
  if (explained >= 0) return message.slice(explained);
  if (e instanceof SdkError && e.code === SdkErrorCode.ClientHttpUnexpectedContent) return describeNonStatusHttpError(url, message);
  return status ? `${url}: ${HttpStatusError.describe(status, message)}` : message;
}

/** A mid-session HTTP error status in plain words (the SDK passes on only "Error POSTing to endpoint: <body>"). */
export function explainHttpStatus(e: unknown): unknown {
  const status = e instanceof SdkHttpError ? httpStatusOf(e) : undefined;
  return status ? new HttpStatusError(status, (e as Error).message) : e;
}

const unsupportedProtocolVersion = -32022;

function jsonRpcErrorCodeIn(body: unknown): number | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const code: unknown = (JSON.parse(body) as { error?: { code?: unknown } })?.error?.code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The server and we share no protocol version: a pinned era it does not offer, or an answer with -32022. Falling back
 * to legacy SSE cannot help then, and "HTTP 405: SSE error" would hide the real cause.
 */
export function isVersionRejection(failure: unknown): boolean {
  const e = unwrapFailure(failure);
  if (e instanceof SdkHttpError) return e.status === 400 && jsonRpcErrorCodeIn(e.data.text) === unsupportedProtocolVersion;
  if (e instanceof ProtocolError) return e.code === unsupportedProtocolVersion;
  return e instanceof SdkError && e.code === SdkErrorCode.EraNegotiationFailed && e.data === undefined;
}
