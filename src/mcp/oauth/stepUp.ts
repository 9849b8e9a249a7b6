import { extractWWWAuthenticateParams, type FetchLike } from '@modelcontextprotocol/client';

/** What a connection's HTTP traffic said about authorization: did the server refuse, and does it offer OAuth? */
export class AuthObservations {
  /** The MCP endpoint answered 401. */
  unauthorized = false;
  /** Protected resource or authorization server metadata was found: the server offers OAuth. */
  offersOAuth = false;
}

const METADATA_PATH = /\/\.well-known\/(oauth-protected-resource|oauth-authorization-server|openid-configuration)/;

/**
 * Watches a connection's responses: notes a 401 from the MCP endpoint, whether OAuth metadata exists, and the scope a
 * 403 `insufficient_scope` asks for, so the next Sign In asks for the union of the granted and required scopes (the
 * call itself fails: the browser never opens in the middle of a tool call).
 */
export function watchAuthResponses(base: FetchLike, serverUrl: string, seen: AuthObservations, onRequiredScope: (scope: string) => void): FetchLike {
  return async (input, init) => {
    const response = await base(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (response.status === 401 && url === serverUrl) seen.unauthorized = true;
    if (response.ok && METADATA_PATH.test(url)) seen.offersOAuth = true;
    if (response.status === 403) {
      const challenge = extractWWWAuthenticateParams(response);
      if (challenge.error === 'insufficient_scope' && challenge.scope) onRequiredScope(challenge.scope);
    }
    return response;
  };
}
