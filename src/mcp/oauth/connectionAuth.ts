import type { HttpTarget } from '../../core/connection/types';
import type { OAuthStore } from '../../core/oauth/oauthStore';
import { SwitchboardOAuthProvider } from './switchboardOAuthProvider';
import { McpFailure } from '../../core/connection/failure';
import { isOAuthFlowError, oauthFailureIn, toOAuthFailure } from './oauthErrors';
import type { AuthObservations } from './stepUp';

export interface ConnectionOAuthOptions {
  store: OAuthStore;
  /** The https URL of our client ID metadata document (a setting), when one is published. */
  clientMetadataUrl?: () => string | undefined;
}

/** A configured `Authorization` header means the user manages the credential: its 401 never starts OAuth. */
export function hasStaticAuthorization(target: HttpTarget): boolean {
  return Object.keys(target.headers ?? {}).some(h => h.toLowerCase() === 'authorization');
}

/**
 * The provider a connection signs its requests with: stored tokens (refreshed before expiry and on 401), never a
 * browser. Without tokens a 401 fails the connection with OAuthFailure `needs-sign-in`, for the UI to offer Sign In.
 */
export function connectionAuthProvider(target: HttpTarget, oauth: ConnectionOAuthOptions | undefined): SwitchboardOAuthProvider | undefined {
  if (!oauth || hasStaticAuthorization(target)) return undefined;
  return new SwitchboardOAuthProvider({
    serverUrl: target.url, store: oauth.store, client: target.oauth, clientMetadataUrl: oauth.clientMetadataUrl?.(),
  });
}

/**
 * After a 401 the SDK tries OAuth. When the server offers none (no metadata anywhere), that attempt's own errors (404s
 * of missing endpoints) would hide the 401: say the credentials were refused. When it does, the flow's error is typed.
 */
export function connectionAuthFailure(e: unknown, url: string, seen: AuthObservations): McpFailure | undefined {
  if (!seen.unauthorized || oauthFailureIn(e)?.reason === 'needs-sign-in') return undefined;
  if (!seen.offersOAuth) {
    return new McpFailure('auth-refused', `${url} refused the credentials (HTTP 401) and offers no OAuth sign-in (no protected resource metadata). Check the Authorization header or token input.`, { cause: e });
  }
  if (!isOAuthFlowError(e)) return undefined;
  const failure = toOAuthFailure(e, url);
  return new McpFailure('auth-refused', failure.message, { cause: failure });
}
