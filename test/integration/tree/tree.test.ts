import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { QualifiedTool } from '../../../src/core/connection/catalog';
import type { ServerEntry } from '../../../src/core/connection/types';
import { currentEntries, groupRows, rows, serverRow, treeApi, waitFor, waitForRunning, waitForServer, type TreeApi } from './helpers';

describe('Servers tree: contents per state', function () {
  this.timeout(90_000);
  let api: TreeApi;

  before(async () => {
    api = await treeApi();
    await vscode.commands.executeCommand('mcpSwitchboard.servers.focus');
    await waitForRunning(api.engine, ['echo', 'changing', 'many', 'slow']);
    await waitForServer(api.engine, 'missing', s => s.state.kind === 'error');
  });

  it('lists every configured server, sorted, with a state icon and transport · tools · p50', async () => {
    const top = await rows(api);
    assert.deepEqual(top.map(r => r.label), ['broken', 'changing', 'echo', 'many', 'missing', 'slow']);
    const echo = top.find(r => r.label === 'echo')!;
    assert.equal(echo.icon, 'pass-filled');
    assert.equal(echo.context, 'server.running');
    const tools = api.engine.get('echo')!.catalog.tools.length;
    assert.match(echo.description, new RegExp(`^stdio · ${tools} tools`));
    // After a call the median latency shows up.
    await vscode.commands.executeCommand('mcpSwitchboard.callTool', { server: 'echo', tool: 'echo', args: { text: 'p50' }, open: false });
    await waitFor(async () => /p50 [\d.]+ m?s/.test((await serverRow(api, 'echo')).description), { message: 'p50 in the description' });
  });

  it('renders a Markdown tooltip with server info, protocol, source, uptime and the command line, secrets redacted', async () => {
    const node = api.sidebar.tree.serverNode('echo');
    const item = api.sidebar.tree.resolveTreeItem(api.sidebar.tree.getTreeItem(node), node);
    const md = (item.tooltip as vscode.MarkdownString).value;
    assert.match(md, /\*\*echo\*\* — running/);
    assert.match(md, /Protocol: `2025-11-25` \(2025 era/);
    assert.match(md, /Up for/);
    assert.match(md, /mcp\.json/);
    assert.match(md, /echo\.mjs/);
    // A spec with a secret in its arguments shows it redacted.
    const snap = api.engine.get('echo')!;
    const { serverTooltipMarkdown } = await import('../../../src/views/serverMarkdown');
    const secretive = serverTooltipMarkdown({ ...snap, spec: { ...snap.spec!, secrets: ['s3cr3t-value'], target: { type: 'stdio', command: 'node', args: ['srv.js', '--token', 'abc123', 'API_KEY=xyz', 's3cr3t-value'] } } }, undefined);
    assert.doesNotMatch(secretive, /abc123|xyz|s3cr3t-value/);
    assert.match(secretive, /--token «redacted»/);
  });

  it('shows only the groups a server has', async () => {
    const echoGroups = (await rows(api, api.sidebar.tree.serverNode('echo'))).map(r => r.label);
    assert.deepEqual(echoGroups, ['Tools', 'Resources', 'Resource Templates', 'Prompts']);
    const changingGroups = (await rows(api, api.sidebar.tree.serverNode('changing'))).map(r => r.label);
    assert.deepEqual(changingGroups, ['Tools']);
  });

  it('renders tools with title or name, description and annotation tags; the tooltip renders the input schema', async () => {
    const tools = await groupRows(api, 'echo', 'tools');
    const add = tools.find(r => r.label === 'add')!;
    assert.ok(add, JSON.stringify(tools.map(t => t.label)));
    assert.equal(add.description, 'Adds two numbers');
    assert.equal(add.context, 'tool');
    assert.equal(add.item.tooltip, undefined, 'tooltips are built lazily, on hover');
    const md = (api.sidebar.tree.resolveTreeItem(add.item, add.node).tooltip as vscode.MarkdownString).value;
    assert.match(md, /`a` \(number, \*\*required\*\*\)/);
    assert.match(md, /\*\*Output\*\* \(structured\)/);
    assert.match(md, /Chat name: `echo__add`/);

    // Annotations show as the icon (and in the tooltip and screen-reader label), so the description is the tool's own; the title wins over the name.
    const annotated: QualifiedTool = {
      qualifiedName: 'x__write', server: 'echo', enabled: true,
      tool: { name: 'write_file', title: 'Write File', description: 'Writes a file\nmore', inputSchema: { type: 'object' }, annotations: { destructiveHint: true, idempotentHint: true, openWorldHint: true } },
    };
    const item = api.sidebar.tree.getTreeItem({ kind: 'tool', server: 'echo', tool: annotated });
    assert.equal(item.label, 'Write File');
    assert.equal(item.description, 'Writes a file');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(item.accessibilityInformation?.label, 'Write File, destructive, idempotent, open-world, Writes a file');
    const readOnly = api.sidebar.tree.getTreeItem({ kind: 'tool', server: 'echo', tool: { ...annotated, tool: { ...annotated.tool, title: undefined, annotations: { readOnlyHint: true } } } });
    assert.equal(readOnly.label, 'write_file');
    assert.equal(readOnly.description, 'Writes a file');
    assert.equal((readOnly.iconPath as vscode.ThemeIcon).id, 'eye');
  });

  it('shows resources, resource templates and prompts', async () => {
    const resources = await groupRows(api, 'echo', 'resources');
    assert.ok(resources.some(r => r.label === 'Read me' && r.description === 'echo://readme'), JSON.stringify(resources.map(r => [r.label, r.description])));
    const templates = await groupRows(api, 'echo', 'resourceTemplates');
    assert.deepEqual(templates.map(r => r.description), ['echo://items/{id}']);
    const prompts = await groupRows(api, 'echo', 'prompts');
    assert.equal(prompts[0].label, 'greet');
    assert.match(prompts[0].description, /^\(name\) Greets someone/);
  });

  it('shows a server in error with its reason as a child, with Show Log, Open Configuration and Restart', async () => {
    const missing = await serverRow(api, 'missing');
    assert.equal(missing.icon, 'error');
    assert.equal(missing.context, 'server.error');
    assert.match(missing.description, /^error · stdio/);
    assert.equal(missing.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the reason is visible at once');
    const [problem] = await rows(api, missing.node);
    assert.equal(problem.context, 'problem.error');
    assert.match(problem.label, /definitely-not-a-command-xyz.*was not found/);
    assert.equal(problem.item.command?.command, 'mcpSwitchboard.showLog');
    const menus = vscode.extensions.getExtension('mcp-switchboard.mcp-switchboard')!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[];
    for (const command of ['mcpSwitchboard.showLog', 'mcpSwitchboard.openServerConfiguration', 'mcpSwitchboard.restartServer']) {
      const entry = menus.find(m => m.command === command && m.group.startsWith('inline') && /problem/.test(m.when));
      assert.ok(entry, `inline ${command} on problem nodes`);
      assert.ok(new RegExp(entry.when.match(/viewItem =~ \/(.*)\//)![1]).test('problem.error'), `${command} applies to problem.error`);
    }
  });

  it('offers no Sign In / Sign Out on stdio servers, in the tree or from the palette', async () => {
    const menus = vscode.extensions.getExtension('mcp-switchboard.mcp-switchboard')!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string }[];
    const auth = menus.filter(m => m.command === 'mcpSwitchboard.signIn' || m.command === 'mcpSwitchboard.signOut');
    assert.ok(auth.length > 0);
    for (const row of await rows(api)) {
      for (const entry of auth) {
        const re = entry.when.match(/viewItem =~ \/(.*)\//)?.[1];
        const applies = re ? new RegExp(re).test(row.context ?? '') : entry.when.includes(`viewItem == ${row.context}`);
        assert.equal(applies, false, `${entry.command} is not offered on ${row.label} (${row.context})`);
      }
    }
    // Given a stdio server anyway (a keybinding, another extension), the commands refuse and leave it running.
    assert.equal(await vscode.commands.executeCommand('mcpSwitchboard.signIn', 'echo'), false);
    assert.equal(await vscode.commands.executeCommand('mcpSwitchboard.signOut', 'echo'), 0);
    assert.equal(api.engine.get('echo')!.state.kind, 'running');
  });

  it('shows a crashing server as waiting to retry (or in error) with the stderr reason', async () => {
    const snap = await waitForServer(api.engine, 'broken', s => s.state.kind === 'waiting-to-retry' || s.state.kind === 'error');
    const broken = await serverRow(api, 'broken');
    assert.equal(broken.icon, snap.state.kind === 'error' ? 'error' : 'history');
    const [problem] = await rows(api, broken.node);
    assert.ok(problem.node.kind === 'problem');
    assert.match(problem.node.message, /missing API key/);
    assert.match((problem.item.tooltip as vscode.MarkdownString).value, /missing&nbsp;API&nbsp;key/);
  });

  it('shows stopped and disabled servers, and brings them back', async () => {
    await vscode.commands.executeCommand('mcpSwitchboard.stopServer', 'slow');
    await waitForServer(api.engine, 'slow', s => s.state.kind === 'stopped');
    let slow = await serverRow(api, 'slow');
    assert.equal(slow.icon, 'circle-large-outline');
    assert.equal(slow.context, 'server.stopped');
    assert.match(slow.description, /^stopped · stdio/);

    await vscode.commands.executeCommand('mcpSwitchboard.disableServer', 'slow');
    await waitForServer(api.engine, 'slow', s => s.state.kind === 'disabled');
    slow = await serverRow(api, 'slow');
    assert.equal(slow.icon, 'circle-slash');
    assert.equal(slow.context, 'server.disabled');

    await vscode.commands.executeCommand('mcpSwitchboard.enableServer', 'slow');
    await waitForRunning(api.engine, ['slow']);
    assert.equal((await serverRow(api, 'slow')).icon, 'pass-filled');
  });

  describe('blocked servers', () => {
    let original: ServerEntry[];
    before(() => { original = currentEntries(api.engine); });
    after(async () => { await api.engine.apply(original); });

    it('shows untrusted and needs-input servers with their reason; one notification for the untrusted ones', async () => {
      await api.engine.apply([...original,
        { name: 'guarded', blocked: { reason: 'untrusted', message: 'The workspace is not trusted: servers from .vscode/mcp.json do not start.' } },
        { name: 'secretive', blocked: { reason: 'needs-input', message: 'Needs ${input:token}' } },
      ]);
      const guarded = await waitFor(async () => (await rows(api)).find(r => r.label === 'guarded'), { message: 'row guarded' });
      assert.equal(guarded.icon, 'shield');
      assert.equal(guarded.context, 'server.blocked.untrusted');
      assert.match(guarded.description, /^untrusted workspace/);
      const [problem] = await rows(api, guarded.node);
      assert.equal(problem.context, 'problem.blocked.untrusted');
      assert.equal(problem.item.command?.command, 'workbench.trust.manage');
      const secretive = await serverRow(api, 'secretive');
      assert.equal(secretive.icon, 'key');

      assert.equal(secretive.context, 'server.blocked.needs-input');
      const [inputProblem] = await rows(api, secretive.node);
      assert.equal(inputProblem.context, 'problem.blocked.needs-input', 'inline Start resolves it (the configuration layer asks for the value)');

      const untrustedShown = () => api.sidebar.notifications.shown.filter(n => /not trusted/.test(n.message)).length;
      await waitFor(() => untrustedShown() === 1, { message: 'one notification for the untrusted servers' });
      // Reloads and state changes do not notify again while the workspace stays untrusted.
      await api.engine.apply([...original, { name: 'guarded', blocked: { reason: 'untrusted', message: 'still not trusted' } }, { name: 'guarded-2', blocked: { reason: 'untrusted', message: 'not trusted' } }]);
      // A positive signal first: the reload reached the tree (and the notifier, which hears the same engine events).
      await waitFor(async () => (await rows(api)).some(r => r.label === 'guarded-2'), { message: 'row guarded-2' });
      assert.equal(untrustedShown(), 1);
      assert.ok(!api.sidebar.notifications.shown.some(n => /secretive/.test(n.message)), 'inputs are asked by the configuration layer, not notified here');
    });
  });

  describe('catalog problems', () => {
    let original: ServerEntry[];
    before(async () => {
      original = currentEntries(api.engine);
      const echo = original.find(e => e.name === 'echo')!;
      const target = echo.spec!.target as { type: 'stdio'; command: string; args: string[] };
      const hostile: ServerEntry = { name: 'invalid-tool', origin: echo.origin, spec: { ...echo.spec!, name: 'invalid-tool',
        target: { ...target, args: [target.args[0].replace(/echo\.mjs$/, 'hostile.mjs'), '--invalid-schema-tool'] } } };
      await api.engine.apply([...original, hostile]);
      await waitForRunning(api.engine, ['invalid-tool']);
    });
    after(async () => { await api.engine.apply(original); });

    it('shows a tool with an invalid schema as an error with its reason, and keeps the valid tools', async () => {
      const problem = await waitFor(async () => (await rows(api, api.sidebar.tree.serverNode('invalid-tool'))).find(r => r.context === 'problem.catalog'), { message: 'a catalog problem row' });
      assert.match(problem.label, /tool "broken" is invalid and not offered: "inputSchema" must be a JSON Schema object/);
      assert.equal(problem.icon, 'error');
      const tools = await groupRows(api, 'invalid-tool', 'tools');
      assert.ok(tools.some(t => t.label === 'echo'), JSON.stringify(tools.map(t => t.label)));
      assert.ok(!tools.some(t => t.label === 'broken'));
    });
  });

  describe('filtered-out tools', () => {
    let original: ServerEntry[];
    before(async () => {
      original = currentEntries(api.engine);
      const echo = original.find(e => e.name === 'echo')!;
      const filtered: ServerEntry = { name: 'filtered', origin: echo.origin, spec: { ...echo.spec!, name: 'filtered', options: { ...echo.spec!.options, excludedTools: ['fail', 'sleep'] } } };
      await api.engine.apply([...original, filtered]);
      await waitForRunning(api.engine, ['filtered']);
    });
    after(async () => {
      await api.sidebar.filter.setShowFilteredTools(true);
      await api.engine.apply(original);
    });

    it('shows them greyed out with a count, or hides them with the toggle', async () => {
      const group = (await rows(api, api.sidebar.tree.serverNode('filtered'))).find(r => r.label === 'Tools')!;
      assert.match(group.description, /\(2 filtered out\)$/);
      let tools = await groupRows(api, 'filtered', 'tools');
      const fail = tools.find(t => t.label === 'fail')!;
      assert.equal(fail.context, 'tool.filtered');
      assert.match(fail.description, /^filtered out/);
      assert.equal(fail.icon, 'circle-slash');
      assert.equal(fail.item.resourceUri?.scheme, 'mcp-switchboard-tree', 'the label is greyed through a decoration');
      await vscode.commands.executeCommand('mcpSwitchboard.hideFilteredTools');
      tools = await groupRows(api, 'filtered', 'tools');
      assert.ok(!tools.some(t => t.label === 'fail' || t.label === 'sleep'), JSON.stringify(tools.map(t => t.label)));
      assert.equal(api.sidebar.filter.showFilteredTools, false);
      await vscode.commands.executeCommand('mcpSwitchboard.showFilteredTools');
      tools = await groupRows(api, 'filtered', 'tools');
      assert.ok(tools.some(t => t.label === 'fail'));
    });
  });

  it('filters tools, resources and prompts by name', async () => {
    try {
      api.sidebar.filter.setText('ad');
      assert.deepEqual((await rows(api, api.sidebar.tree.serverNode('echo'))).map(r => r.label), ['Tools', 'Resources']);
      assert.deepEqual((await groupRows(api, 'echo', 'tools')).map(r => r.label), ['add']);
      const group = (await rows(api, api.sidebar.tree.serverNode('echo')))[0];
      assert.match(group.description, /^1 of \d+$/);
      api.sidebar.filter.setText('no-such-thing');
      const [info] = await rows(api, api.sidebar.tree.serverNode('echo'));
      assert.equal(info.node.kind, 'info');
      assert.match(info.label, /Nothing matches/);
      assert.equal(api.sidebar.treeView.message, 'Filtered by "no-such-thing"');
    } finally {
      await vscode.commands.executeCommand('mcpSwitchboard.clearTreeFilter');
    }
    assert.equal(api.sidebar.treeView.message, undefined);
  });

  it('keeps a server with 1,000 tools fast: one lazy group, no per-node work', async () => {
    const many = await serverRow(api, 'many');
    assert.match(many.description, /1000 tools/);
    const t0 = performance.now();
    const tools = await groupRows(api, 'many', 'tools');
    const ms = performance.now() - t0;
    assert.equal(tools.length, 1000);
    assert.ok(tools.every(t => t.item.tooltip === undefined), 'no tooltip is built before hover');
    console.log(`[mcpsb:mocha]     1,000 tool nodes: getChildren + getTreeItem in ${ms.toFixed(1)} ms`);
    assert.ok(ms < 500, `1,000 tool nodes took ${ms.toFixed(0)} ms`);
  });
});
