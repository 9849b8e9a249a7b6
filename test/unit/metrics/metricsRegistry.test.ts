import * as assert from 'node:assert/strict';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';

describe('MetricsRegistry', () => {
  let now = 1_000_000;
  let metrics: MetricsRegistry;
  beforeEach(() => {
    now = 1_000_000;
    metrics = new MetricsRegistry({ now: () => now });
  });
  afterEach(() => metrics.dispose());

  it('returns zeros for an unknown server', () => {
    assert.deepEqual(metrics.server('nope'), { calls: 0, errors: 0, timeouts: 0, cancelled: 0, inFlight: 0, p50: 0, p95: 0, p99: 0, connectAttempts: 0, uptimeMs: 0, tools: {} });
    assert.deepEqual(metrics.histogram('nope'), { buckets: [] });
    assert.deepEqual(metrics.timeline('nope'), []);
  });

  it('counts calls per outcome at server level and tools/call per tool', () => {
    metrics.requestStarted('s', 'tools/list');
    metrics.requestStarted('s', 'tools/call', 'echo');
    metrics.requestStarted('s', 'tools/call', 'echo');
    metrics.requestStarted('s', 'tools/call', 'hang');
    metrics.requestStarted('s', 'tools/call', 'hang');
    assert.equal(metrics.server('s').inFlight, 5);
    metrics.requestEnded('s', 'tools/list', undefined, 5, 'ok');
    metrics.requestEnded('s', 'tools/call', 'echo', 10, 'ok');
    metrics.requestEnded('s', 'tools/call', 'echo', 20, 'error', 'bad input');
    metrics.requestEnded('s', 'tools/call', 'hang', 100, 'timeout');
    metrics.requestEnded('s', 'tools/call', 'hang', 50, 'cancelled');
    const stats = metrics.server('s');
    assert.deepEqual({ calls: stats.calls, errors: stats.errors, timeouts: stats.timeouts, cancelled: stats.cancelled, inFlight: stats.inFlight }, { calls: 5, errors: 1, timeouts: 1, cancelled: 1, inFlight: 0 });
    assert.deepEqual(Object.keys(stats.tools).sort(), ['echo', 'hang']);
    assert.equal(stats.tools.echo.calls, 2);
    assert.equal(stats.tools.echo.errors, 1);
    assert.deepEqual(stats.tools.echo.lastError, { message: 'bad input', at: now });
    assert.equal(stats.tools.hang.timeouts, 1);
    assert.equal(stats.tools.hang.cancelled, 1);
    assert.equal(stats.lastError?.message, 'Request timed out');
  });

  it('computes latency percentiles from finished calls', () => {
    for (let ms = 1; ms <= 100; ms++) {
      metrics.requestStarted('s', 'tools/call', 't');
      metrics.requestEnded('s', 'tools/call', 't', ms, 'ok');
    }
    const { p50, p95, p99 } = metrics.server('s').tools.t;
    assert.ok(Math.abs(p50 - 50) <= 2.5, `p50 ${p50}`);
    assert.ok(Math.abs(p95 - 95) <= 4.75, `p95 ${p95}`);
    assert.ok(Math.abs(p99 - 99) <= 4.95, `p99 ${p99}`);
    const buckets = metrics.histogram('s', 't').buckets;
    assert.equal(buckets.reduce((n, b) => n + b.count, 0), 100);
  });

  it('never reports negative in-flight calls', () => {
    metrics.requestEnded('s', 'ping', undefined, 1, 'ok');
    assert.equal(metrics.server('s').inFlight, 0);
  });

  it('tracks connection attempts and uptime', () => {
    metrics.connectAttempt('s');
    metrics.connectAttempt('s');
    metrics.connected('s');
    now += 5000;
    let stats = metrics.server('s');
    assert.equal(stats.connectAttempts, 2);
    assert.equal(stats.connectedSince, 1_000_000);
    assert.equal(stats.uptimeMs, 5000);
    metrics.disconnected('s');
    stats = metrics.server('s');
    assert.equal(stats.connectedSince, undefined);
    assert.equal(stats.uptimeMs, 0);
  });

  it('keeps a bounded per-second timeline', () => {
    metrics.dispose();
    metrics = new MetricsRegistry({ now: () => now, timelineBucketMs: 1000, timelineBuckets: 5 });
    for (let second = 0; second < 20; second++) {
      for (let i = 0; i <= second % 3; i++) {
        metrics.requestStarted('s', 'tools/call', 't');
        metrics.requestEnded('s', 'tools/call', 't', 10 * (i + 1), i === 2 ? 'error' : 'ok');
      }
      now += 1000;
    }
    now -= 1000;
    const points = metrics.timeline('s', 't');
    assert.equal(points.length, 5);
    assert.deepEqual(points.map(p => p.t), [15, 16, 17, 18, 19].map(s => 1_000_000 + s * 1000));
    assert.deepEqual(points.map(p => p.calls), [1, 2, 3, 1, 2]);
    assert.deepEqual(points.map(p => p.errors), [0, 0, 1, 0, 0]);
    assert.ok(Math.abs(points[2].max - 30) < 1e-9);
    assert.ok(Math.abs(points[2].p50 - 20) <= 1);
    now += 3000;
    assert.deepEqual(metrics.timeline('s', 't').map(p => p.t), [18, 19].map(s => 1_000_000 + s * 1000), 'old seconds age out');
  });

  it('fires onDidChange throttled to a few events a second', async () => {
    let changes = 0;
    metrics.onDidChange(() => changes++);
    for (let i = 0; i < 1000; i++) {
      metrics.requestStarted('s', 'ping');
      metrics.requestEnded('s', 'ping', undefined, 1, 'ok');
    }
    assert.equal(changes, 0, 'no event per call');
    await new Promise<void>(resolve => { const sub = metrics.onDidChange(() => { sub.dispose(); resolve(); }); });
    assert.equal(changes, 1, 'a thousand calls fire one event');
    // The next change fires its own event: the first burst did not leave a second one queued.
    metrics.requestStarted('s', 'ping');
    await new Promise<void>(resolve => { const sub = metrics.onDidChange(() => { sub.dispose(); resolve(); }); });
    assert.equal(changes, 2);
  });

  it('removes one server and resets all', () => {
    metrics.requestStarted('a', 'ping');
    metrics.requestStarted('b', 'ping');
    metrics.remove('a');
    assert.deepEqual(Object.keys(metrics.all()), ['b']);
    metrics.reset();
    assert.deepEqual(metrics.all(), {});
  });

  it('keeps the client\'s own calls (pings, handshake, list refreshes) apart from the user\'s, and shows both on demand', () => {
    metrics.requestStarted('s', 'initialize');
    metrics.requestEnded('s', 'initialize', undefined, 400, 'ok');
    for (let i = 0; i < 5; i++) {
      metrics.requestStarted('s', 'ping');
      metrics.requestEnded('s', 'ping', undefined, 1, 'ok');
    }
    metrics.requestStarted('s', 'tools/list');
    metrics.requestEnded('s', 'tools/list', undefined, 2, 'ok');
    for (const ms of [100, 120, 140]) {
      metrics.requestStarted('s', 'tools/call', 'search');
      metrics.requestEnded('s', 'tools/call', 'search', ms, 'ok');
    }
    const user = metrics.server('s', 'user');
    assert.equal(user.calls, 3);
    assert.ok(Math.abs(user.p50 - 120) / 120 < 0.03, `user p50 ${user.p50} is the tools' alone, pings do not pull it down`);
    assert.equal(user.tools.search.calls, 3);
    const internal = metrics.server('s', 'internal');
    assert.equal(internal.calls, 7);
    assert.deepEqual(internal.tools, {});
    const all = metrics.server('s', 'all');
    assert.equal(all.calls, 10);
    assert.equal(all.p50 < 10, true, 'all calls: the pings dominate');
    assert.equal(metrics.histogram('s', undefined, 'user').buckets.reduce((a, b) => a + b.count, 0), 3);
    assert.equal(metrics.histogram('s', undefined, 'all').buckets.reduce((a, b) => a + b.count, 0), 10);
    assert.equal(metrics.timeline('s', undefined, 'all').reduce((a, p) => a + p.calls, 0), 10);
    assert.equal(metrics.timeline('s', undefined, 'internal').reduce((a, p) => a + p.calls, 0), 7);
  });

  it('a removed server stays removed when its connection closes or its last call ends afterwards', () => {
    metrics.connectAttempt('gone');
    metrics.connected('gone');
    metrics.requestStarted('gone', 'tools/call', 't');
    metrics.remove('gone');
    metrics.disconnected('gone');
    metrics.requestEnded('gone', 'tools/call', 't', 5, 'error', 'connection closed');
    assert.deepEqual(Object.keys(metrics.all()), []);
  });
});
