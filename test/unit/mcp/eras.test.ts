import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/connection/engine';
import { payloadOf } from '../../../src/shared/traffic';
import { startHttpFixture, stdioCommand, type HttpFixture } from '../../fixtures/servers/index';
import { entry, testEngine } from '../engine/helpers';

const stdio = (name: string, ...args: string[]) => ({ type: 'stdio' as const, ...stdioCommand(name, ...args) });
const requests = (engine: Engine, method: string) => engine.traffic.records().filter(r => r.kind === 'request' && r.method === method);

function waitForTool(engine: Engine, server: string, tool: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => { if (engine.get(server)?.catalog.tools.some(t => t.name === tool)) { sub.dispose(); clearTimeout(timer); resolve(); } };
    const sub = engine.onDidChangeCatalog(check);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`${tool} did not appear in ${server} within ${timeoutMs} ms`)); }, timeoutMs);
    check();
  });
}

describe('both MCP eras (SDK v2)', function () {
  this.timeout(30_000);
  let engine: Engine;
  let fixture: HttpFixture | undefined;
  afterEach(async () => { await engine?.dispose(); await fixture?.close(); fixture = undefined; });

  it('probes a modern-only stdio server on the real connection, speaks 2026-07-28 and skips the probe on the next start', async () => {
    engine = testEngine();
    await engine.apply([entry('modern', stdio('modern.mjs'))]);
    await engine.whenStarted();
    const info = engine.get('modern')!.info!;
    assert.equal(info.protocolVersion, '2026-07-28');
    assert.equal(info.protocolEra, 'modern');
    assert.equal(requests(engine, 'server/discover').length, 1, 'the tap saw the probe');
    assert.equal(requests(engine, 'initialize').length, 0);
    const r = await engine.callTool('modern', 'add', { a: 2, b: 3 });
    assert.deepEqual(r.structuredContent, { sum: 5 });
    const call = requests(engine, 'tools/call')[0];
    assert.equal(call.protocolVersion, '2026-07-28', 'each record carries the revision it was sent in');
    assert.ok(JSON.stringify(payloadOf(call)).includes('io.modelcontextprotocol/protocolVersion'), 'the tap sees the per-request _meta');
    await engine.restart('modern');
    assert.equal(engine.get('modern')!.info!.protocolEra, 'modern');
    assert.equal(requests(engine, 'server/discover').length, 1, 'the remembered era skipped the second probe');
  });

  it('falls back to 2025-11-25 for a legacy server, with the probe and its error in the traffic', async () => {
    engine = testEngine();
    await engine.apply([entry('legacy', stdio('echo.mjs'))]);
    await engine.whenStarted();
    const info = engine.get('legacy')!.info!;
    assert.equal(info.protocolEra, 'legacy');
    assert.equal(info.protocolVersion, '2025-11-25');
    const probe = requests(engine, 'server/discover')[0];
    assert.ok(probe, 'probe recorded');
    assert.ok(requests(engine, 'initialize').length === 1);
    const r = await engine.callTool('legacy', 'echo', { text: 'hi' });
    assert.deepEqual(r.content, [{ type: 'text', text: 'hi' }]);
  });

  it('restarts once as legacy a server that the probe killed', async () => {
    engine = testEngine();
    await engine.apply([entry('strict', stdio('strict-legacy.mjs'))]);
    await engine.whenStarted();
    const snap = engine.get('strict')!;
    assert.equal(snap.state.kind, 'running', JSON.stringify(snap.state));
    assert.equal(snap.info!.protocolEra, 'legacy');
    const texts = engine.traffic.records().map(r => r.text ?? '').join('\n');
    assert.match(texts, /before initialize, exiting/, 'the killed process\'s stderr reached the tap');
    assert.match(texts, /probe ended the server/);
    assert.ok(snap.catalog.tools.some(t => t.name === 'echo'));
  });

  it('opens subscriptions/listen on a modern connection and refreshes the catalog on a list change', async () => {
    engine = testEngine();
    await engine.apply([entry('modern', stdio('modern.mjs'))]);
    await engine.whenStarted();
    assert.equal(requests(engine, 'subscriptions/listen').length, 1);
    await engine.callTool('modern', 'add_tool', { name: 'late_tool' });
    await waitForTool(engine, 'modern', 'late_tool');
  });

  it('speaks 2026-07-28 over HTTP and mirrors x-mcp-header parameters into Mcp-Param-* headers', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    engine = testEngine();
    await engine.apply([entry('modern-http', { type: 'http', url: `${fixture.url}/mcp` })]);
    await engine.whenStarted();
    const info = engine.get('modern-http')!.info!;
    assert.equal(info.protocolVersion, '2026-07-28');
    assert.equal(info.transport, 'http');
    const r = await engine.callTool('modern-http', 'regional_weather', { region: 'Nord' });
    assert.deepEqual(r.structuredContent, { region: 'Nord', header: 'Nord' });
  });

  it('says in plain words that a pinned 2025-11-25 shares no version with a modern-only HTTP server, without trying SSE', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    engine = testEngine();
    await engine.apply([entry('pinned', { type: 'http', url: `${fixture.url}/mcp` }, { protocolVersion: '2025-11-25' })]);
    await engine.whenStarted();
    const state = engine.get('pinned')!.state;
    const message = JSON.stringify(state);
    assert.match(message, /no MCP protocol version in common/);
    assert.doesNotMatch(message, /SSE/);
  });

  it('pins 2026-07-28: a legacy server is refused, naming the version', async () => {
    engine = testEngine();
    await engine.apply([entry('pinned', stdio('echo.mjs'), { protocolVersion: '2026-07-28' })]);
    await engine.whenStarted();
    assert.match(JSON.stringify(engine.get('pinned')!.state), /2026-07-28/);
    assert.notEqual(engine.get('pinned')!.state.kind, 'running');
  });
});
