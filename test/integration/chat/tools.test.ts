// The static language-model tools: contribution metadata, the approval policy in prepareInvocation, and calls through
// vscode.lm.invokeTool from another extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor, workspaceDir } from '../harness';
import { chatReady, scriptedModel, type ChatApi, type ScriptedModelApi } from './helpers';

describe('chat: static tools and approvals', function () {
  this.timeout(60_000);
  let api: ChatApi;
  let scripted: ScriptedModelApi;

  before(async () => {
    api = await chatReady();
    ({ api: scripted } = await scriptedModel());
  });

  it('contributes both tools with reference names, model descriptions and canBeReferencedInPrompt', () => {
    const tools: any[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.languageModelTools;
    for (const name of ['mcpSwitchboard_listTools', 'mcpSwitchboard_callTool']) {
      const t = tools.find(x => x.name === name);
      assert.ok(t, name);
      assert.ok(t.toolReferenceName && t.canBeReferencedInPrompt === true, `${name}: toolReferenceName + canBeReferencedInPrompt`);
      assert.ok(t.modelDescription.length > 80, `${name}: a real modelDescription`);
      const registered = vscode.lm.tools.find(x => x.name === name);
      assert.ok(registered, `${name} in vscode.lm.tools`);
      assert.ok(registered.tags.includes('mcp'));
    }
  });

  type Case = [tool: string, ask: boolean, why: RegExp];
  const cases: Case[] = [
    ['echo__echo', false, /"never" for this server/],                    // server never
    ['demo__echo', false, /"readOnly".*marked read-only/],               // readOnly + readOnlyHint
    ['demo__delete_note', true, /destructive/],                          // readOnly, destructive
    ['strict__echo', true, /"always" for this server/],                  // always, even read-only tools
    ['strict__delete_note', false, /"never" for tool "delete_note"/],    // per-tool never beats destructive
    ['trusting__word_count', false, /"never" for this server/],          // server never
    ['trusting__delete_note', true, /destructive/],                      // server never does not cover destructive
    ['trusting__roll_dice', true, /"always" for tool "roll_dice"/],      // per-tool always beats server never
  ];
  for (const [tool, ask, why] of cases) {
    it(`prepareInvocation: ${tool} ${ask ? 'asks' : 'runs without asking'}`, async () => {
      const prepared = await api.chat.callTool.prepareInvocation({ input: { tool, arguments: { id: 'n1', text: 'a b' } } });
      assert.equal(!!prepared.confirmationMessages, ask, JSON.stringify(prepared));
      const qt = api.engine.findTool(tool)!;
      assert.match(api.chat.callTool.decide(qt).reason, why);
      if (ask) {
        const [server, name] = tool.split('__');
        const msg = prepared.confirmationMessages!;
        const body = typeof msg.message === 'string' ? msg.message : msg.message.value;
        assert.match(msg.title, new RegExp(`${name}.*${server}`));
        assert.match(body, new RegExp(`\\*\\*Server:\\*\\* ${server}`));
        assert.match(body, new RegExp(`\`${name}\``));
        assert.match(body, /"id": "n1"/, 'shows the arguments');
      }
    });
  }

  it('mcpSwitchboard.chat.defaultApproval applies to servers without a policy, and only to them', async () => {
    const cfg = vscode.workspace.getConfiguration('mcpSwitchboard.chat');
    const plain = api.engine.findTool('plain__echo')!;
    const demo = api.engine.findTool('demo__echo')!;
    assert.equal(api.chat.callTool.decide(plain).ask, true, 'default readOnly: an unannotated tool asks');
    assert.equal(api.chat.callTool.decide(plain).source, 'default');
    await cfg.update('defaultApproval', 'never', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(api.chat.callTool.decide(plain).ask, false);
      assert.equal((await api.chat.callTool.prepareInvocation({ input: { tool: 'plain__echo', arguments: { text: 'x' } } })).confirmationMessages, undefined);
      await cfg.update('defaultApproval', 'always', vscode.ConfigurationTarget.Global);
      assert.equal(api.chat.callTool.decide(demo).ask, false, 'demo has its own { default: readOnly }');
    } finally {
      await cfg.update('defaultApproval', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a repository\'s .vscode/settings.json cannot weaken the approval default (application scope)', async () => {
    const file = path.join(workspaceDir(), '.vscode', 'settings.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const plain = api.engine.findTool('plain__echo')!;
    try {
      // A window-scoped marker in the same file tells when VS Code has read it.
      fs.writeFileSync(file, JSON.stringify({ 'mcpSwitchboard.chat.defaultApproval': 'never', 'mcpSwitchboard.tree.showFilteredTools': false }));
      await waitFor(() => vscode.workspace.getConfiguration('mcpSwitchboard').get('tree.showFilteredTools') === false, { message: 'the workspace settings file read' });
      assert.equal(vscode.workspace.getConfiguration('mcpSwitchboard').get('chat.defaultApproval'), 'readOnly');
      assert.equal(api.chat.callTool.decide(plain).ask, true, 'an unannotated tool still asks');
      assert.ok((await api.chat.callTool.prepareInvocation({ input: { tool: 'plain__echo', arguments: { text: 'x' } } })).confirmationMessages);
    } finally {
      if (before === undefined) fs.rmSync(file, { force: true }); else fs.writeFileSync(file, before);
      await waitFor(() => vscode.workspace.getConfiguration('mcpSwitchboard').get('tree.showFilteredTools') !== false, { message: 'the workspace settings restored' });
    }
  });

  it('another extension calls mcpSwitchboard_callTool through vscode.lm.invokeTool', async () => {
    const info = scripted.toolInfo('mcpSwitchboard_callTool');
    assert.ok(info, 'visible in vscode.lm.tools from the other extension');
    assert.deepEqual(info.inputSchema.required, ['tool']);
    const before = api.engine.traffic.records({ server: 'echo' }).length;
    const parts = await scripted.invokeTool('mcpSwitchboard_callTool', { tool: 'echo__echo', arguments: { text: 'from another extension' } });
    assert.deepEqual(parts, [{ type: 'text', text: 'from another extension' }]);
    assert.ok(api.engine.traffic.records({ server: 'echo' }).slice(before).some(r => r.kind === 'request' && r.tool === 'echo'));
    const add = await scripted.invokeTool('mcpSwitchboard_callTool', { tool: 'echo/add', arguments: { a: 1, b: 2 } });
    assert.equal(add[0].text, '3', 'server/tool names work too');
    const failed = await scripted.invokeTool('mcpSwitchboard_callTool', { tool: 'echo__fail', arguments: { message: 'nope' } });
    assert.match(failed[0].text, /^ERROR: the tool reported an error/);
    await assert.rejects(scripted.invokeTool('mcpSwitchboard_callTool', { tool: 'no__such_tool', arguments: {} }), /Unknown MCP tool/);
  });

  it('another extension lists tools through mcpSwitchboard_listTools', async () => {
    const parts = await scripted.invokeTool('mcpSwitchboard_listTools', { filter: 'word count' });
    const text = parts.map(p => p.text).join('');
    assert.match(text, /demo__word_count \(server demo, tool word_count; read-only\)/);
    assert.match(text, /input schema: \{"type":"object"/);
    const one = await scripted.invokeTool('mcpSwitchboard_listTools', { server: 'echo' });
    assert.match(one.map(p => p.text).join(''), /^5 MCP tool\(s\) on server echo/);
  });
});
