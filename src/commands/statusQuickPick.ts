import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../core/engineApi';
import { isConnected } from '../core/connection/state';
import { serverDescription, shortState } from '../views/serverMarkdown';
import { stateCodicon } from '../views/stateIcons';
import { Commands, ViewIds, type CommandId } from '../common/ids';

type Action = vscode.QuickPickItem & { command?: CommandId | string; args?: unknown[] };

/** The actions that make sense for a server in its current state. */
export function serverActions(s: ServerSnapshot): Action[] {
  const k = s.state.kind;
  const a = (icon: string, label: string, command: CommandId | string, args: unknown[] = [s.name]): Action => ({ label: `$(${icon}) ${label}`, command, args });
  const out: Action[] = [];
  if (k === 'stopped' || k === 'error' || k === 'waiting-to-retry') out.push(a('play', 'Start', Commands.startServer));
  if (k === 'blocked') {
    if (s.state.kind === 'blocked' && s.state.blockedBy === 'untrusted') out.push(a('shield', 'Manage Workspace Trust', 'workbench.trust.manage', []));
    else out.push(a('play', 'Resolve and Start…', Commands.startServer));
  }
  if (k === 'running' || k === 'starting' || k === 'degraded' || k === 'waiting-to-retry') out.push(a('debug-stop', 'Stop', Commands.stopServer));
  if (k !== 'disabled' && k !== 'blocked') out.push(a('debug-restart', 'Restart', Commands.restartServer));
  if (k === 'disabled') out.push(a('check', 'Enable', Commands.enableServer));
  else if (s.spec) out.push(a('circle-slash', 'Disable', Commands.disableServer));
  if (isConnected(s.state) && s.catalog.tools.length) out.push(a('play-circle', 'Call Tool…', Commands.callTool, [{ kind: 'server', server: s.name }]));
  if (isConnected(s.state) && (s.catalog.resources.length || s.catalog.resourceTemplates.length)) out.push(a('file', 'Read Resource…', Commands.readResource, [{ kind: 'server', server: s.name }]));
  if (isConnected(s.state) && s.catalog.prompts.length) out.push(a('comment-discussion', 'Get Prompt…', Commands.getPrompt, [{ kind: 'server', server: s.name }]));
  out.push(a('output', 'Show Log', Commands.showLog));
  out.push(a('pulse', 'Open Traffic Inspector', Commands.openInspector, [{ server: s.name }]));
  out.push(a('go-to-file', 'Open Configuration', Commands.openServerConfiguration));
  out.push(a('copy', 'Copy Configuration Entry', Commands.copyServerConfig));
  return out;
}

/** The status bar's click: every server with its state, then the actions for the chosen one. */
export async function showStatusQuickPick(engine: EngineApi): Promise<void> {
  const servers = engine.list().sort((a, b) => a.name.localeCompare(b.name));
  type Item = Action & { server?: string };
  const items: Item[] = servers.map(s => {
    const reason = 'reason' in s.state && s.state.reason ? s.state.reason.split('\n')[0] : undefined;
    return {
      label: `$(${stateCodicon(s.state)}) ${s.name}`,
      description: serverDescription(s, engine.metrics.server(s.name, 'user')) || shortState(s.state),
      detail: reason,
      server: s.name,
    };
  });
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(list-tree) Show Servers View', command: `${ViewIds.servers}.focus` },
    { label: '$(refresh) Restart All Servers', command: Commands.restartAll },
    { label: '$(pulse) Open Traffic Inspector', command: Commands.openInspector, args: [{}] },
    { label: '$(add) Add Server…', command: Commands.addServer },
  );
  const picked = await vscode.window.showQuickPick(items, { placeHolder: servers.length ? 'MCP servers: choose one for its actions' : 'No MCP servers are configured', matchOnDescription: true });
  if (!picked) return;
  if (picked.command) { await vscode.commands.executeCommand(picked.command, ...(picked.args ?? [])); return; }
  const snap = picked.server ? engine.get(picked.server) : undefined;
  if (!snap) return;
  const action = await vscode.window.showQuickPick(serverActions(snap), { placeHolder: `${snap.name} — ${shortState(snap.state)}` });
  if (action?.command) await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
}
