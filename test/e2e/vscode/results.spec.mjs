// Items 2 and 3 of issue 14, as a user sees them:
// - a second `npm start` (its demo-workspace writer) keeps the servers the user added to .vscode/mcp.json;
// - a tool result opens rendered (Markdown preview): the image inline, the resource link clickable, JSON shown once,
//   tab names without a counter, titles without backslashes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINER, contextMenu, expandTools, previewFrame } from '../harness/switchboard.mjs';
import { writeDemoMcpJson } from '../../../scripts/lib/demoWorkspace.mjs';

export const name = 'Results open rendered; a second npm start keeps the user\'s servers in mcp.json';

export async function run({ page, vscode, workspaceDir, screenshot, assert, log }) {
  await vscode.openViewContainer(CONTAINER);
  await vscode.waitForRow('echo', { level: 1 });

  // Item 2: what a second `npm start` does to a workspace whose mcp.json holds the user's own servers.
  const file = join(workspaceDir, '.vscode', 'mcp.json');
  const demo = JSON.parse(readFileSync(file, 'utf8')).servers.demo;
  assert.equal(writeDemoMcpJson(workspaceDir, demo), 'unchanged');
  const moved = { ...demo, env: { DEMO_RESTARTED: '1' } };
  assert.equal(writeDemoMcpJson(workspaceDir, moved), 'updated');
  const after = JSON.parse(readFileSync(file, 'utf8')).servers;
  assert.deepEqual(Object.keys(after).sort(), ['demo', 'echo', 'missing'], 'the user\'s servers are kept');
  for (const s of ['echo', 'demo', 'missing']) await vscode.waitForRow(s, { level: 1 });
  await vscode.runCommand('Go to File');
  await page.locator('.quick-input-widget input').fill('.vscode/mcp.json');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'mcp.json' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines', { hasText: 'DEMO_RESTARTED' }).first().waitFor();
  await screenshot('results-mcp-json-kept');

  // Item 3: image + resource link, rendered.
  const { rowOf } = await expandTools(vscode, 'echo', { tool: /^\s*image\s*$/ });
  const image = rowOf(/^\s*image\s*$/);
  await contextMenu(page, image, 'Call Tool…');
  const preview = await previewFrame(page, 'Resource link');
  const tab = page.locator('.tabs-container .tab.active');
  const tabLabel = (await tab.innerText()).trim();
  log(`result tab: ${tabLabel}`);
  assert.match(tabLabel, /image\.md/);
  assert.doesNotMatch(tabLabel, /\(\d+\)/, 'no counter in the tab name');
  const heading = await preview.evaluate(() => globalThis.document.querySelector('h1')?.textContent ?? '');
  assert.equal(heading.trim(), 'echo / image');
  await preview.waitForFunction(() => [...globalThis.document.images].some(i => i.complete && i.naturalWidth > 0), null, { timeout: 10_000 });
  const bodyText = await preview.evaluate(() => globalThis.document.body.innerText);
  assert.doesNotMatch(bodyText, /base64,/, 'no base64 in the rendered view');
  await screenshot('results-image-rendered');

  // The resource link goes to the extension's URI handler (desktop VS Code opens it; code-server's webviews pass
  // only http(s) and mailto links on, so it is not clicked here).
  const href = await preview.locator('a', { hasText: 'readme' }).first().getAttribute('href');
  log(`resource link: ${href}`);
  assert.match(href ?? '', /^[a-z-]+:\/\/mcp-switchboard\.mcp-switchboard\/open-resource\?server=echo&uri=echo%3A%2F%2Freadme/);

  // Text + structuredContent that say the same: JSON once.
  const { rowOf: demoTool } = await expandTools(vscode, 'demo', { tool: /^\s*(word_count|Word count)\s*$/i });
  const wordCount = demoTool(/^\s*(word_count|Word count)\s*$/i);
  await contextMenu(page, wordCount, 'Call Tool…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('one two three');
  await page.keyboard.press('Enter');
  const counted = await previewFrame(page, 'Structured content');
  const text = await counted.evaluate(() => globalThis.document.body.innerText);
  assert.match(text, /The same JSON as the structured content below/);
  assert.equal((text.match(/"words"/g) ?? []).length, 1, `JSON shown once: ${text}`);
  await screenshot('results-json-once');
}
