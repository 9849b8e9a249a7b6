/**
 * The metrics tab of an imported capture and of the live traffic it was recorded from must agree: the page computes
 * imported metrics with the registry's own accumulators (src/shared/metrics). Traffic comes from a real SDK client
 * and server through the tap, with calls the client cancels (their long durations must not enter the latency). The
 * tap runs on a manual clock that the server's tool advances, so every duration is exact and no test sleeps.
 */
import * as assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';
import { TrafficTap } from '../../../src/core/traffic/tap';
import { TrafficStore } from '../../../src/core/traffic/trafficStore';
import { snapshotMetrics } from '../../../src/inspector/metricsSnapshot';
import { batchRecords, encodeRecords } from '../../../src/shared/inspectorProtocol';
import { computeMetrics } from '../../../webview/localMetrics';
import { TrafficModel, rowStatus } from '../../../webview/model';

describe('metrics of an imported capture equal the live metrics', () => {
  let store: TrafficStore;
  let metrics: MetricsRegistry;
  let client: Client;
  let server: McpServer;
  let release: () => void;
  let clock = Date.UTC(2026, 0, 1);
  const CANCELLED_AFTER_MS = 5_000;

  before(async () => {
    store = new TrafficStore({ capacity: 10_000 });
    metrics = new MetricsRegistry({ now: () => clock });
    const tap = new TrafficTap({ server: 'fx', store, metrics, now: () => clock });
    server = new McpServer({ name: 'fixture', version: '1.0.0' });
    server.registerTool('wait', { inputSchema: { ms: z.number() } }, async ({ ms }) => {
      clock += ms;
      return { content: [{ type: 'text', text: `waited ${ms}` }] };
    });
    server.registerTool('fail', {}, async () => ({ isError: true, content: [{ type: 'text', text: 'disk full' }] }));
    const hung = new Promise<void>(r => { release = r; });
    server.registerTool('hang', {}, async () => { await hung; return { content: [] }; });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(tap.wrap(clientSide));

    for (let i = 0; i < 12; i++) await client.callTool({ name: 'wait', arguments: { ms: 2 + (i % 4) * 9 + i } });
    await client.callTool({ name: 'fail', arguments: {} });
    await client.ping();
    await client.listTools();
    // Cancelled calls that ran far longer than any completed one.
    for (let i = 0; i < 3; i++) {
      const abort = new AbortController();
      const call = client.callTool({ name: 'hang', arguments: {} }, undefined, { signal: abort.signal });
      await new Promise<void>(resolve => {
        const sub = store.onDidAppend(() => { sub.dispose(); resolve(); });
      });
      clock += CANCELLED_AFTER_MS;
      abort.abort();
      await assert.rejects(call);
    }
  });

  after(async () => {
    release();
    await client.close();
    await server.close();
    store.dispose();
    metrics.dispose();
  });

  /** The capture as the inspector imports it: the store's records, through the wire encoding. */
  function importedModel(): TrafficModel {
    const model = new TrafficModel(10_000);
    model.add(batchRecords({ recordsJson: encodeRecords(store.records()) }));
    return model;
  }

  it('same calls, outcomes and percentiles for the server and each tool, user calls only', () => {
    const live = snapshotMetrics(metrics, { server: 'fx' }, Date.now(), 'user');
    const imported = computeMetrics(importedModel(), { server: 'fx' }, 'user');
    const pick = (s: { calls: number; errors: number; cancelled: number; inFlight: number; p50: number; p95: number; p99: number }) =>
      ({ calls: s.calls, errors: s.errors, cancelled: s.cancelled, inFlight: s.inFlight, p50: s.p50, p95: s.p95, p99: s.p99 });
    assert.deepEqual(pick(imported.servers.fx), pick(live.servers.fx));
    for (const tool of ['wait', 'fail', 'hang']) assert.deepEqual(pick(imported.servers.fx.tools[tool]), pick(live.servers.fx.tools[tool]), tool);
    assert.equal(live.servers.fx.calls, 16, '12 wait + 1 fail + 3 cancelled; the ping, handshake and list are internal');
    assert.equal(live.servers.fx.cancelled, 3);
    assert.ok(live.servers.fx.p99 < 60, `cancelled calls stay out of the latency: p99 ${live.servers.fx.p99}`);
    assert.equal(imported.histogram!.reduce((a, b) => a + b.count, 0), live.histogram!.reduce((a, b) => a + b.count, 0));
  });

  it('internal calls (ping, initialize, tools/list) are counted apart, the same way on both sides', () => {
    const live = snapshotMetrics(metrics, { server: 'fx' }, Date.now(), 'internal');
    const imported = computeMetrics(importedModel(), { server: 'fx' }, 'internal');
    assert.equal(live.servers.fx.calls, 3);
    assert.equal(imported.servers.fx.calls, 3);
    assert.deepEqual(imported.servers.fx.tools, {});
    assert.equal(computeMetrics(importedModel(), undefined, 'all').servers.fx.calls, 19);
  });

  it('a cancelled call shows as cancelled in the list, not pending', () => {
    const model = importedModel();
    const statuses: string[] = [];
    model.forEach(row => { if (row.main.tool === 'hang' && row.main.kind === 'request') statuses.push(rowStatus(row) ?? ''); });
    assert.deepEqual(statuses, ['cancelled', 'cancelled', 'cancelled']);
  });
});
