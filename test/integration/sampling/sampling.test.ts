import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallToolOutcome } from '../../../src/commands/callTool';
import { activateExtension, waitFor, waitForServer } from '../harness';
import { chatApi, runParticipant } from '../chat/helpers';

interface ScriptedModelApi {
  requests: Array<{ messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }>; answer: { text?: string } }>;
  clear(): void;
}

async function scriptedModel(): Promise<ScriptedModelApi> {
  const ext = vscode.extensions.getExtension<ScriptedModelApi>('mcpsb-test.scripted-model');
  if (!ext) throw new Error('the scripted-model test extension is not loaded (suite option extraExtensions)');
  const api = ext.isActive ? ext.exports : await ext.activate();
  await waitFor(async () => (await vscode.lm.selectChatModels({ vendor: 'mcpsb-test', id: 'scripted' }))[0], { message: 'the scripted model in vscode.lm' });
  return api;
}

const documentText = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();
const promptTexts = (api: ScriptedModelApi) => api.requests.map(r => r.messages.map(m => m.content.map(c => c.text ?? '').join('')));

describe('Sampling through vscode.lm, from the palette', function () {
  this.timeout(90_000);
  let model: ScriptedModelApi;

  before(async () => {
    const { engine } = await activateExtension();
    model = await scriptedModel();
    await waitForServer(engine, 'everything', s => s.catalog.tools.some(t => t.name === 'trigger-sampling-request'), 60_000);
    await waitForServer(engine, 'modern', s => s.state.kind === 'running', 60_000);
  });
  beforeEach(() => model.clear());
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('server-everything (2025-11-25): its sampling tool gets the scripted model\'s answer, system prompt first', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'everything', tool: 'trigger-sampling-request', args: { prompt: 'weather in Oslo', maxTokens: 100 } });
    assert.equal(out.error, undefined, String(out.error));
    assert.equal(out.result?.isError, undefined, JSON.stringify(out.result));
    const text = await documentText(out.uri!);
    assert.match(text, /Scripted model received: Resource trigger-sampling-request context: weather in Oslo/);
    assert.match(text, /mcpsb-test\/scripted/, 'the result names the model that answered');
    assert.deepEqual(promptTexts(model), [['You are a helpful test server.', 'Resource trigger-sampling-request context: weather in Oslo']]);
  });

  it('the 2026-07-28 fixture: an input_required sampling round is answered by the same model', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'modern', tool: 'summarize', args: { text: 'a long story' } });
    assert.equal(out.error, undefined, String(out.error));
    assert.match(await documentText(out.uri!), /summary by mcpsb-test\/scripted: Scripted model received: Summarize: a long story/);
    assert.equal(model.requests.length, 1);
  });

  it('@mcp: a chat tool call whose server samples gets the model\'s answer inside the tool result', async () => {
    const chat = await chatApi();
    const [lm] = await vscode.lm.selectChatModels({ vendor: 'mcpsb-test', id: 'scripted' });
    const { markdown, result } = await runParticipant(chat, 'call everything__trigger-sampling-request {"prompt": "asked from chat"}', { model: lm });
    assert.equal(result.errorDetails, undefined, markdown);
    assert.match(markdown, /Result of everything__trigger-sampling-request: LLM sampling result:/);
    assert.match(markdown, /Scripted model received: Resource trigger-sampling-request context: asked from chat/);
    assert.ok(promptTexts(model).some(p => p[0] === 'You are a helpful test server.'), 'the sampling request reached the model with its system prompt');
  });
});
