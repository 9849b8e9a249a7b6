import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/connection/engine';
import { McpFailure } from '../../../src/core/connection/failure';
import type { ClientRequestHandlers, Elicitation, ElicitationAnswer } from '../../../src/core/clientRequests/types';
import { stdioCommand } from '../../fixtures/servers';
import { entry, testEngine, waitForCatalog } from './helpers';

const everything = { type: 'stdio' as const, command: process.execPath, args: [join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'stdio'] };
const asker = () => entry('asker', { type: 'stdio', ...stdioCommand('asker.mjs') });
const textOf = (r: { content: unknown[] }) => r.content.map(c => (c as { text?: string }).text ?? '').join('\n');

function asking(answer: (q: Elicitation, signal: AbortSignal) => ElicitationAnswer | Promise<ElicitationAnswer>) {
  const asked: Elicitation[] = [];
  const elicit: ClientRequestHandlers['elicit'] = async (q, ctx) => { asked.push(q); return answer(q, ctx.signal); };
  return { asked, elicit };
}

async function failureOf(call: Promise<unknown>): Promise<McpFailure> {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof McpFailure, `expected an McpFailure, got ${String(e)}`);
    return e;
  }
  assert.fail('the call succeeded');
}

const urlsOf = (asked: Elicitation[]) => asked.map(q => (q.mode === 'url' ? q.url : 'form'));

describe('-32042 URL elicitation required: ask, then retry the call once', function () {
  this.timeout(60_000);
  let engine: Engine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; });

  async function start(handlers: ClientRequestHandlers, server: ReturnType<typeof entry>, tool: string, maxWaitOnUserMs?: number): Promise<Engine> {
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, clientRequests: handlers, maxWaitOnUserMs } });
    await engine.apply([server]);
    await engine.whenStarted();
    await waitForCatalog(engine, server.name, s => s.catalog.tools.some(t => t.name === tool), tool);
    return engine;
  }

  describe('server-everything', () => {
    const errorPathArgs = { url: 'https://example.com/x', errorPath: true };

    it('the accepted URL is presented once through the elicit handler and the retried call returns its result', async () => {
      const { asked, elicit } = asking(() => ({ action: 'accept' }));
      const e = await start({ elicit }, entry('everything', everything), 'trigger-url-elicitation');
      const result = await e.callTool('everything', 'trigger-url-elicitation', errorPathArgs);
      // The retry goes the request path, which asks for example.com/x with an ordinary elicitation/create.
      assert.deepEqual(urlsOf(asked), ['https://modelcontextprotocol.io', 'https://example.com/x']);
      assert.match(textOf(result), /User completed the URL elicitation flow[\s\S]*https:\/\/example\.com\/x/);
    });

    it('a declined URL ends the call with a typed failure naming the origin, without a retry', async () => {
      const { asked, elicit } = asking(() => ({ action: 'decline' }));
      const e = await start({ elicit }, entry('everything', everything), 'trigger-url-elicitation');
      const failure = await failureOf(e.callTool('everything', 'trigger-url-elicitation', errorPathArgs));
      assert.equal(failure.kind, 'url-elicitation-required');
      assert.match(failure.message, /needs you to open https:\/\/modelcontextprotocol\.io; you declined/);
      assert.deepEqual(urlsOf(asked), ['https://modelcontextprotocol.io'], 'a retry would have asked for example.com/x');
    });
  });

  describe('the asker fixture', () => {
    it('without an elicit handler the call fails typed, naming the http(s) URL and dropping the javascript: one', async () => {
      const e = await start({}, asker(), 'needs_url');
      const failure = await failureOf(e.callTool('asker', 'needs_url', {}));
      assert.equal(failure.kind, 'url-elicitation-required');
      assert.match(failure.message, /open https:\/\/example\.com\/sign-in\?ticket=abc in your browser/);
      assert.doesNotMatch(failure.message, /javascript/);
      assert.deepEqual(failure.elicitations?.map(el => el.elicitationId), ['pre-1']);
    });

    it('a second -32042 after the retry ends the call: the user is asked once, never in a loop', async () => {
      const { asked, elicit } = asking(() => ({ action: 'accept' }));
      const e = await start({ elicit }, asker(), 'needs_url');
      const failure = await failureOf(e.callTool('asker', 'needs_url', { always: true }));
      assert.equal(failure.kind, 'url-elicitation-required');
      assert.match(failure.message, /still needs you to open https:\/\/example\.com after the retry; not retrying again/);
      assert.deepEqual(urlsOf(asked), ['https://example.com/sign-in?ticket=abc']);
    });

    it('waits for the user to finish: the server\'s notifications/elicitation/complete lets the call retry', async () => {
      const { elicit } = asking(() => ({ action: 'accept' }));
      const waited: string[][] = [];
      let finishInBrowser = () => {};
      const urlElicitationDone: ClientRequestHandlers['urlElicitationDone'] = async (_server, elicitations, completed) => {
        waited.push(elicitations.map(el => el.elicitationId));
        finishInBrowser(); // the user completes the page; the server then sends notifications/elicitation/complete
        await completed;
        return true;
      };
      const e = await start({ elicit, urlElicitationDone }, asker(), 'needs_url');
      finishInBrowser = () => { void e.callTool('asker', 'finish_url', {}); };
      assert.equal(textOf(await e.callTool('asker', 'needs_url', {})), 'done after the prerequisite');
      assert.deepEqual(waited, [['pre-1']]);
    });

    it('cancelling the call while the user is still in the browser ends it at once', async () => {
      const { elicit } = asking(() => ({ action: 'accept' }));
      const controller = new AbortController();
      const urlElicitationDone: ClientRequestHandlers['urlElicitationDone'] = () => { controller.abort(new Error('user cancelled')); return new Promise<boolean>(() => {}); };
      const e = await start({ elicit, urlElicitationDone }, asker(), 'needs_url');
      const failure = await failureOf(e.callTool('asker', 'needs_url', {}, { signal: controller.signal }));
      assert.equal(failure.kind, 'cancelled');
    });

    it('a prompt nobody answers still ends the call, with a timeout after maxWaitOnUserMs, and closes the prompt', async () => {
      let promptSignal: AbortSignal | undefined;
      const { elicit } = asking((_q, signal) => { promptSignal = signal; return new Promise<ElicitationAnswer>(() => {}); });
      const e = await start({ elicit }, asker(), 'needs_url', 300);
      const failure = await failureOf(e.callTool('asker', 'needs_url', {}));
      assert.equal(failure.kind, 'timeout');
      assert.match(failure.message, /no answer within 1 s to open https:\/\/example\.com/);
      assert.equal(promptSignal?.aborted, true, 'the prompt is told to close');
    });

    it('"Cancel" in the finish prompt ends the call without a retry', async () => {
      const { elicit } = asking(() => ({ action: 'accept' }));
      const e = await start({ elicit, urlElicitationDone: async () => false }, asker(), 'needs_url');
      const failure = await failureOf(e.callTool('asker', 'needs_url', {}));
      assert.equal(failure.kind, 'cancelled');
      assert.match(failure.message, /not retried: you cancelled after opening https:\/\/example\.com/);
      // The prerequisite is still outstanding on the server: the next call succeeds, proving no retry was sent.
      assert.equal(textOf(await e.callTool('asker', 'needs_url', {})), 'done after the prerequisite');
    });
  });
});
