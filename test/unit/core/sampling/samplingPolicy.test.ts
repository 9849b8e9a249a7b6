import * as assert from 'node:assert/strict';
import { SamplingPolicy, defaultSamplingSettings, type ConsentAnswer, type ConsentMemory, type RememberedConsent, type SamplingSettings } from '../../../../src/core/sampling/samplingPolicy';
import { SamplingRefusal, type SamplingRefusalKind, type SamplingRequest } from '../../../../src/core/sampling/types';

class MapMemory implements ConsentMemory {
  readonly map = new Map<string, RememberedConsent>();
  get(server: string) { return this.map.get(server); }
  set(server: string, choice: RememberedConsent | undefined) { if (choice) this.map.set(server, choice); else this.map.delete(server); }
  servers() { return [...this.map.keys()]; }
}

const request = (server = 'weather'): SamplingRequest => ({ server, messages: [{ role: 'user', text: 'hi' }], maxTokens: 10 });
const signal = new AbortController().signal;

function setup(answers: ConsentAnswer[], settings: Partial<SamplingSettings> = {}) {
  const memory = new MapMemory();
  const asked: string[] = [];
  let t = 0;
  const policy = new SamplingPolicy({
    memory, settings: () => ({ ...defaultSamplingSettings, ...settings }), now: () => t,
    ask: async r => { asked.push(r.server); const a = answers.shift(); assert.ok(a, 'asked more often than the test expected'); return a; },
  });
  return { policy, memory, asked, advance: (ms: number) => { t += ms; } };
}

async function refusal(p: Promise<unknown>): Promise<SamplingRefusalKind> {
  try { await p; } catch (e) { assert.ok(e instanceof SamplingRefusal, String(e)); return e.kind; }
  assert.fail('the request was allowed');
}

describe('sampling policy: consent', () => {
  it('asks the first time, remembers "allow always" and does not ask again', async () => {
    const { policy, memory, asked } = setup(['allow-always']);
    await policy.authorize(request(), signal);
    await policy.authorize(request(), signal);
    assert.deepEqual(asked, ['weather']);
    assert.equal(memory.get('weather'), 'allow');
  });

  it('remembers "deny always" and refuses later requests without asking', async () => {
    const { policy, asked } = setup(['deny-always']);
    assert.equal(await refusal(policy.authorize(request(), signal)), 'denied');
    assert.equal(await refusal(policy.authorize(request(), signal)), 'denied');
    assert.equal(asked.length, 1);
  });

  it('"allow once" and a dismissed prompt are not remembered', async () => {
    const { policy, memory, asked } = setup(['allow-once', 'dismissed', 'allow-once']);
    await policy.authorize(request(), signal);
    assert.equal(await refusal(policy.authorize(request(), signal)), 'cancelled');
    await policy.authorize(request(), signal);
    assert.equal(asked.length, 3);
    assert.equal(memory.servers().length, 0);
  });

  it('revoking a remembered choice asks again; revoking all forgets every server', async () => {
    const { policy, memory, asked } = setup(['allow-always', 'deny-always', 'allow-once']);
    await policy.authorize(request('a'), signal);
    await refusal(policy.authorize(request('b'), signal));
    await policy.revoke('a');
    assert.equal(memory.get('a'), undefined);
    assert.equal(memory.get('b'), 'deny');
    await policy.authorize(request('a'), signal);
    assert.deepEqual(asked, ['a', 'b', 'a']);
    await policy.revoke();
    assert.deepEqual(memory.servers(), []);
  });

  it('servers in allowedServers sample without being asked', async () => {
    const { policy, asked } = setup([], { allowedServers: ['trusted'] });
    await policy.authorize(request('trusted'), signal);
    assert.deepEqual(asked, []);
  });

  it('concurrent requests of one server share one consent prompt', async () => {
    const { policy, asked } = setup(['allow-always']);
    await Promise.all([policy.authorize(request(), signal), policy.authorize(request(), signal), policy.authorize(request(), signal)]);
    assert.equal(asked.length, 1);
  });
});

describe('sampling policy: per-server rate cap', () => {
  it('refuses the request over the cap within a minute, per server, and admits again when the minute has passed', async () => {
    const { policy, advance } = setup([], { allowedServers: ['a', 'b'], maxRequestsPerMinute: 2 });
    await policy.authorize(request('a'), signal);
    advance(10_000);
    await policy.authorize(request('a'), signal);
    assert.equal(await refusal(policy.authorize(request('a'), signal)), 'rate-limited');
    await policy.authorize(request('b'), signal);
    advance(50_001);
    await policy.authorize(request('a'), signal);
    assert.equal(await refusal(policy.authorize(request('a'), signal)), 'rate-limited');
  });

  it('checks the cap before asking, so a looping server cannot flood the user with prompts', async () => {
    const { policy, asked } = setup(['dismissed'], { maxRequestsPerMinute: 1 });
    assert.equal(await refusal(policy.authorize(request(), signal)), 'cancelled');
    assert.equal(await refusal(policy.authorize(request(), signal)), 'rate-limited');
    assert.equal(asked.length, 1);
  });

  it('names the setting in the refusal', async () => {
    const { policy } = setup([], { allowedServers: ['a'], maxRequestsPerMinute: 0 });
    await assert.rejects(policy.authorize(request('a'), signal), /cap of 0 sampling requests per minute \(setting mcpSwitchboard\.sampling\.maxRequestsPerMinute\)/);
  });
});
