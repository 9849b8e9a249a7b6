import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/connection/engine';
import type { TrafficRecord } from '../../../src/shared/traffic';
import { requestIdOf } from '../../../src/mcp/httpDetails';
import { REDACTED } from '../../../src/core/traffic/redact';
import { startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';
import { entry, testEngine } from '../engine/helpers';

/** The record that ends the first `method` request (its response or error). */
function endOf(engine: Engine, method: string, nth = 0): TrafficRecord {
  const records = engine.traffic.records();
  const request = records.filter(r => r.kind === 'request' && r.method === method)[nth];
  assert.ok(request, `no ${method} request`);
  const end = records.find(r => r.requestSeq === request.seq);
  assert.ok(end, `no end of ${method}`);
  return end;
}

describe('traffic tap: the HTTP details of a request', function () {
  this.timeout(30_000);
  let engine: Engine;
  let fixture: HttpFixture | undefined;
  afterEach(async () => { await engine?.dispose(); await fixture?.close(); fixture = undefined; });

  it('2026-07-28: Mcp-Method, Mcp-Name, MCP-Protocol-Version and Mcp-Param-* as sent, never Authorization or cookies', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    engine = testEngine();
    const headers = { Authorization: 'Bearer tok-123456', Cookie: 'sid=abc', 'X-Api-Key': 'k-987654' };
    await engine.apply([entry('modern', { type: 'http', url: `${fixture.url}/mcp`, headers }, {}, ['tok-123456', 'k-987654', 'region-s3cr3t-42'])]);
    await engine.whenStarted();
    await engine.callTool('modern', 'regional_weather', { region: 'Nord' });
    const http = endOf(engine, 'tools/call').http!;
    assert.equal(http.status, 200);
    assert.deepEqual(http.headers, {
      'MCP-Protocol-Version': '2026-07-28', 'Mcp-Method': 'tools/call', 'Mcp-Name': 'regional_weather', 'Mcp-Param-Region': 'Nord',
    });
    await engine.callTool('modern', 'regional_weather', { region: 'region-s3cr3t-42' });
    assert.equal(endOf(engine, 'tools/call', 1).http!.headers!['Mcp-Param-Region'], REDACTED, 'a secret value is redacted in a header too');
    const everything = JSON.stringify(engine.traffic.records());
    for (const secret of ['tok-123456', 'sid=abc', 'k-987654']) assert.ok(!everything.includes(secret), `${secret} leaked`);
    assert.equal(endOf(engine, 'tools/list').http!.headers!['Mcp-Method'], 'tools/list');
  });

  it('2025-11-25: the session id and protocol version of a stateful session', async () => {
    fixture = await startHttpFixture('http-hostile.mjs');
    engine = testEngine();
    await engine.apply([entry('legacy', { type: 'http', url: `${fixture.url}/mcp`, headers: { Authorization: 'Bearer tok-abcdef' } }, {}, ['tok-abcdef'])]);
    await engine.whenStarted();
    await engine.callTool('legacy', 'echo', { text: 'hi' });
    const http = endOf(engine, 'tools/call').http!;
    assert.equal(http.status, 200);
    assert.ok(http.sessionId, 'session id');
    assert.equal(http.headers!['Mcp-Session-Id'], http.sessionId);
    assert.equal(http.headers!['MCP-Protocol-Version'], '2025-11-25');
    assert.equal(http.headers!.Authorization, undefined);
    assert.ok(endOf(engine, 'initialize').http!.sessionId, 'the session id the initialize answer assigned');
  });

  it('reads the request id off the end of the body, whatever its size', () => {
    assert.equal(requestIdOf(JSON.stringify({ method: 'tools/call', params: { x: 'y'.repeat(100_000) }, jsonrpc: '2.0', id: 42 })), 42);
    assert.equal(requestIdOf('{"method":"m","jsonrpc":"2.0","id":"a\\"b"}'), 'a"b');
    assert.equal(requestIdOf('{"method":"notifications/initialized","jsonrpc":"2.0"}'), undefined);
    assert.equal(requestIdOf('[{"method":"m","jsonrpc":"2.0","id":1}]'), undefined);
  });
});
