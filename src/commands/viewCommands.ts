import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { isConnected } from '../core/connection/state';
import type { ServersTreeProvider } from '../views/serversTreeProvider';
import type { TreeFilter } from '../views/treeFilter';
import type { TreeNode } from '../views/treeNodes';
import { serverOf } from '../views/treeNodes';
import { addDemoServerToWorkspace, DEMO_SERVER_NAME } from './demoServer';
import { Commands, ViewIds } from '../common/ids';
import { showStatusQuickPick } from './statusQuickPick';
import { registerCommand, runCommand } from '../common/commands';
import { delay } from '../core/resilience/deadline';
import { errorMessage } from '../shared/format';

export interface ViewCommandDeps {
  engine: EngineApi;
  tree: ServersTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  filter: TreeFilter;
  extension: vscode.Extension<unknown>;
}

/** Reveals a server's Tools group (expanded) in the Servers view: the first connected server with tools unless one is given. */
export async function showTools(deps: ViewCommandDeps, arg: unknown): Promise<boolean> {
  await vscode.commands.executeCommand(`${ViewIds.servers}.focus`);
  const name = serverOf(arg) ?? deps.engine.list().find(s => isConnected(s.state) && s.catalog.tools.length)?.name;
  if (!name) {
    void vscode.window.showInformationMessage('No connected server has tools yet. Add a server, or try the demo server.', 'Try the Demo Server')
      .then(a => a && runCommand(Commands.tryDemoServer));
    return false;
  }
  const tools = deps.tree.groupNode(name, 'tools');
  // The workbench drops a reveal whose item it has not loaded yet (a view still opening, a refresh in between) and
  // says nothing; a refresh that swaps its items while the reveal runs makes it throw instead. Either way the next
  // attempt sees the refreshed tree: reveal again until the selection comes back, a few times.
  let lastError: unknown;
  for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
    const selected = selectionOf(deps.treeView, tools, 5_000);
    try {
      await deps.treeView.reveal(deps.tree.serverNode(name), { expand: true, select: false, focus: false });
      await deps.treeView.reveal(tools, { expand: true, select: true, focus: true });
    } catch (e) {
      lastError = e;
      selected.cancel();
      if (attempt + 1 < REVEAL_ATTEMPTS) await delay(250 * (attempt + 1));
      continue;
    }
    if (await selected.done) return true;
  }
  if (lastError) throw new Error(`Could not reveal the tools of "${name}" in the Servers view: ${errorMessage(lastError)}`);
  return true;
}

const REVEAL_ATTEMPTS = 3;

/** Resolves true once `node` is the view's selection (the renderer reports it after a reveal), false after `ms` or on cancel. */
function selectionOf(view: vscode.TreeView<TreeNode>, node: TreeNode, ms: number): { done: Promise<boolean>; cancel(): void } {
  if (view.selection.includes(node)) return { done: Promise.resolve(true), cancel: () => undefined };
  let finish: (ok: boolean) => void = () => undefined;
  const done = new Promise<boolean>(resolve => {
    const sub = view.onDidChangeSelection(e => { if (e.selection.includes(node)) finish(true); });
    const timer = setTimeout(() => finish(false), ms);
    finish = ok => { clearTimeout(timer); sub.dispose(); resolve(ok); };
  });
  return { done, cancel: () => finish(false) };
}

/** Waits (up to `ms`) for a server to appear, for "Try the Demo Server" to reveal it once the configuration reloads. */
function whenServerAppears(engine: EngineApi, name: string, ms: number): Promise<boolean> {
  if (engine.get(name)) return Promise.resolve(true);
  return new Promise(resolve => {
    const sub = engine.onDidChangeServers(() => { if (engine.get(name)) { clearTimeout(timer); sub.dispose(); resolve(true); } });
    const timer = setTimeout(() => { sub.dispose(); resolve(false); }, ms);
  });
}

export function registerViewCommands(deps: ViewCommandDeps): vscode.Disposable[] {
  const { engine, filter } = deps;
  return [
    registerCommand(Commands.showStatus, () => showStatusQuickPick(engine)),
    registerCommand(Commands.filterTree, async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter the Servers view',
        prompt: 'Show only tools, resources and prompts whose name contains this text (empty clears the filter)',
        value: filter.text, placeHolder: 'e.g. search',
      });
      if (text !== undefined) filter.setText(text);
    }),
    registerCommand(Commands.clearTreeFilter, () => filter.setText('')),
    registerCommand(Commands.showFilteredTools, () => filter.setShowFilteredTools(true)),
    registerCommand(Commands.hideFilteredTools, () => filter.setShowFilteredTools(false)),
    registerCommand(Commands.showTools, (arg?: unknown) => showTools(deps, arg)),
    registerCommand(Commands.openChat, async () => {
      const participants = (deps.extension.packageJSON?.contributes?.chatParticipants ?? []) as { name?: string }[];
      const name = participants.find(p => p.name)?.name;
      await vscode.commands.executeCommand('workbench.action.chat.open', name ? { query: `@${name} `, isPartialQuery: true } : {});
    }),
    registerCommand(Commands.tryDemoServer, async () => {
      const file = await addDemoServerToWorkspace(deps.extension.extensionPath);
      if (!file) return undefined;
      await vscode.commands.executeCommand(`${ViewIds.servers}.focus`);
      void whenServerAppears(engine, DEMO_SERVER_NAME, 15_000).then(found => {
        // A courtesy: a reveal that a refresh in between makes fail leaves the new server where it is in the tree.
        if (found) deps.treeView.reveal(deps.tree.serverNode(DEMO_SERVER_NAME), { expand: true, select: true }).then(undefined, () => undefined);
      });
      return file;
    }),
  ];
}
