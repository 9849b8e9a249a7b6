import * as assert from 'node:assert/strict';
import type { FetchLike } from '@modelcontextprotocol/client';
import { startOAuthFixture, type OAuthFixture } from '../../fixtures/oauth/oauthFixture.mjs';
import { browse } from '../../fixtures/oauth/fetchBrowser.mjs';
import { MemoryOAuthStore, type StoredTokenRecord } from '../../../src/core/oauth/oauthStore';
import { oauthStepRecord, type OAuthFlowStep } from '../../../src/core/oauth/flowSteps';
import { signIn } from '../../../src/mcp/oauth/signIn';
import { SwitchboardOAuthProvider } from '../../../src/mcp/oauth/switchboardOAuthProvider';
import { REDACTED, toHar, toJsonl } from '../../../src/inspector/exportFormats';
import type { Logger } from '../../../src/core/logger';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, waitForCatalog } from '../engine/helpers';

/** Every secret value a sign-in handles: what the user's logs, records and exports must never contain. */
interface Seen { codes: string[]; verifiers: string[]; states: string[]; tokens: string[] }

/** A fetch that notes the secrets the SDK sends (the form bodies of token requests). */
function watchingFetch(seen: Seen): FetchLike {
  return async (input, init) => {
    if (typeof init?.body === 'string' || init?.body instanceof URLSearchParams) {
      const form = new URLSearchParams(String(init.body));
      for (const [name, list] of [['code', seen.codes], ['code_verifier', seen.verifiers], ['refresh_token', seen.tokens]] as const) {
        const value = form.get(name);
        if (value) list.push(value);
      }
    }
    return fetch(input, init);
  };
}

describe('OAuth secrets stay out of logs, traffic records, flow steps and exports', function () {
  this.timeout(30_000);
  let fx: OAuthFixture;
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); await fx?.close(); });

  it('no token, code, verifier, state or client secret appears anywhere the user can see', async () => {
    fx = await startOAuthFixture();
    const store = new MemoryOAuthStore();
    const seen: Seen = { codes: [], verifiers: [], states: [], tokens: [] };
    const steps: OAuthFlowStep[] = [];
    await signIn({
      serverUrl: fx.mcpUrl, store, client: fx.preRegistered, fetchFn: watchingFetch(seen), onStep: s => steps.push(s),
      openBrowser: async url => {
        seen.states.push(url.searchParams.get('state')!);
        void browse(url.href);
      },
    });
    const record = (await new SwitchboardOAuthProvider({ serverUrl: fx.mcpUrl, store }).currentRecord()) as StoredTokenRecord;
    seen.tokens.push(record.tokens.access_token, record.tokens.refresh_token!);

    const logs: string[] = [];
    const capture = (message: unknown) => { logs.push(String(message)); };
    const logger: Logger = { trace: capture, debug: capture, info: capture, warn: capture, error: capture };
    engine = testEngine({ logger, sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 }, oauth: { store } } });
    await engine.apply([entry('remote', { type: 'http', url: fx.mcpUrl, oauth: fx.preRegistered }, {}, [fx.preRegistered.clientSecret])]);
    await waitForCatalog(engine, 'remote', s => s.catalog.tools.some(t => t.name === 'echo'), 'tools listed');
    await engine.callTool('remote', 'echo', { text: 'hello' });

    for (const step of steps) engine.traffic.append(oauthStepRecord('remote', step));
    const records = engine.traffic.records();
    assert.ok(records.some(r => r.kind === 'auth' && r.method === 'oauth/token-request'), 'sign-in steps are inspector records of their own kind');
    const visible = [JSON.stringify(steps), logs.join('\n'), JSON.stringify(records), toJsonl(records), JSON.stringify(toHar(records))].join('\n');
    const secrets = { ...seen, clientSecret: [fx.preRegistered.clientSecret] };
    assert.ok(seen.codes.length === 1 && seen.verifiers.length === 1 && seen.states.length === 1, JSON.stringify(seen));
    for (const [what, values] of Object.entries(secrets)) {
      for (const value of values) assert.ok(!visible.includes(value), `a ${what} value leaked`);
    }
    assert.ok(steps.some(s => s.kind === 'authorization-response' && s.url.includes(`code=${REDACTED}`)), JSON.stringify(steps));
    assert.ok(steps.some(s => s.kind === 'token-request' && s.status === 200));
  });
});
