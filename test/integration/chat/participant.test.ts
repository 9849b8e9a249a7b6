// @mcp in a real VS Code with the scripted model: the tool-calling loop, concurrency, cancellation, the tools cap,
// isError results, slash commands, no model, and one run through the real chat view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatTurnRecord } from '../../../src/chat/participant';
import { waitFor } from '../harness';
import { chatReady, runParticipant, scriptedModel, SCRIPTED_SELECTOR, type ChatApi, type ScriptedModelApi } from './helpers';

describe('chat: @mcp participant', function () {
  this.timeout(60_000);
  let api: ChatApi;
  let scripted: ScriptedModelApi;
  let model: vscode.LanguageModelChat;

  before(async () => {
    api = await chatReady();
    ({ api: scripted, model } = await scriptedModel());
  });
  beforeEach(() => scripted.clear());

  it('runs a tool on a fixture server and answers with its result', async () => {
    const before = api.engine.traffic.records({ server: 'echo' }).length;
    const { markdown, record, result } = await runParticipant(api, 'Please call echo__echo {"text": "hello from @mcp"}', { model });
    assert.equal(result.errorDetails, undefined, markdown);
    assert.match(markdown, /Result of echo__echo: hello from @mcp/);
    assert.equal(record.rounds, 2);
    assert.deepEqual(record.toolCalls.map(c => c.name), ['echo__echo']);
    // The model saw the MCP tools under qualified names, and got the result back as a tool-result part.
    assert.ok(scripted.requests[0].toolNames.includes('echo__echo'));
    const second = scripted.requests[1].messages.at(-1)!;
    assert.equal(second.content[0].type, 'result');
    assert.match(JSON.stringify(second.content[0].content), /hello from @mcp/);
    // The call went through the engine.
    const calls = api.engine.traffic.records({ server: 'echo' }).slice(before).filter(r => r.kind === 'request' && r.method === 'tools/call');
    assert.equal(calls.length, 1);
    assert.ok(record.progress.some(p => /Calling echo\/echo/.test(p)), `progress: ${record.progress.join(' | ')}`);
  });

  it('runs two tool calls of one round concurrently', async () => {
    const t0 = Date.now();
    const { markdown, record } = await runParticipant(api, 'call echo__sleep {"ms": 1500} and call demo__word_count {"text": "one two three"} and call echo__sleep {"ms": 1500}', { model });
    assert.equal(scripted.requests[0].answer.calls?.length, 3, 'three calls in the first round');
    assert.equal(record.rounds, 2);
    assert.match(markdown, /Result of echo__sleep: slept 1500/);
    assert.match(markdown, /"words":\s*3/);
    // Both sleep requests were sent before either answered.
    const recs = api.engine.traffic.records({ server: 'echo' }).filter(r => r.time >= t0 && r.tool === 'sleep');
    const sent = recs.filter(r => r.kind === 'request').map(r => r.time);
    const answered = recs.filter(r => r.kind === 'response').map(r => r.time);
    assert.equal(sent.length, 2);
    assert.ok(Math.max(...sent) < Math.min(...answered), 'second request sent before the first response');
  });

  it('cancelling the chat cancels the MCP call (notifications/cancelled reaches the server)', async () => {
    const cts = new vscode.CancellationTokenSource();
    const t0 = Date.now();
    const run = runParticipant(api, 'call echo__sleep {"ms": 30000}', { model, token: cts.token });
    await waitFor(() => api.engine.traffic.records({ server: 'echo' }).some(r => r.time >= t0 && r.kind === 'request' && r.tool === 'sleep'), { message: 'the sleep call in flight' });
    cts.cancel();
    const { record } = await run;
    assert.ok(Date.now() - t0 < 15_000, 'the handler returned soon after cancellation');
    assert.equal(record.cancelled, true);
    const cancelled = await waitFor(() => api.engine.traffic.records({ server: 'echo' }).find(r => r.time >= t0 && r.kind === 'notification' && r.method === 'notifications/cancelled' && r.direction === 'out'),
      { message: 'notifications/cancelled sent to echo' });
    assert.ok(cancelled);
    await waitFor(() => api.engine.traffic.records({ server: 'echo' }).some(r => r.time >= t0 && r.kind === 'stderr' && /cancelled/.test(r.text ?? '')), { message: 'the fixture logging "cancelled <id>"' });
  });

  it('handles more tools than the cap: relevant tools plus tool search, never failing', async () => {
    const total = api.engine.tools().filter(t => t.enabled).length;
    assert.ok(total > 300, `${total} tools`);
    const { markdown, record } = await runParticipant(api, 'call many__tool_250 {"query": "x"}', { model });
    assert.equal(record.capped, true);
    assert.ok(record.offeredTools.length <= 128, `${record.offeredTools.length} tools offered`);
    assert.ok(record.offeredTools.includes('mcpsb_search_tools') && record.offeredTools.includes('mcpsb_enable_tools'));
    assert.ok(record.offeredTools.includes('many__tool_250'), 'the tool named in the prompt ranks in');
    assert.match(markdown, /more than the 128/);
    assert.match(markdown, /Result of many__tool_250: /);
  });

  it('reaches a tool outside the offered set through search and enable (#server narrowing)', async () => {
    const { markdown, record } = await runParticipant(api, '#echo call many__tool_7 {"query": "q"}', { model });
    assert.ok(!record.offeredTools.includes('many__tool_7'), 'narrowed to echo first');
    assert.ok(record.offeredTools.every(n => n.startsWith('echo__') || n.startsWith('mcpsb_')), record.offeredTools.join(','));
    assert.deepEqual(record.toolCalls.map(c => c.name), ['mcpsb_search_tools', 'mcpsb_enable_tools', 'many__tool_7']);
    assert.ok(scripted.requests.at(-1)!.toolNames.includes('many__tool_7'), 'enabled for the later rounds');
    assert.match(markdown, /Result of many__tool_7: /);
  });

  it('reports an isError result to the model and the user', async () => {
    const { markdown, record } = await runParticipant(api, 'call echo__fail {"message": "kaput"}', { model });
    assert.equal(record.toolCalls[0].isError, true);
    const resultPart = scripted.requests[1].messages.at(-1)!.content[0];
    assert.match(JSON.stringify(resultPart), /ERROR: the tool reported an error/);
    assert.match(markdown, /Result of echo__fail: ERROR.*kaput/s);
  });

  it('passes images to the model as data parts (or a summary where the API lacks them)', async () => {
    const { markdown } = await runParticipant(api, 'call echo__image {}', { model });
    const result = scripted.requests[1].messages.at(-1)!.content[0];
    const hasDataPart = typeof (vscode as unknown as Record<string, unknown>).LanguageModelDataPart === 'function';
    if (hasDataPart) {
      // The fixture's image tool also links its readme: that part reaches the model as text.
      assert.deepEqual(result.content.map((p: { type: string; mimeType?: string }) => [p.type, p.mimeType]), [['data', 'image/png'], ['text', undefined]]);
      assert.match(markdown, /Result of echo__image: \[image\/png data\]/);
    } else {
      assert.match(JSON.stringify(result), /\[image: image\/png/);
    }
  });

  it('says so, and does not throw, when no model is available', async () => {
    const { markdown, result } = await runParticipant(api, 'anything', { model: undefined });
    assert.match(markdown, /No language model is available/);
    assert.match(markdown, /\/servers/);
    assert.match(markdown, /Show Tools and Token Costs/, 'names what works when VS Code has no model at all');
    assert.equal((result.metadata as { noModel?: boolean }).noModel, true);
    const followups = api.chat.participant.followups(result);
    assert.ok(followups.some(f => f.command === 'servers'));
  });

  it('/servers shows states; /tools lists; /call calls directly; /resource reads', async () => {
    const servers = await runParticipant(api, '', { command: 'servers' });
    assert.match(servers.markdown, /\*\*echo\*\* — Running · 5 tool\(s\)/);
    const tools = await runParticipant(api, 'add', { command: 'tools' });
    assert.match(tools.markdown, /`echo__add`/);
    assert.ok(api.chat.participant.followups(tools.result).some(f => f.command === 'call'));
    const call = await runParticipant(api, 'echo__add {"a": 20, "b": 22}', { command: 'call' });
    assert.match(call.markdown, /42/);
    assert.match(call.markdown, /"sum": 42/);
    const bad = await runParticipant(api, 'echo__add {nope', { command: 'call' });
    assert.match(bad.markdown, /must be a JSON object/);
    const res = await runParticipant(api, 'echo://items/gamma', { command: 'resource' });
    assert.match(res.markdown, /item gamma/);
    assert.ok(res.calls.some(c => c.method === 'reference'), 'the resource is referenced');
  });

  it('answers in the real chat view (workbench.action.chat.open with the scripted model)', async () => {
    const done = new Promise<ChatTurnRecord>(resolve => {
      const sub = api.chat.participant.onDidFinishRequest(r => { if (/via the chat view/.test(r.prompt)) { sub.dispose(); resolve(r); } });
    });
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@mcp call echo__echo {"text": "via the chat view"}', modelSelector: SCRIPTED_SELECTOR });
    const record = await Promise.race([done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no @mcp request within 30 s')), 30_000))]);
    assert.equal(record.error, undefined);
    assert.match(record.markdown, /Result of echo__echo: via the chat view/);
    assert.deepEqual(record.toolCalls.map(c => c.name), ['echo__echo']);
  });
});
