// A server that asks back, from the tree: the asker fixture's `ask` tool elicits a form (the prompt names the server and
// shows its message; Answer walks the guided form), and `ask_url` asks to open a page (the prompt shows the origin;
// Escape cancels, and the server is told). Screenshots: elicitation-prompt.png, elicitation-form.png, elicitation-url.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTAINER, contextMenu, expandTools, previewFrame } from '../harness/switchboard.mjs';

export const name = 'Elicitation: a form and a URL request from a tool called in the tree';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'servers');

export async function run({ page, vscode, workspaceDir, screenshot, assert, codeServer }) {
  const folder = join(dirname(workspaceDir), 'elicit-ui-workspace');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'mcp.json'), JSON.stringify({ servers: { asker: { type: 'stdio', command: 'node', args: [join(fixtures, 'asker.mjs')] } } }, null, 2));
  await page.goto(codeServer.url({ folder }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await vscode.ready();
  await vscode.openViewContainer(CONTAINER);
  const widget = page.locator('.quick-input-widget');
  const rowIn = text => widget.locator('.monaco-list-row', { hasText: text }).first();

  // Form mode: the prompt, then one step per field (required first), then the server's answer in the result.
  const ask = /^\s*ask\s*$/;
  await contextMenu(page, (await expandTools(vscode, 'asker', { tool: ask })).rowOf(ask), 'Call Tool…');
  await rowIn('Answer').waitFor({ state: 'visible', timeout: 20_000 });
  const prompt = await widget.innerText();
  assert.match(prompt, /asker asks for input/);
  assert.match(prompt, /Who are you\?/);
  assert.match(prompt, /Decline[\s\S]*Cancel/);
  await screenshot('elicitation-prompt');
  const input = widget.locator('input');
  await vscode.pickQuickItem('Answer', { taken: widget.locator('.quick-input-message, .quick-input-title', { hasText: /Who are you/ }).first() });
  assert.match(await widget.innerText(), /Name \(name\) \(string[^)]*required\)/);
  await input.fill('Ada');
  await screenshot('elicitation-form');
  await page.keyboard.press('Enter');
  await widget.getByText(/age \(integer/).first().waitFor({ state: 'visible' });
  await input.fill('200');
  await widget.locator('.quick-input-message', { hasText: /150/ }).first().waitFor({ state: 'visible' });
  await input.fill('36');
  await page.keyboard.press('Enter');
  await rowIn('false').waitFor({ state: 'visible' }); // subscribe: boolean, default true
  await vscode.pickQuickItem('true', { taken: rowIn('Green') });
  await vscode.pickQuickItem('Green'); // color: a titled enum shows its titles
  const result = await previewFrame(page, 'Ada');
  const text = await result.evaluate(() => globalThis.document.body.innerText);
  assert.match(text, /"action":\s*"accept"/);
  assert.match(text, /"color":\s*"g"/);

  // URL mode: the origin is shown, nothing opens by itself; Escape cancels and the server hears "cancel".
  const askUrl = /^\s*ask_url\s*$/;
  await contextMenu(page, (await expandTools(vscode, 'asker', { tool: askUrl })).rowOf(askUrl), 'Call Tool…');
  await input.waitFor({ state: 'visible' });
  await input.fill('https://example.com/sign-in?step=1');
  await page.keyboard.press('Enter');
  await rowIn('Open https://example.com').waitFor({ state: 'visible', timeout: 20_000 });
  assert.match(await widget.innerText(), /asker asks you to open a page on https:\/\/example\.com/);
  await screenshot('elicitation-url');
  await page.keyboard.press('Escape');
  const cancelled = await previewFrame(page, 'cancel');
  assert.match(await cancelled.evaluate(() => globalThis.document.body.innerText), /"action":\s*"cancel"/);
}
