// `#mcpCall` (mcpSwitchboard_callTool) fails closed: a call whose tool could not be resolved when VS Code prepared
// (and would have confirmed) it never runs unconfirmed once the catalog changes. Fake `vscode` classes, fake engine.
import * as assert from 'node:assert/strict';
import Module from 'node:module';

class MarkdownString { supportThemeIcons = true; constructor(readonly value = '') {} }
class LanguageModelTextPart { constructor(readonly value: string) {} }
class LanguageModelToolResult { constructor(readonly content: unknown[]) {} }
class CancellationError extends Error {}
const vscodeFake = { MarkdownString, LanguageModelTextPart, LanguageModelToolResult, CancellationError, LanguageModelDataPart: undefined };

type Tool = { qualifiedName: string; server: string; enabled: boolean; tool: { name: string; annotations?: Record<string, boolean> } };

describe('#mcpCall fails closed', () => {
  const originalLoad = (Module as any)._load;
  let CallToolTool: typeof import('../../../src/chat/lmTools').CallToolTool;
  before(() => {
    (Module as any)._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? vscodeFake : originalLoad.call(this, request, ...rest);
    };
    ({ CallToolTool } = require('../../../src/chat/lmTools'));
  });
  after(() => { (Module as any)._load = originalLoad; });

  function setup() {
    let tools: Tool[] = [];
    const calls: string[] = [];
    const engine = {
      tools: () => tools,
      findTool: (q: string) => tools.find(t => t.qualifiedName === q),
      get: () => ({ spec: { options: {} } }),
      callTool: async (_server: string, tool: string) => { calls.push(tool); return { content: [{ type: 'text', text: 'ran' }] }; },
    };
    const broker = { claim: () => undefined };
    const log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const tool = new CallToolTool(engine as any, () => ({ defaultApproval: 'readOnly' }) as any, broker as any, log);
    const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
    return { tool, calls, token, setTools: (t: Tool[]) => { tools = t; } };
  }
  const wipe: Tool = { qualifiedName: 'srv__wipe', server: 'srv', enabled: true, tool: { name: 'wipe', annotations: { destructiveHint: true } } };
  const read: Tool = { qualifiedName: 'srv__read', server: 'srv', enabled: true, tool: { name: 'read', annotations: { readOnlyHint: true } } };

  it('refuses a tool that appeared after an unconfirmed prepare, when its policy asks', async () => {
    const s = setup();
    const input = { tool: 'srv__wipe', arguments: { all: true } };
    const prepared = s.tool.prepareInvocation({ input } as any);
    assert.equal(prepared.confirmationMessages, undefined, 'nothing to confirm: the tool is unknown now');
    s.setTools([wipe]);
    await assert.rejects(s.tool.invoke({ input } as any, s.token as any), /could not be resolved .* when the call was confirmed/);
    assert.deepEqual(s.calls, []);
  });

  it('runs a confirmed tool, and a tool whose policy needs no confirmation', async () => {
    const s = setup();
    s.setTools([wipe]);
    const input = { tool: 'srv__wipe', arguments: {} };
    assert.ok(s.tool.prepareInvocation({ input } as any).confirmationMessages, 'a destructive tool asks');
    await s.tool.invoke({ input } as any, s.token as any);
    s.setTools([]);
    const later = { tool: 'srv__read', arguments: {} };
    s.tool.prepareInvocation({ input: later } as any);
    s.setTools([wipe, read]);
    await s.tool.invoke({ input: later } as any, s.token as any);
    assert.deepEqual(s.calls, ['wipe', 'read']);
  });
});
