import { randomBytes } from 'node:crypto';
import {
  auth, type FetchLike, type OAuthClientInformationContext, type OAuthClientMetadata, type OAuthClientProvider,
  type OAuthDiscoveryState, type StoredOAuthClientInformation, type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import {
  currentKey, expiresAt, isTokenKeyFor, registrationKey, stepUpKey, tokenKey, type OAuthStore, type StoredTokenRecord,
} from '../../core/oauth/oauthStore';
import { OAuthFailure } from '../../core/oauth/oauthFailure';
import { isLoopbackRedirect, redirectUriMatches } from './redirectStrategy';

/** A client registered with the authorization server ahead of time (`oauth` in the server entry, or CLI flags). */
export interface PreRegisteredClient {
  clientId: string;
  clientSecret?: string;
  scopes?: string[];
}

export interface OAuthProviderOptions {
  /** The MCP server URL: the protected resource tokens are for. */
  serverUrl: string;
  store: OAuthStore;
  client?: PreRegisteredClient;
  /** An https URL of a client ID metadata document, used when the authorization server supports them. */
  clientMetadataUrl?: string;
  /** The loopback redirect of an interactive sign-in; undefined while just connecting (a sign-in is then needed). */
  redirectUrl?: string;
  /** Opens the authorization URL in the user's browser (interactive sign-in only). */
  openAuthorizationUrl?: (url: URL) => Promise<void>;
  /** `client_credentials` for machines: no browser, the pre-registered client's secret is the credential. */
  grant?: 'authorization_code' | 'client_credentials';
  fetchFn?: FetchLike;
  /** The scope this sign-in asks for: a registration made for fewer scopes is replaced by a new one (step-up). */
  scope?: string;
  /** Refresh this long before the access token expires. */
  refreshMarginMs?: number;
  now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/**
 * The SDK v2 client's OAuthClientProvider for one MCP server. Storage is injected; tokens are keyed by issuer, client
 * and resource; dynamic registrations are remembered per authorization server. Without `openAuthorizationUrl` it never
 * starts a browser flow: a connection that needs one fails with OAuthFailure `needs-sign-in`.
 */
export class SwitchboardOAuthProvider implements OAuthClientProvider {
  private verifier: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  private refreshing: Promise<unknown> | undefined;
  /** The `state` sent with the last authorization request, compared with the callback's. */
  sentState: string | undefined;
  /** The authorization URL of the last interactive attempt (its origin names the authorization server to the user). */
  authorizationUrl: URL | undefined;

  constructor(private readonly options: OAuthProviderOptions) {}

  get redirectUrl(): string | undefined {
    return this.options.grant === 'client_credentials' ? undefined : this.options.redirectUrl ?? 'http://127.0.0.1/callback';
  }

  get clientMetadataUrl(): string | undefined {
    return this.options.client ? undefined : this.options.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    const scope = this.options.client?.scopes?.join(' ') || undefined;
    const secret = this.options.client?.clientSecret;
    if (this.options.grant === 'client_credentials') {
      return { client_name: 'MCP Switchboard', redirect_uris: [], grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope };
    }
    return {
      client_name: 'MCP Switchboard', redirect_uris: [this.redirectUrl ?? ''], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: secret ? 'client_secret_basic' : 'none', application_type: this.applicationType, scope,
    };
  }

  /**
   * OpenID registration: native clients register loopback http (or custom-scheme) redirects only; a remote window's
   * forwarded https URL (Codespaces, code-server behind TLS) is a web redirect.
   */
  private get applicationType(): 'native' | 'web' {
    const redirect = this.redirectUrl;
    return !redirect || isLoopbackRedirect(redirect) ? 'native' : 'web';
  }

  state(): string {
    this.sentState = randomBytes(24).toString('base64url');
    return this.sentState;
  }

  async clientInformation(ctx?: OAuthClientInformationContext): Promise<StoredOAuthClientInformation | undefined> {
    const pre = this.options.client;
    if (pre) return { client_id: pre.clientId, ...(pre.clientSecret ? { client_secret: pre.clientSecret } : {}), ...(ctx ? { issuer: ctx.issuer } : {}) };
    if (!ctx) return undefined;
    const raw = await this.options.store.get(registrationKey(ctx.issuer));
    const info = raw ? JSON.parse(raw) as StoredOAuthClientInformation & { scope?: string; redirect_uris?: string[] } : undefined;
    return info && coversScope(info.scope, this.options.scope) && this.acceptsOurRedirect(info.redirect_uris) ? info : undefined;
  }

  /** A registration made for another redirect (a remote window's forwarded URL changes) is replaced by a new one. */
  private acceptsOurRedirect(registered: string[] | undefined): boolean {
    const used = this.options.redirectUrl;
    return !used || !registered || registered.some(r => redirectUriMatches(r, used));
  }

  async saveClientInformation(info: StoredOAuthClientInformation, ctx?: OAuthClientInformationContext): Promise<void> {
    const issuer = ctx?.issuer ?? info.issuer;
    if (!issuer || this.options.client) return;
    await this.options.store.set(registrationKey(issuer), JSON.stringify({ ...info, issuer }));
  }

  private async clientIdFor(issuer: string): Promise<string | undefined> {
    return (await this.clientInformation({ issuer }))?.client_id;
  }

  private async readRecord(key: string | undefined): Promise<StoredTokenRecord | undefined> {
    const raw = key ? await this.options.store.get(key) : undefined;
    return raw ? JSON.parse(raw) as StoredTokenRecord : undefined;
  }

  /** The record the transport sends with each request (the last one saved for this resource). */
  async currentRecord(): Promise<StoredTokenRecord | undefined> {
    return this.readRecord(await this.options.store.get(currentKey(this.options.serverUrl)));
  }

  async tokens(ctx?: OAuthClientInformationContext): Promise<StoredOAuthTokens | undefined> {
    if (ctx) {
      const clientId = await this.clientIdFor(ctx.issuer);
      return clientId ? (await this.readRecord(tokenKey(ctx.issuer, clientId, this.options.serverUrl)))?.tokens : undefined;
    }
    let record = await this.currentRecord();
    if (record && this.expiresSoon(record)) {
      await this.refreshNow();
      record = await this.currentRecord();
    }
    return record?.tokens;
  }

  private expiresSoon(record: StoredTokenRecord): boolean {
    const at = expiresAt(record);
    const now = (this.options.now ?? Date.now)();
    return at !== undefined && record.tokens.refresh_token !== undefined && at - now < (this.options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS);
  }

  /** Refreshes before expiry; a failed refresh leaves the old token, whose 401 then runs the SDK's own recovery. */
  private refreshNow(): Promise<unknown> {
    this.refreshing ??= auth(this, { serverUrl: this.options.serverUrl, fetchFn: this.options.fetchFn })
      .catch(() => undefined)
      .finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  async saveTokens(tokens: StoredOAuthTokens, ctx?: OAuthClientInformationContext): Promise<void> {
    const issuer = ctx?.issuer ?? tokens.issuer;
    const clientId = issuer ? await this.clientIdFor(issuer) : undefined;
    if (!issuer || !clientId) throw new OAuthFailure('other', 'Tokens arrived without a known authorization server or client.');
    const key = tokenKey(issuer, clientId, this.options.serverUrl);
    const record: StoredTokenRecord = { tokens: { ...tokens, issuer }, obtainedAt: (this.options.now ?? Date.now)() };
    await this.options.store.set(key, JSON.stringify(record));
    await this.options.store.set(currentKey(this.options.serverUrl), key);
  }

  /** A 403 insufficient_scope named `scope`: the next sign-in asks for it too. */
  noteRequiredScope(scope: string): void {
    void this.options.store.set(stepUpKey(this.options.serverUrl), scope).catch(() => undefined);
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    this.authorizationUrl = url;
    if (!this.options.openAuthorizationUrl) {
      throw new OAuthFailure('needs-sign-in', `${this.options.serverUrl} needs you to sign in (authorization server ${url.origin}).`);
    }
    await this.options.openAuthorizationUrl(url);
  }

  /** Client credentials ask for tokens directly; the authorization code flow keeps the SDK's default request. */
  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.options.grant !== 'client_credentials') return undefined;
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) params.set('scope', scope);
    return params;
  }

  saveCodeVerifier(codeVerifier: string): void { this.verifier = codeVerifier; }

  codeVerifier(): string {
    if (!this.verifier) throw new OAuthFailure('state-mismatch', 'No sign-in is in progress for this answer.');
    return this.verifier;
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void { this.discovery = state; }
  discoveryState(): OAuthDiscoveryState | undefined { return this.discovery; }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'verifier' || scope === 'all') this.verifier = undefined;
    if (scope === 'discovery' || scope === 'all') this.discovery = undefined;
    if (scope === 'tokens' || scope === 'all') await signOutOf(this.options.store, this.options.serverUrl);
    const issuer = this.discovery?.authorizationServerMetadata?.issuer;
    if ((scope === 'client' || scope === 'all') && issuer) await this.options.store.delete(registrationKey(issuer));
  }
}

/** A registration without a scope may ask for any; one with a scope only for those (RFC 7591 §2). */
function coversScope(registered: string | undefined, wanted: string | undefined): boolean {
  if (!registered || !wanted) return true;
  const have = new Set(registered.split(' '));
  return wanted.split(' ').filter(Boolean).every(s => have.has(s));
}

/** Forgets every token for one MCP server (all issuers and clients). Registrations stay: they are not the user's. */
export async function signOutOf(store: OAuthStore, serverUrl: string): Promise<number> {
  const keys = (await store.keys()).filter(k => isTokenKeyFor(k, serverUrl));
  for (const key of keys) await store.delete(key);
  await store.delete(currentKey(serverUrl));
  return keys.length;
}
