import * as assert from 'node:assert/strict';
import { stdioCommand } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, timed, waitForState } from './helpers';

const hostile = (...args: string[]) => ({ type: 'stdio' as const, ...stdioCommand('hostile.mjs', ...args) });

describe('hostile stdio messages', () => {
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('a message over the size cap ends the pending call at once with a clear error, and the server restarts', async () => {
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, maxMessageBytes: 1024 * 1024 } });
    await engine.apply([entry('h', hostile())]);
    await engine.whenStarted();
    const firstPid = engine.get('h')!.info!.pid;
    const call = await timed(engine.callTool('h', 'oversized', { mb: 3 }, { timeoutMs: 25_000 }));
    assert.ok(call.error, 'the call must fail');
    assert.match(call.error.message, /over the 1048576-byte limit: its pending calls were ended and the server is restarted/);
    assert.ok(call.ms < 20_000, `ended after ${call.ms} ms, not at its timeout`);
    await waitForState(engine, 'h', 'running');
    assert.notEqual(engine.get('h')!.info!.pid, firstPid);
    assert.deepEqual((await engine.callTool('h', 'echo', { text: 'after' })).content, [{ type: 'text', text: 'after' }]);
  });

  it('a crash mid-call says the exit code and the last stderr lines; the state does not claim it was never ready', async () => {
    engine = testEngine();
    await engine.apply([entry('h', hostile(), { restart: 'never' })]);
    await engine.whenStarted();
    const call = await timed(engine.callTool('h', 'crash', {}));
    assert.match(call.error?.message ?? '', /Connection closed: Server process exited with code 7\nstderr:\n(.*\n)*crash: disk quota exceeded\ncrash: giving up/);
    await waitForState(engine, 'h', 'error');
    const reason = (engine.get('h')!.state as { reason: string }).reason;
    assert.match(reason, /^The server process ended while running \(Server process exited with code 7/);
    assert.doesNotMatch(reason, /before it was ready/);
  });
});
