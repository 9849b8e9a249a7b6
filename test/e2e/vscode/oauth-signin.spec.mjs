// OAuth (issue 11), as a user sees it: a remote server behind a real authorization server (oidc-provider, the fixture
// in test/fixtures/oauth) shows "needs sign-in" with a Sign In action; Sign In asks first, naming the server and the
// authorization server's origin; "Open Browser" makes the extension call openExternal, which opens a new page in the
// workbench's browser. The spec takes the authorization URL from that page's navigation (see `direct`) and signs in on
// the authorization server's pages with the fixture's fetch browser; the redirect comes back through code-server's port
// proxy (asExternalUri) to the extension host's loopback listener.
// The tree then shows "signed in · token expires in N min" and a tool call answers with the token.
// Screenshots: oauth-needs-sign-in.png, oauth-consent-prompt.png, oauth-signed-in.png, oauth-tool-result.png.
import { withServersInMcpJson, CONTAINER, contextMenu, expandTools, previewFrame } from '../harness/switchboard.mjs';
import { startOAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { browse } from '../../fixtures/oauth/fetchBrowser.mjs';

export const name = 'OAuth: sign in to a remote server from the tree, then its tools work';

const SERVER = 'oauth-remote';

/**
 * code-server opens a localhost URL through its own port proxy (http://HOST/proxy/PORT/…, what asExternalUri does for
 * a remote window), whose path normalization turns the unencoded `resource=http://…` into `http:/…`. The spec stops
 * that navigation, maps it back to the authorization server and takes the browser leg itself.
 */
function direct(url, issuer) {
  const u = new URL(url);
  const proxied = /^\/proxy\/(\d+)(\/.*)$/.exec(u.pathname);
  return proxied && proxied[1] === new URL(issuer).port ? `${issuer}${proxied[2]}${u.search}` : url;
}


export async function run({ page, vscode, workspaceDir, screenshot, assert, log }) {
  const fx = await startOAuthFixture();
  try {
    await withServersInMcpJson({ page, vscode, workspaceDir }, { [SERVER]: { type: 'http', url: fx.mcpUrl } }, async () => {
      await vscode.openViewContainer(CONTAINER);
      const serverRow = text => page.locator('.part.sidebar .monaco-list-row[aria-level="1"]', { hasText: SERVER }).filter({ hasText: text }).first();
      await serverRow(/needs sign-in/).waitFor({ state: 'visible', timeout: 45_000 });
      await screenshot('oauth-needs-sign-in');

      let sawAuthorizationUrl;
      const opened = new Promise(resolve => { sawAuthorizationUrl = resolve; });
      await page.context().route(url => direct(url.href, fx.issuer).startsWith(`${fx.issuer}/`), route => { sawAuthorizationUrl(direct(route.request().url(), fx.issuer)); return route.abort(); });
      const popup = page.context().waitForEvent('page', { timeout: 30_000 });
      await contextMenu(page, serverRow(/needs sign-in/), 'Sign In to Server…');
      const prompt = page.locator('.notifications-toasts .notification-toast', { hasText: `Sign in to "${SERVER}"` }).first();
      await prompt.waitFor({ state: 'visible', timeout: 30_000 });
      const promptText = await prompt.innerText();
      assert.ok(promptText.includes(new URL(fx.issuer).origin), `the prompt names the authorization server's origin: ${promptText}`);
      await screenshot('oauth-consent-prompt');
      assert.equal(fx.stats.authorizationCodeGrants, 0, 'nothing was granted before the user agreed');
      await prompt.locator('.monaco-button', { hasText: 'Open Browser' }).first().click();

      const browser = await popup;
      let timer;
      const authorizationUrl = await Promise.race([opened, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`the browser never went to the authorization server ${fx.issuer}`)), 30_000); })])
        .finally(() => clearTimeout(timer));
      log(`opened ${authorizationUrl}`);
      const params = new URL(authorizationUrl).searchParams;
      assert.equal(params.get('code_challenge_method'), 'S256');
      // code-server is a remote window: the loopback redirect goes through its port proxy, which the browser reaches.
      assert.match(params.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/proxy\/\d+\/callback$/, 'the loopback redirect through code-server\'s port proxy (asExternalUri)');
      await browser.close();
      const final = await browse(authorizationUrl);
      assert.equal(final.status, 200, `the loopback listener answered the redirect: ${final.status} ${final.body.slice(0, 200)}`);
      log('the browser leg came back to the loopback redirect');

      await serverRow(/signed in · token expires in \d+ min/).waitFor({ state: 'visible', timeout: 45_000 });
      assert.equal(fx.stats.authorizationCodeGrants, 1);
      const { rowOf } = await expandTools(vscode, SERVER, { tool: /^\s*whoami\s*$/ });
      await screenshot('oauth-signed-in');

      await contextMenu(page, rowOf(/^\s*whoami\s*$/), 'Call Tool…');
      const result = await previewFrame(page, 'alice', 45_000);
      const body = await result.evaluate(() => globalThis.document.body.innerText);
      assert.match(body, /alice/, `the tool answered for the signed-in user: ${body.slice(0, 300)}`);
      await screenshot('oauth-tool-result');
    });
  } finally {
    await page.context().unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
    await fx.close();
  }
}
