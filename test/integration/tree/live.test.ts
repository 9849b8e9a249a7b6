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
});
