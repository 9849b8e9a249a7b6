// Issue 5 (sidebar): a folder without servers shows the welcome view (Add Server, Import Servers, Try the Demo
// Server); clicking Try the Demo Server adds the bundled demo server, which connects and shows its tools.
// Screenshots: test-results/ui/tree-welcome.png, tree-demo-server.png.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const name = 'Servers tree: welcome view, then Try the Demo Server';

export async function run({ page, vscode, workspaceDir, screenshot, assert, log, codeServer }) {
  const folder = join(dirname(workspaceDir), 'tree-empty-workspace');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'README.md'), '# A folder without MCP servers\n');
  await page.goto(codeServer.url({ folder }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await vscode.ready();
  await vscode.openViewContainer('MCP Switchboard');

  const welcome = page.locator('.part.sidebar .welcome-view-content');
  await welcome.waitFor({ state: 'visible', timeout: 30_000 });
  const buttons = await welcome.locator('.monaco-button').allInnerTexts();
  assert.deepEqual(buttons.map(b => b.trim()), ['Add Server', 'Import Servers', 'Try the Demo Server']);
  await page.mouse.move(700, 500);
  await vscode.noHover();
  await vscode.settled(welcome);
  await screenshot('tree-welcome');

  await welcome.locator('.monaco-button', { hasText: 'Try the Demo Server' }).click();
  const row = await vscode.waitForRow('switchboard-demo', { level: 1, timeoutMs: 30_000 });
  const deadline = Date.now() + 30_000;
  let seen;
  for (;;) {
    seen = await vscode.describeRow(row);
    if (/tools/.test(seen.description) && /pass-filled/.test(seen.icons)) break;
    if (Date.now() > deadline) assert.fail(`the demo server did not connect: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(250);
  }
  log(`demo server: ${seen.description}`);
  const config = JSON.parse(readFileSync(join(folder, '.vscode', 'mcp.json'), 'utf8'));
  assert.ok(config.servers['switchboard-demo'], 'written to .vscode/mcp.json');
  await vscode.expand('switchboard-demo', { level: 1 });
  await vscode.expand('Tools', { level: 2 });
  const tool = await vscode.waitForRow('Echo', { level: 3 });
  const described = await vscode.describeRow(tool);
  assert.match(described.icons, /codicon-eye/, 'a read-only tool shows the eye icon');
  assert.match(described.ariaLabel, /read-only, idempotent/, 'annotations in the screen-reader label');
  assert.doesNotMatch(described.description, /\[/, 'no tag prefix pushes the description out');
  await vscode.hoverTooltip(tool, 'echo');
  await screenshot('tree-demo-server');
}
