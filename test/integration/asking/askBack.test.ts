import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CallToolOutcome } from '../../../src/commands/callTool';
import { payloadOf } from '../../../src/shared/traffic';
import { waitFor, waitForServer } from '../harness';
import { QuickInputDriver, choose, enter, pressEnter, pressEscape, within } from '../harness/quickInputs';
import { chatApi, runParticipant, scriptedModel } from '../chat/helpers';
import { groupRows, treeApi, type TreeApi } from '../tree/helpers';

const documentText = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();

/** The Call Tool command on a tool row of the Servers tree, as the row's inline action runs it (not awaited). */
async function callFromTree(api: TreeApi, server: string, tool: string): Promise<CallToolOutcome | undefined> {
  const rows = await groupRows(api, server, 'tools');
  const row = rows.find(r => r.node.kind === 'tool' && r.node.tool.tool.name === tool);
  if (!row) throw new Error(`no tool row ${tool} under ${server}: ${JSON.stringify(rows.map(r => r.label))}`);
  return vscode.commands.executeCommand<CallToolOutcome | undefined>('mcpSwitchboard.callTool', row.node);
}

/**
 * The property a form step asks for. Its label, first in the InputBox prompt / QuickPick placeholder, is `Title (name)`
 * when the schema titles it, else the bare name; a ` (type…)`, ` (required)` or `: pick…` follows.
 */
function fieldOf(text: string | undefined): string {
  const m = /^[^(]*\((\w+)\) [(:]/.exec(text ?? '') ?? /^(\w+)/.exec(text ?? '');
  if (!m) throw new Error(`cannot tell which field "${text}" asks for`);
  return m[1];
}

/** Step "(i/n)" of the form, from the input's title. */
function stepOf(title: string | undefined): { i: number; n: number } {
  const m = /\((\d+)\/(\d+)\)$/.exec(title ?? '');
  if (!m) throw new Error(`"${title}" is not a form step`);
  return { i: +m[1], n: +m[2] };
}

/**
 * Answers the form's remaining steps: InputBoxes get `typed[field]` (or keep what is pre-filled), single-select picks
 * get the item labelled `chosen[field]` (or the pre-selected one), multi-selects keep their ticked defaults.
 * Returns the fields in the order they were asked.
 */
async function answerSteps(ui: QuickInputDriver, typed: Record<string, string>, chosen: Record<string, string> = {}): Promise<string[]> {
  const asked: string[] = [];
  for (;;) {
    const step = await ui.next();
    const { i, n } = stepOf(step.input.title);
    const field = fieldOf(step.kind === 'box' ? step.input.prompt : step.input.placeholder);
    asked.push(field);
    if (step.kind === 'box') { if (field in typed) await enter(step.input, typed[field]); else await pressEnter(); }
    else if (field in chosen) await choose(step.input, chosen[field]); else await pressEnter();
    if (i === n) return asked;
  }
}

/** Answer on the Accept/Decline/Cancel pick, then every step of the form (see answerSteps). */
async function answerForm(ui: QuickInputDriver, typed: Record<string, string>, chosen: Record<string, string> = {}): Promise<string[]> {
  await choose(await ui.nextPick(), /Answer/);
  return answerSteps(ui, typed, chosen);
}

/** The extension's internals once both servers run, server-everything with the tools it offers a client that can be asked. */
async function serversRunning(): Promise<TreeApi> {
  const api = await treeApi();
  await waitForServer(api.engine, 'everything', s => s.state.kind === 'running' && s.catalog.tools.some(t => t.name === 'trigger-elicitation-request'), 60_000);
  await waitForServer(api.engine, 'modern', s => s.state.kind === 'running', 60_000);
  return api;
}

describe('Servers that ask back, from the Servers tree', function () {
  this.timeout(120_000);
  let api: TreeApi;
  let ui: QuickInputDriver;

  before(async () => { api = await serversRunning(); });
  beforeEach(() => { ui = new QuickInputDriver(); });
  afterEach(async () => {
    ui.dispose();
    await pressEscape(); // a failed test leaves no question open for the next one
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('roots: server-everything lists the workspace folder as a file:// root', async () => {
    const out = await callFromTree(api, 'everything', 'get-roots-list');
    const folder = vscode.workspace.workspaceFolders![0];
    const text = await documentText(out!.uri!);
    assert.match(text, /Current MCP Roots \(1 total\)/, text);
    assert.ok(text.includes(`URI: ${folder.uri.toString()}`), `the root is ${folder.uri.toString()}:\n${text}`);
    assert.ok(text.includes(folder.name), 'the root carries the folder name');
  });

  it('elicitation, answered: the values typed and picked in the form reach server-everything', async () => {
    const pending = callFromTree(api, 'everything', 'trigger-elicitation-request');
    const action = await ui.nextPick();
    assert.match(action.title ?? '', /^everything \(.+\) asks for input$/, 'the prompt names the server that asks');
    assert.equal(action.placeholder, 'Please provide inputs for the following fields:');
    assert.deepEqual(action.items.map(i => i.label), ['$(check) Answer', '$(close) Decline', '$(circle-slash) Cancel']);
    await choose(action, /Answer/);

    // The required field first; an answer the schema refuses stays in the box with the reason.
    const name = await ui.nextBox();
    assert.equal(fieldOf(name.prompt), 'name');
    assert.match(name.prompt ?? '', /required/);
    await enter(name, 'Ada Lovelace');
    const check = await ui.nextPick();
    await choose(check, 'false');
    const firstLine = await ui.nextBox();
    assert.equal(firstLine.value, 'It was a dark and stormy night.', 'the default is pre-filled');
    await pressEnter();
    const email = await ui.nextBox();
    await enter(email, 'not an email');
    await waitFor(() => email.validationMessage, { message: 'the email format check' });
    await enter(email, 'ada@example.org');

    const rest = await answerSteps(ui, { integer: '7' }, { untitledSingleSelectEnum: 'Joey', titledSingleSelectEnum: 'Wonder Woman', legacyTitledEnum: 'Birds' });
    assert.deepEqual(rest, ['homepage', 'birthdate', 'integer', 'number', 'untitledSingleSelectEnum', 'untitledMultipleSelectEnum', 'titledSingleSelectEnum', 'titledMultipleSelectEnum', 'legacyTitledEnum']);

    const out = await within(pending, 'the call\'s result');
    assert.equal(out?.error, undefined, String(out?.error));
    const text = await documentText(out!.uri!);
    assert.match(text, /User provided the requested information/, text);
    for (const line of ['- Name: Ada Lovelace', '- Agreed to terms: false', '- Email: ada@example.org', '- Favorite Integer: 7', '- Favorite Number: 3.14']) {
      assert.ok(text.includes(line), `${line} in:\n${text}`);
    }
    const raw = rawResult(text);
    assert.deepEqual(raw, {
      action: 'accept',
      content: {
        name: 'Ada Lovelace', check: false, firstLine: 'It was a dark and stormy night.', email: 'ada@example.org', integer: 7, number: 3.14,
        untitledSingleSelectEnum: 'Joey', untitledMultipleSelectEnum: ['Guitar'], titledSingleSelectEnum: 'hero-3', titledMultipleSelectEnum: ['fish-1'], legacyTitledEnum: 'pet-3',
      },
    });
  });

  it('elicitation, declined: server-everything gets the decline', async () => {
    const pending = callFromTree(api, 'everything', 'trigger-elicitation-request');
    await choose(await ui.nextPick(), /Decline/);
    const text = await documentText((await within(pending, 'the call\'s result'))!.uri!);
    assert.match(text, /User declined to provide the requested information/, text);
    assert.deepEqual(rawResult(text), { action: 'decline' });
  });

  it('elicitation, dismissed with Escape mid-form: server-everything gets a cancel', async () => {
    const pending = callFromTree(api, 'everything', 'trigger-elicitation-request');
    await choose(await ui.nextPick(), /Answer/);
    await enter(await ui.nextBox(), 'Ada');
    await ui.nextPick();
    await pressEscape();
    const text = await documentText((await within(pending, 'the call\'s result'))!.uri!);
    assert.match(text, /User cancelled the elicitation dialog/, text);
    assert.deepEqual(rawResult(text), { action: 'cancel' });
  });

  it('URL elicitation: the prompt shows the page\'s origin and asks first; declining tells server-everything', async () => {
    const url = 'https://auth.example.com/authorize?session=42';
    const pending = vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'everything', tool: 'trigger-url-elicitation', args: { url, message: 'Sign in to continue' } });
    const consent = await ui.nextPick();
    assert.match(consent.title ?? '', /^everything \(.+\) asks you to open a page on https:\/\/auth\.example\.com$/);
    assert.equal(consent.placeholder, 'Sign in to continue');
    assert.deepEqual(consent.items.map(i => i.label), ['$(link-external) Open https://auth.example.com', '$(close) Decline', '$(circle-slash) Cancel']);
    assert.equal(consent.items[0].detail, url, 'the whole URL is shown before anything opens');
    await choose(consent, /Decline/);
    const out = await within(pending, 'the call\'s result');
    assert.equal(out.error, undefined, String(out.error));
    assert.match(await documentText(out.uri!), /User declined to open the URL/);
  });

  it('a page required first (-32042): offered through the same URL prompt; declining ends the call naming the page\'s origin', async () => {
    const pending = vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'everything', tool: 'trigger-url-elicitation', args: { url: 'https://example.com/x', errorPath: true } });
    const consent = await ui.nextPick();
    assert.match(consent.title ?? '', /^everything \(.+\) asks you to open a page on https:\/\/modelcontextprotocol\.io$/);
    assert.equal(consent.items[0].detail, 'https://modelcontextprotocol.io', 'the whole URL is shown before anything opens');
    await choose(consent, /Decline/);
    const out = await within(pending, 'the call\'s outcome');
    assert.equal(out.result, undefined, 'no retry after a decline');
    assert.match(out.error ?? '', /needs you to open https:\/\/modelcontextprotocol\.io; you declined/);
  });

  it('the 2026-07-28 fixture: its input_required question is answered through the same form', async () => {
    const pending = vscode.commands.executeCommand<CallToolOutcome>('mcpSwitchboard.callTool', { server: 'modern', tool: 'confirm_delete', args: { item: 'notes.txt' } });
    const action = await ui.nextPick();
    assert.equal(action.title, 'modern (modern-fixture) asks for input');
    assert.equal(action.placeholder, 'Delete notes.txt?');
    await choose(action, /Answer/);
    assert.deepEqual(await answerSteps(ui, {}, { confirm: 'true' }), ['confirm']);
    const out = await within(pending, 'the call\'s result');
    assert.equal(out.error, undefined, String(out.error));
    assert.match(await documentText(out.uri!), /deleted notes\.txt/);
  });
});

describe('Servers that ask back, from @mcp in chat', function () {
  this.timeout(120_000);
  let ui: QuickInputDriver;
  let model: vscode.LanguageModelChat;

  before(async () => {
    await serversRunning();
    ({ model } = await scriptedModel());
  });
  beforeEach(() => { ui = new QuickInputDriver(); });
  afterEach(async () => {
    ui.dispose();
    await pressEscape();
  });

  it('a tool call that elicits: the question reaches the user, the answer reaches the server, the result reaches the chat', async () => {
    const chat = await chatApi();
    const turn = runParticipant(chat, 'call everything__trigger-elicitation-request {}', { model });
    assert.equal((await answerForm(ui, { name: 'Grace Hopper' }))[0], 'name');
    const { markdown, result, record } = await within(turn, 'the chat turn');
    assert.equal(result.errorDetails, undefined, markdown);
    assert.match(markdown, /User provided the requested information/, markdown);
    assert.match(markdown, /- Name: Grace Hopper/);
    assert.equal(record.toolCalls.length, 1);
  });

  it('a declined question: the server\'s decline result is what the chat shows', async () => {
    const chat = await chatApi();
    const turn = runParticipant(chat, 'call everything__trigger-elicitation-request {}', { model });
    await choose(await ui.nextPick(), /Decline/);
    const { markdown } = await within(turn, 'the chat turn');
    assert.match(markdown, /User declined to provide the requested information/, markdown);
  });

  it('cancelling the chat request closes the open question and ends the call', async () => {
    const chat = await chatApi();
    const cts = new vscode.CancellationTokenSource();
    const startSeq = chat.engine.traffic.records({ server: 'everything' }).at(-1)?.seq ?? 0;
    const turn = runParticipant(chat, 'call everything__trigger-elicitation-request {}', { model, token: cts.token });
    const action = await ui.nextPick();
    cts.cancel();
    await within(ui.hidden(action), 'the question closing');
    const { record } = await within(turn, 'the chat turn ending');
    assert.equal(record.cancelled, true);
    const thisTurn = () => chat.engine.traffic.records({ server: 'everything' }).filter(r => r.seq > startSeq);
    await waitFor(() => thisTurn().some(r => r.method === 'notifications/cancelled'), { message: 'notifications/cancelled to server-everything' });
    const answer = await waitFor(() => thisTurn().find(r => r.method === 'elicitation/create' && r.direction === 'out'), { message: 'the answer to the open question' });
    assert.deepEqual((payloadOf(answer) as { result?: unknown }).result, { action: 'cancel' }, 'the question is answered as cancelled');
  });
});

/** The `Raw result:` JSON server-everything appends to its elicitation result. */
function rawResult(text: string): unknown {
  const m = /Raw result: (\{[\s\S]*\n\})/.exec(text);
  if (!m) throw new Error(`no raw result in:\n${text}`);
  return JSON.parse(m[1]);
}
