import * as assert from 'node:assert/strict';
import { startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { createServer } from 'node:net';
import { entry, testEngine, timed, waitForState } from './helpers';

const freePort = () => new Promise<number>(resolve => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });

const admin = async (fx: HttpFixture, path: string, method = 'POST') => (await fetch(`${fx.url}${path}`, { method })).json() as Promise<Record<string, number>>;

describe('engine over HTTP', () => {
  let engine: Engine;
  const fixtures: HttpFixture[] = [];
  const start = async (name: string, args: string[] = []) => { const f = await startHttpFixture(name, args); fixtures.push(f); return f; };
  afterEach(async () => {
    await engine?.dispose();
    await Promise.all(fixtures.splice(0).map(f => f.close()));
  });

  it('streamable HTTP: connects with custom headers, calls a tool, sends DELETE on close', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp`, headers: { 'X-Test': 'yes', Authorization: 'Bearer sekrit-token' } }, {}, ['sekrit-token'])]);
    await engine.whenStarted();
    const snap = engine.get('remote')!;
    assert.equal(snap.state.kind, 'running');
    assert.equal(snap.info!.transport, 'http');
    assert.ok(snap.info!.sessionId, 'an Mcp-Session-Id was recorded');
    const r = await engine.callTool('remote', 'echo', { text: 'over http' });
    assert.deepEqual(r.content, [{ type: 'text', text: 'over http' }]);
    await engine.stop('remote');
    const stats = await admin(fx, '/admin/stats', 'GET');
    assert.equal(stats.deletes, 1, 'the session was terminated with DELETE');
    assert.ok(!JSON.stringify(engine.traffic.records()).includes('sekrit-token'), 'the token never appears in records');
  });

  it('a stale session (404) is re-initialised and the request retried once', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` })]);
    await engine.whenStarted();
    const before = engine.get('remote')!.info!.sessionId;
    await admin(fx, '/admin/drop-sessions');
    const r = await engine.callTool('remote', 'echo', { text: 'after drop' });
    assert.deepEqual(r.content, [{ type: 'text', text: 'after drop' }]);
    const stats = await admin(fx, '/admin/stats', 'GET');
    assert.equal(stats.initializes, 2);
    assert.notEqual(engine.get('remote')!.info!.sessionId, before);
    assert.equal(engine.get('remote')!.state.kind, 'running');
  });

  it('an HTTP 500 ends the call with a clear error and the server stays usable', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` })]);
    await engine.whenStarted();
    await admin(fx, '/admin/fail?status=500&count=1');
    const r = await timed(engine.callTool('remote', 'echo', { text: 'x' }));
    assert.match(r.error!.message, /500/);
    const ok = await engine.callTool('remote', 'echo', { text: 'y' });
    assert.deepEqual(ok.content, [{ type: 'text', text: 'y' }]);
  });

  it('HTTP 401 at start is an error that names the credentials, not a fallback or a retry loop', async () => {
    const fx = await start('http-hostile.mjs');
    await admin(fx, '/admin/fail?status=401&count=100');
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` })]);
    await engine.whenStarted();
    await waitForState(engine, 'remote', 'error');
    assert.match((engine.get('remote')!.state as { reason: string }).reason, /refused the credentials \(HTTP 401\)/);
    const stats = await admin(fx, '/admin/stats', 'GET');
    assert.equal(stats.sseConnects, 0, 'no SSE fallback on auth errors');
  });

  it('a stream cut mid-response ends the pending call within its timeout plus one second', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` }, { timeoutMs: 1500 })]);
    await engine.whenStarted();
    await admin(fx, '/admin/cut-next-stream');
    const r = await timed(engine.callTool('remote', 'echo', { text: 'cut' }));
    assert.ok(r.error, 'the call fails');
    assert.ok(r.ms < 2500, `took ${r.ms} ms`);
    const ok = await engine.callTool('remote', 'echo', { text: 'again' });
    assert.deepEqual(ok.content, [{ type: 'text', text: 'again' }]);
  });

  it('falls back to legacy SSE when the POST is refused with a non-auth 4xx', async () => {
    const fx = await start('http-hostile.mjs', ['--reject-post-status', '405']);
    engine = testEngine();
    await engine.apply([entry('legacy', { type: 'http', url: `${fx.url}/sse` })]);
    await engine.whenStarted();
    const snap = engine.get('legacy')!;
    assert.equal(snap.state.kind, 'running', JSON.stringify(snap.state));
    assert.equal(snap.info!.transport, 'sse');
    const r = await engine.callTool('legacy', 'echo', { text: 'via sse' });
    assert.deepEqual(r.content, [{ type: 'text', text: 'via sse' }]);
    assert.ok(engine.traffic.records({ server: 'legacy' }).some(x => /falling back to legacy SSE/.test(x.text ?? '')));
  });

  it('type sse connects over legacy SSE directly', async () => {
    const fx = await start('echo.mjs', ['--sse']);
    engine = testEngine();
    await engine.apply([entry('sse', { type: 'sse', url: `${fx.url}/sse` })]);
    await engine.whenStarted();
    assert.equal(engine.get('sse')!.info!.transport, 'sse');
    const r = await engine.callTool('sse', 'echo', { text: 'sse' });
    assert.deepEqual(r.content, [{ type: 'text', text: 'sse' }]);
  });

  it('connection refused is a clear error that retries with backoff', async () => {
    const port = await freePort();
    engine = testEngine();
    const seen: string[] = [];
    engine.onDidChangeServer(s => { if (s.name === 'nobody') seen.push(s.state.kind); });
    await engine.apply([entry('nobody', { type: 'http', url: `http://127.0.0.1:${port}/mcp` })]);
    await engine.whenStarted();
    await waitForState(engine, 'nobody', 'error');
    const reason = (engine.get('nobody')!.state as { reason: string }).reason;
    assert.match(reason, /^Connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\): nothing is listening at http:\/\/127\.0\.0\.1:\d+\/mcp\. Is the server running\?/);
    // testEngine allows 3 attempts: two waits with backoff between three starts, then the error.
    assert.equal(engine.get('nobody')!.attempts, 3);
    assert.equal(seen.filter(k => k === 'waiting-to-retry').length, 2, seen.join(' → '));
    assert.equal(seen.filter(k => k === 'starting').length, 3, seen.join(' → '));
  });

  it('a server that goes away: the call fails with host, port and ECONNREFUSED in plain words, and the state keeps the reason', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('gone', { type: 'http', url: `${fx.url}/mcp` }, { healthCheckIntervalMs: 150, timeoutMs: 300 })]);
    await engine.whenStarted();
    await fx.close();
    const port = new URL(fx.url).port;
    const r = await timed(engine.callTool('gone', 'echo', { text: 'x' }));
    assert.ok(r.error, 'the call failed');
    assert.doesNotMatch(r.error.message, /^fetch failed$/);
    assert.match(r.error.message, new RegExp(`Connection refused by 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    const state = await new Promise<{ kind: string; reason?: string }>(resolve => {
      const check = () => {
        const s = engine.get('gone')!.state as { kind: string; reason?: string };
        if (/ECONNREFUSED/.test(s.reason ?? '')) { sub.dispose(); resolve(s); }
      };
      const sub = engine.onDidChangeServer(check);
      check();
    });
    assert.ok(['degraded', 'waiting-to-retry', 'error'].includes(state.kind), state.kind);
    assert.match(state.reason ?? '', /Connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, `the state says why: ${state.reason}`);
  });

  it('a server whose pings fail turns degraded, and running again once they are answered', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` }, { healthCheckIntervalMs: 150, timeoutMs: 300 })]);
    await engine.whenStarted();
    const first = engine.get('remote')!.info!.sessionId;
    await admin(fx, '/admin/fail?status=500&count=2');
    await waitForState(engine, 'remote', 'degraded', 5000);
    await waitForState(engine, 'remote', 'running', 8000);
    assert.ok(engine.traffic.records({ server: 'remote' }).some(r => r.method === 'ping'));
    assert.ok(first);
  });

  it('a server that misses `pingFailuresBeforeReconnect` pings in a row is reconnected with a new session', async () => {
    const fx = await start('http-hostile.mjs');
    engine = testEngine({ pingFailuresBeforeReconnect: 3 });
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` }, { healthCheckIntervalMs: 150, timeoutMs: 300 })]);
    await engine.whenStarted();
    const seen: string[] = [];
    const sub = engine.onDidChangeServer(s => { if (s.name === 'remote' && seen.at(-1) !== s.state.kind) seen.push(s.state.kind); });
    await admin(fx, '/admin/reset');
    await admin(fx, '/admin/fail?status=500&count=3');
    await waitForState(engine, 'remote', 'starting', 8000);
    await waitForState(engine, 'remote', 'running', 8000);
    sub.dispose();
    assert.deepEqual(seen.slice(0, 2), ['degraded', 'waiting-to-retry'], seen.join(' → '));
    const stats = await admin(fx, '/admin/stats', 'GET');
    assert.equal(stats.initializes, 1, 'one new initialize after the reset: the connection was made again');
    assert.ok(engine.traffic.records({ server: 'remote' }).filter(r => r.method === 'ping').length >= 3);
  });
});
