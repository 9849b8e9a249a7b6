import * as vscode from 'vscode';
import type { ServerSnapshot } from '../core/engineApi';
import type { ConnectionState } from '../core/connection/state';
import { Commands } from '../common/ids';
import { problemIcon, stateIcon } from './stateIcons';
import { TreeDecorations } from './treeDecorations';
import { groupLabels, type GroupKind, type TreeNode } from './treeNodes';
import { annotationTags, toolLabel } from './toolMarkdown';
import { shortState } from './serverMarkdown';
import { truncate } from './markdown';
import { serverContextValue } from './serverContext';

/** Label colour of a server: only states that need attention or are inactive stand out. */
function labelColor(state: ConnectionState): string | undefined {
  switch (state.kind) {
    case 'error': return 'list.errorForeground';
    case 'degraded': case 'waiting-to-retry': return 'list.warningForeground';
    case 'blocked': return state.blockedBy === 'config-error' ? 'list.errorForeground' : state.blockedBy === 'run-by-vscode' ? undefined : 'list.warningForeground';
    case 'stopped': case 'disabled': return 'disabledForeground';
    default: return undefined;
  }
}

/** `server.<state>` (`server.blocked.<reason>` when blocked): menus match on it. */
export function serverItem(snap: ServerSnapshot, description: string, hasChildren: boolean): vscode.TreeItem {
  const s = snap.state;
  const collapsible = !hasChildren ? vscode.TreeItemCollapsibleState.None
    : s.kind === 'error' || (s.kind === 'blocked' && s.blockedBy !== 'run-by-vscode') ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(snap.name, collapsible);
  item.id = `server/${snap.name}`;
  item.iconPath = stateIcon(s);
  item.description = description;
  item.contextValue = serverContextValue(s, snap.spec?.target);
  item.resourceUri = TreeDecorations.uri('server', snap.name, labelColor(s));
  item.accessibilityInformation = { label: `${snap.name}, ${shortState(s)}${description ? `, ${description}` : ''}` };
  return item;
}

export function problemItem(node: TreeNode & { kind: 'problem' }): vscode.TreeItem {
  const item = new vscode.TreeItem(truncate(node.message.split('\n')[0], 200), vscode.TreeItemCollapsibleState.None);
  item.id = `server/${node.server}/problem`;
  item.iconPath = problemIcon(node.problem);
  item.description = node.hint ? truncate(node.hint, 120) : undefined;
  item.tooltip = new vscode.MarkdownString().appendText(node.message + (node.hint ? `\n\n${node.hint}` : ''));
  item.contextValue = `problem.${node.problem}`;
  item.command = node.problem === 'blocked.untrusted'
    ? { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' }
    : node.problem === 'blocked.run-by-vscode' ? { command: 'workbench.mcp.listServer', title: 'Show VS Code’s MCP Servers' }
    : { command: Commands.showLog, title: 'Show Log', arguments: [node.server] };
  return item;
}

const groupIcons: Record<GroupKind, string> = { tools: 'tools', resources: 'files', resourceTemplates: 'symbol-parameter', prompts: 'comment-discussion' };

export function groupItem(server: string, group: GroupKind, shown: number, total: number, filteredOut: number, filtering: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(groupLabels[group], vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `server/${server}/${group}`;
  item.iconPath = new vscode.ThemeIcon(groupIcons[group]);
  const count = filtering ? `${shown} of ${total}` : String(total);
  item.description = filteredOut ? `${count} (${filteredOut} filtered out)` : count;
  item.contextValue = `group.${group}`;
  return item;
}

const toolIcon = new vscode.ThemeIcon('tools');
const readOnlyToolIcon = new vscode.ThemeIcon('eye');
const destructiveToolIcon = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
const filteredToolIcon = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));

export function toolItem(node: TreeNode & { kind: 'tool' }): vscode.TreeItem {
  const t = node.tool.tool;
  const item = new vscode.TreeItem(toolLabel(t), vscode.TreeItemCollapsibleState.None);
  item.id = `server/${node.server}/tool/${t.name}`;
  const tags = annotationTags(t.annotations);
  const description = t.description ? truncate(t.description.split('\n')[0], 160) : '';
  // Annotations live in the icon and the tooltip, so the description starts where a narrow sidebar can show it.
  item.description = [node.tool.enabled ? '' : 'filtered out', description].filter(Boolean).join(' ');
  item.iconPath = !node.tool.enabled ? filteredToolIcon : tags.includes('destructive') ? destructiveToolIcon : tags.includes('read-only') ? readOnlyToolIcon : toolIcon;
  item.accessibilityInformation = { label: [toolLabel(t), ...tags, description].filter(Boolean).join(', ') };
  item.contextValue = node.tool.enabled ? 'tool' : 'tool.filtered';
  if (!node.tool.enabled) item.resourceUri = TreeDecorations.uri('tool', `${node.server}/${t.name}`, 'disabledForeground', 'Filtered out by allowedTools/excludedTools');
  return item;
}

const resourceIcon = new vscode.ThemeIcon('file');
const templateIcon = new vscode.ThemeIcon('file-symlink-file');
const promptIcon = new vscode.ThemeIcon('comment-discussion');

export function resourceItem(node: TreeNode & { kind: 'resource' }): vscode.TreeItem {
  const r = node.resource;
  const item = new vscode.TreeItem(r.title ?? r.name, vscode.TreeItemCollapsibleState.None);
  item.id = `server/${node.server}/resource/${r.uri}`;
  item.description = r.uri;
  item.iconPath = resourceIcon;
  item.contextValue = 'resource';
  item.command = { command: Commands.readResource, title: 'Read Resource', arguments: [node] };
  return item;
}

export function templateItem(node: TreeNode & { kind: 'resourceTemplate' }): vscode.TreeItem {
  const r = node.template;
  const item = new vscode.TreeItem(r.title ?? r.name, vscode.TreeItemCollapsibleState.None);
  item.id = `server/${node.server}/template/${r.uriTemplate}`;
  item.description = r.uriTemplate;
  item.iconPath = templateIcon;
  item.contextValue = 'resourceTemplate';
  return item;
}

export function promptItem(node: TreeNode & { kind: 'prompt' }): vscode.TreeItem {
  const p = node.prompt;
  const item = new vscode.TreeItem(p.title ?? p.name, vscode.TreeItemCollapsibleState.None);
  item.id = `server/${node.server}/prompt/${p.name}`;
  const args = p.arguments?.length ? `(${p.arguments.map(a => a.required ? a.name : `${a.name}?`).join(', ')})` : '';
  item.description = [args, p.description ? truncate(p.description.split('\n')[0], 160) : ''].filter(Boolean).join(' ');
  item.iconPath = promptIcon;
  item.contextValue = 'prompt';
  return item;
}

export function infoItem(node: TreeNode & { kind: 'info' }): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `server/${node.server}/info/${node.id}`;
  item.iconPath = new vscode.ThemeIcon('info');
  item.contextValue = 'info';
  return item;
}
