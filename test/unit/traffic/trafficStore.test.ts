import * as assert from 'node:assert/strict';
import type { TrafficRecord } from '../../../src/shared/traffic';
import { TrafficStore } from '../../../src/core/traffic/trafficStore';

function message(server: string, n: number): Omit<TrafficRecord, 'seq'> {
  const payload = { jsonrpc: '2.0', method: 'ping', id: n };
  return { time: n, server, direction: 'out', kind: 'request', method: 'ping', id: n, size: JSON.stringify(payload).length, payload };
}

describe('TrafficStore', () => {
  let store: TrafficStore;
  afterEach(() => store.dispose());

  it('assigns increasing seq numbers and returns records oldest first', () => {
    store = new TrafficStore({ capacity: 10 });
    const seqs = [1, 2, 3].map(n => store.append(message('a', n)).seq);
    assert.ok(seqs[0] < seqs[1] && seqs[1] < seqs[2]);
    assert.deepEqual(store.records().map(r => r.id), [1, 2, 3]);
  });

  it('evicts the oldest records and never holds more than its capacity', () => {
    store = new TrafficStore({ capacity: 3 });
    for (let n = 1; n <= 1000; n++) {
      store.append(message('a', n));
      assert.ok(store.size <= 3);
    }
    assert.equal(store.size, 3);
    assert.deepEqual(store.records().map(r => r.id), [998, 999, 1000]);
  });

  it('filters by server', () => {
    store = new TrafficStore({ capacity: 10 });
    store.append(message('a', 1));
    store.append(message('b', 2));
    store.append(message('a', 3));
    assert.deepEqual(store.records({ server: 'a' }).map(r => r.id), [1, 3]);
  });

  it('keeps the newest records when the capacity shrinks, and grows again', () => {
    store = new TrafficStore({ capacity: 5 });
    for (let n = 1; n <= 5; n++) store.append(message('a', n));
    store.setCapacity(2);
    assert.equal(store.capacity, 2);
    assert.deepEqual(store.records().map(r => r.id), [4, 5]);
    store.setCapacity(4);
    store.append(message('a', 6));
    store.append(message('a', 7));
    assert.deepEqual(store.records().map(r => r.id), [4, 5, 6, 7]);
    assert.throws(() => store.setCapacity(0), RangeError);
  });

  it('batches several appends into one event', async () => {
    store = new TrafficStore({ capacity: 100, batchIntervalMs: 20 });
    const batches: Array<readonly TrafficRecord[]> = [];
    const first = new Promise<void>(resolve => store.onDidAppend(b => { batches.push(b); resolve(); }));
    for (let n = 1; n <= 5; n++) store.append(message('a', n));
    assert.equal(batches.length, 0, 'nothing is emitted synchronously');
    await first;
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0].map(r => r.id), [1, 2, 3, 4, 5]);
  });

  it('flush emits the pending batch at once, and only once', async () => {
    store = new TrafficStore({ capacity: 100, batchIntervalMs: 10 });
    const batches: Array<readonly TrafficRecord[]> = [];
    let next: () => void = () => {};
    store.onDidAppend(b => { batches.push(b); next(); });
    store.append(message('a', 1));
    store.flush();
    assert.equal(batches.length, 1);
    // A later record's batch is the positive signal that the flushed one's timer came and went without a repeat.
    const later = new Promise<void>(resolve => { next = resolve; });
    store.append(message('a', 2));
    await later;
    assert.deepEqual(batches.map(b => b.map(r => r.id)), [[1], [2]]);
  });

  it('clear empties the store, drops the pending batch and fires onDidClear', async () => {
    store = new TrafficStore({ capacity: 100, batchIntervalMs: 10 });
    let cleared = 0;
    let appended = 0;
    const batches: Array<readonly TrafficRecord[]> = [];
    let next: () => void = () => {};
    store.onDidClear(() => cleared++);
    store.onDidAppend(b => { appended++; batches.push(b); next(); });
    store.append(message('a', 1));
    store.clear();
    assert.equal(store.size, 0);
    assert.equal(cleared, 1);
    const later = new Promise<void>(resolve => { next = resolve; });
    assert.ok(store.append(message('a', 2)).seq > 1, 'seq stays monotonic across clear');
    await later;
    assert.equal(appended, 1, 'the batch pending at clear was dropped');
    assert.deepEqual(batches[0].map(r => r.id), [2]);
  });

  it('stores an oversized payload as a truncated preview', () => {
    store = new TrafficStore({ capacity: 10, maxPayloadBytes: 1024 });
    const payload = { jsonrpc: '2.0', id: 1, result: { text: 'x'.repeat(100_000) } };
    const size = JSON.stringify(payload).length;
    const stored = store.append({ time: 0, server: 'a', direction: 'in', kind: 'response', id: 1, size, payload });
    assert.equal(stored.payload, undefined);
    assert.equal(stored.truncated, true);
    assert.equal(stored.size, size);
    assert.ok(stored.text!.startsWith('{"jsonrpc":"2.0","id":1'));
    assert.ok(stored.text!.length < 5000);
  });

  it('truncates oversized text such as a huge stderr line', () => {
    store = new TrafficStore({ capacity: 10, maxPayloadBytes: 1024 });
    const stored = store.append({ time: 0, server: 'a', direction: 'in', kind: 'stderr', size: 50_000, text: 'e'.repeat(50_000) });
    assert.equal(stored.truncated, true);
    assert.ok(stored.text!.length < 5000);
  });

  it('evicts the oldest records when stored payloads exceed the byte budget', () => {
    store = new TrafficStore({ capacity: 1000, maxPayloadBytes: 20_000, maxTotalBytes: 100_000 });
    for (let n = 1; n <= 50; n++) {
      const payload = { jsonrpc: '2.0', id: n, result: { text: 'x'.repeat(10_000) } };
      store.append({ time: n, server: 'a', direction: 'in', kind: 'response', id: n, size: JSON.stringify(payload).length, payload });
      assert.ok(store.totalBytes <= 100_000, `${store.totalBytes} bytes after ${n} records`);
    }
    assert.ok(store.size >= 8 && store.size <= 10, `kept ${store.size}`);
    assert.equal(store.records().at(-1)!.id, 50);
    store.setCapacity(2);
    assert.ok(store.totalBytes < 25_000);
    store.clear();
    assert.equal(store.totalBytes, 0);
  });

  it('counts payloads kept as JSON text against the byte budget, and previews an oversized one', () => {
    store = new TrafficStore({ capacity: 1000, maxPayloadBytes: 20_000, maxTotalBytes: 100_000 });
    for (let n = 1; n <= 50; n++) {
      const payloadJson = JSON.stringify({ jsonrpc: '2.0', id: n, result: { text: 'x'.repeat(10_000) } });
      store.append({ time: n, server: 'a', direction: 'in', kind: 'response', id: n, size: payloadJson.length, payloadJson });
      assert.ok(store.totalBytes <= 100_000, `${store.totalBytes} bytes after ${n} records`);
    }
    assert.ok(store.size >= 8 && store.size <= 10, `kept ${store.size}`);
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 51, result: { text: 'y'.repeat(30_000) } });
    const stored = store.append({ time: 51, server: 'a', direction: 'in', kind: 'response', id: 51, size: huge.length, payloadJson: huge });
    assert.deepEqual([stored.payloadJson, stored.truncated, stored.size], [undefined, true, huge.length]);
    assert.ok(stored.text!.startsWith('{"jsonrpc":"2.0","id":51') && stored.text!.length < 5000);
  });

  it('does not let a burst between batches hold more than the capacity in memory', async () => {
    store = new TrafficStore({ capacity: 10, batchIntervalMs: 5 });
    const batches: Array<readonly TrafficRecord[]> = [];
    store.onDidAppend(b => batches.push(b));
    for (let n = 1; n <= 10_000; n++) store.append(message('a', n));
    store.flush();
    assert.equal(batches.length, 1);
    assert.ok(batches[0].length <= 20);
    assert.equal(batches[0].at(-1)!.id, 10_000);
  });

  it('tells listeners the new capacity after a resize, and stays quiet when the size does not change', () => {
    store = new TrafficStore({ capacity: 10 });
    const seen: number[] = [];
    store.onDidChangeCapacity(n => seen.push(n));
    store.setCapacity(10);
    store.setCapacity(500);
    assert.deepEqual(seen, [500]);
    assert.equal(store.capacity, 500);
  });
});
