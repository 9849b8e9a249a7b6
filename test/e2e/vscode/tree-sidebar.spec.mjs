/* global document, requestAnimationFrame -- timeExpand's callback runs in the page */
// Issue 5 (sidebar): click through the Servers tree of a workspace with fixture servers: running, error and 1,000
// tools; run Call Tool from a tool's context menu and see the result; measure expanding a server with 1,000 tools.
// Screenshots: test-results/ui/tree-state-running.png, tree-state-error.png, tree-state-1000-tools.png,
// tree-call-tool-input.png, tree-call-tool-result.png, tree-call-tool-progress.png, tree-status-quickpick.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contextMenu, previewFrame } from '../harness/switchboard.mjs';

export const name = 'Servers tree: states, Call Tool from the context menu, 1,000 tools';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'servers');

/** A workspace of its own: the runner's `basic` one has no 1,000-tool server. */
function writeWorkspace(dir) {
  const node = (fixture, ...args) => ({ type: 'stdio', command: 'node', args: [join(fixtures, fixture), ...args] });
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'mcp.json'), JSON.stringify({
    servers: {
      echo: node('echo.mjs'),
      many: node('many-tools.mjs', '--count', '1000'),
      missing: { type: 'stdio', command: 'definitely-not-a-command-xyz', args: [] },
    },
  }, null, 2));
}

async function waitForDescription(page, vscode, label, re, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await vscode.describeRow(vscode.row(label, { level: 1 })).catch(() => undefined);
    if (seen && re.test(`${seen.description} ${seen.ariaLabel}`)) return seen;
    if (Date.now() > deadline) throw new Error(`row ${label}: description never matched ${re}: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Milliseconds from clicking a row's twistie to the first child row `child` in the DOM (checked every animation frame
 * in the page, so Playwright's polling does not add to it).
 */
async function timeExpand(page, vscode, label, child, level = 1) {
  const row = vscode.row(label, { level });
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  const twistie = await row.locator('.monaco-tl-twistie').elementHandle();
  return page.evaluate(async ({ twistie, child, childLevel }) => {
    const found = () => [...document.querySelectorAll(`.part.sidebar .monaco-list-row[aria-level="${childLevel}"]`)]
      .some(r => r.querySelector('.label-name')?.textContent?.trim() === child);
    const t0 = performance.now();
    twistie.click();
    while (!found()) {
      if (performance.now() - t0 > 10_000) throw new Error(`no child ${child} within 10 s`);
      await new Promise(r => requestAnimationFrame(r));
    }
    return Math.round(performance.now() - t0);
  }, { twistie, child, childLevel: level + 1 });
}

/** Runs a context-menu action of a tree row (retrying the click while the menu is still animating in). */

/** The view's own Collapse All button (in the container title while the view is alone in it). */
async function collapseAll(page) {
  await page.locator('.part.sidebar .composite.title').first().hover().catch(() => {});
  await page.locator('.part.sidebar .action-label[aria-label^="Collapse All"]:visible').first().click({ timeout: 5000 });
}

export async function run({ page, vscode, workspaceDir, screenshot, assert, log, codeServer }) {
  const folder = join(dirname(workspaceDir), 'tree-ui-workspace');
  writeWorkspace(folder);
  await page.goto(codeServer.url({ folder }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await vscode.ready();
  // The chat view opens in the secondary side bar by default; hide it so the screenshots show the tree and editors.
  const hideChat = page.locator('.part.auxiliarybar .title-actions .action-label[aria-label^="Hide"], .part.auxiliarybar .global-actions .action-label[aria-label^="Hide"]').first();
  if (await hideChat.count()) await hideChat.click().catch(() => {});
  await vscode.openViewContainer('MCP Switchboard');
  for (const server of ['echo', 'many', 'missing']) await vscode.waitForRow(server, { level: 1 });

  // Running: transport · tool count; expanded with its groups and tools; a tool's tooltip shows its input schema.
  const echo = await waitForDescription(page, vscode, 'echo', /stdio · 5 tools/);
  assert.match(echo.icons, /codicon-pass-filled/);
  const many = await waitForDescription(page, vscode, 'many', /1000 tools/, 45_000);
  log(`many: ${many.description}`);

  // Error: the reason is a child row with inline Show Log / Open Configuration / Restart.
  const missing = await waitForDescription(page, vscode, 'missing', /error/);
  assert.match(missing.icons, /codicon-error/);
  const problem = vscode.row(/was not found/, { level: 2 });
  await problem.waitFor({ state: 'visible', timeout: 15_000 });
  await problem.hover();
  const inline = await problem.locator('.actions .action-label').evaluateAll(els => els.map(e => e.getAttribute('aria-label') ?? ''));
  assert.ok(['Show Server Log', 'Open Server Configuration', 'Restart Server'].every(a => inline.some(l => l.startsWith(a))), `inline actions: ${JSON.stringify(inline)}`);
  await screenshot('tree-state-error');

  // Running, expanded.
  await vscode.expand('echo', { level: 1 });
  for (const group of ['Tools', 'Resources', 'Resource Templates', 'Prompts']) await vscode.waitForRow(group, { level: 2 });
  await vscode.expand('Tools', { level: 2 });
  const toolRow = await vscode.waitForRow('add', { level: 3 });
  await toolRow.hover();
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Parameters' }).first();
  await hover.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => log('no tool hover appeared'));
  await screenshot('tree-state-running');

  // Call Tool from the context menu: guided input for `text`, then the result document.
  await page.mouse.move(700, 500);
  await contextMenu(page, await vscode.waitForRow('echo', { level: 3 }), 'Call Tool…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  const prompt = await page.locator('.quick-input-widget').innerText();
  assert.match(prompt, /text \(string, required\)/, 'the input box is built from the schema');
  await input.fill('hello from the UI test');
  await screenshot('tree-call-tool-input');
  await page.keyboard.press('Enter');
  // The result opens rendered, in the Markdown preview.
  const preview = await previewFrame(page, 'hello from the UI test', 20_000);
  const heading = await preview.evaluate(() => globalThis.document.querySelector('h1')?.textContent ?? '');
  assert.equal(heading.trim(), 'echo / echo');
  await screenshot('tree-call-tool-result');

  // A long call shows progress in a notification with Cancel; Cancel ends it (and sends notifications/cancelled).
  await contextMenu(page, await vscode.waitForRow('sleep', { level: 3 }), 'Call Tool…');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await page.locator('.quick-input-widget').innerText(), /ms \(number, required\)/);
  await input.fill('abc');
  await page.locator('.quick-input-widget .quick-input-message', { hasText: /number/i }).first().waitFor({ timeout: 5000 })
    .catch(() => log('no validation message shown for "abc"'));
  await input.fill('30000');
  await page.keyboard.press('Enter');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Calling echo / sleep' }).first();
  await toast.waitFor({ state: 'visible', timeout: 10_000 });
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
  await vscode.settled(toast); // the toast has slid in
  await screenshot('tree-call-tool-progress');
  const cancelled = Date.now();
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await toast.waitFor({ state: 'hidden', timeout: 10_000 });
  log(`Cancel closed the progress notification in ${Date.now() - cancelled} ms`);

  await vscode.runCommand('View: Close All Editors');
  await page.waitForFunction(() => globalThis.document.querySelectorAll('.part.editor .tabs-container .tab').length === 0, null, { timeout: 10_000 });

  // 1,000 tools: time from the click to the first tool row, for the server and for its Tools group.
  await collapseAll(page);
  await vscode.waitForRow('many', { level: 1 });
  // Baseline: the same clicks on echo (5 tools).
  const echoMs = await timeExpand(page, vscode, 'echo', 'Tools');
  const echoToolsMs = await timeExpand(page, vscode, 'Tools', 'echo', 2);
  await collapseAll(page);
  const serverMs = await timeExpand(page, vscode, 'many', 'Tools');
  const toolsMs = await timeExpand(page, vscode, 'Tools', 'tool_0', 2);
  const rowsShown = await vscode.rows().count();
  log(`expand server "many" (1,000 tools): ${serverMs} ms to its groups; its Tools group: ${toolsMs} ms to the first tool row (${rowsShown} rows rendered, virtualized). Baseline echo (5 tools): ${echoMs} ms, ${echoToolsMs} ms`);
  assert.ok(toolsMs < 5000, `expanding 1,000 tools took ${toolsMs} ms`);
  // Scrolling to the end proves all 1,000 are there.
  await vscode.row('tool_0', { level: 3 }).click();
  await page.keyboard.press('End');
  await vscode.waitForRow('tool_999', { level: 3, timeoutMs: 10_000 });
  await page.keyboard.press('Home');
  await vscode.row('tool_0', { level: 3 }).waitFor({ state: 'visible', timeout: 10_000 });
  const groupDesc = await vscode.describeRow(vscode.row('Tools', { level: 2 }));
  assert.equal(groupDesc.description, '1000');
  await screenshot('tree-state-1000-tools');
  writeFileSync(join(dirname(workspaceDir), 'tree-expand-1000.json'), JSON.stringify({ serverMs, toolsMs }));

  // The status bar: "MCP 2/3" with the warning colour (one server in error); click opens the servers QuickPick.
  const status = page.locator('.part.statusbar .statusbar-item', { hasText: /MCP \d+\/\d+/ }).first();
  await status.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await status.innerText(), /MCP 2\/3/);
  assert.match(await status.getAttribute('class') ?? '', /warning-kind|has-background-color/);
  await status.locator('a, .statusbar-item-label').first().click();
  const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'missing' }).first();
  await pick.waitFor({ state: 'visible', timeout: 10_000 });
  await screenshot('tree-status-quickpick');
  await page.keyboard.press('Escape');
}
