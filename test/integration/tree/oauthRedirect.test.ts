import * as assert from 'node:assert/strict';
import { editorRedirectStrategy } from '../../../src/commands/oauthCommands';
import { startLoopbackRedirect } from '../../../src/mcp/oauth/loopbackRedirect';
import { chooseRedirect } from '../../../src/mcp/oauth/redirectStrategy';

// The integration host is code-server: a window whose browser may run on another machine than the extension host.
describe('OAuth sign-in redirect in code-server (a remote window)', function () {
  this.timeout(60_000);

  it('goes through code-server\'s port proxy and reaches the extension host\'s loopback listener', async () => {
    const loopback = await startLoopbackRedirect();
    try {
      const choice = await chooseRedirect(loopback.redirectUrl, editorRedirectStrategy());
      const port = new URL(loopback.redirectUrl).port;
      assert.equal(choice.kind, 'external', `asExternalUri mapped ${loopback.redirectUrl} to ${choice.redirectUrl}`);
      assert.match(choice.redirectUrl, new RegExp(`/proxy/${port}/callback$`));
      const arrived = loopback.waitForCallback();
      // What the authorization server's redirect makes the user's browser request.
      const response = await fetch(`${choice.redirectUrl}?code=the-code&state=the-state`);
      assert.equal(response.status, 200, await response.text());
      assert.equal((await arrived).get('state'), 'the-state');
    } finally {
      loopback.close();
    }
  });
});
