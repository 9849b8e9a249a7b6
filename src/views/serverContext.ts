import type { ConnectionState } from '../core/connection/state';
import type { ServerTarget } from '../core/connection/types';
import { hasStaticAuthorization } from '../mcp/oauth/connectionAuth';

/** Appended to a server's context value when Sign In / Sign Out apply to it (package.json menus match on it). */
export const OAUTH_CONTEXT_SUFFIX = '.oauth';

/**
 * OAuth applies to remote (HTTP/SSE) servers only: a stdio server has no sign-in, and a configured Authorization
 * header means the user manages the credential.
 */
export function canUseOAuth(target: ServerTarget | undefined): boolean {
  return target !== undefined && target.type !== 'stdio' && !hasStaticAuthorization(target);
}

/** `server.<state>` (`server.needs-sign-in` for that failure), plus `.oauth` when OAuth applies to the server. */
export function serverContextValue(state: ConnectionState, target?: ServerTarget): string {
  const base = state.kind === 'error' && state.failure === 'needs-sign-in' ? 'server.needs-sign-in'
    : state.kind === 'blocked' ? `server.blocked.${state.blockedBy}` : `server.${state.kind}`;
  return canUseOAuth(target) ? base + OAUTH_CONTEXT_SUFFIX : base;
}
