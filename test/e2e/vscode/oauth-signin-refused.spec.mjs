// OAuth (issue 11), a failed sign-in as a user sees it: the authorization server refuses dynamic registration; the tree
// shows the server's start failing for that reason; Sign In from the tree ends in an error that says what to do (configure a clientId), and the traffic inspector, filtered to
// kind "auth", reads the flow step by step (metadata fetches, then the refused registration).
// Screenshots: oauth-refused-tree.png, oauth-refused-error.png, oauth-refused-inspector.png.
import { withServersInMcpJson, CONTAINER, contextMenu, openInspector, until } from '../harness/switchboard.mjs';
import { startOAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';

export const name = 'OAuth: a refused registration fails with a clear message and the inspector shows the auth steps';

const SERVER = 'oauth-refused';

export async function run({ page, vscode, workspaceDir, screenshot, assert }) {
  const fx = await startOAuthFixture({ refuseRegistration: true });
  try {
    await withServersInMcpJson({ page, vscode, workspaceDir }, { [SERVER]: { type: 'http', url: fx.mcpUrl } }, async () => {
      await vscode.openViewContainer(CONTAINER);
      // Connecting already registers (before any browser): the start fails with the reason and its remedy.
      const serverRow = await vscode.waitForRow(SERVER, { level: 1, timeoutMs: 45_000 });
      await vscode.expand(SERVER, { level: 1 });
      const problem = page.locator('.part.sidebar .monaco-list-row[aria-level="2"]', { hasText: /refused to register/ }).first();
      await problem.waitFor({ state: 'visible', timeout: 45_000 });
      await screenshot('oauth-refused-tree');
      await contextMenu(page, serverRow, 'Sign In to Server…');
      const error = page.locator('.notifications-toasts .notification-toast', { hasText: /refused to register/ }).first();
      await error.waitFor({ state: 'visible', timeout: 30_000 });
      const errorText = await error.innerText();
      assert.match(errorText, /clientId/, `the error says to configure a clientId: ${errorText}`);
      assert.equal(fx.stats.authorizationCodeGrants, 0);
      await screenshot('oauth-refused-error');

      const frame = await openInspector(page, vscode);
      await frame.locator('#f-server').selectOption(SERVER);
      await frame.locator('#f-kind').selectOption('auth');
      const authRows = frame.locator('.row:not([hidden])', { hasText: 'oauth/' });
      // Each shown row's METHOD and STATUS cells, as the grid wrote them. Waiting on the steps themselves, not on a row
      // count: CI once read four auth rows whose innerText was still empty.
      let steps = [];
      await until(page, 'the auth steps', async () => {
        steps = await authRows.evaluateAll(rows => rows.map(r => `${r.querySelector('.c5')?.textContent} ${r.querySelector('.c7')?.textContent}`.trim()));
        return steps.some(s => /^oauth\/[\w-]*metadata$/.test(s)) && steps.includes('oauth/registration error');
      }).catch(e => { throw new Error(`${e.message}: the inspector shows ${JSON.stringify(steps)}`); });
      // The flow in order: the resource's challenge, its metadata, the authorization server's, the refused registration.
      assert.deepEqual(steps.slice(0, 4), ['oauth/resource-challenge', 'oauth/resource-metadata', 'oauth/authorization-server-metadata', 'oauth/registration error']);
      await authRows.last().click();
      await screenshot('oauth-refused-inspector');
    });
  } finally {
    await fx.close();
  }
}
