import * as assert from 'node:assert/strict';
import { inspectorCsp, inspectorHtml } from '../../../src/inspector/html';
import { snapshotMetrics } from '../../../src/inspector/metricsSnapshot';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';
import { chartSelection } from '../../../src/shared/metrics/chartSelection';
import { batchRecords, decodeRecord, encodeRecords, isUiToHostMessage, payloadOf } from '../../../src/shared/inspectorProtocol';

describe('inspector host helpers', () => {
  it('the page has a strict CSP with the nonce on every script', () => {
    const html = inspectorHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'n0nce+/=', scriptUri: 'https://x/a.js?"<', styleUri: 'https://x/a.css' });
    assert.equal(inspectorCsp('SRC', 'N'), "default-src 'none'; style-src SRC; script-src 'nonce-N'; img-src SRC data:; font-src SRC");
    assert.ok(html.includes(`content="default-src 'none'; style-src https://x.vscode-cdn.net; script-src 'nonce-n0nce+/='; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net"`));
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every(s => s.includes('nonce="n0nce+/="')));
    assert.ok(html.includes('src="https://x/a.js?&quot;&lt;"'), 'attribute values are escaped');
    assert.ok(!/style=/.test(html) && !/<style/.test(html), 'no inline styles');
  });

  it('maps the MetricsRegistry to a snapshot with charts for the selection', () => {
    let now = 1_000_000;
    const m = new MetricsRegistry({ now: () => now });
    m.connectAttempt('echo');
    m.connected('echo');
    for (let i = 0; i < 20; i++) {
      m.requestStarted('echo', 'tools/call', 'slow');
      now += 100;
      m.requestEnded('echo', 'tools/call', 'slow', 10 + i, i === 3 ? 'error' : i === 4 ? 'timeout' : 'ok', i === 3 ? 'boom' : undefined);
    }
    const snap = snapshotMetrics(m, { server: 'echo', tool: 'slow' }, 42);
    assert.equal(snap.at, 42);
    const echo = snap.servers.echo;
    assert.equal(echo.calls, 20);
    assert.equal(echo.errors, 1);
    assert.equal(echo.timeouts, 1);
    assert.equal(echo.connectAttempts, 1);
    assert.equal(typeof echo.lastError, 'string');
    assert.ok(echo.p50 >= 18 && echo.p50 <= 21, String(echo.p50));
    assert.equal(echo.tools.slow.calls, 20);
    assert.deepEqual(snap.selection, { server: 'echo', tool: 'slow' });
    assert.equal(snap.histogram!.reduce((a, b) => a + b.count, 0), 20);
    assert.ok(snap.timeline!.length >= 1);
    // Unknown selection falls back to the first server.
    assert.deepEqual(snapshotMetrics(m, { server: 'nope' }).selection, { server: 'echo' });
    assert.deepEqual(snapshotMetrics(new MetricsRegistry()).servers, {});
    m.dispose();
  });

  it('charts default to a connected server with calls, never to a removed one', () => {
    const stats = (calls: number, connected: boolean) => ({
      calls, errors: 0, timeouts: 0, cancelled: 0, inFlight: 0, p50: 0, p95: 0, p99: 0, connectAttempts: 1, uptimeMs: 0, tools: {},
      ...(connected ? { connectedSince: 1 } : {}),
    });
    const servers = { a: stats(5, false), b: stats(0, true), c: stats(3, true) };
    assert.deepEqual(chartSelection(servers, undefined), { server: 'c' });
    assert.deepEqual(chartSelection(servers, { server: 'gone', tool: 'x' }), { server: 'c' });
    assert.deepEqual(chartSelection(servers, { server: 'a', tool: 't' }), { server: 'a', tool: 't' });
    assert.deepEqual(chartSelection({ a: stats(0, false) }, undefined), { server: 'a' });
    assert.equal(chartSelection({}, undefined), undefined);
  });

  it('validates messages from the webview and decodes record batches', () => {
    assert.equal(isUiToHostMessage({ type: 'ready' }), true);
    assert.equal(isUiToHostMessage({ type: 'request', id: 1, method: 'replay', params: { server: 's', method: 'tools/call', params: {} } }), true);
    assert.equal(isUiToHostMessage({ type: 'request', id: 1, method: 'replay', params: { server: 's' } }), false);
    assert.equal(isUiToHostMessage({ type: 'request', method: 'replay', params: { server: 's', method: 'tools/call' } }), false, 'no id');
    assert.equal(isUiToHostMessage({ type: 'request', id: 2, method: 'deleteAll', params: {} }), false, 'unknown request');
    assert.equal(isUiToHostMessage({ type: 'export', format: 'xml', records: [] }), false);
    assert.equal(isUiToHostMessage({ type: 'nope' }), false);
    assert.equal(isUiToHostMessage('ready'), false);
    const r = { seq: 1, time: 1, server: 's', direction: 'in' as const, kind: 'stderr' as const, size: 1, text: 'x' };
    assert.deepEqual(batchRecords({ records: [r] }), [r]);
    assert.deepEqual(batchRecords({ recordsJson: JSON.stringify([r]) }), [r]);
  });

  it('encodes payloads as JSON text for the page and decodes them back', () => {
    const payload = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { m: 'é "q" <x>' } } };
    const recs = [
      { seq: 1, time: 1, server: 's', direction: 'out' as const, kind: 'request' as const, size: 80, payload },
      { seq: 2, time: 2, server: 's', direction: 'in' as const, kind: 'stderr' as const, size: 1, text: 'x' },
    ];
    const wire = batchRecords({ recordsJson: encodeRecords(recs) });
    assert.equal(wire[0].payload, undefined);
    assert.equal(wire[0].payloadJson, JSON.stringify(payload));
    assert.deepEqual(payloadOf(wire[0]), payload);
    assert.deepEqual(wire.map(decodeRecord), recs);
    assert.equal(decodeRecord(recs[1]), recs[1]);
    assert.equal(payloadOf(recs[0]), payload);
  });
});
