import * as assert from 'node:assert/strict';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { browse } from '../../fixtures/oauth/fetchBrowser.mjs';
import { MemoryOAuthStore } from '../../../src/core/oauth/oauthStore';
import { OAuthFailure } from '../../../src/core/oauth/oauthFailure';
import type { OAuthFlowStep } from '../../../src/core/oauth/flowSteps';
import { signIn } from '../../../src/mcp/oauth/signIn';

async function failure(p: Promise<unknown>): Promise<OAuthFailure> {
  try { await p; } catch (e) { assert.ok(e instanceof OAuthFailure, String(e)); return e; }
  assert.fail('expected the sign-in to fail');
}

const PIN = 'set `mcpSwitchboard.oauth.redirectPort`';

describe('OAuth redirect mismatch for a pre-registered client (oidc-provider)', function () {
  this.timeout(30_000);
  let fx: OAuthFixture;
  afterEach(async () => { await fx?.close(); });

  it('fails before opening the browser, naming the redirect URI to register, the client and the port setting', async () => {
    fx = await startOAuthFixture();
    const steps: OAuthFlowStep[] = [];
    let browserOpened = false;
    const e = await failure(signIn({
      serverUrl: fx.mcpUrl, store: new MemoryOAuthStore(), client: { clientId: fx.elsewhere.clientId, clientSecret: fx.elsewhere.clientSecret },
      pinPortHint: PIN, onStep: s => steps.push(s), openBrowser: async () => { browserOpened = true; },
    }));
    assert.equal(e.reason, 'redirect-mismatch');
    assert.equal(browserOpened, false, 'the user never lands on the authorization server\'s error page');
    assert.match(e.message, /does not accept the redirect URI http:\/\/127\.0\.0\.1:\d+\/callback for client "switchboard-elsewhere"/);
    assert.match(e.message, /Register http:\/\/127\.0\.0\.1\/callback \(loopback, any port\)/);
    assert.ok(e.message.includes(PIN), e.message);
    assert.ok(!e.message.includes(fx.elsewhere.clientSecret), 'the client secret stays out of the message');
    const preflight = steps.find(s => s.kind === 'authorization-preflight');
    assert.equal(preflight?.status, 400, 'the inspector shows the refused authorization request');
    assert.equal(fx.stats.authorizationCodeGrants, 0);
  });

  it('lets a client whose redirect URIs include ours through the check', async () => {
    fx = await startOAuthFixture();
    const steps: OAuthFlowStep[] = [];
    await signIn({ serverUrl: fx.mcpUrl, store: new MemoryOAuthStore(), client: fx.preRegistered, onStep: s => steps.push(s), openBrowser: async url => { void browse(url.href); } });
    assert.ok((steps.find(s => s.kind === 'authorization-preflight')?.status ?? 0) < 400);
    assert.equal(fx.stats.authorizationCodeGrants, 1);
  });

  it('ends with a typed timeout naming the redirect URI when the browser never comes back', async () => {
    fx = await startOAuthFixture();
    const e = await failure(signIn({ serverUrl: fx.mcpUrl, store: new MemoryOAuthStore(), callbackTimeoutMs: 200, openBrowser: async () => undefined }));
    assert.equal(e.reason, 'callback-timeout');
    assert.match(e.message, /did not come back to http:\/\/127\.0\.0\.1:\d+\/callback/);
  });
});
