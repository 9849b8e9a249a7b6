// Issue 14 item 6: next to VS Code's own MCP client, with the default settings, the demo server of .vscode/mcp.json is
// shown as "run by VS Code" and not started by Switchboard; one click (palette) moves it to Switchboard.
// Runs a second code-server with the default settings (the runner's profile sets vscodeServers: switchboard).
// Screenshots: test-results/ui/coexist-default.png, test-results/ui/coexist-switchboard.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startCodeServer, writeUserSettings } from '../../../scripts/lib/code-server.mjs';
import { demoServerJs, repoRoot } from '../../../scripts/lib/paths.mjs';
import { workbench } from '../harness/workbench.mjs';

export const name = 'Coexistence: VS Code runs its mcp.json servers by default; one click runs them in Switchboard';

export async function run({ page: firstPage, workspaceDir, assert, log }) {
  const tmp = join(dirname(workspaceDir), 'coexist-run');
  const folder = join(tmp, 'workspace');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'mcp.json'), JSON.stringify({ servers: { demo: { type: 'stdio', command: 'node', args: [demoServerJs] } } }, null, 2));
  const userDataDir = join(tmp, 'user-data');
  writeUserSettings(userDataDir, { 'mcpSwitchboard.vscodeServers': undefined, 'chat.mcp.autostart': undefined });
  const cs = await startCodeServer({
    folder, userDataDir, extensionsDir: join(dirname(workspaceDir), 'extensions'), xdgDir: join(tmp, 'xdg'),
    trust: true, smokeTestDriver: false, logFile: join(tmp, 'code-server.log'), reconnectionGraceSeconds: 5,
  });
  const page = await firstPage.context().newPage();
  const shot = async file => { mkdirSync(join(repoRoot, 'test-results', 'ui'), { recursive: true }); await page.screenshot({ path: join(repoRoot, 'test-results', 'ui', `${file}.png`) }); };
  const waitForDescription = async (row, pattern) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const seen = await vscode.describeRow(row);
      if (pattern.test(`${seen.description} ${seen.ariaLabel}`)) return seen;
      if (Date.now() > deadline) assert.fail(`demo row does not match ${pattern}: ${JSON.stringify(seen)}`);
      await page.waitForTimeout(250);
    }
  };
  const vscode = workbench(page);
  try {
    await page.goto(cs.url(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await vscode.ready();
    await page.keyboard.press('Escape');
    await vscode.openViewContainer('MCP Switchboard');
    let row = await vscode.waitForRow('demo', { level: 1 });
    const seen = await waitForDescription(row, /run by VS Code/);
    assert.match(seen.icons, /codicon-vscode/);
    await vscode.hoverTooltip(row, 'run by VS Code');
    await shot('coexist-default');
    log('screenshot: test-results/ui/coexist-default.png');

    await page.mouse.move(700, 500);
    await vscode.runCommand("Run VS Code's MCP Servers in Switchboard");
    row = await vscode.waitForRow('demo', { level: 1 });
    await waitForDescription(row, /\d+ tools?/);
    await vscode.hoverTooltip(row, 'demo');
    await shot('coexist-switchboard');
    log('screenshot: test-results/ui/coexist-switchboard.png');
  } finally {
    await page.close().catch(() => {});
    await cs.stop();
  }
}
