import { assertNever } from '../../shared/assertNever';

/** Why a sign-in failed, decided where it happens (src/mcp/oauth maps SDK and HTTP errors to it), never from wording. */
export type OAuthFailureReason =
  /** The server needs a sign-in and none was done (or it was signed out). */
  | 'needs-sign-in'
  /** A static Authorization header from the configuration was answered with 401: no OAuth is started. */
  | 'header-refused'
  /** The authorization server refused dynamic client registration. */
  | 'registration-refused'
  /** The authorization server does not accept our redirect URI for this client. */
  | 'redirect-mismatch'
  /** The `iss` of the authorization response, or of the metadata, is not the authorization server we started with. */
  | 'issuer-mismatch'
  /** The token's audience / resource is not this MCP server. */
  | 'audience-mismatch'
  /** The authorization server refused the scopes asked for, or the server wants more after one step-up. */
  | 'scope-refused'
  /** The user denied access on the authorization server's page. */
  | 'access-denied'
  /** The callback's `state` is not the one we sent. */
  | 'state-mismatch'
  /** The user cancelled. */
  | 'cancelled'
  /** The browser never came back to the redirect URI in time (often an error page about the redirect URI). */
  | 'callback-timeout'
  /** The client credentials were refused by the token endpoint. */
  | 'client-refused'
  | 'other';

export class OAuthFailure extends Error {
  constructor(readonly reason: OAuthFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthFailure';
  }
}

/** What the user does next, in plain words, for each reason. */
export function oauthRemedy(reason: OAuthFailureReason): string {
  switch (reason) {
    case 'needs-sign-in': return 'Sign in to this server (Sign In in the Servers view, or `--client-id`/`--client-secret` in the CLI).';
    case 'header-refused': return 'The server refused the Authorization header from the configuration: fix the token, or remove the header to sign in with OAuth.';
    case 'registration-refused': return 'Register a client with the authorization server yourself and configure it: `"oauth": { "clientId": "…", "clientSecret": "${input:…}" }` in the server entry.';
    case 'redirect-mismatch': return 'Register http://127.0.0.1/callback (any port) as a redirect URI of this client at the authorization server.';
    case 'issuer-mismatch': return 'Sign-in was stopped: the answer did not come from the authorization server it was sent to. Try again; if it repeats, tell the server\'s operator.';
    case 'audience-mismatch': return 'The token is not meant for this server (audience/resource mismatch): the server\'s protected resource metadata names another resource.';
    case 'scope-refused': return 'The authorization server refused the scopes this server needs: configure `oauth.scopes`, or ask the server\'s operator which scopes your account may get.';
    case 'access-denied': return 'Access was denied on the authorization server\'s page. Sign in again and agree to continue.';
    case 'state-mismatch': return 'The sign-in answer did not match this sign-in (state mismatch). Start the sign-in again.';
    case 'cancelled': return 'Sign-in was cancelled. Start it again when ready.';
    case 'callback-timeout': return 'Start the sign-in again and finish it in the browser; if the authorization server shows an error about the redirect URI, register the redirect URI this message names.';
    case 'client-refused': return 'The authorization server refused the client ID or secret. Check `oauth.clientId` and `oauth.clientSecret`.';
    case 'other': return 'See the inspector\'s sign-in steps for the answer the authorization server gave.';
    default: return assertNever(reason);
  }
}
