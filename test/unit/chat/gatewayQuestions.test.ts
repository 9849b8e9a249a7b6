// An upstream's questions during a gateway call go to the gateway client that made the call, when it can answer them
// (VS Code's own client answers with its own UI); otherwise Switchboard's own handlers answer. Real servers, real SDK client.
import * as assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport, type ClientCapabilities } from '@modelcontextprotocol/client';
import type { Engine } from '../../../src/core/connection/engine';
import type { Elicitation } from '../../../src/core/clientRequests/types';
import type { SamplingRequest } from '../../../src/core/sampling/types';
import { McpGateway } from '../../../src/mcp/gateway/gateway';
import { stdioCommand } from '../../fixtures/servers';
import { entry, testEngine, waitForCatalog } from '../engine/helpers';

const textOf = (r: { content?: unknown }) => (r.content as { text?: string }[]).map(c => c.text ?? '').join('\n');

describe('chat: MCP gateway forwards upstream questions to its client', function () {
  this.timeout(60_000);
  let engine: Engine;
  let gateway: McpGateway;
  const clients: Client[] = [];
  const localQuestions: Elicitation[] = [];
  const localSamples: SamplingRequest[] = [];

  before(async () => {
    engine = testEngine({
      sdk: {
        shutdown: { stdinGraceMs: 300, termGraceMs: 500 },
        clientRequests: { elicit: async q => { localQuestions.push(q); return { action: 'accept', content: { name: 'Local UI' } }; } },
        sampler: { createMessage: async r => { localSamples.push(r); return { model: 'local/model', text: 'local summary', stopReason: 'endTurn' }; } },
      },
    });
    await engine.apply([entry('asker', { type: 'stdio', ...stdioCommand('asker.mjs') }), entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs') })]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'asker', s => s.catalog.tools.some(t => t.name === 'ask'), 'asker tools');
    await waitForCatalog(engine, 'modern', s => s.catalog.tools.some(t => t.name === 'summarize'), 'modern tools');
    gateway = new McpGateway(engine, { isExposed: () => true, requiresApproval: () => false });
    await gateway.start();
  });

  beforeEach(() => { localQuestions.length = 0; localSamples.length = 0; });

  after(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await gateway?.stop();
    await engine?.dispose();
  });

  /** A 2025-11-25 client (as VS Code speaks) declaring `capabilities`. */
  async function connect(capabilities: ClientCapabilities): Promise<Client> {
    const info = gateway.info!;
    const client = new Client({ name: 'gateway-questions-test', version: '1.0.0' }, { capabilities, versionNegotiation: { mode: 'legacy' } });
    await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: info.headers } }));
    clients.push(client);
    return client;
  }

  function eliciting(answer: (message: string) => Record<string, unknown>) {
    const asked: string[] = [];
    return connect({ elicitation: {} }).then(client => {
      client.setRequestHandler('elicitation/create', async request => {
        asked.push(String(request.params.message));
        return { action: 'accept' as const, content: answer(String(request.params.message)) as never };
      });
      return { client, asked };
    });
  }

  it('2025 upstream: its elicitation reaches the client that called, and that answer reaches the upstream', async () => {
    const { client, asked } = await eliciting(() => ({ name: 'Ada from VS Code' }));
    const r = await client.callTool({ name: 'asker__ask', arguments: {} });
    assert.deepEqual(asked, ['Who are you?']);
    assert.match(textOf(r), /"action":"accept".*Ada from VS Code/);
    assert.equal(localQuestions.length, 0, 'the local UI was not asked');
  });

  it('a forwarded answer out of the schema bounds is not sent as accepted: the upstream hears why', async () => {
    const { client, asked } = await eliciting(() => ({ name: 'x', age: 200 }));
    const r = await client.callTool({ name: 'asker__ask', arguments: {} });
    assert.equal(asked.length, 1);
    assert.match(textOf(r), /^error: .*does not match (the )?requested schema.*age/);
  });

  it('2026 upstream: an input_required elicitation round goes to the client that called', async () => {
    const { client, asked } = await eliciting(() => ({ confirm: true }));
    const r = await client.callTool({ name: 'modern__confirm_delete', arguments: { item: 'report.txt' } });
    assert.deepEqual(asked, ['Delete report.txt?']);
    assert.equal(textOf(r), 'deleted report.txt');
    assert.equal(localQuestions.length, 0);
  });

  it('2026 upstream: an input_required sampling round goes to a client that samples, and its model answers', async () => {
    const client = await connect({ sampling: {} });
    const prompts: string[] = [];
    client.setRequestHandler('sampling/createMessage', async request => {
      const m = request.params.messages[0].content as { text?: string };
      prompts.push(m.text ?? '');
      return { role: 'assistant' as const, model: 'vscode/copilot', stopReason: 'endTurn', content: { type: 'text' as const, text: 'short' } };
    });
    const r = await client.callTool({ name: 'modern__summarize', arguments: { text: 'a long story' } });
    assert.deepEqual(prompts, ['Summarize: a long story']);
    assert.equal(textOf(r), 'summary by vscode/copilot: short');
    assert.equal(localSamples.length, 0, 'the local sampler was not used');
  });

  it('a client without elicitation or sampling gets the local handlers, as before', async () => {
    const client = await connect({});
    assert.match(textOf(await client.callTool({ name: 'asker__ask', arguments: {} })), /Local UI/);
    assert.equal(localQuestions.length, 1);
    assert.equal(textOf(await client.callTool({ name: 'modern__summarize', arguments: { text: 'x' } })), 'summary by local/model: local summary');
    assert.equal(localSamples.length, 1);
  });
});
