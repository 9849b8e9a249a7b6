import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { ContextKeys, ViewIds } from '../common/ids';
import { ActionNotifications } from './actionNotifications';
import { ResourceDocuments } from './resourceDocuments';
import { ResultDocuments } from './resultDocuments';
import { registerResourceLinkHandler } from './resourceLinks';
import { ServerLogChannels } from './serverLogChannels';
import { ServersTreeProvider } from './serversTreeProvider';
import { ServersStatusBar, summarize } from './statusBar';
import { TaskStatusBar } from './taskStatusBar';
import { TreeDecorations } from './treeDecorations';
import { TreeFilter } from './treeFilter';
import type { TreeNode } from './treeNodes';
import type { ToolTokenSource } from '../core/tokens/definitionTokens';

/** The views of the extension: Servers tree, status bar, notifications, log channels and virtual documents. */
export interface Sidebar extends vscode.Disposable {
  readonly tree: ServersTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly filter: TreeFilter;
  readonly logs: ServerLogChannels;
  readonly statusBar: ServersStatusBar;
  readonly taskStatusBar: TaskStatusBar;
  readonly notifications: ActionNotifications;
  readonly results: ResultDocuments;
  readonly resources: ResourceDocuments;
}

export function createSidebar(engine: EngineApi, state: vscode.Memento, tokens?: ToolTokenSource): Sidebar {
  const filter = new TreeFilter(state);
  const tree = new ServersTreeProvider(engine, filter, tokens);
  const treeView = vscode.window.createTreeView(ViewIds.servers, { treeDataProvider: tree, showCollapseAll: true });
  tree.attachView(treeView);
  const logs = new ServerLogChannels(engine);
  const statusBar = new ServersStatusBar(engine);
  const taskStatusBar = new TaskStatusBar(engine);
  const notifications = new ActionNotifications(engine);
  const results = new ResultDocuments();
  const resources = new ResourceDocuments(engine);
  const decorations = new TreeDecorations();

  const updateView = () => {
    treeView.message = filter.active ? `Filtered by "${filter.text}"${filter.showFilteredTools ? '' : ', filtered-out tools hidden'}` : undefined;
    const { errors } = summarize(engine.list());
    treeView.badge = errors ? { value: errors, tooltip: `${errors} MCP server${errors === 1 ? '' : 's'} in error` } : undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.hasServers, engine.list().length > 0);
  };
  let timer: NodeJS.Timeout | undefined;
  const scheduleUpdate = () => { timer ??= setTimeout(() => { timer = undefined; updateView(); }, 50); };
  const subscriptions = [filter.onDidChange(updateView), engine.onDidChangeServer(scheduleUpdate), engine.onDidChangeServers(scheduleUpdate)];
  updateView();

  const parts: vscode.Disposable[] = [...subscriptions, registerResourceLinkHandler(), decorations, resources, results, notifications, taskStatusBar, statusBar, logs, treeView, tree, filter];
  return {
    tree, treeView, filter, logs, statusBar, taskStatusBar, notifications, results, resources,
    dispose: () => { if (timer) clearTimeout(timer); for (const p of parts) p.dispose(); },
  };
}
