import * as assert from 'node:assert/strict';
import { McpFailure } from '../../../src/core/connection/failure';
import { defaultTaskLimits, ToolTask, type TaskChannel, type ToolTaskState } from '../../../src/core/tasks/toolTask';

// The state machine on its own, with a scripted TaskChannel (our interface, not the SDK): the answers a hostile or
// broken server gives, which the fixture servers cannot be made to send.
const limits = { ...defaultTaskLimits, minPollMs: 1, defaultPollMs: 1 };
const task = (status: string, extra: Record<string, unknown> = {}) => ({ taskId: 't1', status, pollInterval: 1, ...extra });

function scripted(gets: (() => unknown)[], more: Partial<TaskChannel> = {}): TaskChannel & { cancels: number } {
  const channel = {
    cancels: 0,
    create: async () => ({ task: task('working') }),
    get: async () => { const next = gets.shift(); if (!next) throw new Error('script ran out'); return next(); },
    result: async () => ({ content: [{ type: 'text', text: 'ok' }] }),
    cancel: async () => { channel.cancels++; return task('cancelled'); },
    ...more,
  };
  return channel;
}

describe('ToolTask state machine', () => {
  it('ends in error after maxPollFailures failed polls in a row, and a success in between resets the count', async () => {
    const fail = () => { throw new Error('boom'); };
    const t = new ToolTask(scripted([fail, fail, () => task('working'), fail, fail, fail]), limits);
    const states: ToolTaskState['kind'][] = [];
    t.onDidChangeState(s => states.push(s.kind));
    await assert.rejects(t.run(), (e: unknown) => e instanceof McpFailure && /tasks\/get failed 3 times in a row: boom/.test(e.message));
    assert.equal(t.state.kind, 'error');
    assert.deepEqual(states, ['working', 'error']);
  });

  it('refuses a task with an unknown status with a clear error', async () => {
    const t = new ToolTask(scripted([], { create: async () => ({ task: task('exploded') }) }), limits);
    await assert.rejects(t.run(), /unknown status "exploded"/);
    assert.equal(t.state.kind, 'error');
  });

  it('takes a plain result when the server ignored the task parameter', async () => {
    const t = new ToolTask(scripted([], { create: async () => ({ content: [{ type: 'text', text: 'now' }] }) }), limits);
    assert.deepEqual((await t.run()).content, [{ type: 'text', text: 'now' }]);
    assert.equal(t.state.kind, 'completed');
  });

  it('a cancel before the server answered the creation still cancels the task once it exists', async () => {
    let created!: () => void;
    const channel = scripted([], { create: () => new Promise(resolve => { created = () => resolve({ task: task('working') }); }) });
    const t = new ToolTask(channel, limits);
    const run = t.run();
    t.cancel();
    created();
    await assert.rejects(run, (e: unknown) => e instanceof McpFailure && e.kind === 'cancelled');
    assert.equal(channel.cancels, 1, 'tasks/cancel sent once the taskId was known');
  });

  it('a completed task whose result has no content list is a protocol error, not a crash', async () => {
    const t = new ToolTask(scripted([() => task('completed')], { result: async () => ({ nope: true }) }), limits);
    await assert.rejects(t.run(), (e: unknown) => e instanceof McpFailure && e.kind === 'protocol');
    assert.equal(t.state.kind, 'error');
  });
});
