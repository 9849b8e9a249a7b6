import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { Client, InsufficientScopeError, StreamableHTTPClientTransport, computeScopeUnion } from '@modelcontextprotocol/client';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { browse } from '../../fixtures/oauth/fetchBrowser.mjs';
import { MemoryOAuthStore, type StoredTokenRecord } from '../../../src/core/oauth/oauthStore';
import { OAuthFailure } from '../../../src/core/oauth/oauthFailure';
import { oauthStepRecord, type OAuthFlowStep } from '../../../src/core/oauth/flowSteps';
import { signIn } from '../../../src/mcp/oauth/signIn';
import { SwitchboardOAuthProvider, signOutOf } from '../../../src/mcp/oauth/switchboardOAuthProvider';

/** The user's browser: signs in and agrees on the authorization server's pages, then lands on our loopback redirect. */
const headlessBrowser = async (url: URL) => { void browse(url.href); };

async function connect(fx: OAuthFixture, provider: SwitchboardOAuthProvider): Promise<Client> {
  const client = new Client({ name: 'oauth-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(new StreamableHTTPClientTransport(new URL(fx.mcpUrl), { authProvider: provider, onInsufficientScope: 'throw' }));
  return client;
}

async function callTool(fx: OAuthFixture, provider: SwitchboardOAuthProvider, name: string, args: Record<string, unknown>): Promise<string> {
  const client = await connect(fx, provider);
  try {
    const result = await client.callTool({ name, arguments: args });
    return (result.content as Array<{ text: string }>)[0].text;
  } finally {
    await client.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try { await p; } catch (e) { return e; }
  assert.fail('expected a rejection');
}

async function currentRecord(store: MemoryOAuthStore, fx: OAuthFixture): Promise<StoredTokenRecord> {
  const record = await new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }).currentRecord();
  assert.ok(record, 'tokens are stored');
  return record;
}

describe('OAuth sign-in against a real authorization server (oidc-provider)', function () {
  this.timeout(30_000);
  let fx: OAuthFixture;
  afterEach(async () => { await fx?.close(); });

  it('signs in by dynamic registration with PKCE, then calls a tool with the JWT access token', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    const result = await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: headlessBrowser });
    assert.equal(result.authorizationServer, fx.issuer);
    assert.equal(result.scope, 'mcp:read', 'the scope comes from the 401 challenge');
    assert.equal(fx.stats.registrations, 1);
    assert.equal(fx.stats.authorizationCodeGrants, 1);
    assert.equal(await callTool(fx, new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }), 'echo', { text: 'hi' }), 'hi');
    // The registration is remembered per authorization server: a second sign-in does not register again.
    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: headlessBrowser });
    assert.equal(fx.stats.registrations, 1);
  });

  it('uses a pre-registered client (no registration) and keys its tokens by issuer, client and resource', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    await signIn({ serverUrl: fx.mcpUrl, store, client: fx.preRegistered, openBrowser: headlessBrowser });
    assert.equal(fx.stats.registrations, 0);
    const keys = await store.keys();
    assert.ok(keys.some(k => k.includes(`|${fx.issuer}|${fx.preRegistered.clientId}|${fx.mcpUrl}`)), keys.join('\n'));
    const provider = new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store, client: fx.preRegistered });
    assert.equal(await callTool(fx, provider, 'whoami', {}), 'alice');
  });

  it('refreshes the access token before it expires, and after a 401', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: headlessBrowser });
    const first = await currentRecord(store, fx);
    assert.ok(first.tokens.refresh_token, 'a refresh token was issued');
    // A clock 599 s later: the 600 s token is within the refresh margin.
    const later = new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store, now: () => Date.now() + 599_000 });
    assert.equal(await callTool(fx, later, 'echo', { text: 'fresh' }), 'fresh');
    assert.equal(fx.stats.refreshGrants, 1);
    const refreshed = await currentRecord(store, fx);
    assert.notEqual(refreshed.tokens.access_token, first.tokens.access_token);

    // A token the server no longer accepts: the 401 refreshes it and the request is sent again.
    await store.set((await store.keys()).find(k => k.includes('.tokens|'))!, JSON.stringify({ ...refreshed, tokens: { ...refreshed.tokens, access_token: 'revoked' } }));
    assert.equal(await callTool(fx, new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }), 'echo', { text: 'again' }), 'again');
    assert.equal(fx.stats.refreshGrants, 2);
  });

  it('steps up on 403 insufficient_scope by signing in once more with the union of the scopes', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: headlessBrowser });
    const provider = new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store });
    const refused = await rejection(callTool(fx, provider, 'write_note', { text: 'x' }));
    assert.ok(refused instanceof InsufficientScopeError, String(refused));
    assert.equal(refused.requiredScope, 'mcp:read mcp:write');
    const current = (await currentRecord(store, fx)).tokens.scope;
    await signIn({ serverUrl: fx.mcpUrl, store, scope: computeScopeUnion(current, refused.requiredScope), openBrowser: headlessBrowser });
    assert.equal(await callTool(fx, new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }), 'write_note', { text: 'x' }), 'noted: x');
    assert.equal(fx.stats.insufficientScope, 1);
  });

  it('refuses an authorization response whose iss is not the authorization server (RFC 9207)', async () => {
    fx = await startOAuthFixture({ tamperIss: true });
    const store = new MemoryOAuthStore();
    const e = await rejection(signIn({ serverUrl: fx.mcpUrl, store, openBrowser: headlessBrowser }));
    assert.ok(e instanceof OAuthFailure);
    assert.equal(e.reason, 'issuer-mismatch');
    assert.equal(fx.stats.authorizationCodeGrants, 0, 'the code was never redeemed');
    assert.equal(await new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }).currentRecord(), undefined);
  });

  it('says to configure a clientId when the authorization server refuses registration', async () => {
    fx = await startOAuthFixture({ refuseRegistration: true });
    const steps: OAuthFlowStep[] = [];
    const e = await rejection(signIn({ serverUrl: fx.mcpUrl, store: new MemoryOAuthStore(), openBrowser: headlessBrowser, onStep: s => steps.push(s) }));
    assert.ok(e instanceof OAuthFailure);
    assert.equal(e.reason, 'registration-refused');
    assert.match(e.message, /"oauth": \{ "clientId"/);
    assert.deepEqual(steps.map(s => s.kind), ['resource-challenge', 'resource-metadata', 'authorization-server-metadata', 'registration']);
    assert.equal(steps.at(-1)!.status, 403);
    assert.equal(steps.at(-1)!.error, 'access_denied');
    // In the inspector only the refusal reads as an error; the 401 challenge that starts every sign-in does not.
    const statuses = steps.map(step => oauthStepRecord('remote', step).status ?? 'ok');
    assert.deepEqual(statuses, ['ok', 'ok', 'ok', 'error']);
  });

  it('takes any free port when the preferred loopback port is busy', async () => {
    fx = await startOAuthFixture();
    const busy: Server = createServer();
    await new Promise<void>(r => busy.listen(0, '127.0.0.1', r));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const result = await signIn({ serverUrl: fx.mcpUrl, store: new MemoryOAuthStore(), preferredPort: busyPort, openBrowser: headlessBrowser });
      assert.notEqual(new URL(result.redirectUrl).port, String(busyPort));
      assert.equal(fx.stats.authorizationCodeGrants, 1);
    } finally {
      busy.close();
    }
  });

  it('cancels mid-flow: the sign-in ends with `cancelled` and the loopback listener is closed', async () => {
    fx = await startOAuthFixture();
    const abort = new AbortController();
    let redirect: string | undefined;
    const e = await rejection(signIn({
      serverUrl: fx.mcpUrl, store: new MemoryOAuthStore(), signal: abort.signal,
      openBrowser: async url => { redirect = url.searchParams.get('redirect_uri') ?? undefined; abort.abort(); },
    }));
    assert.ok(e instanceof OAuthFailure);
    assert.equal(e.reason, 'cancelled');
    assert.ok(redirect);
    await assert.rejects(fetch(redirect), 'nothing listens on the redirect any more');
  });

  it('signs out: the tokens are gone and the next connection needs a sign-in', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: headlessBrowser });
    assert.equal(await signOutOf(store, fx.mcpUrl), 1);
    const e = await rejection(connect(fx, new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store })));
    const failure = [e, (e as Error).cause].find(x => x instanceof OAuthFailure);
    assert.ok(failure instanceof OAuthFailure, String(e));
    assert.equal(failure.reason, 'needs-sign-in');
  });
});
