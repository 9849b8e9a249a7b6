import { auth, computeScopeUnion, extractWWWAuthenticateParams, type FetchLike } from '@modelcontextprotocol/client';
import { OAuthFailure } from '../../core/oauth/oauthFailure';
import { stepUpKey, type OAuthStore } from '../../core/oauth/oauthStore';
import { redactOAuthUrl, type OAuthFlowStep } from '../../core/oauth/flowSteps';
import { startLoopbackRedirect } from './loopbackRedirect';
import { chooseRedirect, type RedirectStrategy } from './redirectStrategy';
import { callbackTimeout, DEFAULT_CALLBACK_TIMEOUT_MS, preflightAuthorization, redirectRemedy, withCallbackTimeout, type RedirectHelp } from './redirectPreflight';
import { reasonOfOAuthErrorCode, toOAuthFailure } from './oauthErrors';
import { SwitchboardOAuthProvider, type PreRegisteredClient } from './switchboardOAuthProvider';
import { recordingFetch } from './recordingFetch';

export interface SignInOptions {
  serverUrl: string;
  store: OAuthStore;
  client?: PreRegisteredClient;
  clientMetadataUrl?: string;
  /** Opens the URL in a browser. The extension asks the user first; the CLI prints it and runs $BROWSER. */
  openBrowser: (url: URL) => Promise<void>;
  /** Scope to ask for; when omitted, the server's 401 challenge decides, else its metadata's scopes_supported. */
  scope?: string;
  /** Try this loopback port first (any free port when it is busy). */
  preferredPort?: number;
  /** Remote windows: how the loopback redirect becomes a URL the user's browser reaches (see redirectStrategy.ts). */
  redirect?: RedirectStrategy;
  /** Where the user pins the loopback port (a setting, a CLI flag): named when the redirect URI is refused. */
  pinPortHint?: string;
  /** How long the browser may take to come back (default 10 min); then the sign-in fails with `callback-timeout`. */
  callbackTimeoutMs?: number;
  signal?: AbortSignal;
  onStep?: (step: OAuthFlowStep) => void;
  fetchFn?: FetchLike;
}

export interface SignInResult {
  /** The authorization server's origin (shown to the user). */
  authorizationServer?: string;
  redirectUrl: string;
  scope?: string;
}

export interface AuthorizationChallenge { required: boolean; scope?: string; resourceMetadataUrl?: URL }

/** Asks the server without a token: a 401 means it needs authorization; its challenge names the scope and metadata URL. */
export async function probeAuthorization(serverUrl: string, fetchFn: FetchLike = fetch): Promise<AuthorizationChallenge> {
  try {
    const response = await fetchFn(serverUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping' }),
    });
    await response.body?.cancel();
    return response.status === 401 ? { required: true, ...extractWWWAuthenticateParams(response) } : { required: false };
  } catch {
    return { required: false };
  }
}

/** After a 403 insufficient_scope: the union of what the token has and what the server asked for (step-up). */
async function stepUpScope(options: SignInOptions): Promise<string | undefined> {
  const required = await options.store.get(stepUpKey(options.serverUrl));
  if (!required) return undefined;
  const current = (await new SwitchboardOAuthProvider({ serverUrl: options.serverUrl, store: options.store }).currentRecord())?.tokens.scope;
  return computeScopeUnion(current, options.client?.scopes?.join(' '), required);
}

/**
 * The interactive authorization code flow (PKCE S256, state and iss checked) with a loopback redirect on 127.0.0.1.
 * Any failure is an OAuthFailure with a typed reason.
 */
export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const fetchFn = recordingFetch(options.fetchFn ?? fetch, options.onStep);
  const loopback = await startLoopbackRedirect(options.preferredPort);
  let help: RedirectHelp | undefined;
  try {
    const { redirectUrl } = await chooseRedirect(loopback.redirectUrl, options.redirect);
    help = { serverUrl: options.serverUrl, redirectUrl, clientId: options.client?.clientId, pinPortHint: options.pinPortHint };
    const redirectHelp = help;
    const challenge = await probeAuthorization(options.serverUrl, fetchFn);
    const scope = options.scope ?? await stepUpScope(options) ?? options.client?.scopes?.join(' ') ?? challenge.scope;
    const provider = new SwitchboardOAuthProvider({
      serverUrl: options.serverUrl, store: options.store, client: options.client, clientMetadataUrl: options.clientMetadataUrl,
      redirectUrl, fetchFn, scope,
      openAuthorizationUrl: async url => {
        // A client registered elsewhere may not list our redirect: the authorization server would show an error page.
        if (options.client || options.clientMetadataUrl) await preflightAuthorization(url, redirectHelp, options.fetchFn ?? fetch, options.onStep);
        options.onStep?.({ kind: 'authorization-request', url: redactOAuthUrl(url.href), method: 'GET', at: Date.now() });
        return options.openBrowser(url);
      },
    });
    const first = await auth(provider, { serverUrl: options.serverUrl, scope, resourceMetadataUrl: challenge.resourceMetadataUrl, fetchFn, forceReauthorization: true });
    const authorizationServer = provider.authorizationUrl?.origin;
    if (first === 'AUTHORIZED') return { authorizationServer, redirectUrl, scope };
    const timeoutMs = options.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
    const params = await withCallbackTimeout(loopback.waitForCallback(options.signal), timeoutMs, () => callbackTimeout(redirectHelp, timeoutMs));
    options.onStep?.({ kind: 'authorization-response', url: redactOAuthUrl(`${redirectUrl}?${params}`), method: 'GET', error: params.get('error') ?? undefined, at: Date.now() });
    if (params.get('state') !== provider.sentState) throw new OAuthFailure('state-mismatch', 'state mismatch');
    const error = params.get('error');
    if (error) throw new OAuthFailure(reasonOfOAuthErrorCode(error), `authorization error ${error}`);
    const code = params.get('code');
    if (!code) throw new OAuthFailure('other', 'The authorization server came back without a code.');
    await auth(provider, { serverUrl: options.serverUrl, authorizationCode: code, iss: params.get('iss') ?? undefined, fetchFn });
    await options.store.delete(stepUpKey(options.serverUrl));
    return { authorizationServer, redirectUrl, scope };
  } catch (e) {
    throw toOAuthFailure(e, options.serverUrl, reason => (reason === 'redirect-mismatch' && help ? redirectRemedy(help) : undefined));
  } finally {
    loopback.close();
  }
}

/** Client credentials (machines, CI): no browser; the pre-registered client's secret is the credential. */
export async function signInWithClientCredentials(options: Omit<SignInOptions, 'openBrowser' | 'preferredPort' | 'signal' | 'clientMetadataUrl'> & { client: PreRegisteredClient }): Promise<void> {
  const fetchFn = recordingFetch(options.fetchFn ?? fetch, options.onStep);
  const provider = new SwitchboardOAuthProvider({ serverUrl: options.serverUrl, store: options.store, client: options.client, grant: 'client_credentials', fetchFn });
  try {
    const challenge = await probeAuthorization(options.serverUrl, fetchFn);
    await auth(provider, { serverUrl: options.serverUrl, scope: options.scope ?? options.client.scopes?.join(' ') ?? challenge.scope, resourceMetadataUrl: challenge.resourceMetadataUrl, fetchFn });
  } catch (e) {
    throw toOAuthFailure(e, options.serverUrl);
  }
}
