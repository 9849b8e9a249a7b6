import * as assert from 'node:assert/strict';
import { CoalescingRunner } from '../../../src/core/serialRunner';

/** A task whose runs finish only when the test says so. */
function gatedTask() {
  const gates: Array<() => void> = [];
  let active = 0;
  let maxActive = 0;
  const task = () => new Promise<void>(resolve => {
    active++; maxActive = Math.max(maxActive, active);
    gates.push(() => { active--; resolve(); });
  });
  return { task, gates, runs: () => gates.length, maxActive: () => maxActive };
}

describe('CoalescingRunner (configuration reloads)', () => {
  it('never overlaps runs, and coalesces every request made during a run into exactly one more', async () => {
    const t = gatedTask();
    const runner = new CoalescingRunner(t.task);
    const first = runner.run();
    const second = runner.run();
    const third = runner.run();
    assert.equal(second, third, 'requests during a run share the follow-up run');
    assert.equal(t.runs(), 1);
    t.gates[0]();
    await first;
    await new Promise<void>(r => setImmediate(r));
    assert.equal(t.runs(), 2, 'the follow-up starts once the first run ended');
    t.gates[1]();
    await second;
    assert.equal(t.maxActive(), 1);
  });

  it('idle() waits for the run and its follow-up, and a failed run does not block the next one', async () => {
    let calls = 0;
    const runner = new CoalescingRunner(async () => { calls++; if (calls === 1) throw new Error('boom'); });
    const first = runner.run();
    const again = runner.run();
    await assert.rejects(first, /boom/);
    await runner.idle();
    await again;
    assert.equal(calls, 2);
  });
});
