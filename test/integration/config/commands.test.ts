import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import * as vscode from 'vscode';
import { waitFor, waitForServer, workspaceDir } from '../harness';
import { configApi, echoFixture, echoPid, lineOf, mcpJsonPath, readMcpJson, setSetting } from './helpers';

const echoPath = echoFixture;

function parseStrict(text: string): any {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, [], 'valid JSON with comments');
  return value;
}

describe('config: commands', () => {
  it('Add Server (with arguments) writes valid JSON, keeps the comments, and the new server starts', async () => {
    const { engine } = await configApi();
    const before = readMcpJson();
    const result = await vscode.commands.executeCommand<{ name: string; file: string }>('mcpSwitchboard.addServer', {
      target: 'workspace', name: 'added', server: { type: 'stdio', command: 'node', args: [echoPath(), '--name', 'added'] },
    });
    assert.deepEqual(result, { name: 'added', file: mcpJsonPath() });
    const after = readMcpJson();
    assert.ok(after.includes('// Servers of the config suite (comments must survive edits)'), 'the leading comment is kept');
    assert.ok(after.includes('// started by the tests once they answer the prompt'), 'the inner comment is kept');
    for (const line of before.split('\n').filter(l => l.includes('"alpha"') || l.includes('"inputs"'))) assert.ok(after.includes(line), `unchanged line: ${line}`);
    const json = parseStrict(after);
    assert.deepEqual(json.servers.added, { type: 'stdio', command: 'node', args: [echoPath(), '--name', 'added'] });
    await waitForServer(engine, 'added', s => s.state.kind === 'running');
    await echoPid('added');
    assert.equal(engine.get('added')!.origin?.line, lineOf(after, '"added"'));
  });

  it('Add Server of an HTTP server moves the bearer token to a secret input', async () => {
    const { config } = await configApi();
    await vscode.commands.executeCommand('mcpSwitchboard.addServer', {
      target: 'workspace', name: 'remote', server: { type: 'http', url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer sk-remote-0123456789' }, autoStart: false },
    });
    const text = readMcpJson();
    assert.ok(!text.includes('sk-remote-0123456789'), 'no token in the file');
    const json = parseStrict(text);
    assert.equal(json.servers.remote.headers.Authorization, 'Bearer ${input:remote-token}');
    assert.deepEqual(json.inputs.find((i: { id: string }) => i.id === 'remote-token'), { type: 'promptString', id: 'remote-token', description: 'Bearer token for the MCP server "remote"', password: true });
    const source = config.snapshot.configOf.get('remote')!.source;
    assert.equal(await config.inputs.getSecret(source, 'remote-token'), 'sk-remote-0123456789');
    const entry = await waitFor(() => config.entry('remote'), { message: 'remote entry' });
    assert.equal(entry.blocked, undefined, 'resolved from SecretStorage without asking');
    assert.equal(entry.spec?.target.type === 'http' && entry.spec.target.headers?.Authorization, 'Bearer sk-remote-0123456789');
  });

  it('Import Servers copies a discovered Cursor server into the user mcp.json with its token in SecretStorage', async () => {
    const { engine, config } = await configApi();
    const result = await vscode.commands.executeCommand<{ file: string; imported: string[] }>('mcpSwitchboard.importServers', { servers: ['fromCursor'], target: 'user' });
    const userMcp = config.userData!.mcpJson;
    assert.deepEqual(result, { file: userMcp, imported: ['fromCursor'], skipped: [] });
    const text = fs.readFileSync(userMcp, 'utf8');
    assert.ok(!text.includes('ghp_literalCursorSecret123'), 'the literal token is not copied');
    const json = parseStrict(text);
    assert.equal(json.servers.fromCursor.env.GITHUB_TOKEN, '${input:fromCursor-GITHUB_TOKEN}');
    const running = await waitForServer(engine, 'fromCursor', s => s.state.kind === 'running');
    assert.equal(running.origin?.kind, 'user');
    assert.equal(running.origin?.file, userMcp);
    assert.ok(running.spec!.secrets.includes('ghp_literalCursorSecret123'));
  });

  it('a change to the user mcp.json made outside VS Code is picked up (file watcher outside the workspace)', async () => {
    const { engine, config } = await configApi();
    const userMcp = config.userData!.mcpJson;
    const before = await waitForServer(engine, 'fromCursor', s => s.state.kind === 'running');
    fs.writeFileSync(userMcp, fs.readFileSync(userMcp, 'utf8').replace('"--name",\n', '"--tools-prefix",\n        "u_",\n        "--name",\n'));
    assert.ok(fs.readFileSync(userMcp, 'utf8').includes('"u_"'), 'edited');
    const after = await waitForServer(engine, 'fromCursor', s => s.state.kind === 'running' && s.catalog.tools.some(t => t.name === 'u_echo'));
    assert.notEqual(after.connectedAt, before.connectedAt);
  });

  it('discovery (off by default) shows another client\'s servers read-only; a higher source wins and says so', async () => {
    const { engine, config } = await configApi();
    assert.equal(config.snapshot.parsed.some(p => p.source.kind === 'discovered'), false, 'no discovered source by default');
    await setSetting('mcpSwitchboard.discovery.cursor', true);
    try {
      // fromCursor is now in the user mcp.json (imported above) and in .cursor/mcp.json: the user one wins.
      const winner = await waitForServer(engine, 'fromCursor', s => /overrides Cursor/.test(s.origin?.label ?? ''));
      assert.equal(winner.origin?.label, 'User (overrides Cursor)');
      assert.equal(winner.origin?.kind, 'user');
      assert.ok(config.snapshot.parsed.some(p => p.source.kind === 'discovered' && p.source.file === path.join(workspaceDir(), '.cursor', 'mcp.json')));
    } finally {
      await setSetting('mcpSwitchboard.discovery.cursor', undefined);
    }
    await waitForServer(engine, 'fromCursor', s => s.origin?.label === 'User');
  });

  it('the mcpSwitchboard.servers setting adds servers, positioned in settings.json; a workspace server of the same name wins', async () => {
    const { engine, config } = await configApi();
    await setSetting('mcpSwitchboard.servers', {
      fromSettings: { type: 'stdio', command: 'node', args: [echoPath(), '--name', 'fromSettings'] },
      alpha: { type: 'stdio', command: 'node', args: [echoPath(), '--name', 'alpha-from-settings'] },
    });
    try {
      const fromSettings = await waitForServer(engine, 'fromSettings', s => s.state.kind === 'running');
      const settingsFile = fromSettings.origin?.file;
      assert.equal(fromSettings.origin?.kind, 'setting');
      assert.ok(settingsFile && settingsFile.endsWith('settings.json'), `positioned in settings.json: ${settingsFile}`);
      assert.equal(fromSettings.origin?.line, lineOf(fs.readFileSync(settingsFile, 'utf8'), '"fromSettings"'));
      const alpha = await waitForServer(engine, 'alpha', s => s.origin?.label === 'Workspace (overrides Settings)');
      assert.equal(alpha.state.kind, 'running');
      const hint = await waitFor(() => vscode.languages.getDiagnostics(vscode.Uri.file(settingsFile)).find(d => d.message.includes('`alpha`')), { message: 'a hint on the shadowed definition' });
      assert.equal(hint.severity, vscode.DiagnosticSeverity.Information);
      assert.equal(config.snapshot.entries.filter(e => e.name === 'alpha').length, 1);
    } finally {
      await setSetting('mcpSwitchboard.servers', undefined);
    }
    await waitFor(() => !engine.get('fromSettings'), { message: 'fromSettings removed with the setting' });
  });

  describe('Add Server with mcp.json open in an editor', () => {
    let original: string;
    const addStopped = (name: string) => vscode.commands.executeCommand('mcpSwitchboard.addServer', {
      target: 'workspace', name, server: { type: 'stdio', command: 'node', args: [echoPath(), '--name', name], autoStart: false },
    });
    before(() => { original = readMcpJson(); });
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      fs.writeFileSync(mcpJsonPath(), original);
      const { engine } = await configApi();
      await waitFor(() => !engine.get('unsavedCase') && !engine.get('outsideCase'), { message: 'the servers of this test removed' });
    });

    it('keeps the editor\'s unsaved changes and saves them with the new server', async () => {
      const doc = await vscode.workspace.openTextDocument(mcpJsonPath());
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit(b => b.insert(new vscode.Position(0, 0), '// an unsaved note of the user\n'));
      assert.ok(doc.isDirty);
      await addStopped('unsavedCase');
      const text = readMcpJson();
      assert.ok(text.includes('// an unsaved note of the user'), 'the unsaved change is saved, not lost');
      assert.ok(parseStrict(text).servers.unsavedCase, 'the new server is on disk');
      assert.equal(doc.isDirty, false);
    });

    it('keeps a change written to disk just before, even while the editor still shows the older text', async () => {
      const doc = await vscode.workspace.openTextDocument(mcpJsonPath());
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.isDirty, false);
      fs.writeFileSync(mcpJsonPath(), '// written outside VS Code\n' + readMcpJson());
      await addStopped('outsideCase');
      const text = readMcpJson();
      assert.ok(text.includes('// written outside VS Code'), 'the change on disk is kept');
      assert.ok(parseStrict(text).servers.outsideCase, 'the new server is on disk');
    });
  });
});
