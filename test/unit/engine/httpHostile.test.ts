import * as assert from 'node:assert/strict';
import { startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, timed, waitForState } from './helpers';

const admin = async (fx: HttpFixture, path: string) => (await fetch(`${fx.url}${path}`, { method: 'POST' })).json() as Promise<Record<string, unknown>>;

describe('hostile HTTP servers', () => {
  let engine: Engine;
  const fixtures: HttpFixture[] = [];
  const start = async (args: string[] = []) => { const f = await startHttpFixture('http-hostile.mjs', args); fixtures.push(f); return f; };
  afterEach(async () => {
    await engine?.dispose();
    await Promise.all(fixtures.splice(0).map(f => f.close()));
  });

  it('a response stream cut mid-call ends the call at once, not at its timeout', async () => {
    const fx = await start();
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` }, { timeoutMs: 20_000 })]);
    await engine.whenStarted();
    await admin(fx, '/admin/cut-next-stream');
    const r = await timed(engine.callTool('remote', 'echo', { text: 'cut' }));
    assert.match(r.error?.message ?? '', /response stream was cut before the answer arrived/);
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
    assert.deepEqual((await engine.callTool('remote', 'echo', { text: 'again' })).content, [{ type: 'text', text: 'again' }]);
  });

  it('an idempotent request whose stream is cut is retried and succeeds', async () => {
    const fx = await start();
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` }, { timeoutMs: 20_000 })]);
    await engine.whenStarted();
    await admin(fx, '/admin/cut-next-stream?method=tools/list');
    const r = await timed(engine.request('remote', 'tools/list', {}));
    assert.equal(r.error, undefined);
    assert.ok((r.value as { tools: Array<{ name: string }> }).tools.some(t => t.name === 'echo'));
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  });

  it('a wrong Content-Type at initialize says so, not "HTTP -1"', async () => {
    const fx = await start(['--wrong-content-type']);
    engine = testEngine();
    await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` }, { restart: 'never' })]);
    await engine.whenStarted();
    await waitForState(engine, 'remote', 'error');
    const reason = (engine.get('remote')!.state as { reason: string }).reason;
    assert.doesNotMatch(reason, /HTTP -1/);
    assert.match(reason, /did not answer like an MCP server \(.*text\/html.*\)/);
  });

  for (const [status, words] of [[401, /HTTP 401 Unauthorized: the server refused the credentials/], [404, /HTTP 404 Not Found/], [500, /HTTP 500 Internal Server Error: the server failed/]] as const) {
    it(`a mid-session HTTP ${status} carries the status code in plain words`, async () => {
      const fx = await start();
      engine = testEngine();
      await engine.apply([entry('remote', { type: 'http', url: `${fx.url}/mcp` })]);
      await engine.whenStarted();
      await admin(fx, `/admin/fail?status=${status}&count=3`);
      const r = await timed(engine.callTool('remote', 'echo', { text: 'x' }));
      assert.match(r.error?.message ?? '', words);
      assert.doesNotMatch(r.error?.message ?? '', /Error POSTing to endpoint/);
    });
  }
});
