import type { AuthStatus } from './authStatus';
import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../core/engineApi';
import type { QualifiedTool } from '../core/connection/catalog';
import { catalogProblems } from '../core/connection/catalogProblems';
import { groupKinds, groupOf, type GroupKind, type ProblemKind, type TreeNode } from './treeNodes';
import { groupItem, infoItem, problemItem, promptItem, resourceItem, serverItem, templateItem, toolItem } from './treeItems';
import { serverDescription, serverTooltipMarkdown } from './serverMarkdown';
import { toolTooltipMarkdown } from './toolMarkdown';
import { formatBytes } from '../shared/format';
import { escapeMarkdown, inlineCode } from './markdown';
import type { TreeFilter } from './treeFilter';
import { DisposableBase } from '../core/events';
import type { ToolTokenSource } from '../core/tokens/definitionTokens';
import { taskItem, taskTooltipMarkdown } from './taskItems';

type ServerNode = TreeNode & { kind: 'server' };
type GroupNode = TreeNode & { kind: 'group' };
/** The nodes a user can expand: their children are computed by this provider, never fixed in the item. */
type ParentNode = ServerNode | GroupNode;

/** Element refreshes are batched this long so a burst of engine events (state + catalog + metrics) is one update. */
const ELEMENT_BATCH_MS = 40;
/** Full refreshes (servers added or removed, filter changes) are debounced this long. */
const FULL_REFRESH_MS = 100;
/** How long an expanded node may wait for the workbench to ask for its children before it is refreshed itself. */
const EXPANDED_CHECK_MS = 500;

/**
 * The Servers tree. Server and group nodes are cached per name so engine events refresh exactly the server that
 * changed (element-level); full refreshes are debounced. Children are computed lazily from the engine's cached
 * catalog: expanding a group never sends a request, and tooltips are built on hover (resolveTreeItem).
 */
export class ServersTreeProvider extends DisposableBase implements vscode.TreeDataProvider<TreeNode> {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly serverNodes = new Map<string, ServerNode>();
  private readonly groupNodes = new Map<string, GroupNode>();
  private readonly descriptions = new Map<string, string>();
  private readonly pending = new Set<ServerNode>();
  private elementTimer?: NodeJS.Timeout;
  private fullTimer?: NodeJS.Timeout;
  /** Nodes the view shows expanded, and those whose children it asked for since they or their parent were last refreshed. */
  private readonly expandedNodes = new Set<ParentNode>();
  private readonly servedNodes = new Set<ParentNode>();
  private readonly nodesToCheck = new Set<ParentNode>();
  private expandedCheckTimer?: NodeJS.Timeout;
  private viewVisible: () => boolean = () => true;
  private toolIndex?: { source: QualifiedTool[]; byServer: Map<string, QualifiedTool[]> };
  /** Until the view asks for its root, nothing is rendered and there is nothing to refresh. */
  private rootFetched = false;
  private auth?: AuthStatus;
  /** How often each kind of refresh fired (tests check that server events stay element-level). */
  readonly refreshCounts = { full: 0, element: 0, lostExpanded: 0 };
  /** No refresh is waiting to be fired (tests wait for this instead of sleeping). */
  get idle(): boolean { return !this.elementTimer && !this.fullTimer && !this.expandedCheckTimer; }

  constructor(private readonly engine: EngineApi, private readonly filter: TreeFilter, private readonly tokens?: ToolTokenSource) {
    super();
    if (tokens) this._register(tokens.onDidChange(() => this.refreshChangedDescriptions()));
    this._registerAll(
      engine.onDidChangeServer(s => this.queueServer(s.name)),
      engine.onDidChangeCatalog(({ server }) => this.queueServer(server)),
      engine.onDidChangeServers(() => this.scheduleFullRefresh()),
      engine.tasks.onDidChange(({ server }) => this.queueServer(server)),
      engine.metrics.onDidChange(() => this.refreshChangedDescriptions()),
      filter.onDidChange(() => this.scheduleFullRefresh()),
    );
  }

  // ---- refresh scheduling

  private queueServer(name: string): void {
    if (!this.rootFetched) return;
    const node = this.serverNodes.get(name);
    if (!node) { this.scheduleFullRefresh(); return; }
    this.pending.add(node);
    this.elementTimer ??= setTimeout(() => this.flushElements(), ELEMENT_BATCH_MS);
  }

  private flushElements(): void {
    this.elementTimer = undefined;
    const nodes = [...this.pending].filter(n => this.isCurrent(n));
    this.pending.clear();
    if (!nodes.length || this.fullTimer) return;
    this.refreshCounts.element++;
    for (const n of nodes) this.forgotten([n, ...this.groupsOf(n)]);
    this.changeEmitter.fire(nodes);
  }

  scheduleFullRefresh(): void {
    this.fullTimer ??= setTimeout(() => {
      this.fullTimer = undefined;
      this.pending.clear();
      this.refreshCounts.full++;
      this.servedNodes.clear();
      for (const n of this.expandedNodes) this.checkServed(n);
      this.changeEmitter.fire(undefined);
    }, FULL_REFRESH_MS);
  }

  private isCurrent(node: ParentNode): boolean {
    return node.kind === 'server' ? this.serverNodes.get(node.server) === node : this.groupNodes.get(groupKey(node.server, node.group)) === node;
  }

  // ---- expanded nodes the workbench lost
  //
  // Refreshing a node makes VS Code's extension host forget the node's children until the workbench has asked for
  // them again: a full refresh forgets every server, a server's refresh its groups. An expand of a forgotten node that
  // lands in between gets no children ("No tree item with id ... found" in the extension host log), and the node stays
  // open and empty even when collapsed and expanded again. So an expanded node whose children were not asked for in
  // time is refreshed on its own.

  /** Wires the view's expand/collapse events and visibility in. */
  attachView(view: vscode.TreeView<TreeNode>): void {
    this.viewVisible = () => view.visible;
    this._registerAll(
      view.onDidExpandElement(e => this.nodeExpanded(e.element)),
      view.onDidCollapseElement(e => this.nodeCollapsed(e.element)),
    );
  }

  nodeCollapsed(node: TreeNode): void {
    if (isParent(node)) this.expandedNodes.delete(node);
  }

  /** The workbench expanded `node`. */
  nodeExpanded(node: TreeNode): void {
    if (!isParent(node) || !this.isCurrent(node)) return;
    this.expandedNodes.add(node);
    if (!this.servedNodes.has(node)) this.checkServed(node);
  }

  private groupsOf(server: ServerNode): GroupNode[] {
    return groupKinds.map(g => this.groupNodes.get(groupKey(server.server, g))).filter(g => g !== undefined);
  }

  /** The workbench must ask for the children of `nodes` again (they or their parent were refreshed). */
  private forgotten(nodes: ParentNode[]): void {
    for (const n of nodes) {
      this.servedNodes.delete(n);
      if (this.expandedNodes.has(n)) this.checkServed(n);
    }
  }

  private checkServed(node: ParentNode): void {
    this.nodesToCheck.add(node);
    this.expandedCheckTimer ??= setTimeout(() => {
      this.expandedCheckTimer = undefined;
      const lost = [...this.nodesToCheck].filter(n => this.isCurrent(n) && this.expandedNodes.has(n) && !this.servedNodes.has(n));
      this.nodesToCheck.clear();
      // A hidden view asks for nothing until it is shown again, and then asks for every expanded node itself.
      if (!lost.length || !this.viewVisible()) return;
      this.refreshCounts.lostExpanded += lost.length;
      // Fired on their own (not through `pending`, which waits for the batch and counts as a server event). A lost
      // server is not checked again (a workbench that still does not ask must not get a refresh every half second),
      // but its refresh makes the extension host forget its groups.
      for (const n of lost) if (n.kind === 'server') this.forgotten(this.groupsOf(n));
      this.changeEmitter.fire(lost);
    }, EXPANDED_CHECK_MS);
  }

  private refreshChangedDescriptions(): void {
    for (const [name, previous] of this.descriptions) {
      const snap = this.engine.get(name);
      if (snap && this.describe(snap) !== previous) this.queueServer(name);
    }
  }

  private describe(snap: ServerSnapshot): string {
    const base = serverDescription(snap, this.engine.metrics.server(snap.name, 'user'), this.tokens?.serverTotal(snap.name));
    const auth = this.auth?.describe(snap);
    return auth ? [auth, base].filter(Boolean).join(' · ') : base;
  }

  /** Sign-in status ("needs sign-in", "signed in · token expires in 12 min") in the server's description. */
  setAuthStatus(auth: AuthStatus): void {
    this.auth = auth;
    this._register(auth.onDidChange(name => this.queueServer(name)));
  }

  // ---- nodes

  serverNode(name: string): ServerNode {
    let node = this.serverNodes.get(name);
    if (!node) { node = { kind: 'server', server: name }; this.serverNodes.set(name, node); }
    return node;
  }

  groupNode(server: string, group: GroupKind): GroupNode {
    const key = groupKey(server, group);
    let node = this.groupNodes.get(key);
    if (!node) { node = { kind: 'group', server, group }; this.groupNodes.set(key, node); }
    return node;
  }

  /** The tools of one server, indexed once per engine tool-list version. */
  toolsOf(server: string): QualifiedTool[] {
    const all = this.engine.tools();
    if (this.toolIndex?.source !== all) {
      const byServer = new Map<string, QualifiedTool[]>();
      for (const t of all) {
        let list = byServer.get(t.server);
        if (!list) byServer.set(t.server, list = []);
        list.push(t);
      }
      this.toolIndex = { source: all, byServer };
    }
    return this.toolIndex.byServer.get(server) ?? [];
  }

  private visibleTools(server: string): QualifiedTool[] {
    const show = this.filter.showFilteredTools;
    return this.toolsOf(server).filter(t => (show || t.enabled) && this.filter.matches(t.tool.name, t.tool.title, t.tool.annotations?.title));
  }

  private visibleCount(snap: ServerSnapshot, group: GroupKind): number {
    const f = this.filter;
    const c = snap.catalog;
    switch (group) {
      case 'tools': return this.visibleTools(snap.name).length;
      case 'resources': return f.active ? c.resources.filter(r => f.matches(r.name, r.title, r.uri)).length : c.resources.length;
      case 'resourceTemplates': return f.active ? c.resourceTemplates.filter(r => f.matches(r.name, r.title, r.uriTemplate)).length : c.resourceTemplates.length;
      case 'prompts': return f.active ? c.prompts.filter(p => f.matches(p.name, p.title)).length : c.prompts.length;
    }
  }

  private totalCount(snap: ServerSnapshot, group: GroupKind): number {
    return group === 'tools' ? snap.catalog.tools.length : snap.catalog[group].length;
  }

  private problemOf(snap: ServerSnapshot): (TreeNode & { kind: 'problem' }) | undefined {
    const s = snap.state;
    const node = (problem: ProblemKind, message: string, hint?: string) => ({ kind: 'problem' as const, server: snap.name, problem, message, hint });
    switch (s.kind) {
      case 'error': return node('error', s.reason, s.hint);
      case 'degraded': return node('degraded', s.reason);
      case 'waiting-to-retry': return node('waiting-to-retry', s.reason, `retry ${s.attempt + 1} at ${new Date(s.retryAt).toLocaleTimeString()}`);
      case 'blocked': return node(`blocked.${s.blockedBy}`, s.reason);
      default: {
        // A failed list must not look like an empty one.
        const problems = catalogProblems(snap.catalog);
        return problems.length ? node('catalog', problems.join('\n'), problems.length > 1 ? `${problems.length} catalog problems: hover for all` : undefined) : undefined;
      }
    }
  }

  private serverChildren(snap: ServerSnapshot): TreeNode[] {
    const out: TreeNode[] = [];
    const problem = this.problemOf(snap);
    if (problem) out.push(problem);
    for (const task of this.engine.tasks.list(snap.name)) out.push({ kind: 'task', server: snap.name, taskId: task.id });
    let hiddenByFilter = false;
    for (const group of groupKinds) {
      if (!this.totalCount(snap, group)) continue;
      if (this.filter.active && !this.visibleCount(snap, group)) { hiddenByFilter = true; continue; }
      out.push(this.groupNode(snap.name, group));
    }
    if (hiddenByFilter && out.length === (problem ? 1 : 0)) out.push({ kind: 'info', server: snap.name, id: 'no-match', message: `Nothing matches "${this.filter.text}"` });
    return out;
  }

  // ---- TreeDataProvider

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      this.rootFetched = true;
      const names = this.engine.list().map(s => s.name).sort((a, b) => a.localeCompare(b));
      const live = new Set(names);
      for (const known of [...this.serverNodes.keys()]) {
        if (live.has(known)) continue;
        const server = this.serverNodes.get(known);
        if (server) { this.expandedNodes.delete(server); this.servedNodes.delete(server); }
        this.serverNodes.delete(known);
        this.descriptions.delete(known);
        for (const g of groupKinds) {
          const group = this.groupNodes.get(groupKey(known, g));
          if (group) { this.expandedNodes.delete(group); this.servedNodes.delete(group); }
          this.groupNodes.delete(groupKey(known, g));
        }
      }
      return names.map(n => this.serverNode(n));
    }
    const snap = this.engine.get(node.server);
    if (!snap) return [];
    switch (node.kind) {
      case 'server':
        if (this.isCurrent(node)) this.servedNodes.add(node);
        return this.serverChildren(snap);
      case 'group':
        if (this.isCurrent(node)) this.servedNodes.add(node);
        return this.groupChildren(snap, node.group);
      default: return [];
    }
  }

  private groupChildren(snap: ServerSnapshot, group: GroupKind): TreeNode[] {
    const server = snap.name;
    const f = this.filter;
    switch (group) {
      case 'tools': return this.visibleTools(server).map(tool => ({ kind: 'tool', server, tool }));
      case 'resources': return snap.catalog.resources.filter(r => f.matches(r.name, r.title, r.uri)).map(resource => ({ kind: 'resource', server, resource }));
      case 'resourceTemplates': return snap.catalog.resourceTemplates.filter(r => f.matches(r.name, r.title, r.uriTemplate)).map(template => ({ kind: 'resourceTemplate', server, template }));
      case 'prompts': return snap.catalog.prompts.filter(p => f.matches(p.name, p.title)).map(prompt => ({ kind: 'prompt', server, prompt }));
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'server') return undefined;
    const group = groupOf(node);
    return group ? this.groupNode(node.server, group) : this.serverNode(node.server);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'server': {
        const snap = this.engine.get(node.server);
        if (!snap) return new vscode.TreeItem(node.server);
        const description = this.describe(snap);
        this.descriptions.set(snap.name, description);
        return serverItem(snap, description, this.serverChildren(snap).length > 0);
      }
      case 'group': {
        const snap = this.engine.get(node.server);
        if (!snap) return new vscode.TreeItem(node.group);
        const filteredOut = node.group === 'tools' ? this.toolsOf(node.server).filter(t => !t.enabled).length : 0;
        return groupItem(node.server, node.group, this.visibleCount(snap, node.group), this.totalCount(snap, node.group), filteredOut, this.filter.active);
      }
      case 'problem': return problemItem(node);
      case 'tool': return toolItem(node);
      case 'resource': return resourceItem(node);
      case 'resourceTemplate': return templateItem(node);
      case 'prompt': return promptItem(node);
      case 'info': return infoItem(node);
      case 'task': {
        const entry = this.engine.tasks.get(node.taskId);
        return entry ? taskItem(entry) : new vscode.TreeItem('Task (forgotten)');
      }
    }
  }

  /** Tooltips are built on hover only: 1,000 tools cost nothing until one is hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip) return item;
    const md = this.tooltipMarkdown(node);
    if (md) item.tooltip = new vscode.MarkdownString(md);
    return item;
  }

  tooltipMarkdown(node: TreeNode): string | undefined {
    switch (node.kind) {
      case 'server': {
        const snap = this.engine.get(node.server);
        return snap && serverTooltipMarkdown(snap, this.engine.metrics.server(snap.name, 'user'), Date.now(), this.tokens?.serverTotal(snap.name));
      }
      case 'tool': return toolTooltipMarkdown(node.tool, this.tokens?.count(node.tool));
      case 'resource': {
        const r = node.resource;
        return [`**${escapeMarkdown(r.title ?? r.name)}** ${inlineCode(r.uri)}`, r.description && escapeMarkdown(r.description),
          [r.mimeType && `Type: ${inlineCode(r.mimeType)}`, r.size !== undefined && `Size: ${formatBytes(r.size)}`].filter(Boolean).join(' · ')].filter(Boolean).join('\n\n');
      }
      case 'resourceTemplate': {
        const r = node.template;
        return [`**${escapeMarkdown(r.title ?? r.name)}** ${inlineCode(r.uriTemplate)}`, r.description && escapeMarkdown(r.description),
          r.mimeType && `Type: ${inlineCode(r.mimeType)}`, '_Read Resource asks for the template parameters._'].filter(Boolean).join('\n\n');
      }
      case 'prompt': {
        const p = node.prompt;
        const args = (p.arguments ?? []).map(a => `- ${inlineCode(a.name)}${a.required ? ' (**required**)' : ''}${a.description ? ` — ${escapeMarkdown(a.description)}` : ''}`).join('\n');
        return [`**${escapeMarkdown(p.title ?? p.name)}**${p.title ? ` ${inlineCode(p.name)}` : ''}`, p.description && escapeMarkdown(p.description), args ? `**Arguments**\n\n${args}` : '_No arguments._'].filter(Boolean).join('\n\n');
      }
      case 'task': {
        const entry = this.engine.tasks.get(node.taskId);
        return entry && taskTooltipMarkdown(entry);
      }
      default: return undefined;
    }
  }

  override dispose(): void {
    if (this.fullTimer) clearTimeout(this.fullTimer);
    if (this.elementTimer) clearTimeout(this.elementTimer);
    if (this.expandedCheckTimer) clearTimeout(this.expandedCheckTimer);
    super.dispose();
    this.changeEmitter.dispose();
  }
}

function groupKey(server: string, group: GroupKind): string { return `${server}\u0000${group}`; }

function isParent(node: TreeNode): node is ParentNode { return node.kind === 'server' || node.kind === 'group'; }
