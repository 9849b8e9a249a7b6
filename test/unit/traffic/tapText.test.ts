import * as assert from 'node:assert/strict';
import { payloadOf, type TrafficRecord } from '../../../src/shared/traffic';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';
import { REDACTED } from '../../../src/core/traffic/redact';
import { nestsDeeperThan, TrafficTap, type JsonRpcTransportLike, type JsonTextTransportLike } from '../../../src/core/traffic/tap';
import { TrafficStore } from '../../../src/core/traffic/trafficStore';

/** A transport that shares its JSON text with the tap, as ManagedStdioTransport does: it keeps the lines it writes. */
class TextTransport implements JsonTextTransportLike {
  readonly lines: string[] = [];
  onmessage?: (message: any) => void;
  onmessageText?: (message: any, text: string) => void;
  async start(): Promise<void> {}
  async send(message: any): Promise<void> { return this.sendText(message, JSON.stringify(message)); }
  async sendText(_message: any, text: string): Promise<void> { this.lines.push(text); }
  async close(): Promise<void> {}
  /** A line from the server, parsed as the transport does. */
  deliver(line: string): void {
    const message = JSON.parse(line);
    if (this.onmessageText) this.onmessageText(message, line); else this.onmessage?.(message);
  }
}

describe('TrafficTap on a transport that shares its JSON text', () => {
  let store: TrafficStore;
  let metrics: MetricsRegistry;
  let tap: TrafficTap;
  let inner: TextTransport;
  let wrapped: JsonRpcTransportLike;

  beforeEach(() => {
    store = new TrafficStore({ capacity: 100, maxPayloadBytes: 2048 });
    metrics = new MetricsRegistry();
    tap = new TrafficTap({ server: 's', store, metrics });
    inner = new TextTransport();
    wrapped = tap.wrap(inner);
  });
  afterEach(() => {
    store.dispose();
    metrics.dispose();
  });

  const last = (): TrafficRecord => store.records().at(-1)!;

  it('keeps the text it sent, serialized once, instead of the message object', async () => {
    const message = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'é "quoted"' } } };
    await wrapped.send(message);
    assert.equal(inner.lines.length, 1);
    const record = last();
    assert.equal(record.payload, undefined, 'no reference to the message object is kept');
    assert.equal(record.payloadJson, inner.lines[0], 'the record holds the very text the transport wrote');
    assert.deepEqual(payloadOf(record), message);
    assert.equal(record.size, inner.lines[0].length);
    assert.deepEqual([record.kind, record.method, record.tool], ['request', 'tools/call', 'echo']);
  });

  it('keeps the line a message arrived in, pairs it and hands the parsed message to the client', async () => {
    const received: any[] = [];
    wrapped.onmessage = m => received.push(m);
    await wrapped.send({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'echo', arguments: {} } });
    const line = '{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"pong"}]}}';
    inner.deliver(line);
    assert.deepEqual(received, [JSON.parse(line)]);
    const response = last();
    assert.equal(response.payloadJson, line);
    assert.equal(response.payload, undefined);
    assert.deepEqual([response.kind, response.status, response.requestSeq, response.tool], ['response', 'ok', store.records()[0].seq, 'echo']);
    assert.equal(metrics.server('s').tools.echo.calls, 1);
  });

  it('stores a redacted text when the message holds a secret, valid JSON of the same shape', () => {
    tap.setSecrets(['hunter2-secret']);
    inner.deliver('{"jsonrpc":"2.0","method":"notifications/message","params":{"data":"token hunter2-secret here","hunter2-secret":1}}');
    const record = last();
    assert.ok(!record.payloadJson!.includes('hunter2-secret'));
    assert.deepEqual(payloadOf(record), { jsonrpc: '2.0', method: 'notifications/message', params: { data: `token ${REDACTED} here`, [REDACTED]: 1 } });
  });

  it('stores an oversized text as a redacted preview with the full size', () => {
    tap.setSecrets(['hunter2-secret']);
    const line = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { data: `hunter2-secret ${'x'.repeat(10_000)}` } });
    inner.deliver(line);
    const record = last();
    assert.deepEqual([record.payload, record.payloadJson, record.truncated, record.size], [undefined, undefined, true, line.length]);
    assert.ok(record.text!.includes(REDACTED) && !record.text!.includes('hunter2-secret'));
    assert.ok(record.text!.length < 5000);
  });

  it('stores a message nested too deep to show as a preview with a placeholder', () => {
    const depth = 300;
    const line = `{"jsonrpc":"2.0","method":"notifications/deep","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    inner.deliver(line);
    const record = last();
    assert.equal(record.payloadJson, undefined);
    assert.equal(record.truncated, true);
    assert.match(record.text!, /nested deeper than 256 levels: not stored/);
  });

  it('still sends, through the transport\'s own send, a message that cannot be serialized', async () => {
    const circular: any = { jsonrpc: '2.0', method: 'notifications/weird' };
    circular.self = circular;
    await assert.rejects(wrapped.send(circular), /circular/i);
  });
});

describe('nestsDeeperThan', () => {
  it('counts nesting of objects and arrays, not brackets inside strings', () => {
    assert.equal(nestsDeeperThan('{"a":[{"b":1}]}', 3), false);
    assert.equal(nestsDeeperThan('{"a":[{"b":[1]}]}', 3), true);
    const manyInStrings = JSON.stringify({ text: '{['.repeat(500) + '\\"{' });
    assert.equal(nestsDeeperThan(manyInStrings, 3), false);
    const wide = JSON.stringify(Array.from({ length: 500 }, () => ({ a: [1] })));
    assert.equal(nestsDeeperThan(wide, 3), false, 'many brackets side by side are not deep');
    assert.equal(nestsDeeperThan(wide, 2), true);
  });
});
