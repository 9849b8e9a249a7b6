import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallToolOutcome } from '../../../src/commands/callTool';
import { activateExtension, waitFor, waitForServer } from '../harness';
import { chatApi, runParticipant } from '../chat/helpers';

/**
 * Tasks (issue 10): server-everything's `simulate-research-query` declares `taskSupport: "required"`, so a call is a
 * task (tools/call with `task`, then tasks/get and tasks/result). It must run end to end the way a user calls it:
 * from the palette's Call Tool and from @mcp.
 */
describe('Tasks: server-everything\'s task tool from the palette and from @mcp', function () {
  this.timeout(90_000);

  before(async () => {
    const { engine } = await activateExtension();
    await waitForServer(engine, 'everything', s => s.catalog.tools.some(t => t.name === 'simulate-research-query'), 60_000);
    await vscode.extensions.getExtension('mcpsb-test.scripted-model')?.activate();
  });
  afterEach(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('Call Tool runs the task to its result (the research report)', async () => {
    const out = await vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'everything', tool: 'simulate-research-query', args: { topic: 'otters' } });
    assert.equal(out.error, undefined, String(out.error));
    assert.equal(out.result?.isError, undefined, JSON.stringify(out.result));
    const text = (await vscode.workspace.openTextDocument(out.uri!)).getText();
    assert.match(text, /Research Report: otters/);
  });

  it('@mcp: a chat call of the task tool answers with the report', async () => {
    const chat = await chatApi();
    // The scripted model (test/fixtures/scripted-model) turns "call NAME JSON" into that tool call.
    const lm = await waitFor(async () => (await vscode.lm.selectChatModels({ vendor: 'mcpsb-test', id: 'scripted' }))[0], { message: 'the scripted model in vscode.lm' });
    const { markdown, result } = await runParticipant(chat, 'call everything__simulate-research-query {"topic": "beavers"}', { model: lm });
    assert.equal(result.errorDetails, undefined, markdown);
    assert.match(markdown, /Research Report: beavers/);
  });
});
