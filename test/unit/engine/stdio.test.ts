import * as assert from 'node:assert/strict';
import { descendantPids, isAlive, stdioCommand } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, timed, waitForRecord, waitForState } from './helpers';
import { failureKindOf } from '../../../src/core/connection/failure';

const stdio = (name: string, ...args: string[]) => ({ type: 'stdio' as const, ...stdioCommand(name, ...args) });

describe('engine over stdio', () => {
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('connects, records server info and protocol version, lists the catalog and calls a tool', async () => {
    engine = testEngine();
    await engine.apply([entry('echo', stdio('echo.mjs'))]);
    await engine.whenStarted();
    const snap = engine.get('echo')!;
    assert.equal(snap.state.kind, 'running');
    assert.equal(snap.info?.transport, 'stdio');
    assert.match(snap.info!.protocolVersion, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(snap.catalog.tools.some(t => t.name === 'echo'));
    assert.ok(snap.catalog.prompts.some(p => p.name === 'greet'));
    assert.ok(snap.catalog.resources.some(r => r.uri === 'echo://readme'));
    const result = await engine.callTool('echo', 'echo', { text: 'hello' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'hello' }]);
    assert.ok(engine.tools().some(t => t.qualifiedName === 'echo__echo'));
  });

  it('start is idempotent and stop/dispose leave no process behind', async () => {
    engine = testEngine();
    await engine.apply([entry('echo', stdio('echo.mjs'), { autoStart: false })]);
    await engine.whenStarted();
    await Promise.all([engine.start('echo'), engine.start('echo'), engine.start('echo')]);
    const pid = engine.get('echo')!.info!.pid!;
    assert.ok(isAlive(pid));
    assert.equal(engine.traffic.records().filter(r => r.method === 'initialize' && r.kind === 'request').length, 1, 'one initialize for three starts');
    await engine.stop('echo');
    assert.equal(engine.get('echo')!.state.kind, 'stopped');
    assert.equal(isAlive(pid), false);
  });

  it('a command that does not exist yields an error state that names the command and the PATH', async () => {
    engine = testEngine();
    await engine.apply([entry('missing', { type: 'stdio', command: 'definitely-not-a-command-xyz', args: [] })]);
    await engine.whenStarted();
    const state = engine.get('missing')!.state;
    assert.equal(state.kind, 'error');
    assert.match((state as { reason: string }).reason, /Command "definitely-not-a-command-xyz" was not found on PATH/);
    assert.match((state as { hint?: string }).hint ?? '', /command/);
  });

  it('a server that exits at start shows its stderr in the reason, retries with backoff, then gives up', async () => {
    engine = testEngine();
    const started = Date.now();
    await engine.apply([entry('dies', stdio('exit-at-start.mjs'))]);
    await engine.whenStarted();
    await waitForState(engine, 'dies', 'error');
    const snap = engine.get('dies')!;
    assert.match((snap.state as { reason: string }).reason, /missing API key/);
    assert.match((snap.state as { reason: string }).reason, /gave up after 3 attempts/);
    const attempts = engine.traffic.records({ server: 'dies' }).filter(r => r.kind === 'lifecycle' && /^connecting/.test(r.text ?? ''));
    assert.equal(attempts.length, 3);
    // backoff with random()=1: 50 ms then 100 ms between attempts
    const gaps = attempts.slice(1).map((r, i) => r.time - attempts[i].time);
    assert.ok(gaps[0] >= 50 && gaps[1] >= 100, `gaps ${gaps}`);
    assert.ok(Date.now() - started < 8000);
  });

  it('a crash in the middle of a call ends the call with a clear error and reconnects', async () => {
    engine = testEngine();
    await engine.apply([entry('crash', stdio('crash.mjs'))]);
    await engine.whenStarted();
    const pid = engine.get('crash')!.info!.pid!;
    const r = await timed(engine.callTool('crash', 'crash', {}));
    assert.ok(r.error, 'the call must fail');
    // The SDK ends pending requests with ConnectionClosed when the process's pipes close.
    assert.equal(failureKindOf(r.error), 'transport-closed', r.error!.message);
    assert.match(r.error!.message, /Connection closed/);
    assert.ok(r.ms < 5000);
    await waitForState(engine, 'crash', 'running');
    assert.notEqual(engine.get('crash')!.info!.pid, pid, 'a new process');
    assert.equal(isAlive(pid), false);
    const echo = await engine.callTool('crash', 'echo', { text: 'back' }).catch(e => e as Error);
    assert.ok(!(echo instanceof Error) || /Unknown tool|not found/i.test(echo.message));
  });

  it('a hanging call times out within its timeout plus one second, and cancellation reaches the server', async () => {
    engine = testEngine();
    await engine.apply([entry('hang', stdio('hang.mjs'), { timeoutMs: 400 })]);
    await engine.whenStarted();
    const r = await timed(engine.callTool('hang', 'hang', {}));
    assert.match(r.error!.message, /timed out/i);
    assert.ok(r.ms < 1400, `took ${r.ms} ms`);
    const cancelled = engine.traffic.records({ server: 'hang' }).find(x => x.method === 'notifications/cancelled');
    assert.ok(cancelled, 'notifications/cancelled was sent');
    assert.equal(engine.metrics.server('hang').tools.hang.timeouts, 1);
    assert.equal(engine.get('hang')!.state.kind, 'running', 'a slow tool does not kill the server');
  });

  it('an aborted call sends notifications/cancelled and rejects at once', async () => {
    engine = testEngine();
    await engine.apply([entry('echo', stdio('echo.mjs'))]);
    await engine.whenStarted();
    const ac = new AbortController();
    const call = timed(engine.callTool('echo', 'sleep', { ms: 5000 }, { signal: ac.signal }));
    await waitForRecord(engine, x => x.kind === 'request' && x.tool === 'sleep', 'the sleep call');
    const aborted = Date.now();
    ac.abort('user cancelled');
    const r = await call;
    assert.ok(Date.now() - aborted < 1500, 'rejects soon after the abort');
    assert.ok(r.error);
    assert.ok(engine.traffic.records({ server: 'echo' }).some(x => x.method === 'notifications/cancelled'));
  });

  it('progress notifications reset the timeout', async () => {
    engine = testEngine();
    await engine.apply([entry('slow', stdio('slow.mjs'), { timeoutMs: 500 })]);
    await engine.whenStarted();
    const progress: number[] = [];
    const r = await engine.callTool('slow', 'slow', { ms: 1500, steps: 10 }, { onProgress: p => progress.push(p.progress) });
    assert.ok(!r.isError);
    assert.ok(progress.length >= 5);
  });

  it('survives garbage on stdout and a 20 MB message', async () => {
    engine = testEngine();
    await engine.apply([entry('garbage', stdio('garbage.mjs')), entry('huge', stdio('huge.mjs'), { timeoutMs: 30_000 })]);
    await engine.whenStarted();
    const g = await engine.callTool('garbage', 'garbage', {});
    assert.equal(g.isError, undefined);
    assert.ok(engine.traffic.records({ server: 'garbage' }).some(r => /not JSON-RPC/.test(r.text ?? '')));
    const h = await engine.callTool('huge', 'huge', { mb: 20 });
    assert.ok((h.content[0] as { text: string }).text.length >= 20 * 1024 * 1024);
    const rec = engine.traffic.records({ server: 'huge' }).find(r => r.kind === 'response' && r.tool === 'huge')!;
    assert.ok(rec.truncated, 'the stored record is truncated so memory stays bounded');
  });

  it('refreshes the tool list on list_changed and fires a catalog event only for real changes', async () => {
    engine = testEngine();
    await engine.apply([entry('changing', stdio('changing.mjs'))]);
    await engine.whenStarted();
    let events = 0;
    const changed = new Promise<void>(resolve => engine.onDidChangeCatalog(() => { events++; resolve(); }));
    await engine.callTool('changing', 'add_tool', { name: 'fresh' });
    await changed;
    assert.ok(engine.get('changing')!.catalog.tools.some(t => t.name === 'fresh'));
    assert.equal(events, 1);
    await engine.refreshCatalog('changing');
    assert.equal(events, 1, 'an unchanged list fires nothing');
  });

  it('applies allowedTools and excludedTools everywhere', async () => {
    engine = testEngine();
    await engine.apply([entry('echo', stdio('echo.mjs'), { excludedTools: ['add', 'fa*'] })]);
    await engine.whenStarted();
    const tools = engine.tools().filter(t => t.server === 'echo');
    assert.equal(tools.find(t => t.tool.name === 'add')!.enabled, false);
    assert.equal(tools.find(t => t.tool.name === 'fail')!.enabled, false);
    assert.equal(tools.find(t => t.tool.name === 'echo')!.enabled, true);
    await assert.rejects(engine.callTool('echo', 'add', { a: 1, b: 2 }), /filtered out/);
    // The inspector's raw replay goes through the same check, on the host.
    await assert.rejects(engine.request('echo', 'tools/call', { name: 'add', arguments: { a: 1, b: 2 } }), /filtered out/);
    await assert.rejects(engine.request('echo', 'tools/call', { arguments: {} }), /params\.name/);
    assert.ok(!engine.traffic.records().some(r => r.kind === 'request' && r.method === 'tools/call'), 'nothing reached the server');
    assert.ok(await engine.request('echo', 'tools/call', { name: 'echo', arguments: { message: 'ok' } }));
  });

  it('validates structuredContent against outputSchema lazily', async () => {
    engine = testEngine();
    await engine.apply([entry('echo', stdio('echo.mjs'))]);
    await engine.whenStarted();
    const r = await engine.callTool('echo', 'add', { a: 2, b: 3 });
    assert.deepEqual(r.structuredContent, { sum: 5 });
    assert.equal(r.outputSchemaErrors, undefined);
  });

  it('dispose kills every process, including grandchildren', async () => {
    engine = testEngine();
    await engine.apply([entry('a', stdio('echo.mjs')), entry('b', stdio('hang.mjs'))]);
    await engine.whenStarted();
    const pids = engine.list().map(s => s.info!.pid!);
    const tree = pids.flatMap(p => [p, ...descendantPids(p)]);
    await engine.dispose();
    for (const p of tree) assert.equal(isAlive(p), false, `pid ${p} survived`);
  });
});

describe('engine resilience', () => {
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('retries an idempotent request after a crash, but never a tools/call', async () => {
    engine = testEngine();
    await engine.apply([entry('crash', stdio('crash.mjs'))]);
    await engine.whenStarted();
    const [call, list] = await Promise.allSettled([engine.callTool('crash', 'crash', {}), engine.request('crash', 'tools/list', {})]);
    assert.equal(call.status, 'rejected');
    assert.equal(list.status, 'fulfilled', list.status === 'rejected' ? String(list.reason) : '');
    const calls = engine.traffic.records({ server: 'crash' }).filter(r => r.kind === 'request' && r.method === 'tools/call');
    assert.equal(calls.length, 1, 'tools/call went out exactly once');
  });

  it('opens the circuit after repeated timeouts and then fails fast with a clear error', async () => {
    engine = testEngine({ breaker: { threshold: 3, cooldownMs: 60_000 } });
    await engine.apply([entry('hang', stdio('hang.mjs'), { timeoutMs: 100 })]);
    await engine.whenStarted();
    for (let i = 0; i < 3; i++) await assert.rejects(engine.callTool('hang', 'hang', {}), /timed out/i);
    assert.equal(engine.get('hang')!.breaker, 'open');
    const r = await timed(engine.callTool('hang', 'echo', { text: 'x' }));
    assert.match(r.error!.message, /failing fast: 3 requests in a row failed/);
    assert.ok(r.ms < 50, `fail-fast took ${r.ms} ms`);
    await engine.restart('hang');
    assert.equal(engine.get('hang')!.breaker, 'closed', 'a restart closes the circuit');
  });

  it('lets one trial through when half-open and closes on success', async () => {
    let clock = Date.now();
    engine = testEngine({ breaker: { threshold: 2, cooldownMs: 200 }, now: () => clock });
    await engine.apply([entry('hang', stdio('hang.mjs'), { timeoutMs: 100 })]);
    await engine.whenStarted();
    for (let i = 0; i < 2; i++) await assert.rejects(engine.callTool('hang', 'hang', {}));
    assert.equal(engine.get('hang')!.breaker, 'open');
    clock += 250;
    assert.equal(engine.get('hang')!.breaker, 'half-open');
    await engine.callTool('hang', 'echo', { text: 'trial' }, { timeoutMs: 10_000 });
    assert.equal(engine.get('hang')!.breaker, 'closed');
  });

  it('never writes a secret into logs or traffic records', async () => {
    const logs: string[] = [];
    engine = testEngine();
    engine.onDidLog(l => logs.push(l.message));
    await engine.apply([entry('echo', stdio('echo.mjs', '--name', 'hunter2-secret'), {}, ['hunter2-secret'])]);
    await engine.whenStarted();
    await engine.callTool('echo', 'echo', { text: 'the key is hunter2-secret' });
    engine.traffic.flush();
    assert.ok(logs.some(l => /Starting/.test(l)));
    assert.ok(!logs.join('\n').includes('hunter2-secret'), logs.join('\n'));
    assert.ok(!JSON.stringify(engine.traffic.records()).includes('hunter2-secret'));
  });
});

describe('engine enable/disable', () => {
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('a server disabled from the UI stays disabled when the configuration is applied again', async () => {
    engine = testEngine();
    const entries = [entry('echo', stdio('echo.mjs')), entry('other', stdio('echo.mjs'))];
    await engine.apply(entries);
    await engine.whenStarted();
    await engine.setEnabled('echo', false);
    assert.equal(engine.get('echo')!.state.kind, 'disabled');
    const result = await engine.apply([entry('echo', stdio('echo.mjs')), entry('other', stdio('echo.mjs'), { timeoutMs: 1234 })]);
    await engine.whenStarted();
    assert.deepEqual(result.changed, ['other']);
    assert.equal(engine.get('echo')!.state.kind, 'disabled');
    assert.deepEqual(engine.enabledChoices(), { echo: false });
    await engine.setEnabled('echo', true);
    assert.equal(engine.get('echo')!.state.kind, 'running');
  });

  it('restored choices apply from the first apply', async () => {
    engine = testEngine();
    engine.restoreEnabledChoices({ echo: false });
    await engine.apply([entry('echo', stdio('echo.mjs'))]);
    await engine.whenStarted();
    assert.equal(engine.get('echo')!.state.kind, 'disabled');
  });
});
