import {
  AuthorizationServerMismatchError, InsufficientScopeError, IssuerMismatchError, OAuthError, OAuthErrorCode,
  RegistrationRejectedError,
} from '@modelcontextprotocol/client';
import { OAuthFailure, oauthRemedy, type OAuthFailureReason } from '../../core/oauth/oauthFailure';

/** The RFC 7591 error code in a refused registration's body, when it has one. */
function registrationErrorCode(body: string): string | undefined {
  try {
    const code: unknown = (JSON.parse(body) as { error?: unknown }).error;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** OAuth `error` codes of an authorization response or token answer, as reasons. */
export function reasonOfOAuthErrorCode(code: string | undefined): OAuthFailureReason {
  switch (code) {
    case OAuthErrorCode.AccessDenied: return 'access-denied';
    case OAuthErrorCode.InvalidScope: return 'scope-refused';
    case 'invalid_target': return 'audience-mismatch';
    case 'invalid_redirect_uri': return 'redirect-mismatch';
    case OAuthErrorCode.InvalidClient: case OAuthErrorCode.UnauthorizedClient: return 'client-refused';
    default: return 'other';
  }
}

function reasonOfOne(e: unknown): OAuthFailureReason {
  if (e instanceof OAuthFailure) return e.reason;
  if (e instanceof RegistrationRejectedError) {
    return registrationErrorCode(e.body) === 'invalid_redirect_uri' ? 'redirect-mismatch' : 'registration-refused';
  }
  if (e instanceof IssuerMismatchError || e instanceof AuthorizationServerMismatchError) return 'issuer-mismatch';
  if (e instanceof InsufficientScopeError) return 'scope-refused';
  if (e instanceof OAuthError) return reasonOfOAuthErrorCode(e.code);
  return 'other';
}

/** The first typed reason in the cause chain: on connect the SDK's error arrives wrapped in an McpFailure. */
function reasonOf(e: unknown): OAuthFailureReason {
  for (let x = e, depth = 0; depth < 5; x = (x as Error).cause, depth++) {
    const reason = reasonOfOne(x);
    if (reason !== 'other' || !(x instanceof Error)) return reason;
  }
  return 'other';
}

const HEADLINE: Record<OAuthFailureReason, string> = {
  'needs-sign-in': 'needs you to sign in',
  'header-refused': 'refused the Authorization header',
  'registration-refused': 'sign-in failed: the authorization server refused to register MCP Switchboard as a client',
  'redirect-mismatch': 'sign-in failed: the authorization server does not accept the redirect URI (redirect mismatch)',
  'issuer-mismatch': 'sign-in refused: the answer came from another authorization server than the one asked (issuer mismatch)',
  'audience-mismatch': 'sign-in failed: the token is not for this server (audience mismatch)',
  'scope-refused': 'sign-in failed: the scopes were refused',
  'access-denied': 'sign-in failed: access was denied',
  'state-mismatch': 'sign-in refused: the answer does not belong to this sign-in (state mismatch)',
  cancelled: 'sign-in was cancelled',
  'callback-timeout': 'sign-in timed out: the browser never came back',
  'client-refused': 'sign-in failed: the client ID or secret was refused',
  other: 'sign-in failed',
};

/** Any error of a sign-in as an OAuthFailure with a typed reason and a message that says what to do. */
export function toOAuthFailure(e: unknown, serverUrl: string, remedyOf: (reason: OAuthFailureReason) => string | undefined = () => undefined): OAuthFailure {
  if (e instanceof OAuthFailure && e.message.startsWith(serverUrl)) return e;
  const reason = reasonOf(e);
  // The SDK's own wording is kept for `other` only: it may quote the authorization server, which we do not trust.
  const detail = reason === 'other' && e instanceof Error ? ` (${e.message})` : '';
  return new OAuthFailure(reason, `${serverUrl}: ${HEADLINE[reason]}${detail}. ${remedyOf(reason) ?? oauthRemedy(reason)}`, { cause: e });
}

/** The OAuthFailure somewhere in an error's cause chain (the SDK and McpFailure wrap it). */
export function oauthFailureIn(e: unknown): OAuthFailure | undefined {
  for (let x = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) if (x instanceof OAuthFailure) return x;
  return undefined;
}

/** An error of the OAuth flow itself (registration, issuer checks, token endpoint answers), wherever it is wrapped. */
export function isOAuthFlowError(e: unknown): boolean {
  for (let x = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) {
    if (x instanceof OAuthFailure || x instanceof RegistrationRejectedError || x instanceof IssuerMismatchError
      || x instanceof AuthorizationServerMismatchError || x instanceof OAuthError) return true;
  }
  return false;
}
