// The inspector's host logic (src/inspector/inspectorHost.ts) in plain Node: a fake InspectorPort stands for the
// webview and VS Code's dialogs, a manual clock for the timers, and a fake engine built on the real TrafficStore and
// MetricsRegistry. Covers the ready handshake, batching while visible/hidden, server and metrics pushes, replay,
// export, import, copy and the UI state a restored panel starts from.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/core/events';
import { TrafficStore } from '../../../src/core/traffic/trafficStore';
import { MetricsRegistry } from '../../../src/core/metrics/metricsRegistry';
import type { ApprovalMode } from '../../../src/core/connection/types';
import type { TrafficRecord } from '../../../src/shared/traffic';
import { batchRecords, type HostToUiMessage, type ReplayResult } from '../../../src/shared/inspectorProtocol';
import { BATCH_INTERVAL_MS, InspectorHost, type InspectorHostOptions, type InspectorPort } from '../../../src/inspector/inspectorHost';
import { FakeTimers } from './fakeTimers';

class FakePort implements InspectorPort {
  visible = true;
  readonly posted: HostToUiMessage[] = [];
  readonly confirmations: string[] = [];
  confirmAnswer = true;
  approval: ApprovalMode = 'readOnly';
  readonly files = new Map<string, string>();
  readonly sizes = new Map<string, number>();
  saveTo: string | undefined;
  openFrom: string | undefined;
  exportDialogs = 0;
  readonly clipboard: string[] = [];
  readonly extensionVersion = '9.9.9';
  private readonly waiters: Array<() => void> = [];

  post(m: HostToUiMessage): void {
    this.posted.push(JSON.parse(JSON.stringify(m)));
    for (const w of this.waiters.splice(0)) w();
  }
  isVisible(): boolean { return this.visible; }
  async confirmToolCall(message: string): Promise<boolean> { this.confirmations.push(message); return this.confirmAnswer; }
  defaultApproval(): ApprovalMode { return this.approval; }
  async pickExportTarget() {
    this.exportDialogs++;
    const path = this.saveTo;
    return path === undefined ? undefined : { label: path, write: async (text: string) => { this.files.set(path, text); } };
  }
  async pickImportSource() {
    const path = this.openFrom;
    if (path === undefined) return undefined;
    return { name: path.split('/').pop()!, size: async () => this.sizes.get(path) ?? Buffer.byteLength(this.files.get(path) ?? ''), read: async () => this.files.get(path) ?? '' };
  }
  async copyToClipboard(text: string): Promise<void> { this.clipboard.push(text); this.notify(); }

  of<T extends HostToUiMessage['type']>(type: T) { return this.posted.filter(m => m.type === type) as Array<Extract<HostToUiMessage, { type: T }>>; }
  /** Resolves once `done()` holds; re-checks after every message the host posts. */
  async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>(resolve => this.waiters.push(resolve));
  }
  async response(id: number) {
    await this.until(() => this.of('response').some(r => r.id === id));
    return this.of('response').find(r => r.id === id)!;
  }
  private notify(): void { for (const w of this.waiters.splice(0)) w(); }
}

/** A fake engine on the real store and registry; the store's own batch timer is never used: tests flush it. */
function fakeEngine() {
  const traffic = new TrafficStore({ capacity: 500, batchIntervalMs: 3_600_000 });
  const metrics = new MetricsRegistry();
  const servers = new Emitter<void>();
  const server = new Emitter<unknown>();
  const requests: Array<{ server: string; method: string; params: unknown }> = [];
  let nextId = 100;
  const engine = {
    traffic, metrics, servers, server,
    onDidChangeServers: servers.event,
    onDidChangeServer: server.event,
    list: () => [{ name: 'echo', state: { kind: 'running', at: 0 } }],
    get: (name: string) => (name === 'echo' ? { name, spec: { options: {} } } : undefined),
    tools: () => [
      { qualifiedName: 'echo__echo', server: 'echo', enabled: true, tool: { name: 'echo', annotations: { readOnlyHint: true } } },
      { qualifiedName: 'echo__wipe', server: 'echo', enabled: true, tool: { name: 'wipe', annotations: { destructiveHint: true } } },
      { qualifiedName: 'echo__hidden', server: 'echo', enabled: false, tool: { name: 'hidden' } },
    ],
    // Like the tap: the request and its response are recorded while the call runs.
    async request(srv: string, method: string, params: unknown) {
      requests.push({ server: srv, method, params });
      const id = nextId++;
      const req = traffic.append({ time: 1, server: srv, direction: 'out', kind: 'request', method, id, size: 10, payload: { jsonrpc: '2.0', id, method, params } });
      await Promise.resolve();
      traffic.append({ time: 2, server: srv, direction: 'in', kind: 'response', method, id, size: 10, payload: { jsonrpc: '2.0', id, result: { ok: true } }, requestSeq: req.seq, durationMs: 1, status: 'ok' });
      return { ok: true };
    },
  };
  return { engine, requests };
}

const rec = (i: number): Omit<TrafficRecord, 'seq'> => ({ time: 1000 + i, server: 'echo', direction: 'in', kind: 'stderr', size: 5, text: `line ${i}` });

describe('inspector host (vscode-free, fake port and clock)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => { for (const c of cleanups.splice(0)) c(); });

  function setup(opts: Omit<InspectorHostOptions, 'timers'> = {}) {
    const { engine, requests } = fakeEngine();
    const port = new FakePort();
    const timers = new FakeTimers();
    const host = new InspectorHost(port, engine as any, { ...opts, timers });
    cleanups.push(() => { host.dispose(); engine.traffic.dispose(); engine.metrics.dispose(); });
    const append = (...records: Array<Omit<TrafficRecord, 'seq'>>) => { for (const r of records) engine.traffic.append(r); engine.traffic.flush(); };
    return { engine, requests, port, timers, host, append };
  }

  it('answers ready with an init of the store, then sends batches every interval; buffers while hidden', () => {
    const { engine, port, timers, host, append } = setup({ preset: { server: 'echo', tool: 'slow' } });
    for (let i = 0; i < 3; i++) engine.traffic.append(rec(i));
    append(rec(99));
    timers.advance(10_000);
    assert.equal(port.posted.length, 0, 'nothing before ready');
    host.receive({ type: 'ready' });
    const [init] = port.of('init');
    assert.deepEqual(batchRecords(init).map(r => r.text), ['line 0', 'line 1', 'line 2', 'line 99']);
    assert.equal(init.capacity, 500);
    assert.deepEqual(init.servers, [{ name: 'echo', state: 'running' }]);
    assert.deepEqual(port.of('filterPreset'), [{ type: 'filterPreset', server: 'echo', tool: 'slow' }]);
    append(rec(3), rec(4));
    timers.advance(BATCH_INTERVAL_MS - 1);
    assert.equal(port.of('append').length, 0, 'not before the batch interval');
    timers.advance(1);
    assert.deepEqual(port.of('append').flatMap(a => batchRecords(a).map(r => r.text)), ['line 3', 'line 4']);
    // Hidden: nothing is sent; visible again: the buffer goes out at once.
    port.visible = false;
    host.visibilityChanged();
    append(rec(5));
    timers.advance(10_000);
    assert.equal(port.of('append').length, 1);
    port.visible = true;
    host.visibilityChanged();
    assert.deepEqual(batchRecords(port.of('append').at(-1)!).map(r => r.text), ['line 5']);
    // Clear from the UI clears the store, which tells the UI.
    host.receive({ type: 'clear' });
    assert.equal(engine.traffic.size, 0);
    assert.equal(port.of('clear').length, 1);
  });

  it('sends the server list once per burst of server changes, after the UI is ready', () => {
    const { engine, port, timers, host } = setup();
    host.receive({ type: 'ready' });
    for (let i = 0; i < 5; i++) engine.server.fire({});
    engine.servers.fire();
    timers.advance(249);
    assert.equal(port.of('servers').length, 0);
    timers.advance(1);
    assert.deepEqual(port.of('servers'), [{ type: 'servers', servers: [{ name: 'echo', state: 'running' }] }]);
  });

  it('a preset given before ready waits for it; one given after is sent at once', () => {
    const { port, host } = setup();
    host.preset({ server: 'echo' });
    assert.equal(port.of('filterPreset').length, 0);
    host.receive({ type: 'ready' });
    host.preset({ tool: 'add' });
    host.preset({});
    assert.deepEqual(port.of('filterPreset'), [{ type: 'filterPreset', server: 'echo' }, { type: 'filterPreset', tool: 'add' }]);
  });

  it('replays through engine.request and names the recorded request; each reply carries its request id', async () => {
    const { port, host, requests } = setup();
    host.receive({ type: 'ready' });
    host.receive({ type: 'request', id: 7, method: 'replay', params: { server: 'echo', method: 'tools/call', params: { name: 'echo', arguments: { m: 1 } } } });
    const response = await port.response(7);
    assert.deepEqual(requests, [{ server: 'echo', method: 'tools/call', params: { name: 'echo', arguments: { m: 1 } } }]);
    assert.ok(response.ok);
    const result = response.result as ReplayResult;
    assert.equal(result.ok, true);
    assert.deepEqual(result.result, { ok: true });
    const sent = port.of('append').flatMap(a => batchRecords(a));
    const req = sent.find(r => r.kind === 'request')!;
    assert.equal(result.requestSeq, req.seq, 'the exchange was sent before the result');
    host.receive({ type: 'request', id: 8, method: 'replay', params: { server: 'nope', method: 'tools/call', params: {} } });
    host.receive({ type: 'request', id: 9, method: 'replay', params: { server: 'echo', method: 'initialize', params: {} } });
    const answers = await Promise.all([port.response(8), port.response(9)]);
    assert.deepEqual(answers.map(r => [r.id, r.ok && (r.result as ReplayResult).ok, r.ok && (r.result as ReplayResult).error]),
      [[8, false, 'Unknown server "nope"'], [9, false, 'initialize cannot be replayed']]);
  });

  it('a replayed tools/call passes the host-side checks: allowedTools/excludedTools, unknown tools and the approval policy', async () => {
    const { port, host, requests } = setup();
    host.receive({ type: 'ready' });
    const replay = async (id: number, name: unknown) => {
      host.receive({ type: 'request', id, method: 'replay', params: { server: 'echo', method: 'tools/call', params: { name, arguments: {} } } });
      const response = await port.response(id);
      assert.ok(response.ok);
      return response.result as ReplayResult;
    };
    assert.match((await replay(1, 'hidden')).error!, /filtered out by allowedTools\/excludedTools/);
    assert.match((await replay(2, 'nosuch')).error!, /has no tool "nosuch"/);
    assert.match((await replay(3, 42)).error!, /params\.name/);
    port.confirmAnswer = false;
    assert.match((await replay(4, 'wipe')).error!, /not confirmed/);
    assert.deepEqual(port.confirmations, ['Replay the tool call "wipe" on echo?'], 'a destructive tool asks');
    assert.equal(requests.length, 0, 'nothing refused reached the engine');
    port.approval = 'always';
    await replay(5, 'echo');
    assert.equal(port.confirmations.length, 2, '"always" asks even for a read-only tool');
    port.approval = 'readOnly';
    port.confirmAnswer = true;
    assert.equal((await replay(6, 'echo')).ok, true, 'a read-only tool under readOnly runs without asking');
    assert.equal(port.confirmations.length, 2);
    assert.deepEqual(requests.map(r => (r.params as { name: string }).name), ['echo']);
  });

  it('exports JSON Lines and HAR, imports them back, refuses an oversized import and copies through the clipboard', async () => {
    const { port, host } = setup();
    host.receive({ type: 'ready' });
    const notices = () => port.of('notice').map(n => n.text);
    const records = [{ seq: 1, ...rec(1) }, { seq: 2, ...rec(2), text: 'two' }] as TrafficRecord[];
    port.saveTo = '/tmp/out.jsonl';
    host.receive({ type: 'export', format: 'jsonl', records });
    await port.until(() => notices().length === 1);
    assert.equal(port.files.get('/tmp/out.jsonl'), records.map(r => JSON.stringify(r)).join('\n') + '\n');
    port.saveTo = '/tmp/out.har';
    host.receive({ type: 'export', format: 'har', records });
    await port.until(() => notices().length === 2);
    const har = JSON.parse(port.files.get('/tmp/out.har')!);
    assert.equal(har.log.creator.version, '9.9.9');
    assert.equal(har.log.entries.length, 2);
    assert.deepEqual(notices(), ['Exported 2 records to /tmp/out.jsonl', 'Exported 2 records to /tmp/out.har']);
    host.receive({ type: 'export', format: 'jsonl', records: [] });
    assert.equal(notices().at(-1), 'Nothing to export: no records match the filters.');
    port.openFrom = '/tmp/out.har';
    host.receive({ type: 'importRequest' });
    await port.until(() => port.of('imported').length === 1);
    const [imported] = port.of('imported');
    assert.equal(imported.fileName, 'out.har');
    assert.deepEqual(batchRecords(imported), records);
    // A file over the cap is refused before it is read, with a message that says what to do.
    port.openFrom = '/tmp/huge.jsonl';
    port.sizes.set('/tmp/huge.jsonl', 100 * 1024 * 1024);
    host.receive({ type: 'importRequest' });
    await port.until(() => notices().length === 4);
    assert.match(notices().at(-1)!, /Import failed: The file is 100 MB; the inspector imports at most 50 MB/);
    assert.equal(port.of('imported').length, 1);
    host.receive({ type: 'copy', text: '{"a":1}' });
    await port.until(() => port.clipboard.length === 1);
    assert.deepEqual(port.clipboard, ['{"a":1}']);
  });

  it('ignores messages that do not match the protocol: no reply, no dialog, no clipboard write', async () => {
    const { port, host } = setup();
    host.receive({ type: 'ready' });
    const before = port.posted.length;
    host.receive({ type: 'export', format: 'exe', records: [] });
    host.receive({ type: 'copy', text: 42 });
    host.receive({ type: 'request', id: 'x', method: 'replay', params: {} });
    host.receive(42);
    host.receive(null);
    // A valid message afterwards is handled: the host is still listening and nothing before it did anything.
    host.receive({ type: 'copy', text: 'valid' });
    await port.until(() => port.clipboard.length === 1);
    assert.deepEqual(port.clipboard, ['valid']);
    assert.equal(port.exportDialogs, 0);
    assert.equal(port.posted.length, before, 'nothing was answered');
  });

  it('a restored panel keeps its metrics tab and selection: metrics changes push snapshots of the selected server', async () => {
    const { engine, port, timers, host } = setup({ restoredState: { v: 1, tab: 'metrics', filters: {}, autoScroll: true, metricsSelection: { server: 'echo' } } });
    host.receive({ type: 'ready' });
    assert.equal(port.of('init').length, 1);
    const changed = new Promise<void>(resolve => { const sub = engine.metrics.onDidChange(() => { sub.dispose(); resolve(); }); });
    engine.metrics.requestStarted('echo', 'tools/call', 'echo');
    engine.metrics.requestEnded('echo', 'tools/call', 'echo', 5, 'ok');
    await changed;
    assert.equal(port.of('metrics').length, 0, 'at most one snapshot a second');
    timers.advance(1000);
    const [metrics] = port.of('metrics');
    assert.deepEqual(metrics.snapshot.selection, { server: 'echo' });
    assert.equal(metrics.snapshot.servers.echo.calls, 1);
    // The UI asks for another selection: answered at once.
    host.receive({ type: 'requestMetrics', selection: { server: 'echo', tool: 'echo' } });
    assert.deepEqual(port.of('metrics').at(-1)!.snapshot.selection, { server: 'echo', tool: 'echo' });
  });

  it('posts nothing once disposed', () => {
    const { port, timers, host, append, engine } = setup();
    host.receive({ type: 'ready' });
    append(rec(1));
    engine.server.fire({});
    host.dispose();
    timers.advance(10_000);
    host.receive({ type: 'ready' });
    assert.deepEqual(port.posted.map(m => m.type), ['init']);
  });
});
