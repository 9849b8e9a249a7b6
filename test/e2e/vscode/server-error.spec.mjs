// A server whose command does not exist shows an error in the Servers view (not a silent empty node).
import { CONTAINER, showsError } from '../harness/switchboard.mjs';

export const name = 'Servers tree: a server with a missing command shows an error';

export async function run({ page, vscode, screenshot, assert }) {
  await vscode.openViewContainer(CONTAINER);
  const row = await vscode.waitForRow('missing', { level: 1 });
  let seen;
  const deadline = Date.now() + 30_000;
  for (;;) {
    seen = await vscode.describeRow(row);
    if (showsError(seen)) break;
    if (Date.now() > deadline) assert.fail(`server "missing" shows no error after 30 s: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(250);
  }
  // Expanded, the row shows the reason; hovered, its tooltip.
  if ((await row.getAttribute('aria-expanded')) === 'false') await vscode.expand('missing', { level: 1 });
  await vscode.hoverTooltip(row, 'missing');
  await screenshot('tree-error');
}
