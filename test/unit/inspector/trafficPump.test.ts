import * as assert from 'node:assert/strict';
import type { TrafficRecord } from '../../../src/shared/traffic';
import { TrafficPump } from '../../../src/inspector/trafficPump';
import { FakeTimers } from './fakeTimers';

const rec = (seq: number): TrafficRecord => ({ seq, time: seq, server: 's', direction: 'out', kind: 'notification', size: 1 });
const recs = (from: number, n: number) => Array.from({ length: n }, (_, i) => rec(from + i));

function setup(capacity = 1000, maxBatch?: number) {
  const timers = new FakeTimers();
  const sent: Array<{ at: number; seqs: number[] }> = [];
  let resyncs = 0;
  const pump = new TrafficPump({ send: r => sent.push({ at: timers.t, seqs: r.map(x => x.seq) }), resync: () => { resyncs++; }, capacity: () => capacity, intervalMs: 50, maxBatch, timers });
  return { pump, timers, sent, resyncs: () => resyncs };
}

describe('inspector TrafficPump', () => {
  it('sends nothing before the UI is ready; ready drops what the init already holds', () => {
    const { pump, timers, sent } = setup();
    pump.push(recs(1, 3));
    timers.advance(200);
    assert.equal(sent.length, 0);
    pump.setReady(true);
    assert.equal(pump.pending, 0);
    pump.push(recs(4, 1));
    timers.advance(50);
    assert.deepEqual(sent.map(s => s.seqs), [[4]]);
  });

  it('batches pushes and sends at most one message every 50 ms', () => {
    const { pump, timers, sent } = setup();
    pump.setReady(true);
    timers.advance(100);
    pump.push(recs(1, 2));
    timers.advance(1);
    pump.push(recs(3, 2));
    timers.advance(10);
    assert.equal(sent.length, 1, 'the first batch goes out at once (nothing was sent for 50 ms)');
    assert.deepEqual(sent[0].seqs, [1, 2]);
    pump.push(recs(5, 1));
    timers.advance(20);
    assert.equal(sent.length, 1);
    timers.advance(30);
    assert.deepEqual(sent.map(s => s.seqs), [[1, 2], [3, 4, 5]]);
    for (let i = 1; i < sent.length; i++) assert.ok(sent[i].at - sent[i - 1].at >= 50);
  });

  it('caps one message at maxBatch records and sends the rest on later ticks', () => {
    const { pump, timers, sent } = setup(10_000, 4);
    pump.setReady(true);
    timers.advance(50);
    pump.push(recs(1, 10));
    timers.advance(200);
    assert.deepEqual(sent.map(s => s.seqs.length), [4, 4, 2]);
    assert.deepEqual(sent.flatMap(s => s.seqs), recs(1, 10).map(r => r.seq));
  });

  it('buffers while hidden and sends the buffer when visible again', () => {
    const { pump, timers, sent } = setup();
    pump.setReady(true);
    pump.setVisible(false);
    pump.push(recs(1, 5));
    timers.advance(500);
    assert.equal(sent.length, 0);
    assert.equal(timers.armed, 0, 'no timer runs while hidden');
    pump.setVisible(true);
    assert.deepEqual(sent.map(s => s.seqs), [[1, 2, 3, 4, 5]]);
  });

  it('asks for a fresh init instead when the hidden buffer overflowed the capacity', () => {
    const { pump, timers, sent, resyncs } = setup(10);
    pump.setReady(true);
    pump.setVisible(false);
    pump.push(recs(1, 8));
    pump.push(recs(9, 8));
    assert.equal(pump.pending, 0);
    assert.equal(pump.needsResync, true);
    pump.push(recs(17, 2));
    pump.setVisible(true);
    assert.equal(resyncs(), 1);
    assert.equal(sent.length, 0);
    pump.setReady(true); // the init went out
    pump.push(recs(19, 1));
    timers.advance(50);
    assert.deepEqual(sent.map(s => s.seqs), [[19]]);
  });

  it('while live, keeps only the newest `capacity` records of a burst', () => {
    const { pump, timers, sent } = setup(5);
    pump.setReady(true);
    timers.advance(50);
    pump.push(recs(1, 3));
    pump.push(recs(4, 6));
    timers.advance(1);
    assert.deepEqual(sent.map(s => s.seqs), [[5, 6, 7, 8, 9]]);
    assert.equal(pump.stats.dropped, 4);
  });

  it('reset drops the buffer; dispose stops everything', () => {
    const { pump, timers, sent } = setup();
    pump.setReady(true);
    timers.advance(10);
    pump.push(recs(1, 2));
    pump.reset();
    timers.advance(100);
    assert.equal(sent.length, 0);
    pump.dispose();
    pump.push(recs(3, 1));
    pump.flush();
    timers.advance(100);
    assert.equal(sent.length, 0);
  });
});
