import * as assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { browse } from '../../fixtures/oauth/fetchBrowser.mjs';
import { MemoryOAuthStore } from '../../../src/core/oauth/oauthStore';
import { signIn } from '../../../src/mcp/oauth/signIn';
import { SwitchboardOAuthProvider } from '../../../src/mcp/oauth/switchboardOAuthProvider';
import { chooseRedirect, redirectUriMatches } from '../../../src/mcp/oauth/redirectStrategy';

/** Like code-server's port proxy: `/proxy/PORT/rest` on its own port reaches `127.0.0.1:PORT/rest`. */
async function startPortProxy(): Promise<{ server: Server; origin: string; hits: number }> {
  const proxy = { server: createServer(), origin: '', hits: 0 };
  proxy.server.on('request', (req, res) => {
    const m = /^\/proxy\/(\d+)(\/.*)$/.exec(req.url ?? '');
    if (!m) { res.writeHead(404).end(); return; }
    proxy.hits++;
    const upstream = request({ host: '127.0.0.1', port: Number(m[1]), path: m[2], method: req.method, headers: req.headers }, r => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => proxy.server.listen(0, '127.0.0.1', resolve));
  proxy.origin = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
  return proxy;
}

describe('OAuth redirect in remote windows', function () {
  this.timeout(30_000);

  describe('choosing the redirect URI', () => {
    const loopback = 'http://127.0.0.1:41234/callback';
    it('uses the loopback URL when no mapping is given (CLI) or the window is local and the mapping keeps it', async () => {
      assert.deepEqual(await chooseRedirect(loopback, undefined), { kind: 'loopback', redirectUrl: loopback });
      assert.deepEqual(await chooseRedirect(loopback, { remote: false, toExternalUrl: async u => u }), { kind: 'loopback', redirectUrl: loopback });
    });
    it('uses the mapped URL when the mapping changes it (code-server reports no remote name but proxies ports)', async () => {
      const toExternalUrl = async (u: string) => `https://ide.example.com/proxy/${new URL(u).port}/callback`;
      assert.deepEqual(await chooseRedirect(loopback, { remote: false, toExternalUrl }), { kind: 'external', redirectUrl: 'https://ide.example.com/proxy/41234/callback' });
    });
    it('keeps the callback path when the mapping drops it (code-server 4.105 maps to /proxy/PORT/)', async () => {
      const toExternalUrl = async (u: string) => `http://127.0.0.1:8080/proxy/${new URL(u).port}/`;
      assert.deepEqual(await chooseRedirect(loopback, { remote: false, toExternalUrl }), { kind: 'external', redirectUrl: 'http://127.0.0.1:8080/proxy/41234/callback' });
    });
    it('uses the mapped URL in a remote window even when it looks like a loopback URL (a forwarded port)', async () => {
      const forwarded = 'http://127.0.0.1:50000/callback';
      assert.deepEqual(await chooseRedirect(loopback, { remote: true, toExternalUrl: async () => forwarded }), { kind: 'external', redirectUrl: forwarded });
    });
    it('matches loopback IP redirects on any port (RFC 8252 §7.3), other redirects exactly', () => {
      assert.ok(redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:41234/callback'));
      assert.ok(!redirectUriMatches('http://127.0.0.1/callback', 'http://127.0.0.1:41234/other'));
      assert.ok(!redirectUriMatches('http://localhost/callback', 'http://127.0.0.1:41234/callback'));
      assert.ok(!redirectUriMatches('https://ide.example.com/proxy/1/callback', 'https://ide.example.com/proxy/2/callback'));
      assert.ok(redirectUriMatches('https://ide.example.com/proxy/1/callback', 'https://ide.example.com/proxy/1/callback'));
    });
  });

  it('registers as a native app for a loopback redirect and as a web app for a forwarded https one (OpenID registration)', () => {
    const store = new MemoryOAuthStore();
    const serverUrl = 'https://mcp.example.com/mcp';
    assert.equal(new SwitchboardOAuthProvider({ serverUrl, store, redirectUrl: 'http://127.0.0.1:41234/callback' }).clientMetadata.application_type, 'native');
    const forwarded = new SwitchboardOAuthProvider({ serverUrl, store, redirectUrl: 'https://x-41234.app.github.dev/callback' }).clientMetadata;
    assert.equal(forwarded.application_type, 'web');
    assert.deepEqual(forwarded.redirect_uris, ['https://x-41234.app.github.dev/callback']);
  });

  describe('against a real authorization server (oidc-provider) behind a code-server-like port proxy', () => {
    let fx: OAuthFixture | undefined;
    let proxy: Awaited<ReturnType<typeof startPortProxy>> | undefined;
    afterEach(async () => {
      await fx?.close();
      proxy?.server.closeAllConnections();
      proxy?.server.close();
    });

    it('registers, sends and receives the proxied redirect URI, and registers again when the proxied URL changes', async () => {
      fx = await startOAuthFixture();
      const p = await startPortProxy();
      proxy = p;
      const store = new MemoryOAuthStore();
      const sentRedirects: string[] = [];
      const options = {
        serverUrl: fx.mcpUrl, store,
        redirect: { remote: false, toExternalUrl: async (u: string) => `${p.origin}/proxy/${new URL(u).port}${new URL(u).pathname}` },
        openBrowser: async (url: URL) => { sentRedirects.push(url.searchParams.get('redirect_uri') ?? ''); void browse(url.href); },
      };
      const first = await signIn(options);
      assert.match(first.redirectUrl, new RegExp(`^${p.origin}/proxy/\\d+/callback$`));
      assert.deepEqual(fx.stats.registeredRedirectUris, [first.redirectUrl], 'the registration names the redirect the browser can reach');
      assert.deepEqual(sentRedirects, [first.redirectUrl], 'the authorization request sends the registered redirect');
      assert.equal(p.hits, 1, 'the browser came back through the proxy');

      const client = new Client({ name: 'remote-redirect-test', version: '1.0.0' }, { capabilities: {} });
      await client.connect(new StreamableHTTPClientTransport(new URL(fx.mcpUrl), { authProvider: new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }) }));
      assert.equal((await client.listTools()).tools.length, 3);
      await client.close();

      // The next sign-in listens on another port: its proxied URL differs, so the remembered registration does not fit.
      const second = await signIn(options);
      assert.notEqual(second.redirectUrl, first.redirectUrl);
      assert.equal(fx.stats.registrations, 2);
      assert.deepEqual(fx.stats.registeredRedirectUris, [first.redirectUrl, second.redirectUrl]);
      assert.deepEqual(sentRedirects, [first.redirectUrl, second.redirectUrl]);
    });
  });
});
