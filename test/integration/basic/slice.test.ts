import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitForServer } from '../harness';
import type { TreeNode } from '../../../src/views/treeNodes';
import type { ServersTreeProvider } from '../../../src/views/serversTreeProvider';

async function treeApi(): Promise<ServersTreeProvider> {
  const api = (await activateExtension()) as unknown as { tree: ServersTreeProvider };
  return api.tree;
}

async function labels(tree: ServersTreeProvider, nodes: TreeNode[]): Promise<string[]> {
  return Promise.all(nodes.map(async n => String((await tree.getTreeItem(n)).label)));
}

describe('first slice: workspace mcp.json → engine → tree', () => {
  it('connects to the bundled demo server and the stdio fixture, and the tree shows their tools', async () => {
    const { engine } = await activateExtension();
    const tree = await treeApi();
    for (const name of ['demo', 'echo']) await waitForServer(engine, name, s => s.state.kind === 'running' && s.catalog.tools.length > 0);
    const servers = tree.getChildren() as TreeNode[];
    assert.deepEqual(await labels(tree, servers), ['demo', 'echo', 'missing']);
    for (const [server, tool] of [['demo', 'Echo'], ['echo', 'echo']] as const) {
      const node = servers.find(n => n.kind === 'server' && n.server === server)!;
      const item = await tree.getTreeItem(node);
      // The demo server (SDK v2) speaks 2026-07-28, which the row names; the echo fixture (SDK v1) speaks 2025-11-25.
      assert.match(String(item.description), server === 'demo' ? /^stdio · 2026-07-28 · \d+ tools/ : /^stdio · \d+ tools/);
      const groups = tree.getChildren(node) as TreeNode[];
      const toolsGroup = groups.find(g => g.kind === 'group' && g.group === 'tools')!;
      assert.ok(toolsGroup, `${server} has a Tools group`);
      const tools = await labels(tree, tree.getChildren(toolsGroup) as TreeNode[]);
      assert.ok(tools.includes(tool), `${server} tools: ${tools.join(', ')}`);
    }
  });

  it('a command that does not exist puts that server in error with the reason on its node, and the others keep running', async () => {
    const { engine } = await activateExtension();
    const tree = await treeApi();
    const missing = await waitForServer(engine, 'missing', s => s.state.kind === 'error');
    assert.match((missing.state as { reason: string }).reason, /Command "definitely-not-a-command-xyz" was not found on PATH/);
    const node = (tree.getChildren() as TreeNode[]).find(n => n.kind === 'server' && n.server === 'missing')!;
    const problem = (tree.getChildren(node) as TreeNode[]).find(n => n.kind === 'problem')!;
    assert.ok(problem, 'the error is a child node');
    const item = await tree.getTreeItem(problem);
    assert.match(String(item.label), /was not found on PATH/);
    assert.equal(item.command?.command, 'mcpSwitchboard.showLog');
    assert.equal(engine.get('echo')!.state.kind, 'running');
  });

  it('sends each server\'s stderr to its own output channel and opens it with Show Log', async () => {
    const { engine } = await activateExtension();
    await waitForServer(engine, 'demo', s => s.state.kind === 'running');
    await vscode.commands.executeCommand('mcpSwitchboard.showLog', 'demo');
    const stderr = engine.traffic.records({ server: 'demo' }).filter(r => r.kind === 'stderr').map(r => r.text);
    assert.ok(stderr.some(t => /switchboard-demo: ready on stdio/.test(t ?? '')), `stderr records: ${stderr.join(' | ')}`);
  });

  it('calls a demo tool through the engine', async () => {
    const { engine } = await activateExtension();
    await waitForServer(engine, 'demo', s => s.state.kind === 'running');
    const r = await engine.callTool('demo', 'word_count', { text: 'one two three' });
    assert.deepEqual(r.structuredContent, { words: 3, lines: 1, characters: 13 });
  });
});
