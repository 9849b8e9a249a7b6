import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { parseCliArgs, UsageError } from '../../../src/cli/parseArgs';
import { runCli } from './runCli';

const browserLeg = join(process.cwd(), 'test/fixtures/oauth/browser-leg.mjs');

/** Runs the CLI asynchronously: the authorization server lives in this process and must keep answering. */
const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env).then(r => ({ status: r.code, stdout: r.stdout, stderr: r.stderr }));

describe('CLI OAuth sign-in', function () {
  this.timeout(60_000);
  let fx: OAuthFixture;
  let home: string;
  beforeEach(() => { home = mkdtempSync(join(tmpdir(), 'mcpsb-cli-oauth-')); });
  afterEach(async () => { await fx?.close(); rmSync(home, { recursive: true, force: true }); });

  it('parses the OAuth options and refuses --client-credentials without a client', () => {
    const cmd = parseCliArgs(['tools', 'https://a.example/mcp', '--client-id', 'c', '--client-secret', 's', '--scope', 'a b', '--no-token-cache']);
    assert.deepEqual([cmd.clientId, cmd.clientSecret, cmd.scope, cmd.tokenCache, cmd.clientCredentials], ['c', 's', 'a b', false, false]);
    assert.throws(() => parseCliArgs(['tools', 'https://a.example/mcp', '--client-credentials']), (e: Error) => e instanceof UsageError && /needs --client-id and --client-secret/.test(e.message));
  });

  it('takes --redirect-port for a client registered with an exact-port redirect, and refuses a non-port', () => {
    assert.equal(parseCliArgs(['tools', 'https://a.example/mcp', '--redirect-port', '33418']).redirectPort, 33418);
    assert.equal(parseCliArgs(['tools', 'https://a.example/mcp']).redirectPort, undefined);
    assert.throws(() => parseCliArgs(['tools', 'https://a.example/mcp', '--redirect-port', 'abc']), (e: Error) => e instanceof UsageError && /--redirect-port takes a port number/.test(e.message));
  });

  it('signs in through $BROWSER and a loopback redirect, calls a tool, and reuses the 0600 token cache next time', async () => {
    fx = await startOAuthFixture();
    const first = await cli(['call', fx.mcpUrl, 'echo', '--args', '{"text":"via browser"}'], { BROWSER: `${process.execPath} ${browserLeg}`, XDG_CONFIG_HOME: home });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /needs you to sign in at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(first.stdout, /via browser/);
    const cache = join(home, 'mcp-switchboard', 'oauth-tokens.json');
    assert.equal(statSync(cache).mode & 0o777, 0o600);
    assert.equal(fx.stats.authorizationCodeGrants, 1);

    const second = await cli(['tools', fx.mcpUrl], { BROWSER: 'false', XDG_CONFIG_HOME: home });
    assert.equal(second.status, 0, second.stderr);
    assert.ok((JSON.parse(second.stdout) as Array<{ name: string }>).some(t => t.name === 'write_note'));
    assert.doesNotMatch(second.stderr, /needs you to sign in/);
    assert.equal(fx.stats.authorizationCodeGrants, 1, 'the cached token was used, no new sign-in');
    const tokens = Object.values(JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>).join('\n');
    for (const out of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      for (const token of tokens.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g) ?? []) assert.ok(!out.includes(token), 'no token in CLI output');
    }
  });

  it('signs in with client credentials (no browser, no cache file with --no-token-cache) and calls a tool', async () => {
    fx = await startOAuthFixture();
    const r = await cli(['call', fx.mcpUrl, 'whoami', '--client-id', fx.machine.clientId, '--client-secret', fx.machine.clientSecret, '--client-credentials', '--no-token-cache'],
      { BROWSER: 'false', XDG_CONFIG_HOME: home });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(fx.machine.clientId));
    assert.equal(fx.stats.clientCredentialsGrants, 1);
    assert.ok(!existsSync(join(home, 'mcp-switchboard')), 'no token cache was written');
    assert.ok(!`${r.stdout}${r.stderr}`.includes(fx.machine.clientSecret), 'the client secret is never printed');
  });
});
