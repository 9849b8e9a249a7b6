// Helpers that know the shape of the MCP Switchboard Servers tree:
//   server (level 1) > [group "Tools" (level 2) >] tool (level 2 or 3)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONTAINER = 'MCP Switchboard';

/**
 * Adds `servers` to the workspace's .vscode/mcp.json while `body` runs, then restores the file as it was and waits
 * until those servers have left the tree (later scenarios share the workbench and list the tree).
 */
export async function withServersInMcpJson({ page, vscode, workspaceDir }, servers, body) {
  const file = join(workspaceDir, '.vscode', 'mcp.json');
  const original = readFileSync(file, 'utf8');
  const config = JSON.parse(original);
  Object.assign(config.servers, servers);
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
  try {
    return await body();
  } catch (e) {
    // The failure screenshot is taken after the restore below: keep what the tree showed when the scenario failed.
    if (e instanceof Error) e.message += `\n      tree when it failed: ${JSON.stringify(await vscode.treeSnapshot().catch(() => []))}`;
    throw e;
  } finally {
    writeFileSync(file, original);
    await page.keyboard.press('Escape').catch(() => {});
    for (const name of Object.keys(servers)) {
      await vscode.row(name, { level: 1 }).waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
    }
  }
}

/**
 * The data-index of the "Tools" group row of `server` (the level-2 row between it and the next server), its
 * aria-expanded, and how many children of the server are rendered. Rows are virtualised: order is data-index, not DOM.
 */
async function serverLayout(page, server) {
  return page.evaluate(name => {
    const rows = [...globalThis.document.querySelectorAll('.part.sidebar .monaco-list-row[data-index]')]
      .map(el => ({ index: Number(el.getAttribute('data-index')), level: Number(el.getAttribute('aria-level')), expanded: el.getAttribute('aria-expanded'), label: el.querySelector('.label-name')?.textContent?.trim() ?? '' }))
      .sort((a, b) => a.index - b.index);
    const at = rows.findIndex(r => r.level === 1 && r.label === name);
    if (at < 0) return { children: 0, tools: null };
    const children = [];
    for (const r of rows.slice(at + 1)) { if (r.level <= 1) break; children.push(r); }
    const tools = children.find(r => r.level === 2 && /^Tools\b/i.test(r.label)) ?? null;
    return { children: children.length, tools: tools && { index: tools.index, expanded: tools.expanded } };
  }, server);
}

/**
 * Expands server `server` and its own "Tools" group (when the tree has one) and returns
 * `{ toolLevel, rowOf(name) }` to find its tool rows. A tree refresh (a server restarting, a list changing) can
 * re-render the group collapsed, so the layout is read afresh on every poll; `tool`, when given, is waited for too
 * and the group re-expanded until that tool row is visible.
 */
export async function expandTools(vscode, server, { tool, timeoutMs = 30_000 } = {}) {
  const { page } = vscode;
  const deadline = Date.now() + timeoutMs;
  let lastClick = 0;
  let openSeen = 0;
  for (;;) {
    const serverRow = await vscode.expand(server, { level: 1, timeoutMs: Math.max(2000, deadline - Date.now()) });
    const layout = await serverLayout(page, server);
    const toolLevel = layout.tools ? 3 : 2;
    const rowOf = name => vscode.row(name, { level: toolLevel });
    const groupOpen = layout.children > 0 && (!layout.tools || layout.tools.expanded === 'true');
    if (groupOpen && (!tool || await rowOf(tool).isVisible().catch(() => false))) return { serverRow, toolLevel, rowOf };
    if (Date.now() > deadline) {
      throw new Error(`server ${server}: ${layout.children ? `no visible tool ${tool ?? ''} (Tools group expanded=${layout.tools?.expanded})` : 'shows no children after expanding'}; rows: ${JSON.stringify(await vscode.treeSnapshot())}`);
    }
    // A group left expanded with no rows under it (the workbench's expand raced a refresh of the same node) gets
    // collapsed here and expanded again on a later poll.
    const stuckOpen = layout.tools?.expanded === 'true' && Date.now() - Math.max(lastClick, openSeen ||= Date.now()) > 5000;
    if ((layout.tools?.expanded === 'false' || stuckOpen) && Date.now() - lastClick > 2000) {
      const group = page.locator(`.part.sidebar .monaco-list-row[data-index="${layout.tools.index}"]`);
      const twistie = group.locator('.monaco-tl-twistie');
      await ((await twistie.count()) ? twistie : group).click({ timeout: 5000 }).catch(() => {});
      lastClick = Date.now();
      openSeen = 0;
    }
    await page.waitForTimeout(100);
  }
}

/** True when a described row (workbench.describeRow) shows an error state. */
export function showsError(described) {
  return /\berror\b|failed|ENOENT|not found|cannot|could not/i.test(`${described.description} ${described.ariaLabel}`) || /codicon-error/.test(described.icons);
}

/** Right-clicks `row` and chooses the context-menu item labelled `label`. */
export async function contextMenu(page, row, label) {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: new RegExp(`^${label}$`) }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.hover();
  // The menu focuses the item under the mouse; a click before that can land on the menu as it opens.
  await page.locator('.context-view .action-item.focused', { has: page.locator('.action-label', { hasText: new RegExp(`^${label}$`) }) })
    .first().waitFor({ timeout: 2000 }).catch(() => {});
  await item.click();
  try {
    await item.waitFor({ state: 'hidden', timeout: 2000 });
  } catch {
    await page.keyboard.press('Enter');
    await item.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

/** The Markdown preview's content frame once it shows `text`. */
export async function previewFrame(page, text, timeout = 30_000) {
  return until(page, `a Markdown preview showing "${text}"`, async () => {
    for (const f of page.frames()) {
      const found = await f.evaluate(t => !!globalThis.document.querySelector('.markdown-body') && globalThis.document.body.innerText.includes(t), text).catch(() => false);
      if (found) return f;
    }
    return undefined;
  }, timeout);
}

/**
 * Opens the traffic inspector and returns its webview frame on the Messages tab with no filters. The panel comes
 * back as the user left it: VS Code saves a webview's state every minute, so an earlier scenario's tab (Metrics
 * hides the filter bar) and filters may be restored or not, depending on how long that scenario ran.
 */
export async function openInspector(page, vscode) {
  await vscode.runCommand('MCP Switchboard: Open Traffic Inspector');
  // One frame: while VS Code swaps a webview's content in, or a restored panel replaces the one the command opened,
  // there are two for a moment, and the one about to go away would answer nothing.
  const frame = await until(page, 'the inspector webview', async () => { const frames = await vscode.webviewFrames('#app'); return frames.length === 1 ? frames[0] : undefined; });
  const app = frame.locator('#app');
  await until(page, 'the inspector on its Messages tab', async () => {
    const tab = await app.getAttribute('data-tab');
    if (tab === 'messages') return true;
    if (tab) await frame.locator('#tab-messages').click({ timeout: 5000 });
    return false;
  });
  await frame.locator('#f-reset').click();
  await until(page, 'the filters reset', async () => (await frame.locator('#f-server').inputValue()) === '' && (await frame.locator('#f-text').inputValue()) === ''
    && (await frame.locator('#f-protocol').inputValue()) === '' && (await frame.locator('#f-kind').inputValue()) === '');
  return frame;
}

/** Polls `fn` until it returns something truthy (a throw counts as not yet) and returns that; fails after `timeoutMs`. */
export async function until(page, what, fn, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Polls `locator`'s innerText until `test` (a RegExp or a predicate) accepts it, and returns that text. A row can be in
 * the page before its text is laid out, so a single read can see nothing. On timeout the error says what it read last.
 */
export async function untilText(page, what, locator, test, timeoutMs = 20_000) {
  const accepts = typeof test === 'function' ? test : t => test.test(t);
  let text;
  return until(page, what, async () => { text = await locator.innerText({ timeout: 2000 }); return accepts(text) ? text : undefined; }, timeoutMs)
    .catch(e => { throw new Error(`${e.message}; it read ${text === undefined ? 'nothing' : JSON.stringify(text.slice(0, 500))}`); });
}
