import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor, workspaceDir } from '../harness';

describe('activation', () => {
  it('activates and exports the engine', async () => {
    const api = await activateExtension();
    assert.equal(typeof api.engine.list, 'function');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('exports only the narrow public API: no engine, stored inputs, consent or gateway token', async () => {
    await activateExtension();
    const exported = vscode.extensions.getExtension(EXTENSION_ID)!.exports as Record<string, unknown>;
    assert.deepEqual(Object.keys(exported).sort(), ['apiVersion', 'onDidChangeServers', 'servers']);
    assert.equal(exported.apiVersion, 1);
    const servers = await waitFor(() => {
      const list = (exported.servers as () => Array<{ name: string; state: string; tools: string[] }>)();
      return list.length >= 3 ? list : undefined;
    }, { message: 'servers in the public API' });
    assert.deepEqual(servers.map(s => s.name).sort(), ['demo', 'echo', 'missing']);
    const text = JSON.stringify(servers);
    assert.doesNotMatch(text, /"(spec|secrets|target|command|args|env|headers|token)"/, 'no definitions or secrets');
    const walk = (v: unknown, depth = 0): string[] => (depth > 3 || typeof v !== 'object' || v === null ? [] : Object.keys(v).flatMap(k => [k, ...walk((v as Record<string, unknown>)[k], depth + 1)]));
    for (const forbidden of ['engine', 'config', 'inputs', 'consent', 'chat', 'gateway', 'getSecret']) assert.ok(!walk(exported).includes(forbidden), forbidden);
  });

  it('contributes the "MCP Switchboard" activity-bar container with the Servers view', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = ext.packageJSON.contributes ?? {};
    const container = (contributes.viewsContainers?.activitybar ?? []).find((c: { title: string }) => c.title === 'MCP Switchboard');
    assert.ok(container, 'an activity-bar view container titled "MCP Switchboard"');
    const views: Array<{ id: string; name: string }> = contributes.views?.[container.id] ?? [];
    const servers = views.find(v => v.id === 'mcpSwitchboard.servers');
    assert.ok(servers, `view mcpSwitchboard.servers in container ${container.id}; got ${JSON.stringify(views.map(v => v.id))}`);
    assert.equal(servers.name, 'Servers');
    // The workbench registered the view: its generated focus command exists and opens it.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('mcpSwitchboard.servers.focus'), 'command mcpSwitchboard.servers.focus');
    await vscode.commands.executeCommand('mcpSwitchboard.servers.focus');
  });

  it('reads the servers of the workspace .vscode/mcp.json', async () => {
    assert.ok(workspaceDir());
    const { engine } = await activateExtension();
    const names = await waitFor(() => {
      const n = engine.list().map(s => s.name).sort();
      return n.length >= 3 ? n : undefined;
    }, { timeoutMs: 20_000, message: 'the three servers of mcp.json' });
    assert.deepEqual(names, ['demo', 'echo', 'missing']);
  });
});
