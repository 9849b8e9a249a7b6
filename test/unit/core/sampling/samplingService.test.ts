import * as assert from 'node:assert/strict';
import { SamplingPolicy, defaultSamplingSettings, type SamplingSettings } from '../../../../src/core/sampling/samplingPolicy';
import { SamplingService, type ChatModels } from '../../../../src/core/sampling/samplingService';
import type { ChatModelInfo } from '../../../../src/core/sampling/modelChoice';
import { SamplingRefusal, type SamplingRequest } from '../../../../src/core/sampling/types';
import { toSamplingRequest } from '../../../../src/mcp/sampling';

const models: ChatModelInfo[] = [
  { vendor: 'a', id: 'small', family: 'small', name: 'Small', maxInputTokens: 1000 },
  { vendor: 'b', id: 'large', family: 'large', name: 'Large', maxInputTokens: 100_000 },
];

function service(answer: string, settings: Partial<SamplingSettings> = {}, available = models) {
  const s = { ...defaultSamplingSettings, allowedServers: ['srv'], ...settings };
  const used: string[] = [];
  const chat: ChatModels = {
    list: async () => available,
    generate: async (m, _r, onText) => { used.push(m.id); for (const chunk of answer.match(/.{1,5}/gs) ?? []) if (!onText(chunk)) return; },
  };
  const policy = new SamplingPolicy({ memory: { get: () => undefined, set: () => {}, servers: () => [] }, settings: () => s, ask: async () => 'dismissed' });
  return { svc: new SamplingService(policy, chat, () => s), used };
}

const req = (over: Partial<SamplingRequest> = {}): SamplingRequest => ({ server: 'srv', messages: [{ role: 'user', text: 'hi' }], maxTokens: 100, ...over });
const signal = new AbortController().signal;

describe('sampling service', () => {
  it('answers with the preferred model and names it vendor/id', async () => {
    const { svc, used } = service('hello');
    const r = await svc.createMessage(req({ modelPreferences: { hints: [{ name: 'large' }] } }), signal);
    assert.deepEqual(r, { model: 'b/large', text: 'hello', stopReason: 'endTurn' });
    assert.deepEqual(used, ['large']);
  });

  it('cuts the answer at about maxTokens (4 characters per token) and says so', async () => {
    const { svc } = service('x'.repeat(100));
    const r = await svc.createMessage(req({ maxTokens: 5 }), signal);
    assert.equal(r.text.length, 20);
    assert.equal(r.stopReason, 'maxTokens');
  });

  it('stops at a stop sequence, without it', async () => {
    const { svc } = service('one two STOP three');
    const r = await svc.createMessage(req({ stopSequences: ['STOP'] }), signal);
    assert.equal(r.text, 'one two ');
    assert.equal(r.stopReason, 'stopSequence');
  });

  it('uses only the allowed models, and says which exist when none is allowed', async () => {
    const { svc, used } = service('ok', { allowedModels: ['a/small'] });
    await svc.createMessage(req({ modelPreferences: { hints: [{ name: 'large' }] } }), signal);
    assert.deepEqual(used, ['small']);
    const none = service('ok', { allowedModels: ['gpt-9'] }).svc;
    await assert.rejects(none.createMessage(req(), signal), (e: SamplingRefusal) => e.kind === 'no-model' && /available: a\/small, b\/large/.test(e.message));
  });

  it('without any model refuses with no-model', async () => {
    await assert.rejects(service('ok', {}, []).svc.createMessage(req(), signal), (e: SamplingRefusal) => e.kind === 'no-model' && /No language model is available/.test(e.message));
  });
});

describe('sampling request conversion (src/mcp)', () => {
  it('refuses tool use inside sampling with a clear reason', () => {
    assert.throws(() => toSamplingRequest('srv', { messages: [{ role: 'user', content: { type: 'text', text: 'x' } }], maxTokens: 10, tools: [{ name: 't', inputSchema: { type: 'object' } }] } as never),
      (e: SamplingRefusal) => e.kind === 'unsupported' && /does not support tool use inside sampling/.test(e.message));
  });

  it('refuses non-text content, naming the message', () => {
    assert.throws(() => toSamplingRequest('srv', { messages: [{ role: 'user', content: { type: 'text', text: 'a' } }, { role: 'user', content: { type: 'image', data: 'AA==', mimeType: 'image/png' } }], maxTokens: 10 } as never),
      (e: SamplingRefusal) => e.kind === 'unsupported' && /message 2 carries "image" content/.test(e.message));
  });

  it('keeps the system prompt, maxTokens, preferences and joins text blocks', () => {
    const r = toSamplingRequest('srv', { messages: [{ role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }], maxTokens: 7, systemPrompt: 'sys', modelPreferences: { speedPriority: 1 } } as never);
    assert.deepEqual(r, { server: 'srv', messages: [{ role: 'assistant', text: 'a\nb' }], systemPrompt: 'sys', maxTokens: 7, temperature: undefined, stopSequences: undefined, modelPreferences: { speedPriority: 1 } });
  });
});
