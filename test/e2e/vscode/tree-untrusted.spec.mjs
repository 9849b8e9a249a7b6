// Issue 5 (sidebar): the Servers tree in an untrusted workspace. Runs a second code-server with workspace trust on
// (the runner's one disables it), the same installed VSIX, and a folder it never trusted (restricted mode).
// Screenshot: test-results/ui/tree-state-untrusted.png.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer, writeUserSettings } from '../../../scripts/lib/code-server.mjs';
import { repoRoot } from '../../../scripts/lib/paths.mjs';
import { workbench } from '../harness/workbench.mjs';

export const name = 'Servers tree: an untrusted workspace shows its servers as untrusted, not started';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'servers');

export async function run({ page: firstPage, workspaceDir, assert, log }) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const untrustedSupport = manifest.capabilities?.untrustedWorkspaces?.supported;
  const tmp = join(dirname(workspaceDir), 'untrusted-run');
  const folder = join(tmp, 'workspace');
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'mcp.json'), JSON.stringify({ servers: { echo: { type: 'stdio', command: 'node', args: [join(fixtures, 'echo.mjs')] } } }, null, 2));
  const userDataDir = join(tmp, 'user-data');
  // Restricted mode without the startup trust dialog: the folder simply stays untrusted.
  writeUserSettings(userDataDir, { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' });
  const cs = await startCodeServer({
    folder, userDataDir, extensionsDir: join(dirname(workspaceDir), 'extensions'), xdgDir: join(tmp, 'xdg'),
    trust: false, smokeTestDriver: false, logFile: join(tmp, 'code-server.log'), reconnectionGraceSeconds: 5,
  });
  const page = await firstPage.context().newPage();
  try {
    await page.goto(cs.url(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const vscode = workbench(page);
    await vscode.ready();
    // The runner's `screenshot` shoots its own page; this scenario has a page of its own.
    const shot = async file => { mkdirSync(join(repoRoot, 'test-results', 'ui'), { recursive: true }); await page.screenshot({ path: join(repoRoot, 'test-results', 'ui', `${file}.png`) }); };
    await page.keyboard.press('Escape');
    const container = page.locator('.part.activitybar a.action-label[aria-label^="MCP Switchboard"]');
    await container.first().waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
    if (!untrustedSupport || !(await container.count())) {
      await shot('tree-state-untrusted');
      log(`NOT CHECKED: the Servers view is absent in restricted mode (capabilities.untrustedWorkspaces.supported = ${JSON.stringify(untrustedSupport)}). The screenshot shows restricted mode.`);
      return;
    }
    await vscode.openViewContainer('MCP Switchboard');
    const row = await vscode.waitForRow('echo', { level: 1 });
    const deadline = Date.now() + 20_000;
    let seen;
    for (;;) {
      seen = await vscode.describeRow(row);
      if (/untrusted/i.test(`${seen.description} ${seen.ariaLabel}`)) break;
      if (Date.now() > deadline) assert.fail(`server echo is not shown as untrusted: ${JSON.stringify(seen)}`);
      await page.waitForTimeout(250);
    }
    assert.match(seen.icons, /codicon-shield/);
    await vscode.expand('echo', { level: 1 }).catch(() => {});
    await vscode.hoverTooltip(row, 'echo');
    await shot('tree-state-untrusted');
    log('screenshot: test-results/ui/tree-state-untrusted.png');
  } finally {
    await page.close().catch(() => {});
    await cs.stop();
  }
}
