import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/connection/engine';
import { SamplingPolicy, defaultSamplingSettings, type ConsentAnswer, type RememberedConsent, type SamplingSettings } from '../../../src/core/sampling/samplingPolicy';
import { SamplingService, type ChatModels } from '../../../src/core/sampling/samplingService';
import type { SamplingRequest } from '../../../src/core/sampling/types';
import { stdioCommand } from '../../fixtures/servers/index';
import { entry, testEngine, waitForCatalog } from '../engine/helpers';
import { payloadOf } from '../../../src/shared/traffic';

const everything = { type: 'stdio' as const, command: process.execPath, args: [join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'stdio'] };
const modern = { type: 'stdio' as const, ...stdioCommand('modern.mjs') };
const TOOL = 'trigger-sampling-request';

/** A test sampler: the real policy and service in front of a stand-in chat model that answers "echo: <last message>". */
function testSampler(answers: ConsentAnswer[], settings: Partial<SamplingSettings> = {}) {
  const remembered = new Map<string, RememberedConsent>();
  const asked: SamplingRequest[] = [];
  const generated: SamplingRequest[] = [];
  const policy = new SamplingPolicy({
    memory: { get: s => remembered.get(s), set: (s, c) => { if (c) remembered.set(s, c); else remembered.delete(s); }, servers: () => [...remembered.keys()] },
    settings: () => ({ ...defaultSamplingSettings, ...settings }),
    ask: async r => { asked.push(r); return answers.shift() ?? 'dismissed'; },
  });
  const models: ChatModels = {
    list: async () => [{ vendor: 'test', id: 'scripted', family: 'scripted', name: 'Scripted', maxInputTokens: 1000 }],
    generate: async (_model, request, onText) => { generated.push(request); onText(`echo: ${request.messages.at(-1)!.text}`); },
  };
  const sampler = new SamplingService(policy, models, () => ({ ...defaultSamplingSettings, ...settings }));
  return { sampler, asked, generated, remembered };
}

const textOf = (r: { content: unknown }) => JSON.stringify(r.content);
const samplingRecords = (engine: Engine) => engine.traffic.records().filter(r => r.method === 'sampling/createMessage' || (r.kind !== 'request' && r.requestSeq !== undefined && engine.traffic.records().find(q => q.seq === r.requestSeq)?.method === 'sampling/createMessage'));

describe('sampling/createMessage against real servers', function () {
  this.timeout(60_000);
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('server-everything: declares sampling only with a sampler; the sampling tool runs end to end after consent', async () => {
    const t = testSampler(['allow-always']);
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, sampler: t.sampler } });
    await engine.apply([entry('everything', everything)]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'everything', s => s.catalog.tools.some(x => x.name === TOOL), `${TOOL} listed`);
    const r = await engine.callTool('everything', TOOL, { prompt: 'weather in Oslo', maxTokens: 64 });
    assert.ok(!r.isError, textOf(r));
    assert.match(textOf(r), /echo: Resource trigger-sampling-request context: weather in Oslo/);
    assert.match(textOf(r), /test\/scripted/, 'the model that answered is reported');
    assert.equal(t.asked.length, 1, 'asked once');
    assert.equal(t.asked[0].server, 'everything');
    assert.equal(t.asked[0].systemPrompt, 'You are a helpful test server.', 'the consent sees the system prompt');
    assert.equal(t.asked[0].maxTokens, 64);
    await engine.callTool('everything', TOOL, { prompt: 'again' });
    assert.equal(t.asked.length, 1, 'the remembered choice is not asked again');
    assert.equal(t.generated.length, 2);
  });

  it('server-everything without a sampler: no sampling capability, so the sampling tool is not offered', async () => {
    engine = testEngine();
    await engine.apply([entry('everything', everything)]);
    await engine.whenStarted();
    // Its capability-dependent tools are registered after initialize, all at once: this one is unconditional.
    await waitForCatalog(engine, 'everything', s => s.catalog.tools.some(x => x.name === 'simulate-research-query'), 'tools registered after initialize listed');
    const init = engine.traffic.records().find(r => r.method === 'initialize')!;
    assert.equal(JSON.stringify(payloadOf(init)).includes('"sampling"'), false);
    assert.equal(engine.get('everything')!.catalog.tools.some(x => x.name === TOOL), false);
  });

  it('a request refused by policy reaches the server as a JSON-RPC error with the reason', async () => {
    const t = testSampler(['deny-always']);
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, sampler: t.sampler } });
    await engine.apply([entry('everything', everything)]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'everything', s => s.catalog.tools.some(x => x.name === TOOL), `${TOOL} listed`);
    const r = await engine.callTool('everything', TOOL, { prompt: 'p' }).then(v => textOf(v), (e: Error) => e.message);
    assert.match(r, /does not allow \\?"everything\\?" to sample/);
    assert.equal(t.generated.length, 0, 'the model was not asked');
    engine.traffic.flush();
    const answer = samplingRecords(engine).find(x => x.direction === 'out' && x.kind !== 'request');
    assert.ok(answer, 'the client answered the server');
    assert.equal((payloadOf(answer!) as { error?: { code: number } }).error?.code, -1);
    assert.equal(t.remembered.get('everything'), 'deny');
  });

  it('the per-minute cap refuses the request over it, with the setting named to the server', async () => {
    const t = testSampler([], { allowedServers: ['everything'], maxRequestsPerMinute: 1 });
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, sampler: t.sampler } });
    await engine.apply([entry('everything', everything)]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'everything', s => s.catalog.tools.some(x => x.name === TOOL), `${TOOL} listed`);
    assert.match(textOf(await engine.callTool('everything', TOOL, { prompt: 'one' })), /echo:/);
    const second = await engine.callTool('everything', TOOL, { prompt: 'two' }).then(v => textOf(v), (e: Error) => e.message);
    assert.match(second, /cap of 1 sampling requests per minute/);
    assert.equal(t.asked.length, 0, 'allowedServers skips the prompt');
  });

  it('2026-07-28: an input_required sampling round goes through the same sampler', async () => {
    const t = testSampler(['allow-once']);
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, sampler: t.sampler } });
    await engine.apply([entry('modern', modern)]);
    await engine.whenStarted();
    assert.equal(engine.get('modern')!.info!.protocolEra, 'modern');
    const r = await engine.callTool('modern', 'summarize', { text: 'a long story' });
    assert.equal(textOf(r), JSON.stringify([{ type: 'text', text: 'summary by test/scripted: echo: Summarize: a long story' }]));
    assert.equal(t.asked[0].systemPrompt, 'You summarize text for a test fixture.');
    assert.equal(t.asked[0].maxTokens, 50);
  });

  it('2026-07-28: a refusal by policy ends the call with the reason', async () => {
    const t = testSampler(['deny-always']);
    engine = testEngine({ sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, sampler: t.sampler } });
    await engine.apply([entry('modern', modern)]);
    await engine.whenStarted();
    const r = await engine.callTool('modern', 'summarize', { text: 'x' }).then(v => textOf(v), (e: Error) => e.message);
    assert.match(r, /does not allow \\?"modern\\?" to sample/);
  });
});
