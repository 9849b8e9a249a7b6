import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/views/treeNodes';
import { groupRows, rows, treeApi, waitFor, waitForRunning, waitForServer, type TreeApi } from './helpers';

describe('Servers tree: live updates', function () {
  this.timeout(60_000);
  let api: TreeApi;

  before(async () => {
    api = await treeApi();
    await vscode.commands.executeCommand('mcpSwitchboard.servers.focus');
    await rows(api); // what the visible view does first
    await waitForRunning(api.engine, ['changing', 'echo']);
  });

  it('adds and removes a tool when the server changes its tool list, refreshing only that server', async () => {
    const fired: (TreeNode | undefined)[] = [];
    const sub = api.sidebar.tree.onDidChangeTreeData(e => fired.push(...(Array.isArray(e) ? e : [e])));
    try {
      await waitFor(() => api.sidebar.tree.idle, { message: 'earlier refreshes fired' });
      const fullBefore = api.sidebar.tree.refreshCounts.full;
      await api.engine.callTool('changing', 'add_tool', { name: 'zeta' });
      await waitFor(async () => (await groupRows(api, 'changing', 'tools')).some(r => r.label === 'zeta'), { message: 'tool zeta in the tree' });
      await waitFor(() => fired.includes(api.sidebar.tree.serverNode('changing')), { timeoutMs: 2000, message: 'a refresh of the changing server node' });
      assert.ok(!fired.includes(undefined), 'no full refresh');
      assert.equal(api.sidebar.tree.refreshCounts.full, fullBefore);

      await api.engine.callTool('changing', 'remove_tool', { name: 'zeta' });
      await waitFor(async () => !(await groupRows(api, 'changing', 'tools')).some(r => r.label === 'zeta'), { message: 'tool zeta gone' });
    } finally {
      sub.dispose();
    }
  });

  it('a server restarting repeatedly refreshes its own node, never the whole tree', async () => {
    const fired: (TreeNode | undefined)[] = [];
    const sub = api.sidebar.tree.onDidChangeTreeData(e => fired.push(...(Array.isArray(e) ? e : [e])));
    try {
      const fullBefore = api.sidebar.tree.refreshCounts.full;
      for (let i = 0; i < 3; i++) {
        await api.engine.restart('echo');
        await waitForServer(api.engine, 'echo', s => s.state.kind === 'running');
      }
      // A positive signal first: the last restart's refresh of echo has fired and nothing else is queued.
      const echoNode = api.sidebar.tree.serverNode('echo');
      await waitFor(() => api.sidebar.tree.idle && fired.includes(echoNode), { message: 'the refresh of echo after the restarts' });
      assert.equal(api.sidebar.tree.refreshCounts.full, fullBefore, 'no full refresh');
      assert.ok(fired.every(n => n?.kind === 'server'), `element-level refreshes only: ${JSON.stringify(fired)}`);
      const echo = fired.filter(n => n === api.sidebar.tree.serverNode('echo')).length;
      // Engine events are batched: fewer refreshes than state changes (stopped, starting, running per restart, plus catalog).
      assert.ok(echo > 0 && echo <= 12, `${echo} refreshes of echo`);
    } finally {
      sub.dispose();
    }
  });

  it('an expanded group whose children the workbench never asked for is refreshed on its own; one whose children were asked for is not', async () => {
    // The race this covers: a server refresh makes the extension host forget the server's groups until the workbench
    // asks for them again, and an expand landing in between gets no children. The test stands in for the workbench's
    // expand report; the group is collapsed on screen, so the workbench itself asks for nothing.
    const tree = api.sidebar.tree;
    const echoNode = tree.serverNode('echo');
    const group = tree.groupNode('echo', 'tools');
    await vscode.commands.executeCommand('workbench.actions.treeView.mcpSwitchboard.servers.collapseAll');
    const fired: (TreeNode | undefined)[] = [];
    let expandedOnRefresh = false;
    const sub = tree.onDidChangeTreeData(e => {
      const nodes = Array.isArray(e) ? e : [e];
      fired.push(...nodes);
      // Reported in the same tick as echo's refresh: before the workbench could have asked for anything.
      if (!expandedOnRefresh && nodes.includes(echoNode)) { expandedOnRefresh = true; tree.nodeExpanded(group); }
    });
    try {
      const lostBefore = tree.refreshCounts.lostExpanded;
      await api.engine.restart('echo');
      await waitForServer(api.engine, 'echo', s => s.state.kind === 'running');
      await waitFor(() => fired.includes(group), { message: 'a refresh of the expanded Tools group of echo' });
      assert.ok(tree.refreshCounts.lostExpanded > lostBefore, 'counted as a lost group');
      // Its children now asked for (no timer can run between these lines), the same report refreshes nothing.
      await waitFor(() => tree.idle, { message: 'the group checks finished' });
      assert.ok((await groupRows(api, 'echo', 'tools')).length > 0, 'the group lists echo\'s tools');
      const firedBefore = fired.length;
      tree.nodeExpanded(group);
      assert.ok(tree.idle, 'no check scheduled for a group whose children were asked for');
      assert.equal(fired.length, firedBefore);
    } finally {
      tree.nodeCollapsed(group);
      sub.dispose();
    }
  });

  it('an expanded server whose children the workbench never asked for after a full refresh is refreshed once on its own', async () => {
    // The same race one level up: a full refresh makes the extension host forget every server until the workbench
    // asks for the root again, and an expand of a server in between gets no children (a server whose start then
    // failed showed no problem row). The test reports the expand in the same tick as the full refresh; echo is
    // collapsed on screen, so the workbench asks for nothing under it.
    const tree = api.sidebar.tree;
    const echoNode = tree.serverNode('echo');
    await vscode.commands.executeCommand('workbench.actions.treeView.mcpSwitchboard.servers.collapseAll');
    await waitFor(() => tree.idle, { message: 'earlier refreshes fired' });
    let expandedOnRefresh = false;
    let echoRefreshes = 0;
    const sub = tree.onDidChangeTreeData(e => {
      const nodes = Array.isArray(e) ? e : [e];
      if (nodes.includes(echoNode)) echoRefreshes++;
      if (!expandedOnRefresh && nodes.includes(undefined)) { expandedOnRefresh = true; tree.nodeExpanded(echoNode); }
    });
    try {
      const lostBefore = tree.refreshCounts.lostExpanded;
      tree.scheduleFullRefresh();
      await waitFor(() => echoRefreshes > 0, { message: 'a refresh of the expanded server echo' });
      assert.equal(tree.refreshCounts.lostExpanded, lostBefore + 1, 'counted as one lost node');
      // The workbench still asks for nothing under echo (it is collapsed on screen): echo is not refreshed again.
      await waitFor(() => tree.idle, { message: 'the checks finished' });
      assert.equal(tree.refreshCounts.lostExpanded, lostBefore + 1, 'a lost server is refreshed once, not every half second');
      // Once its children are asked for, the same report refreshes nothing.
      assert.ok((await rows(api, echoNode)).length > 0, 'echo has children');
      tree.nodeExpanded(echoNode);
      assert.ok(tree.idle, 'no check scheduled for a server whose children were asked for');
    } finally {
      tree.nodeCollapsed(echoNode);
      sub.dispose();
    }
  });
});
