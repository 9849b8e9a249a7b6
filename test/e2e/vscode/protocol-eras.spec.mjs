// Both MCP eras in the UI: the demo server (SDK v2) speaks 2026-07-28 and its row says so, the echo fixture speaks
// 2025-11-25; the inspector filters by protocol and shows the version in a record's details.
// Screenshots: protocol-tree.png, protocol-inspector.png.
import { CONTAINER, openInspector, untilText } from '../harness/switchboard.mjs';

export const name = 'Protocol eras: the tree row names 2026-07-28, the inspector filters and shows the protocol';

export async function run({ page, vscode, screenshot, assert }) {
  await vscode.openViewContainer(CONTAINER);
  const demo = await vscode.waitForRow('demo', { level: 1 });
  // The row names the era as soon as the server is connected, its tool count once the tools are listed.
  await untilText(page, 'the demo row to name its protocol and tools', demo, /stdio · 2026-07-28 · \d+ tools/);
  const echoText = await (await vscode.waitForRow('echo', { level: 1 })).innerText();
  assert.doesNotMatch(echoText, /2026-07-28/);
  await vscode.hoverTooltip(demo, '2026 era');
  await screenshot('protocol-tree');

  const frame = await openInspector(page, vscode);
  await frame.locator('#f-protocol').selectOption('2026-07-28');
  const rows = frame.locator('.row:not([hidden])', { hasText: 'tools/list' });
  const row = rows.first();
  await untilText(page, 'a 2026-07-28 tools/list row of demo', row, /demo/);
  await row.click();
  const detail = await untilText(page, 'the Protocol field', frame.locator('body'), /Protocol\s*2026-07-28/);
  assert.ok(detail);
  await screenshot('protocol-inspector');
}
