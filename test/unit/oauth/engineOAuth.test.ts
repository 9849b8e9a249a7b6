import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/connection/engine';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { browse } from '../../fixtures/oauth/fetchBrowser.mjs';
import { MemoryOAuthStore } from '../../../src/core/oauth/oauthStore';
import { McpFailure } from '../../../src/core/connection/failure';
import { startHttpFixture } from '../../fixtures/servers/index';
import { signIn } from '../../../src/mcp/oauth/signIn';
import { entry, testEngine, waitForCatalog, waitForState } from '../engine/helpers';

describe('engine: remote servers behind OAuth', function () {
  this.timeout(30_000);
  let fx: OAuthFixture;
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); await fx?.close(); });

  it('reports "needs you to sign in" without opening a browser, and connects with the tokens after Sign In', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, oauth: { store } } });
    await engine.apply([entry('remote', { type: 'http', url: fx.mcpUrl }, { restart: 'never' })]);
    await waitForState(engine, 'remote', 'error');
    const state = engine.get('remote')!.state;
    assert.ok(state.kind === 'error');
    assert.equal(state.failure, 'needs-sign-in', 'typed, so the tree offers Sign In');
    assert.match(state.reason, /needs you to sign in/);
    assert.match(state.reason, new RegExp(`authorization server ${fx.issuer.replaceAll('.', '\\.')}`));

    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: async url => { void browse(url.href); } });
    await engine.restart('remote');
    await waitForCatalog(engine, 'remote', s => s.catalog.tools.some(t => t.name === 'echo'), 'tools listed');
    const result = await engine.callTool('remote', 'echo', { text: 'signed in' });
    assert.equal((result.content as Array<{ text: string }>)[0].text, 'signed in');
  });

  it('steps up once: a 403 insufficient_scope fails the call naming the scope, and the next Sign In asks for the union', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: async url => { void browse(url.href); } });
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, oauth: { store } } });
    await engine.apply([entry('remote', { type: 'http', url: fx.mcpUrl }, { restart: 'never' })]);
    await waitForCatalog(engine, 'remote', s => s.catalog.tools.some(t => t.name === 'write_note'), 'tools listed');
    const refused = await engine.callTool('remote', 'write_note', { text: 'x' }).then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof McpFailure, String(refused));
    assert.equal(refused.kind, 'auth-refused');
    assert.match(refused.message, /mcp:write/);

    let asked: string | null = null;
    await signIn({ serverUrl: fx.mcpUrl, store, openBrowser: async url => { asked = url.searchParams.get('scope'); void browse(url.href); } });
    assert.match(String(asked), /^mcp:read mcp:write/);
    await engine.restart('remote');
    const result = await engine.callTool('remote', 'write_note', { text: 'x' });
    assert.equal((result.content as Array<{ text: string }>)[0].text, 'noted: x');
    assert.equal(fx.stats.insufficientScope, 1);
  });

  it('a 401 from a server without OAuth metadata still says the credentials were refused', async () => {
    const plain = await startHttpFixture('http-hostile.mjs');
    try {
      await fetch(`${plain.url}/admin/fail?status=401&count=100`, { method: 'POST' });
      engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, oauth: { store: new MemoryOAuthStore() } } });
      await engine.apply([entry('plain', { type: 'http', url: `${plain.url}/mcp` }, { restart: 'never' })]);
      await waitForState(engine, 'plain', 'error');
      const state = engine.get('plain')!.state;
      assert.ok(state.kind === 'error');
      assert.match(state.reason, /HTTP 401/);
      assert.notEqual(state.failure, 'needs-sign-in');
    } finally {
      await engine.dispose();
      await plain.close();
    }
  });

  it('a refused registration on start says so and says to configure a clientId (not "sign-in failed" with the SDK wording)', async () => {
    fx = await startOAuthFixture({ refuseRegistration: true });
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, oauth: { store: new MemoryOAuthStore() } } });
    await engine.apply([entry('refusing', { type: 'http', url: fx.mcpUrl }, { restart: 'never' })]);
    await waitForState(engine, 'refusing', 'error');
    const state = engine.get('refusing')!.state;
    assert.ok(state.kind === 'error');
    assert.match(state.reason, /refused to register MCP Switchboard as a client/);
    assert.match(state.reason, /"clientId"/);
  });

  it('says a static Authorization header was refused, and starts no OAuth', async () => {
    fx = await startOAuthFixture();
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, oauth: { store: new MemoryOAuthStore() } } });
    await engine.apply([entry('static', { type: 'http', url: fx.mcpUrl, headers: { Authorization: 'Bearer wrong-token-value' } }, { restart: 'never' }, ['wrong-token-value'])]);
    await waitForState(engine, 'static', 'error');
    const state = engine.get('static')!.state;
    assert.ok(state.kind === 'error');
    assert.match(state.reason, /refused the Authorization header from the configuration \(HTTP 401\)/);
    assert.match(state.reason, /No OAuth sign-in was started/);
    assert.equal(state.failure, 'auth-refused');
    assert.equal(fx.stats.registrations, 0);
  });
});
