import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../core/engineApi';
import type { HttpTarget } from '../core/connection/types';
import { OAuthFailure } from '../core/oauth/oauthFailure';
import { signOutOfAll, type OAuthStore } from '../core/oauth/oauthStore';
import type { OAuthFlowStep } from '../core/oauth/flowSteps';
import { hasStaticAuthorization } from '../mcp/oauth/connectionAuth';
import { signIn } from '../mcp/oauth/signIn';
import type { RedirectStrategy } from '../mcp/oauth/redirectStrategy';
import { signOutOf } from '../mcp/oauth/switchboardOAuthProvider';
import { Commands } from '../common/ids';
import { registerCommand } from '../common/commands';
import { pickServer } from './pickers';
import { canUseOAuth } from '../views/serverContext';

export interface OAuthCommandDeps {
  engine: EngineApi;
  store: OAuthStore;
  /** Each HTTP step of a sign-in, secrets already redacted, for the server's log. */
  onStep: (server: string, step: OAuthFlowStep) => void;
  clientMetadataUrl: () => string | undefined;
  /** The `mcpSwitchboard.oauth.redirectPort` setting: 0 for any free port. */
  redirectPort: () => number;
  /** After a sign-in or sign-out: the tree's status text changes. */
  onDidChangeAuth: (server?: string) => void;
}

const remoteTarget = (s: ServerSnapshot | undefined): HttpTarget | undefined => (s?.spec && s.spec.target.type !== 'stdio' ? s.spec.target : undefined);
const OPEN = 'Open Browser';

/** Remote windows and code-server: the loopback redirect goes through the editor's port forwarding or proxy. */
export function editorRedirectStrategy(): RedirectStrategy {
  return {
    remote: vscode.env.remoteName !== undefined,
    toExternalUrl: async url => (await vscode.env.asExternalUri(vscode.Uri.parse(url, true))).toString(true),
  };
}
const NO_OAUTH_SERVER = 'No server can sign in: OAuth applies to HTTP and SSE servers without an Authorization header in their configuration.';

/** The quick pick lists only servers OAuth applies to; with none, it says why instead of an empty list. */
async function pickOAuthServer(engine: EngineApi, arg: unknown, placeHolder: string): Promise<string | undefined> {
  if (arg === undefined && !engine.list().some(s => canUseOAuth(s.spec?.target))) {
    void vscode.window.showInformationMessage(NO_OAUTH_SERVER);
    return undefined;
  }
  return pickServer(engine, arg, { placeHolder, filter: s => canUseOAuth(s.spec?.target) });
}

/** The server's HTTP target when OAuth applies to it; otherwise says why not (a stdio server, a static header). */
function oauthTarget(snap: ServerSnapshot | undefined, name: string): HttpTarget | undefined {
  const target = remoteTarget(snap);
  if (!target) {
    void vscode.window.showWarningMessage(`${name} is a local (stdio) server: OAuth sign-in applies only to HTTP and SSE servers.`);
    return undefined;
  }
  if (hasStaticAuthorization(target)) {
    void vscode.window.showWarningMessage(`${name} sends the Authorization header from its configuration; remove the header to sign in with OAuth instead.`);
    return undefined;
  }
  return target;
}

async function signInCommand(deps: OAuthCommandDeps, arg: unknown): Promise<boolean> {
  const name = await pickOAuthServer(deps.engine, arg, 'Sign in to which server?');
  const target = name ? oauthTarget(deps.engine.get(name), name) : undefined;
  if (!name || !target) return false;
  const abort = new AbortController();
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Signing in to ${name}…`, cancellable: true }, async (_progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      await signIn({
        serverUrl: target.url, store: deps.store, client: target.oauth, clientMetadataUrl: deps.clientMetadataUrl(), signal: abort.signal,
        redirect: editorRedirectStrategy(), preferredPort: deps.redirectPort() || undefined,
        pinPortHint: 'set `mcpSwitchboard.oauth.redirectPort` to a port and register the redirect URI with that port',
        onStep: step => deps.onStep(name, step),
        openBrowser: async url => {
          // The browser opens only after the user agreed, knowing which server and which authorization server.
          const choice = await vscode.window.showInformationMessage(`Sign in to "${name}"? Your browser will open ${url.origin}, the server's authorization server.`, OPEN);
          if (choice !== OPEN) { abort.abort(); throw new OAuthFailure('cancelled', 'Sign-in was cancelled.'); }
          if (!await vscode.env.openExternal(vscode.Uri.parse(url.href, true))) throw new OAuthFailure('cancelled', 'The browser was not opened.');
        },
      });
    });
  } catch (e) {
    const failure = e instanceof OAuthFailure ? e : undefined;
    if (failure?.reason !== 'cancelled') void vscode.window.showErrorMessage(failure?.message ?? `Sign-in to ${name} failed: ${(e as Error).message}`);
    return false;
  }
  deps.onDidChangeAuth(name);
  void vscode.window.showInformationMessage(`Signed in to ${name}.`);
  await deps.engine.restart(name).catch(() => undefined);
  return true;
}

async function signOutCommand(deps: OAuthCommandDeps, arg: unknown): Promise<number> {
  const name = await pickOAuthServer(deps.engine, arg, 'Sign out of which server?');
  const target = name ? oauthTarget(deps.engine.get(name), name) : undefined;
  if (!name || !target) return 0;
  const removed = await signOutOf(deps.store, target.url);
  deps.onDidChangeAuth(name);
  void vscode.window.showInformationMessage(removed ? `Signed out of ${name}.` : `${name} had no sign-in to forget.`);
  await deps.engine.stop(name).catch(() => undefined);
  return removed;
}

async function signOutAllCommand(deps: OAuthCommandDeps): Promise<number> {
  const removed = await signOutOfAll(deps.store);
  deps.onDidChangeAuth();
  for (const s of deps.engine.list()) if (remoteTarget(s) && s.state.kind === 'running') await deps.engine.stop(s.name).catch(() => undefined);
  void vscode.window.showInformationMessage(removed ? `Signed out of ${removed} server sign-in${removed === 1 ? '' : 's'}.` : 'No server was signed in.');
  return removed;
}

export function registerOAuthCommands(deps: OAuthCommandDeps): vscode.Disposable[] {
  return [
    registerCommand(Commands.signIn, (arg?: unknown) => signInCommand(deps, arg)),
    registerCommand(Commands.signOut, (arg?: unknown) => signOutCommand(deps, arg)),
    registerCommand(Commands.signOutAll, () => signOutAllCommand(deps)),
  ];
}
