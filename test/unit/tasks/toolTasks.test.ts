import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/connection/engine';
import { McpFailure } from '../../../src/core/connection/failure';
import type { TaskEntry } from '../../../src/core/tasks/taskRegistry';
import { defaultTaskLimits } from '../../../src/core/tasks/toolTask';
import { stdioCommand } from '../../fixtures/servers';
import { entry, testEngine, waitForCatalog } from '../engine/helpers';
import { payloadOf } from '../../../src/shared/traffic';

const everything = { type: 'stdio' as const, command: process.execPath, args: [join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'stdio'] };
const textOf = (r: { content: unknown[] }) => r.content.map(c => (c as { text?: string }).text ?? '').join('\n');

/** Resolves with the first task entry of `server` that satisfies `ok`, checked on every registry change. */
function waitForTask(engine: Engine, ok: (e: TaskEntry) => boolean, what: string, timeoutMs = 20_000): Promise<TaskEntry> {
  return new Promise((resolve, reject) => {
    const check = () => { const e = engine.tasks.list().find(ok); if (e) { sub.dispose(); clearTimeout(t); resolve(e); } };
    const sub = engine.tasks.onDidChange(check);
    const t = setTimeout(() => { sub.dispose(); reject(new Error(`${what} did not happen: ${JSON.stringify(engine.tasks.list())}`)); }, timeoutMs);
    check();
  });
}

describe('task-augmented tool calls (2025-11-25 tasks) through the engine', function () {
  this.timeout(60_000);
  let engine: Engine;
  afterEach(() => engine?.dispose());

  describe('against server-everything', () => {
    beforeEach(async () => {
      engine = testEngine();
      await engine.apply([entry('everything', everything)]);
      await engine.whenStarted();
      await waitForCatalog(engine, 'everything', s => s.catalog.tools.some(t => t.name === 'simulate-research-query'), 'the task tool listed');
    });

    it('calls a tool that requires tasks as a task, reports its stages and returns its result', async () => {
      const tool = engine.get('everything')!.catalog.tools.find(t => t.name === 'simulate-research-query')!;
      assert.equal(tool.execution?.taskSupport, 'required');
      const messages: string[] = [];
      const result = await engine.callTool('everything', 'simulate-research-query', { topic: 'otters' }, { onProgress: p => messages.push(p.message ?? '') });
      assert.match(textOf(result), /Research Report: otters/);
      // Polled once a second over ~4 s of stages: the first stage and at least one later one show.
      assert.equal(messages[0], 'Gathering sources...');
      assert.ok(new Set(messages).size >= 2, `status messages: ${messages}`);
      const [done] = engine.tasks.list('everything');
      assert.equal(done.state.kind, 'completed');
      assert.equal(done.tool, 'simulate-research-query');
      const methods = engine.traffic.records().map(r => r.method);
      assert.ok(methods.includes('tasks/get') && methods.includes('tasks/result'), `methods: ${[...new Set(methods)]}`);
    });

    it('cancels a running task: the server is told (tasks/cancel) and the call ends as cancelled', async () => {
      const call = engine.callTool('everything', 'simulate-research-query', { topic: 'slow' });
      const running = await waitForTask(engine, e => e.state.kind === 'working', 'the task running');
      engine.tasks.cancel(running.id);
      await assert.rejects(call, (e: unknown) => e instanceof McpFailure && e.kind === 'cancelled');
      assert.equal(engine.tasks.get(running.id)!.state.kind, 'cancelled');
      const answers = engine.traffic.records().filter(r => r.method === 'tasks/cancel' && r.kind === 'response');
      assert.equal(((answers[0] && payloadOf(answers[0])) as { result?: { status?: string } } | undefined)?.result?.status, 'cancelled', JSON.stringify(answers));
    });

    it('cancels the task when the caller aborts (a chat request cancelled)', async () => {
      const abort = new AbortController();
      const call = engine.callTool('everything', 'simulate-research-query', { topic: 'abort' }, { signal: abort.signal });
      await waitForTask(engine, e => e.state.kind === 'working', 'the task running');
      abort.abort();
      await assert.rejects(call, (e: unknown) => e instanceof McpFailure && e.kind === 'cancelled');
      assert.ok(engine.traffic.records().some(r => r.method === 'tasks/cancel'), 'tasks/cancel sent');
    });
  });

  describe('against the tasks fixture', () => {
    const start = async (limits = {}) => {
      engine = testEngine({ taskLimits: { ...defaultTaskLimits, ...limits } });
      await engine.apply([entry('jobs', { type: 'stdio', ...stdioCommand('tasks.mjs') })]);
      await engine.whenStarted();
      await waitForCatalog(engine, 'jobs', s => s.catalog.tools.length >= 4, 'tools listed');
    };

    it('a failed task ends as failed with the server\'s reason', async () => {
      await start();
      const result = await engine.callTool('jobs', 'failing_job', {});
      assert.equal(result.isError, true);
      assert.match(textOf(result), /disk full/);
      assert.equal(engine.tasks.list('jobs')[0].state.kind, 'failed');
    });

    it('a task past the duration cap ends in an error and is cancelled on the server', async () => {
      await start({ maxDurationMs: 600 });
      await assert.rejects(engine.callTool('jobs', 'stuck_job', {}), (e: unknown) => e instanceof McpFailure && e.kind === 'timeout' && /did not finish/.test(e.message));
      assert.equal(engine.tasks.list('jobs')[0].state.kind, 'error');
      const seen = await engine.callTool('jobs', 'cancelled_tasks', {});
      assert.equal(JSON.parse(textOf(seen)).length, 1, textOf(seen));
    });

    it('honours pollInterval but clamps 0 to the minimum instead of spinning', async () => {
      await start({ minPollMs: 100 });
      const t0 = Date.now();
      const result = await engine.callTool('jobs', 'fast_poll_job', { label: 'x' });
      const elapsed = Date.now() - t0;
      assert.equal(textOf(result), 'done x');
      const polls = engine.traffic.records().filter(r => r.method === 'tasks/get' && r.kind === 'request').length;
      assert.ok(polls >= 1 && polls <= elapsed / 100 + 1, `${polls} tasks/get polls in ${elapsed} ms at a 100 ms floor`);
    });
  });
});
