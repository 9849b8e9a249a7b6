import * as assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { payloadOf, type TrafficRecord } from '../../../src/shared/traffic';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';
import { REDACTED } from '../../../src/core/traffic/redact';
import { TrafficTap } from '../../../src/core/traffic/tap';
import { TrafficStore } from '../../../src/core/traffic/trafficStore';

const SECRET = 'sk-live-0123456789';

function testServer(): McpServer {
  const server = new McpServer({ name: 'fixture', version: '1.0.0' });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('fail', {}, async () => ({ isError: true, content: [{ type: 'text', text: 'disk full' }] }));
  server.registerTool('hang', {}, () => new Promise(() => {}));
  server.registerTool('roots', {}, async () => {
    const { roots } = await server.server.listRoots();
    return { content: [{ type: 'text', text: roots.map(r => r.uri).join(',') }] };
  });
  return server;
}

describe('TrafficTap with a real SDK client and server', () => {
  let store: TrafficStore;
  let metrics: MetricsRegistry;
  let tap: TrafficTap;
  let client: Client;
  let server: McpServer;

  beforeEach(async () => {
    store = new TrafficStore({ capacity: 1000 });
    metrics = new MetricsRegistry();
    tap = new TrafficTap({ server: 'fx', store, metrics, secrets: [SECRET] });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    server = testServer();
    await server.connect(serverSide);
    client = new Client({ name: 'test', version: '1.0.0' }, { capabilities: { roots: {} } });
    client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///workspace' }] }));
    await client.connect(tap.wrap(clientSide));
  });

  afterEach(async () => {
    await client.close();
    await server.close();
    store.dispose();
    metrics.dispose();
  });

  const records = (): TrafficRecord[] => store.records({ server: 'fx' });
  const responseTo = (request: TrafficRecord) => records().find(r => r.requestSeq === request.seq);
  /** Resolves once the tap tracks `n` requests in flight (the call reached the transport). */
  async function untilPending(n: number): Promise<void> {
    const end = Date.now() + 5000;
    while (tap.pendingCount !== n) {
      if (Date.now() > end) throw new Error(`the tap has ${tap.pendingCount} pending requests, expected ${n}`);
      await new Promise(r => setImmediate(r));
    }
  }

  it('records the initialize handshake in both directions and pairs it', () => {
    const [initialize, result, initialized] = records();
    assert.deepEqual([initialize.kind, initialize.direction, initialize.method], ['request', 'out', 'initialize']);
    assert.deepEqual([result.kind, result.direction, result.requestSeq, result.status, result.method], ['response', 'in', initialize.seq, 'ok', 'initialize']);
    assert.ok(result.durationMs! >= 0);
    assert.deepEqual([initialized.kind, initialized.method], ['notification', 'notifications/initialized']);
    assert.ok(initialize.size > 0 && initialize.size === JSON.stringify(payloadOf(initialize)).length);
    assert.equal(metrics.server('fx').calls, 1);
  });

  it('pairs a tools/call with its result and counts it per tool', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    assert.deepEqual(result.content, [{ type: 'text', text: 'hi' }]);
    const request = records().find(r => r.method === 'tools/call')!;
    assert.equal(request.tool, 'echo');
    const response = responseTo(request)!;
    assert.deepEqual([response.kind, response.status, response.tool, response.id], ['response', 'ok', 'echo', request.id]);
    const stats = metrics.server('fx');
    assert.equal(stats.tools.echo.calls, 1);
    assert.equal(stats.inFlight, 0);
    assert.equal(tap.pendingCount, 0);
  });

  it('marks a tools/call result with isError as an error', async () => {
    await client.callTool({ name: 'fail', arguments: {} });
    const request = records().find(r => r.tool === 'fail' && r.kind === 'request')!;
    assert.equal(responseTo(request)!.status, 'error');
    assert.equal(metrics.server('fx').tools.fail.errors, 1);
    assert.equal(metrics.server('fx').tools.fail.lastError?.message, 'disk full');
  });

  it('marks a JSON-RPC error response as an error', async () => {
    await assert.rejects(client.request({ method: 'no/such-method', params: {} }, z.object({})), /not found/i);
    const request = records().find(r => r.method === 'no/such-method' && r.kind === 'request')!;
    const response = responseTo(request)!;
    assert.deepEqual([response.kind, response.direction, response.status], ['error', 'in', 'error']);
    assert.equal(metrics.server('fx').errors, 1);
    assert.match(metrics.server('fx').lastError!.message, /not found/i);
  });

  it('ends a tools/call that times out as a timeout, in the record and the metrics', async () => {
    await assert.rejects(client.callTool({ name: 'hang', arguments: {} }, undefined, { timeout: 100 }), /timed out/i);
    const request = records().find(r => r.tool === 'hang')!;
    const cancel = records().find(r => r.method === 'notifications/cancelled')!;
    assert.deepEqual([cancel.direction, cancel.requestSeq, cancel.status, cancel.tool], ['out', request.seq, 'timeout', 'hang']);
    assert.ok(cancel.durationMs! >= 90, `duration ${cancel.durationMs}`);
    const stats = metrics.server('fx');
    assert.equal(stats.timeouts, 1);
    assert.equal(stats.tools.hang.timeouts, 1);
    assert.equal(stats.tools.hang.inFlight, 0);
    assert.equal(stats.tools.hang.calls, 1);
    assert.equal(tap.pendingCount, 0);
  });

  it('ends a tools/call aborted by the caller as cancelled', async () => {
    const abort = new AbortController();
    const call = client.callTool({ name: 'hang', arguments: {} }, undefined, { signal: abort.signal });
    await untilPending(1);
    abort.abort();
    await assert.rejects(call);
    const cancel = records().find(r => r.method === 'notifications/cancelled')!;
    assert.equal(cancel.status, 'cancelled');
    assert.equal(metrics.server('fx').tools.hang.cancelled, 1);
    assert.equal(metrics.server('fx').tools.hang.timeouts, 0);
  });

  it('abandons pending requests when the connection dies', async () => {
    const call = client.callTool({ name: 'hang', arguments: {} });
    call.catch(() => {});
    await untilPending(1);
    assert.equal(tap.pendingCount, 1);
    tap.abandonPending('server process exited with code 1');
    const request = records().find(r => r.tool === 'hang')!;
    const synthetic = responseTo(request)!;
    assert.deepEqual([synthetic.kind, synthetic.status, synthetic.text, synthetic.tool], ['error', 'error', 'server process exited with code 1', 'hang']);
    assert.equal(tap.pendingCount, 0);
    const stats = metrics.server('fx');
    assert.equal(stats.tools.hang.errors, 1);
    assert.equal(stats.inFlight, 0);
    assert.equal(stats.lastError?.message, 'server process exited with code 1');
  });

  it('records requests from the server and pairs the client reply with them', async () => {
    const result = await client.callTool({ name: 'roots', arguments: {} });
    assert.deepEqual(result.content, [{ type: 'text', text: 'file:///workspace' }]);
    const rootsRequest = records().find(r => r.method === 'roots/list')!;
    assert.deepEqual([rootsRequest.kind, rootsRequest.direction], ['request', 'in']);
    const reply = responseTo(rootsRequest)!;
    assert.deepEqual([reply.kind, reply.direction, reply.status], ['response', 'out', 'ok']);
    assert.equal(metrics.server('fx').calls, 2, 'only client requests (initialize, tools/call) are counted');
  });

  it('stores a redacted copy only for messages that contain a secret', async () => {
    await client.callTool({ name: 'echo', arguments: { text: `key=${SECRET}` } });
    const request = records().find(r => r.tool === 'echo')!;
    const response = responseTo(request)!;
    for (const record of [request, response]) {
      const json = JSON.stringify(payloadOf(record));
      assert.ok(!json.includes(SECRET), json);
      assert.ok(json.includes(`key=${REDACTED}`), json);
    }
    const plain = records().find(r => r.method === 'initialize')!;
    assert.ok(!JSON.stringify(payloadOf(plain)).includes(REDACTED));
  });

  it('records nothing twice and keeps seq order', async () => {
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await client.listTools();
    const seqs = records().map(r => r.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.equal(new Set(seqs).size, seqs.length);
    assert.equal(records().filter(r => r.kind === 'request' && r.direction === 'out').length, 3);
  });
});
