// The extension's page in the Extensions view, as a user sees it for the installed VSIX: the 128 px icon loads, the
// Preview badge and the categories show, and the README renders with its screenshot table. The screenshots
// themselves cannot load there yet: the page takes README images from https: URLs only, and the project has no
// public URL (see scripts/lib/vsix.mjs). Screenshot: test-results/ui/extension-page.png.
import { until } from '../harness/switchboard.mjs';

export const name = 'Extension page: icon, preview badge, categories and README of the installed VSIX';

/** Alt texts of the README's screenshots (their start). */
const SHOTS = ['The MCP Switchboard Servers view', 'The traffic inspector', 'The Metrics tab', 'The chat view'];

export async function run({ page, vscode, screenshot, assert }) {
  // The Extensions view lists installed extensions when its search is empty.
  await vscode.runCommand('View: Show Extensions');
  const entry = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'MCP Switchboard' }).first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.click();

  const header = page.locator('.extension-editor .header');
  const icon = header.locator('img.icon');
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(el => el.complete && el.naturalWidth === 128, await icon.elementHandle(), { timeout: 30_000 })
    .catch(async () => assert.fail(`the icon did not load: ${await icon.getAttribute('src')}`));
  assert.match(await header.innerText(), /MCP Switchboard[\s\S]*Preview/, 'name and Preview badge in the header');
  const categories = await page.locator('.extension-editor .categories-container .category').allInnerTexts();
  assert.deepEqual(categories.map(c => c.trim()), ['AI', 'Chat', 'Debuggers']);

  const frame = await until(page, 'the README webview', async () => (await vscode.webviewFrames(`img[alt^="${SHOTS[0]}"]`))[0], 30_000);
  for (const alt of SHOTS) assert.equal(await frame.locator(`img[alt^="${alt}"]`).count(), 1, `README image "${alt}…"`);
  await screenshot('extension-page');
  // Leave the workbench as the next scenario expects it: no extension editor, the Explorer in the side bar.
  await vscode.runCommand('View: Close All Editors');
  await vscode.runCommand('View: Show Explorer');
}
