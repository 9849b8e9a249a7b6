import type { HttpTarget, ServerEntry } from '../core/connection/types';
import { MemoryOAuthStore, type OAuthStore } from '../core/oauth/oauthStore';
import type { CliCommand } from './parseArgs';
import { defaultTokenCacheFile, FileOAuthStore } from './tokenCache';
import { openInBrowser } from './openBrowser';
import { hasStaticAuthorization } from '../mcp/oauth/connectionAuth';
import { signIn, signInWithClientCredentials } from '../mcp/oauth/signIn';
import type { PreRegisteredClient } from '../mcp/oauth/switchboardOAuthProvider';

export function cliOAuthStore(cmd: CliCommand): OAuthStore {
  return cmd.tokenCache ? new FileOAuthStore(defaultTokenCacheFile()) : new MemoryOAuthStore();
}

function clientOf(cmd: CliCommand, target: HttpTarget): PreRegisteredClient | undefined {
  if (!cmd.clientId) return target.oauth && cmd.scope ? { ...target.oauth, scopes: cmd.scope.split(' ') } : target.oauth;
  return { clientId: cmd.clientId, ...(cmd.clientSecret ? { clientSecret: cmd.clientSecret } : {}), ...(cmd.scope ? { scopes: cmd.scope.split(' ') } : {}) };
}

/**
 * The entry with the client identity its tokens belong to (`--client-id`/`--client-secret` over the entry's `oauth`);
 * with `--client-credentials`, the machine signs in here, before connecting.
 */
export async function prepareCliOAuth(cmd: CliCommand, entry: ServerEntry, store: OAuthStore, write: (line: string) => void): Promise<ServerEntry> {
  const spec = entry.spec;
  if (!spec || spec.target.type === 'stdio' || hasStaticAuthorization(spec.target)) return entry;
  const target: HttpTarget = spec.target;
  const client = clientOf(cmd, target);
  if (cmd.clientCredentials && client) {
    await signInWithClientCredentials({ serverUrl: target.url, store, client, scope: cmd.scope });
    write(`Signed in to ${target.url} with client credentials.`);
  }
  return {
    ...entry,
    spec: { ...spec, target: { ...target, ...(client ? { oauth: client } : {}) }, secrets: [...spec.secrets, ...(client?.clientSecret ? [client.clientSecret] : [])] },
  };
}

/** The browser flow, after the connection said the server needs a sign-in: prints the URL, opens it, waits for the redirect. */
export async function signInInteractively(cmd: CliCommand, target: HttpTarget, store: OAuthStore, write: (line: string) => void): Promise<void> {
  const result = await signIn({
    serverUrl: target.url, store, client: target.oauth, scope: cmd.scope,
    preferredPort: cmd.redirectPort, pinPortHint: 'pass `--redirect-port PORT` and register that port',
    openBrowser: async url => {
      write(`${target.url} needs you to sign in at ${url.origin}. Opening your browser; if it does not open, visit:\n${url.href}`);
      await openInBrowser(url, write);
    },
  });
  write(`Signed in to ${target.url}${result.authorizationServer ? ` (authorization server ${result.authorizationServer})` : ''}.`);
}
