import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../../../src/core/connection/engine';
import type { ClientRequestHandlers, Elicitation, ElicitationAnswer } from '../../../src/core/clientRequests/types';
import { Emitter } from '../../../src/core/events';
import { payloadOf } from '../../../src/shared/traffic';
import { stdioCommand } from '../../fixtures/servers';
import { entry, testEngine, waitForCatalog } from './helpers';

const everything = { type: 'stdio' as const, command: process.execPath, args: [join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'stdio'] };
const textOf = (r: { content: unknown[] }) => r.content.map(c => (c as { text?: string }).text ?? '').join('\n');
const workspace = { uri: pathToFileURL(process.cwd()).href, name: 'workspace' };

/** Records each question; answers with `answer` (which may wait for the question's signal). */
function asking(answer: (q: Elicitation, signal: AbortSignal) => ElicitationAnswer | Promise<ElicitationAnswer>) {
  const asked: { q: Elicitation; server: string; signal: AbortSignal }[] = [];
  const elicit: ClientRequestHandlers['elicit'] = async (q, ctx) => { asked.push({ q, server: ctx.server, signal: ctx.signal }); return answer(q, ctx.signal); };
  return { asked, elicit };
}

const aborted = (signal: AbortSignal) => new Promise<void>(resolve => { if (signal.aborted) resolve(); else signal.addEventListener('abort', () => resolve(), { once: true }); });

describe('server->client requests (elicitation, roots, logging, progress)', function () {
  this.timeout(60_000);
  let engine: Engine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; });

  function start(handlers: ClientRequestHandlers, entries: ReturnType<typeof entry>[]) {
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, clientRequests: handlers } });
    return engine.apply(entries).then(() => engine!.whenStarted()).then(() => engine!);
  }

  describe('server-everything (2025 era)', () => {
    it('declares only what is wired: without handlers its elicitation and roots tools stay hidden, with them they are listed', async () => {
      const bare = await start({}, [entry('everything', everything)]);
      await waitForCatalog(bare, 'everything', s => s.catalog.prompts.length > 0, 'catalog');
      const before = bare.get('everything')!.catalog.tools.map(t => t.name);
      assert.ok(!before.includes('trigger-elicitation-request') && !before.includes('get-roots-list'), before.join());
      await bare.dispose();
      const { elicit } = asking(() => ({ action: 'decline' }));
      const wired = await start({ elicit, roots: { roots: () => [workspace] } }, [entry('everything', everything)]);
      await waitForCatalog(wired, 'everything', s => s.catalog.tools.some(t => t.name === 'get-roots-list'), 'conditional tools listed');
      const after = wired.get('everything')!.catalog.tools.map(t => t.name);
      for (const name of ['trigger-elicitation-request', 'trigger-url-elicitation', 'get-roots-list']) assert.ok(after.includes(name), `${name} in ${after.join()}`);
      assert.equal(after.length, before.length + 3, `before ${before.length}: ${before.join()}; after ${after.length}: ${after.join()}`);
    });

    it('runs its form elicitation end to end: the form names the server and its schema, the accepted answer reaches the server', async () => {
      const { asked, elicit } = asking(() => ({ action: 'accept', content: { name: 'Ada Lovelace', check: true, integer: 7 } }));
      const e = await start({ elicit }, [entry('everything', everything)]);
      await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'trigger-elicitation-request'), 'elicitation tool');
      const result = await e.callTool('everything', 'trigger-elicitation-request', {});
      assert.equal(asked.length, 1);
      assert.equal(asked[0].server, 'everything');
      const q = asked[0].q;
      assert.equal(q.mode, 'form');
      assert.match(q.message, /provide inputs/);
      assert.deepEqual(q.mode === 'form' && q.requestedSchema.required, ['name']);
      assert.match(textOf(result), /User provided the requested information[\s\S]*Name: Ada Lovelace[\s\S]*Favorite Integer: 7/);
    });

    it('a declined elicitation is reported to the server as declined', async () => {
      const { elicit } = asking(() => ({ action: 'decline' }));
      const e = await start({ elicit }, [entry('everything', everything)]);
      await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'trigger-elicitation-request'), 'elicitation tool');
      assert.match(textOf(await e.callTool('everything', 'trigger-elicitation-request', {})), /User declined/);
    });

    it('a URL elicitation reaches the handler with its URL and the outcome goes back', async () => {
      const { asked, elicit } = asking(() => ({ action: 'accept' }));
      const e = await start({ elicit }, [entry('everything', everything)]);
      await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'trigger-url-elicitation'), 'url tool');
      const result = await e.callTool('everything', 'trigger-url-elicitation', { url: 'https://example.com/sign-in', message: 'Please sign in' });
      assert.equal(asked[0].q.mode, 'url');
      assert.equal(asked[0].q.mode === 'url' && asked[0].q.url, 'https://example.com/sign-in');
      assert.match(textOf(result), /accept/);
    });

    it('a task that needs input asks through tasks/result: the clarification reaches the server and the task completes', async () => {
      const { asked, elicit } = asking(q => {
        const choices = ((q as { requestedSchema?: { properties?: { interpretation?: { oneOf?: { const: string }[] } } } }).requestedSchema?.properties?.interpretation?.oneOf ?? []);
        return { action: 'accept', content: { interpretation: choices[0]?.const ?? 'none offered' } };
      });
      const e = await start({ elicit }, [entry('everything', everything)]);
      await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'simulate-research-query'), 'the task tool');
      const result = await e.callTool('everything', 'simulate-research-query', { topic: 'python', ambiguous: true });
      assert.equal(asked.length, 1, 'asked once');
      assert.match(textOf(result), /Clarification\*\*: (?!.*default)/, textOf(result).slice(0, 400));
      assert.equal(e.tasks.list('everything')[0]?.state.kind, 'completed');
    });

    it('lists the roots we offer', async () => {
      const e = await start({ roots: { roots: () => [workspace] } }, [entry('everything', everything)]);
      await waitForCatalog(e, 'everything', s => s.catalog.tools.some(t => t.name === 'get-roots-list'), 'roots tool');
      assert.ok(textOf(await e.callTool('everything', 'get-roots-list', {})).includes(workspace.uri));
    });
  });

  describe('the 2026-07-28 fixture (input_required rounds)', () => {
    it('answers an input_required elicitation through the same handler and the call completes', async () => {
      const { asked, elicit } = asking(() => ({ action: 'accept', content: { confirm: true } }));
      const e = await start({ elicit }, [entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs') })]);
      assert.equal(e.get('modern')!.info?.protocolEra, 'modern');
      const result = await e.callTool('modern', 'confirm_delete', { item: 'report.txt' });
      assert.equal(asked.length, 1);
      assert.equal(asked[0].q.message, 'Delete report.txt?');
      assert.equal(textOf(result), 'deleted report.txt');
    });

    it('logLevel travels in each request\'s _meta (2026 has no logging/setLevel)', async () => {
      const e = await start({}, [entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs') }, { logLevel: 'debug' })]);
      await e.callTool('modern', 'echo', { text: 'hi' });
      e.traffic.flush();
      const call = e.traffic.records().find(r => r.method === 'tools/call' && r.direction === 'out');
      assert.equal((payloadOf(call!) as { params: { _meta: Record<string, unknown> } }).params._meta['io.modelcontextprotocol/logLevel'], 'debug');
      assert.ok(!e.traffic.records().some(r => r.method === 'logging/setLevel'));
    });

    it('cancelling the call mid-form closes the question and ends the call', async () => {
      const { asked, elicit } = asking(async (_q, signal) => { await aborted(signal); return { action: 'cancel' }; });
      const e = await start({ elicit }, [entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs') })]);
      const abort = new AbortController();
      const call = e.callTool('modern', 'confirm_delete', { item: 'x' }, { signal: abort.signal });
      await new Promise<void>(resolve => { const t = setInterval(() => { if (asked.length) { clearInterval(t); resolve(); } }, 5); });
      abort.abort(new Error('cancelled by the user'));
      await assert.rejects(call);
      await aborted(asked[0].signal);
    });
  });

  describe('the asker fixture (2025 era)', () => {
    const asker = () => entry('asker', { type: 'stdio', ...stdioCommand('asker.mjs') });

    it('a server that elicits in a loop is capped: the server gets an error and the user is told once', async () => {
      const refused: string[] = [];
      const { asked, elicit } = asking(() => ({ action: 'accept', content: { ok: true } }));
      const e = await start({ elicit, onElicitationRefused: (_s, m) => refused.push(m) }, [asker()]);
      const text = textOf(await e.callTool('asker', 'ask_loop', { times: 50 }));
      assert.match(text, /^answered 10; error: .*elicitation loop/);
      assert.equal(asked.length, 10);
      assert.equal(refused.length, 1);
      assert.match(refused[0], /asker asked for input more than 10 times/);
    });

    it('the user cancelling mid-form tells the server "cancel"', async () => {
      const { elicit } = asking(() => ({ action: 'cancel' }));
      const e = await start({ elicit }, [asker()]);
      assert.match(textOf(await e.callTool('asker', 'ask', {})), /"action":"cancel"/);
    });

    it('cancelling the call mid-form closes the question (its signal aborts) and the server is told', async () => {
      const { asked, elicit } = asking(async (_q, signal) => { await aborted(signal); return { action: 'cancel' }; });
      const e = await start({ elicit }, [asker()]);
      const abort = new AbortController();
      const call = e.callTool('asker', 'ask', {}, { signal: abort.signal });
      await new Promise<void>(resolve => { const t = setInterval(() => { if (asked.length) { clearInterval(t); resolve(); } }, 5); });
      abort.abort(new Error('cancelled by the user'));
      await assert.rejects(call);
      await aborted(asked[0].signal);
      e.traffic.flush();
      const cancelled = e.traffic.records().find(r => r.method === 'notifications/cancelled' && r.direction === 'out');
      assert.ok(cancelled, 'notifications/cancelled sent to the server');
    });

    it('an answer that does not match the schema is not sent: the server gets an error', async () => {
      const { elicit } = asking(() => ({ action: 'accept', content: { name: 'x', age: 200 } }));
      const e = await start({ elicit }, [asker()]);
      assert.match(textOf(await e.callTool('asker', 'ask', {})), /error: .*does not match the requested schema.*age/);
    });

    it('roots: the shared source, its changes announced; a per-server override wins and is not announced', async () => {
      const changed = new Emitter<void>();
      let roots = [workspace];
      const e = await start({ roots: { roots: () => roots, onDidChange: changed.event } }, [asker(), entry('pinned', { type: 'stdio', ...stdioCommand('asker.mjs'), cwd: process.cwd() }, { roots: ['test', pathToFileURL('/tmp').href] })]);
      assert.deepEqual(JSON.parse(textOf(await e.callTool('asker', 'roots', {}))), [workspace]);
      roots = [{ uri: pathToFileURL('/tmp').href, name: 'tmp' }];
      changed.fire();
      let count = '0';
      for (let i = 0; i < 200 && count === '0'; i++) count = textOf(await e.callTool('asker', 'roots_changes', {}));
      assert.equal(count, '1');
      assert.equal(JSON.parse(textOf(await e.callTool('asker', 'roots', {})))[0].name, 'tmp');
      const pinned = JSON.parse(textOf(await e.callTool('pinned', 'roots', {})));
      assert.deepEqual(pinned.map((r: { uri: string }) => r.uri), [pathToFileURL(join(process.cwd(), 'test')).href, pathToFileURL('/tmp').href]);
      assert.equal(textOf(await e.callTool('pinned', 'roots_changes', {})), '0');
    });

    it('logLevel is sent with logging/setLevel; log messages land at their level with the logger name, recorded as kind log', async () => {
      const lines: { level: string; message: string }[] = [];
      engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 } }, logger: { trace() {}, debug: m => lines.push({ level: 'debug', message: m }), info: m => lines.push({ level: 'info', message: m }), warn: m => lines.push({ level: 'warn', message: m }), error: m => lines.push({ level: 'error', message: String(m) }) } });
      await engine.apply([entry('asker', { type: 'stdio', ...stdioCommand('asker.mjs') }, { logLevel: 'warning' })]);
      await engine.whenStarted();
      assert.equal(textOf(await engine.callTool('asker', 'log_level', {})), 'warning');
      await engine.callTool('asker', 'log', { level: 'warning', message: 'disk almost full', logger: 'storage' });
      const line = lines.find(l => l.message.includes('disk almost full'));
      assert.deepEqual(line, { level: 'warn', message: '[asker] [storage] disk almost full' });
      engine.traffic.flush();
      const record = engine.traffic.records().find(r => r.method === 'notifications/message');
      assert.equal(record?.kind, 'log', 'its own kind in the inspector');
    });

    it('progress reaches the caller, and progress keeps a call alive past its timeout', async () => {
      const e = await start({}, [asker()]);
      const seen: number[] = [];
      // Eight steps of 300 ms: 2.4 s in all, well past the 1 s timeout that each progress notification resets.
      const result = await e.callTool('asker', 'progress', { steps: 8, stepMs: 300 }, { timeoutMs: 1000, onProgress: p => seen.push(p.progress) });
      assert.equal(textOf(result), 'done after 8 steps');
      // The last notification may race the result; the ones before it all arrive, in order.
      assert.deepEqual(seen.slice(0, 7), [1, 2, 3, 4, 5, 6, 7]);
    });
  });
});
