import * as assert from 'node:assert/strict';
import { isAlive, stdioCommand } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, waitForState } from './helpers';

const stdio = (name: string, ...args: string[]) => ({ type: 'stdio' as const, ...stdioCommand(name, ...args) });

/** The pid a fixture printed on stderr as `<prefix> <pid>`. */
function pidFromStderr(engine: Engine, server: string, prefix: RegExp): number {
  const line = engine.traffic.records({ server }).find(r => r.kind === 'stderr' && prefix.test(r.text ?? ''));
  assert.ok(line, `no stderr line matching ${prefix}`);
  return Number(/(\d+)\s*$/.exec(line.text!)![1]);
}

/** Waits (bounded) for a process to be gone: the kill is asynchronous, the test never sleeps a fixed time. */
async function gone(pid: number, withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (isAlive(pid)) {
    if (Date.now() > end) return false;
    await new Promise(r => setImmediate(r));
  }
  return true;
}

describe('no orphan processes', () => {
  let engine: Engine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; });

  it('a server that dies by itself takes its stubborn child with it', async () => {
    engine = testEngine();
    await engine.apply([entry('h', stdio('hostile.mjs', '--spawn-child', '--exit-after-ms', '800'), { restart: 'never' })]);
    await engine.whenStarted();
    const child = pidFromStderr(engine, 'h', /^CHILD \d+/);
    assert.ok(isAlive(child));
    await waitForState(engine, 'h', 'error');
    assert.ok(await gone(child, 5000), `child ${child} outlived its server`);
  });

  it('dispose() waits for the shutdown of a start that gave up, so no stubborn server survives it', async () => {
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 1000, termGraceMs: 1500 } } });
    await engine.apply([entry('stubborn', stdio('hostile.mjs', '--stubborn', '--ignore-sigterm'), { restart: 'never', startupTimeoutMs: 3000 })]);
    await engine.whenStarted();
    assert.equal(engine.get('stubborn')!.state.kind, 'error');
    const pid = pidFromStderr(engine, 'stubborn', /^hostile: starting pid \d+$/);
    const e = engine;
    engine = undefined;
    await e.dispose();
    assert.equal(isAlive(pid), false, `server ${pid} still alive after dispose()`);
  });
});
