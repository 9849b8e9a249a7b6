import * as assert from 'node:assert/strict';
import { startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { parseConfigText } from '../../../src/core/config/parse';
import { resolveConfig } from '../../../src/core/config/resolve';
import { testEngine, timed, waitForState } from './helpers';

/** Secrets in a server URL (userinfo, secret-named query values) never reach a log line, a state reason or an error. */
describe('engine: secrets in server URLs', () => {
  let engine: Engine;
  let fx: HttpFixture;
  afterEach(async () => {
    await engine?.dispose();
    await fx?.close();
  });

  async function resolvedEntry(url: string) {
    const parsed = parseConfigText(JSON.stringify({ servers: { remote: { type: 'http', url } } }), { kind: 'user', format: 'vscode', label: 'User', file: '/home/me/mcp.json' });
    return (await resolveConfig(parsed, { env: {}, userHome: '/home/me', platform: 'linux' })).entries;
  }

  it('userinfo in the URL: the fetch error that quotes the URL is redacted in the state, the log and the thrown error', async () => {
    fx = await startHttpFixture('http-hostile.mjs');
    const logs: string[] = [];
    engine = testEngine();
    engine.onDidLog(l => logs.push(l.message));
    const url = fx.url.replace('http://', 'http://bob:USERINFOSECRET@') + '/mcp?api_key=QUERYSECRET1';
    await engine.apply(await resolvedEntry(url));
    await engine.whenStarted();
    const started = await timed(engine.start('remote'));
    await waitForState(engine, 'remote', ['error', 'waiting-to-retry', 'running']);
    const state = engine.get('remote')!;
    const visible = JSON.stringify([state.state, state.lastError, started.error?.message, logs]);
    assert.ok(logs.some(l => l.startsWith('Starting')), 'the Starting line was logged');
    assert.doesNotMatch(visible, /USERINFOSECRET|QUERYSECRET1/);
  });

  it('a secret-named query value never appears in the Starting line, and a call error is redacted', async () => {
    fx = await startHttpFixture('http-hostile.mjs');
    const logs: string[] = [];
    engine = testEngine();
    engine.onDidLog(l => logs.push(l.message));
    await engine.apply(await resolvedEntry(`${fx.url}/mcp?access_token=QUERYSECRET2&v=1`));
    await engine.whenStarted();
    await engine.start('remote');
    const failed = await timed(engine.callTool('remote', 'echo', { text: 'QUERYSECRET2' }));
    assert.ok(!failed.error, 'the call itself works');
    const starting = logs.find(l => l.startsWith('Starting'))!;
    assert.match(starting, /access_token=/);
    assert.doesNotMatch(starting, /QUERYSECRET2/);
    assert.ok(!JSON.stringify(engine.traffic.records()).includes('QUERYSECRET2'), 'records are redacted too');
  });
});
