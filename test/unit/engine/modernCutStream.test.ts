import * as assert from 'node:assert/strict';
import { startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, timed } from './helpers';

const cutNext = (fx: HttpFixture, method: string) => fetch(`${fx.url}/admin/cut-next-stream?method=${method}`, { method: 'POST' }).then(r => r.text());

describe('a cut response stream on a 2026-07-28 HTTP server', function () {
  this.timeout(30_000);
  let engine: Engine;
  let fixture: HttpFixture | undefined;
  afterEach(async () => { await engine?.dispose(); await fixture?.close(); fixture = undefined; });

  it('re-issues the request once with a new JSON-RPC id (stateless: nothing to resume), tools/call included', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    engine = testEngine();
    await engine.apply([entry('modern', { type: 'http', url: `${fixture.url}/mcp` }, { timeoutMs: 20_000 })]);
    await engine.whenStarted();
    assert.equal(engine.get('modern')!.info!.protocolEra, 'modern');
    await cutNext(fixture, 'tools/call');
    const r = await timed(engine.callTool('modern', 'echo', { text: 'after the cut' }));
    assert.equal(r.error, undefined, r.error?.message);
    assert.deepEqual(r.value!.content, [{ type: 'text', text: 'after the cut' }]);
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
    const calls = engine.traffic.records().filter(x => x.kind === 'request' && x.method === 'tools/call');
    assert.equal(calls.length, 2, 'the tap saw the cut request and its re-issue');
    assert.notEqual(calls[0].id, calls[1].id, 'the re-issue has a new id');
    const ends = engine.traffic.records().filter(x => x.requestSeq !== undefined && calls.some(c => c.seq === x.requestSeq));
    assert.deepEqual(ends.map(e => e.status), ['error', 'ok'], 'the cut one ended in an error, the re-issue answered');
  });

  it('reports a second cut of the re-issued request instead of retrying again', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    engine = testEngine();
    await engine.apply([entry('modern', { type: 'http', url: `${fixture.url}/mcp` }, { timeoutMs: 20_000 })]);
    await engine.whenStarted();
    await cutNext(fixture, 'tools/call&count=2');
    const r = await timed(engine.callTool('modern', 'echo', { text: 'cut twice' }));
    assert.match(r.error?.message ?? '', /response stream was cut before the answer arrived/);
    assert.equal(engine.traffic.records().filter(x => x.kind === 'request' && x.method === 'tools/call').length, 2);
    assert.deepEqual((await engine.callTool('modern', 'echo', { text: 'then fine' })).content, [{ type: 'text', text: 'then fine' }]);
  });
});
