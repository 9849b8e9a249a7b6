import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallToolOutcome } from '../../../src/commands/callTool';
import type { GetPromptOutcome } from '../../../src/commands/getPrompt';
import type { ReadResourceOutcome } from '../../../src/commands/readResource';
import { groupRows, treeApi, waitFor, waitForRunning, type TreeApi } from './helpers';

async function textOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

describe('Commands: Call Tool, Read Resource, Get Prompt, Copy', function () {
  this.timeout(60_000);
  let api: TreeApi;

  before(async () => {
    api = await treeApi();
    await waitForRunning(api.engine, ['echo', 'slow']);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('calls a tool with given arguments and opens the result in a readonly document', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'echo', tool: 'echo', args: { text: 'hello from the tree suite' } });
    assert.equal(out.error, undefined);
    assert.equal(out.uri?.scheme, 'mcp-result');
    const text = await textOf(out.uri!);
    assert.match(text, /^# echo \/ echo$/m);
    assert.match(text, /## Arguments\n\n```json\n\{\n {2}"text": "hello from the tree suite"\n\}/);
    assert.match(text, /### 1\. text\n\n```text\nhello from the tree suite\n```/);
    assert.equal(out.uri?.path, '/echo/echo.md', 'the tab is named after the tool, without a counter');
    await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputWebview, { message: 'the result opens rendered, in the Markdown preview' });
    assert.match(vscode.window.tabGroups.activeTabGroup.activeTab!.label, /echo\.md/);
  });

  it('marks isError results clearly', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'echo', tool: 'fail', args: { message: 'it broke' } });
    assert.equal(out.result?.isError, true);
    const text = await textOf(out.uri!);
    assert.match(text, /^# TOOL ERROR: echo \/ fail$/m);
    assert.match(text, /\*\*isError: true\*\*/);
    assert.match(text, /it broke/);
  });

  it('pretty-prints structuredContent and checks it against the outputSchema', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'echo', tool: 'add', args: { a: 2, b: 3 } });
    const text = await textOf(out.uri!);
    assert.match(text, /## Structured content\n\n```json\n\{\n {2}"sum": 5\n\}\n```/);
    assert.match(text, /Matches the tool's outputSchema/);
  });

  it('renders images inline as data URIs (and opens the Markdown preview)', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'echo', tool: 'image', args: {} });
    const text = await textOf(out.uri!);
    assert.match(text, /!\[Image \(image\/png, \d+ B\)\]\[image-1\]/);
    assert.match(text, /^\[image-1\]: data:image\/png;base64,[A-Za-z0-9+/=]+$/m, 'the base64 data sits at the end, as a link definition');
  });

  it('reports a failed call without a document', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'no-such-server', tool: 'echo', args: {} });
    assert.ok(out.error, 'an error');
    assert.equal(out.uri, undefined);
  });

  it('cancels a long call, which sends notifications/cancelled', async () => {
    const cts = new vscode.CancellationTokenSource();
    const started = Date.now();
    const pending = vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'slow', tool: 'slow', args: { ms: 20_000, steps: 20 }, token: cts.token });
    await waitFor(() => api.engine.traffic.records({ server: 'slow' }).some(r => r.kind === 'request' && r.method === 'tools/call' && r.tool === 'slow'), { message: 'the slow call on the wire' });
    cts.cancel();
    const out = await pending;
    assert.equal(out.cancelled, true);
    assert.ok(Date.now() - started < 8000, 'returned soon after Cancel');
    await waitFor(() => api.engine.traffic.records({ server: 'slow' }).some(r => r.method === 'notifications/cancelled'), { message: 'notifications/cancelled in the traffic' });
  });

  it('edits arguments as JSON: a skeleton from the schema, validated on run', async () => {
    const tools = await groupRows(api, 'echo', 'tools');
    const add = tools.find(t => t.label === 'add')!;
    await vscode.commands.executeCommand('mcpSwitchboard.callToolWithJson', add.node);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.fileName.endsWith('add.mcp-call.jsonc') && vscode.window.activeTextEditor, { message: 'the arguments editor' });
    const skeleton = editor.document.getText();
    assert.match(skeleton, /^\/\/ MCP Switchboard tool call: \{"server":"echo","tool":"add"\}/);
    assert.match(skeleton, /\/\/ number, required\n {2}"a": 0,\n/);

    await editor.edit(e => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), skeleton.replace('"a": 0', '"a": "two"')));
    const rejected = await vscode.commands.executeCommand<CallToolOutcome | undefined>('mcpSwitchboard.runToolCallFile', editor.document.uri);
    assert.equal(rejected, undefined, 'invalid arguments are not sent');
    const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
    assert.match(diagnostics[0]?.message ?? '', /a: expected number, got string/);
    assert.equal(editor.document.getText(diagnostics[0].range), '"two"');

    await editor.edit(e => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), skeleton.replace('"a": 0', '"a": 40').replace('"b": 0', '"b": 2')));
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.runToolCallFile', editor.document.uri);
    assert.deepEqual(out.result?.structuredContent, { sum: 42 });
    await waitFor(() => !editor.document.isDirty, { timeoutMs: 5000, message: 'saved, so the arguments are there next time' });
  });

  it('reads a resource through the mcpsb-resource: virtual document, with the language from its MIME type', async () => {
    const out = await vscode.commands.executeCommand<ReadResourceOutcome>('mcpSwitchboard.readResource', { server: 'echo', uri: 'echo://readme' });
    assert.equal(out.uri.scheme, 'mcpsb-resource');
    assert.equal(out.document?.languageId, 'markdown');
    assert.equal(out.document?.getText(), '# echo\n\nA fixture MCP server for tests.\n');
    // Reopening the URI (e.g. after a reload) reads it again through the provider.
    const again = await vscode.workspace.openTextDocument(out.uri);
    assert.match(again.getText(), /^# echo/);
  });

  it('reads a resource template with its parameters', async () => {
    const out = await vscode.commands.executeCommand<ReadResourceOutcome>('mcpSwitchboard.readResource', { server: 'echo', uriTemplate: 'echo://items/{id}', params: { id: 'alpha' } });
    assert.equal(out.resourceUri, 'echo://items/alpha');
    assert.equal(out.document?.getText(), 'item alpha');
    assert.equal(out.document?.languageId, 'plaintext');
    // Template parameters are completed by the server (what the parameter QuickPick shows while typing).
    assert.deepEqual(await api.engine.complete('echo', { type: 'ref/resource', uri: 'echo://items/{id}' }, { name: 'id', value: 'a' }), ['alpha', 'apple']);
  });

  it('gets a prompt and shows its messages', async () => {
    const out = await vscode.commands.executeCommand<GetPromptOutcome>('mcpSwitchboard.getPrompt', { server: 'echo', prompt: 'greet', args: { name: 'Ada' } });
    const text = await textOf(out.uri);
    assert.match(text, /^# echo \/ greet/m);
    assert.match(text, /### 1\. user\n\n```text\nHello, Ada!\n```/);
  });

  it('opens the configuration of a server where it is defined', async () => {
    await vscode.commands.executeCommand('mcpSwitchboard.openServerConfiguration', { kind: 'server', server: 'echo' });
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.endsWith('/.vscode/mcp.json') && vscode.window.activeTextEditor, { timeoutMs: 5000, message: 'mcp.json in the editor' });
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /"echo"/);
  });

  it('opens the traffic inspector filtered to a tool', async () => {
    const [echoTool] = (await groupRows(api, 'echo', 'tools')).filter(t => t.label === 'echo');
    await vscode.commands.executeCommand('mcpSwitchboard.inspectItem', echoTool.node);
    await waitFor(() => vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.label === 'MCP Traffic Inspector')), { timeoutMs: 10_000, message: 'the inspector tab' });
  });

  it('copies the qualified tool name and the server configuration entry', async () => {
    const [echoTool] = (await groupRows(api, 'echo', 'tools')).filter(t => t.label === 'echo');
    assert.equal(await vscode.commands.executeCommand('mcpSwitchboard.copyToolName', echoTool.node), 'echo__echo');
    const json = await vscode.commands.executeCommand<string>('mcpSwitchboard.copyServerConfig', 'echo');
    const entry = JSON.parse(json) as { echo: { command: string; args: string[] } };
    assert.equal(entry.echo.command, 'node');
    assert.match(entry.echo.args[0], /echo\.mjs$/);
  });
});
