import type { FetchLike } from '@modelcontextprotocol/client';
import { OAuthFailure } from '../../core/oauth/oauthFailure';
import { redactOAuthUrl, type OAuthFlowStep } from '../../core/oauth/flowSteps';
import { isLoopbackRedirect } from './redirectStrategy';

/** How long the browser may take to come back before the sign-in ends (logins with MFA take minutes). */
export const DEFAULT_CALLBACK_TIMEOUT_MS = 10 * 60_000;

export interface RedirectHelp {
  serverUrl: string;
  redirectUrl: string;
  clientId?: string;
  /** Where the user pins the loopback port (a setting or a CLI flag), for authorization servers that match it exactly. */
  pinPortHint?: string;
}

/** What to register at the authorization server, naming the exact redirect URI and how to keep it stable. */
export function redirectRemedy(help: RedirectHelp): string {
  const client = help.clientId ? `client "${help.clientId}"` : 'this client';
  const pin = help.pinPortHint ? ` To keep the port (and so the URI) stable across sign-ins, ${help.pinPortHint}.` : '';
  if (isLoopbackRedirect(help.redirectUrl)) {
    const anyPort = new URL(help.redirectUrl);
    anyPort.port = '';
    return `Register ${anyPort.href} (loopback, any port) as a redirect URI of ${client} at the authorization server; if it only accepts exact matches, register ${help.redirectUrl}.${pin}`;
  }
  return `Register ${help.redirectUrl} as a redirect URI of ${client} at the authorization server.${pin}`;
}

/**
 * Asks the authorization endpoint, before the browser does, whether it accepts the request. RFC 6749 §4.1.2.1: an
 * authorization server answers WITHOUT redirecting back only when the redirect URI or the client ID is not registered;
 * the user would see an error page and the sign-in would wait forever. So a 400 without a redirect is a typed
 * `redirect-mismatch`. Anything else is left to the browser: a login page, a redirect, and other refusals (a bot
 * filter's 403 in front of a login page must not block a sign-in a real browser can finish).
 */
export async function preflightAuthorization(url: URL, help: RedirectHelp, fetchFn: FetchLike, onStep?: (step: OAuthFlowStep) => void): Promise<void> {
  let status: number;
  try {
    const response = await fetchFn(url.href, { method: 'GET', redirect: 'manual', headers: { accept: 'text/html' } });
    status = response.status;
    await response.body?.cancel();
  } catch {
    return; // Unreachable from here (a proxy, a private network): the browser may still reach it.
  }
  const refused = status === 400;
  onStep?.({ kind: 'authorization-preflight', url: redactOAuthUrl(url.href), method: 'GET', status, error: refused ? 'redirect_uri_or_client_not_registered' : undefined, at: Date.now() });
  if (!refused) return;
  throw new OAuthFailure('redirect-mismatch',
    `${help.serverUrl}: sign-in failed: the authorization server refused the authorization request without redirecting back (HTTP ${status}): it does not accept the redirect URI ${help.redirectUrl}${help.clientId ? ` for client "${help.clientId}"` : ''} (or does not know the client). ${redirectRemedy(help)}`);
}

/** The failure when the browser never came back: most often an error page about the redirect URI. */
export function callbackTimeout(help: RedirectHelp, ms: number): OAuthFailure {
  return new OAuthFailure('callback-timeout',
    `${help.serverUrl}: sign-in timed out: the browser did not come back to ${help.redirectUrl} within ${Math.round(ms / 60_000)} min. If the authorization server showed an error about the redirect URI, ${redirectRemedy(help).replace(/^Register/, 'register')}`);
}

/** `waiting`, or the failure `onTimeout` makes when it takes longer than `ms`. */
export async function withCallbackTimeout<T>(waiting: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(onTimeout()), ms); });
  try {
    return await Promise.race([waiting, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
