import * as assert from 'node:assert/strict';
import { payloadOf, type TrafficRecord } from '../../../src/shared/traffic';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';
import { REDACTED } from '../../../src/core/traffic/redact';
import { TrafficTap, type JsonRpcTransportLike } from '../../../src/core/traffic/tap';
import { TrafficStore } from '../../../src/core/traffic/trafficStore';

/** A scripted transport: records what the client sends and lets the test deliver server messages. */
class FakeTransport implements JsonRpcTransportLike {
  readonly sent: any[] = [];
  sessionId: string | undefined;
  protocolVersion: string | undefined;
  failSends = false;
  onmessage?: (message: any, extra?: any) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  async start(): Promise<void> {}
  async send(message: any): Promise<void> {
    if (this.failSends) throw new Error('socket hang up');
    this.sent.push(message);
  }
  async close(): Promise<void> { this.onclose?.(); }
  setProtocolVersion(version: string): void { this.protocolVersion = version; }
  deliver(message: any): void { this.onmessage?.(message); }
}

describe('TrafficTap', () => {
  let now = 0;
  let store: TrafficStore;
  let metrics: MetricsRegistry;
  let tap: TrafficTap;
  let inner: FakeTransport;
  let wrapped: JsonRpcTransportLike;

  beforeEach(() => {
    now = 1000;
    store = new TrafficStore({ capacity: 100, maxPayloadBytes: 2048 });
    metrics = new MetricsRegistry({ now: () => now });
    tap = new TrafficTap({ server: 's', store, metrics, now: () => now });
    inner = new FakeTransport();
    wrapped = tap.wrap(inner);
  });
  afterEach(() => {
    store.dispose();
    metrics.dispose();
  });

  const last = (): TrafficRecord => store.records().at(-1)!;
  const callTool = (id: number, name: string) => wrapped.send({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {} } });

  it('forwards handlers assigned after wrapping, the live session id and setProtocolVersion', async () => {
    const received: any[] = [];
    let closed = false;
    const errors: Error[] = [];
    wrapped.onmessage = m => received.push(m);
    wrapped.onclose = () => { closed = true; };
    wrapped.onerror = e => errors.push(e);
    assert.equal(wrapped.sessionId, undefined);
    inner.sessionId = 'abc';
    assert.equal(wrapped.sessionId, 'abc');
    wrapped.setProtocolVersion!('2025-11-25');
    assert.equal(inner.protocolVersion, '2025-11-25');
    inner.deliver({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
    inner.onerror!(new Error('bad line'));
    await wrapped.close();
    assert.equal(received.length, 1);
    assert.equal(errors[0].message, 'bad line');
    assert.ok(closed);
    assert.deepEqual(store.records().map(r => [r.kind, r.direction]), [['notification', 'in'], ['lifecycle', 'none']]);
  });

  it('leaves setProtocolVersion undefined when the transport has none, as the SDK expects', () => {
    const bare: JsonRpcTransportLike = { start: async () => {}, send: async () => {}, close: async () => {} };
    assert.equal(tap.wrap(bare).setProtocolVersion, undefined);
  });

  it('keeps a message handed over as an object as its JSON text, so a later change to the object does not show', async () => {
    const message = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'before' } } };
    await wrapped.send(message);
    message.params.arguments.text = 'after';
    assert.equal(last().payload, undefined);
    assert.equal(last().payloadJson, JSON.stringify({ ...message, params: { name: 'echo', arguments: { text: 'before' } } }));
    assert.equal((payloadOf(last()) as typeof message).params.arguments.text, 'before');
    assert.equal(last().size, last().payloadJson!.length);
  });

  it('keeps a message JSON cannot express (a BigInt) as the object, still recorded and paired', async () => {
    await callTool(1, 'big');
    const message = { jsonrpc: '2.0', id: 1, result: { content: [], count: 10n } };
    inner.deliver(message);
    assert.equal(last().payload, message);
    assert.deepEqual([last().kind, last().status], ['response', 'ok']);
  });

  it('computes duration from the request to its response', async () => {
    await callTool(1, 'echo');
    now += 42;
    inner.deliver({ jsonrpc: '2.0', id: 1, result: { content: [] } });
    assert.deepEqual([last().durationMs, last().status, last().tool], [42, 'ok', 'echo']);
    assert.equal(metrics.server('s').tools.echo.p50 > 38 && metrics.server('s').tools.echo.p50 < 46, true);
  });

  it('pairs by direction and id, so a server request with the same id does not steal a client response', async () => {
    await wrapped.send({ jsonrpc: '2.0', id: 0, method: 'tools/list' });
    inner.deliver({ jsonrpc: '2.0', id: 0, method: 'ping' });
    await wrapped.send({ jsonrpc: '2.0', id: 0, result: {} });
    const pingReply = last();
    inner.deliver({ jsonrpc: '2.0', id: 0, result: { tools: [] } });
    const listReply = last();
    const [listRequest, pingRequest] = store.records();
    assert.equal(pingReply.requestSeq, pingRequest.seq);
    assert.equal(listReply.requestSeq, listRequest.seq);
    assert.equal(metrics.server('s').calls, 1);
  });

  it('records a late response after a timeout without counting the call twice', async () => {
    await callTool(5, 'slow');
    now += 100;
    await wrapped.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 5, reason: 'McpError: MCP error -32001: Request timed out' } });
    assert.equal(last().status, 'timeout');
    now += 50;
    inner.deliver({ jsonrpc: '2.0', id: 5, result: { content: [] } });
    const late = last();
    assert.deepEqual([late.kind, late.requestSeq, late.status, late.durationMs, late.tool], ['response', store.records()[0].seq, 'timeout', 150, 'slow']);
    const stats = metrics.server('s');
    assert.deepEqual([stats.calls, stats.timeouts, stats.errors, stats.inFlight], [1, 1, 0, 0]);
  });

  it('ignores a cancellation for a request that already finished', async () => {
    await callTool(1, 'echo');
    inner.deliver({ jsonrpc: '2.0', id: 1, result: { content: [] } });
    await wrapped.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, reason: 'AbortError' } });
    assert.equal(last().status, undefined);
    assert.equal(metrics.server('s').calls, 1);
  });

  it('ends a request whose send failed as an error', async () => {
    inner.failSends = true;
    await assert.rejects(callTool(1, 'echo'), /socket hang up/);
    assert.deepEqual([last().kind, last().status, last().text], ['error', 'error', 'Send failed: socket hang up']);
    assert.equal(tap.pendingCount, 0);
    assert.equal(metrics.server('s').errors, 1);
  });

  it('abandons whatever is still pending when the transport closes', async () => {
    await callTool(1, 'hang');
    inner.deliver({ jsonrpc: '2.0', id: 9, method: 'sampling/createMessage', params: {} });
    assert.equal(tap.pendingCount, 2);
    await inner.close();
    assert.equal(tap.pendingCount, 0);
    const synthetic = store.records().filter(r => r.direction === 'none' && r.kind === 'error');
    assert.deepEqual(synthetic.map(r => r.method).sort(), ['sampling/createMessage', 'tools/call']);
    assert.equal(metrics.server('s').errors, 1, 'only the client request is a call in the metrics');
  });

  it('stores an oversized message as a preview, redacted when it holds a secret', async () => {
    tap.setSecrets(['hunter2-secret']);
    const big = { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: `hunter2-secret ${'x'.repeat(10_000)}` }] } };
    await callTool(1, 'huge');
    inner.deliver(big);
    const record = last();
    assert.equal(record.payload, undefined);
    assert.equal(record.truncated, true);
    assert.equal(record.size, JSON.stringify(big).length);
    assert.ok(record.text!.includes(REDACTED) && !record.text!.includes('hunter2-secret'));
    assert.ok(record.text!.length < 5000);
    assert.equal(record.status, 'ok');
  });

  it('redacts stderr and lifecycle text', () => {
    tap.setSecrets(['hunter2-secret']);
    tap.stderr('auth with hunter2-secret failed');
    tap.lifecycle('spawned with hunter2-secret');
    assert.deepEqual(store.records().map(r => [r.kind, r.direction, r.text]), [
      ['stderr', 'in', `auth with ${REDACTED} failed`],
      ['lifecycle', 'none', `spawned with ${REDACTED}`],
    ]);
  });

  it('never breaks the connection, even for a message that cannot be serialized', async () => {
    tap.setSecrets(['hunter2-secret']);
    const circular: any = { jsonrpc: '2.0', method: 'notifications/weird', params: { note: 'hunter2-secret' } };
    circular.self = circular;
    await wrapped.send(circular);
    assert.equal(inner.sent.length, 1);
  });

  it('measures size as the length of the message\'s JSON text', async () => {
    const message = { jsonrpc: '2.0', id: 3, result: { tools: [{ name: 'a', inputSchema: { type: 'object', properties: {} } }] } };
    inner.deliver(message);
    assert.equal(last().size, JSON.stringify(message).length);
  });
});
