import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/connection/engine';
import type { ClientRequestHandlers, Elicitation, ElicitationAnswer } from '../../../src/core/clientRequests/types';
import type { Sampler } from '../../../src/core/sampling/types';
import { failureKindOf } from '../../../src/core/connection/failure';
import { stdioCommand } from '../../fixtures/servers';
import { entry, testEngine, waitForCatalog, waitForRecord } from './helpers';

const everything = { type: 'stdio' as const, command: process.execPath, args: [join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'stdio'] };
const textOf = (r: { content: unknown[] }) => r.content.map(c => (c as { text?: string }).text ?? '').join('\n');
const aborted = (signal: AbortSignal) => new Promise<void>(resolve => { if (signal.aborted) resolve(); else signal.addEventListener('abort', () => resolve(), { once: true }); });
const TIMEOUT_MS = 500;

/**
 * The asked call's timeout would have fired: a call on another server (so not paused by the question), started when the
 * question came and given the same timeout, has timed out. Waits on that event, not on a sleep; it also shows that a
 * call without a question still times out, typed `timeout`.
 */
async function sentinelTimedOut(engine: Engine, timeoutMs = TIMEOUT_MS): Promise<void> {
  const t0 = Date.now();
  const error = await engine.callTool('clock', 'progress', { steps: 1, stepMs: 60_000 }, { timeoutMs }).then(() => undefined, (e: unknown) => e);
  assert.equal(failureKindOf(error), 'timeout', String(error));
  assert.match((error as Error).message, /Request timed out/);
  assert.ok(Date.now() - t0 >= timeoutMs - 20, 'the unpaused timeout ran its full length');
}

describe('a call\'s timeout pauses while the server waits on the user', function () {
  this.timeout(60_000);
  let engine: Engine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; });

  const clock = () => entry('clock', { type: 'stdio', ...stdioCommand('asker.mjs', '--name', 'clock') });
  const asker = (options = {}) => entry('asker', { type: 'stdio', ...stdioCommand('asker.mjs') }, options);
  const modern = (options = {}) => entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs') }, options);

  async function start(handlers: ClientRequestHandlers, entries: ReturnType<typeof entry>[], sampler?: Sampler, maxWaitOnUserMs?: number): Promise<Engine> {
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, clientRequests: handlers, sampler, maxWaitOnUserMs } });
    await engine.apply(entries);
    await engine.whenStarted();
    return engine;
  }

  /** Answers each question only after a same-length timeout elsewhere has fired. */
  function lateAnswer(answer: ElicitationAnswer) {
    const asked: Elicitation[] = [];
    const elicit: ClientRequestHandlers['elicit'] = async q => { asked.push(q); await sentinelTimedOut(engine!); return answer; };
    return { asked, elicit };
  }

  it('2025 era: an elicitation answered after the call\'s timeout would have fired still gets the call its result', async () => {
    const { asked, elicit } = lateAnswer({ action: 'accept', content: { name: 'Ada' } });
    const e = await start({ elicit }, [asker(), clock()]);
    const result = await e.callTool('asker', 'ask', {}, { timeoutMs: TIMEOUT_MS });
    assert.equal(asked.length, 1);
    assert.match(textOf(result), /"action":"accept".*"name":"Ada"/);
  });

  it('2025 era: a call that asks nothing still times out, typed "timeout", and the inspector shows it as timed out', async () => {
    const e = await start({ elicit: async () => ({ action: 'decline' }) }, [asker()]);
    const error = await e.callTool('asker', 'progress', { steps: 1, stepMs: 60_000 }, { timeoutMs: 300 }).then(() => undefined, (x: unknown) => x);
    assert.equal(failureKindOf(error), 'timeout', String(error));
    assert.match((error as Error).message, /Request timed out/);
    await waitForRecord(e, r => r.method === 'notifications/cancelled' && r.status === 'timeout', 'the cancellation of a timed-out call');
  });

  it('2025 era: the user cancelling during the question ends the call at once, typed "cancelled", and closes the question', async () => {
    let questionSignal: AbortSignal | undefined;
    let onAsked!: () => void;
    const askedNow = new Promise<void>(resolve => { onAsked = resolve; });
    const e = await start({ elicit: async (_q, ctx) => { questionSignal = ctx.signal; onAsked(); await aborted(ctx.signal); return { action: 'cancel' }; } }, [asker()]);
    const cancel = new AbortController();
    const call = e.callTool('asker', 'ask', {}, { timeoutMs: 60_000, signal: cancel.signal });
    await askedNow;
    cancel.abort(new Error('cancelled by the user'));
    const error = await call.then(() => undefined, (x: unknown) => x);
    assert.equal(failureKindOf(error), 'cancelled', String(error));
    await aborted(questionSignal!);
  });

  it('a question nobody answers still ends the call: the wait on the user is capped, typed "timeout"', async () => {
    let questionSignal: AbortSignal | undefined;
    const e = await start({ elicit: async (_q, ctx) => { questionSignal = ctx.signal; await aborted(ctx.signal); return { action: 'cancel' }; } }, [asker()], undefined, 400);
    const error = await e.callTool('asker', 'ask', {}, { timeoutMs: 300 }).then(() => undefined, (x: unknown) => x);
    assert.equal(failureKindOf(error), 'timeout', String(error));
    assert.match((error as Error).message, /question to the user stayed unanswered/);
    await aborted(questionSignal!);
  });

  it('2025 era: a sampling request waiting on the user past the call\'s timeout still gets the call its result', async () => {
    const sampler: Sampler = { createMessage: async () => { await sentinelTimedOut(engine!); return { model: 'test/scripted', text: 'late but fine', stopReason: 'endTurn' }; } };
    const e = await start({}, [entry('everything', everything), clock()], sampler);
    await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'trigger-sampling-request'), 'sampling tool');
    const result = await e.callTool('everything', 'trigger-sampling-request', { prompt: 'hi', maxTokens: 16 }, { timeoutMs: TIMEOUT_MS });
    assert.match(JSON.stringify(result.content), /late but fine/);
  });

  it('2025 tasks: a question asked on tasks/result and answered after the timeout would have fired lets the task complete', async () => {
    // The task still works two 1 s stages after the answer while tasks/result waits: a timeout that leaves room for them.
    const timeoutMs = 5000;
    const asked: Elicitation[] = [];
    const elicit: ClientRequestHandlers['elicit'] = async q => {
      asked.push(q);
      await sentinelTimedOut(engine!, timeoutMs);
      const choices = (q as { requestedSchema?: { properties?: { interpretation?: { oneOf?: { const: string }[] } } } }).requestedSchema?.properties?.interpretation?.oneOf ?? [];
      return { action: 'accept', content: { interpretation: choices[0]?.const ?? 'none offered' } };
    };
    const e = await start({ elicit }, [entry('everything', everything, { timeoutMs }), clock()]);
    await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'simulate-research-query'), 'the task tool');
    const result = await e.callTool('everything', 'simulate-research-query', { topic: 'python', ambiguous: true });
    assert.equal(asked.length, 1);
    assert.match(textOf(result), /Clarification\*\*: (?!.*default)/, textOf(result).slice(0, 400));
    assert.equal(e.tasks.list('everything')[0]?.state.kind, 'completed');
  });

  it('2026 era: an input_required question answered late does not use up the call\'s maxTotalTimeout', async () => {
    const { asked, elicit } = lateAnswer({ action: 'accept', content: { confirm: true } });
    const e = await start({ elicit }, [modern({ timeoutMs: TIMEOUT_MS, maxTotalTimeoutMs: TIMEOUT_MS }), clock()]);
    assert.equal(e.get('modern')!.info?.protocolEra, 'modern');
    const result = await e.callTool('modern', 'confirm_delete', { item: 'report.txt' });
    assert.equal(asked.length, 1);
    assert.equal(textOf(result), 'deleted report.txt');
  });
});
