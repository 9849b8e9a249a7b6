import * as assert from 'node:assert/strict';
import { PromptQueue } from '../../../../src/workspace/promptQueue';

describe('adapter: prompt queue', () => {
  it('asks one question at a time and shares the answer of a question asked twice', async () => {
    const queue = new PromptQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = queue.run('a', () => new Promise<string>(resolve => { log.push('a:open'); release = () => { log.push('a:close'); resolve('A'); }; }));
    const again = queue.run('a', async () => { log.push('a:again'); return 'A2'; });
    const second = queue.run('b', async () => { log.push('b:open'); return 'B'; });
    assert.equal(queue.size, 2);
    // The queue is promise-only: once the event loop turns, every prompt not waiting on `a` has started.
    await new Promise(r => setImmediate(r));
    assert.deepEqual(log, ['a:open'], 'b waits until a is answered');
    release();
    assert.deepEqual(await Promise.all([first, again, second]), ['A', 'A', 'B']);
    assert.deepEqual(log, ['a:open', 'a:close', 'b:open']);
    assert.equal(queue.size, 0);
    assert.equal(await queue.run('a', async () => 'later'), 'later', 'asked again once settled');
  });

  it('a failing prompt does not block the next', async () => {
    const queue = new PromptQueue();
    await assert.rejects(queue.run('x', async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await queue.run('y', async () => 'ok'), 'ok');
  });
});
