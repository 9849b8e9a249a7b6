import * as assert from 'node:assert/strict';
import type { CallAsker } from '../../../src/core/clientRequests/types';
import { CallTracker } from '../../../src/mcp/callTracker';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => { resolve = r; });
  return { promise, resolve };
}

describe('CallTracker: who answers a question that does not say which call asked', () => {
  const gatewayClient: CallAsker = { elicit: async () => ({ action: 'decline' }) };

  it('the asker of the only call in flight answers; none once it has ended', async () => {
    const calls = new CallTracker();
    const call = deferred();
    calls.track(call.promise, gatewayClient);
    assert.equal(calls.currentAsker(), gatewayClient);
    call.resolve();
    await call.promise;
    await Promise.resolve();
    assert.equal(calls.currentAsker(), undefined);
  });

  it('with a local call also in flight, the question goes to the local UI (never to a client that did not make it)', () => {
    const calls = new CallTracker();
    calls.track(deferred().promise, gatewayClient);
    calls.track(deferred().promise);
    assert.equal(calls.currentAsker(), undefined);
  });

  it('with calls of two different gateway clients in flight, neither is asked', () => {
    const calls = new CallTracker();
    calls.track(deferred().promise, gatewayClient);
    calls.track(deferred().promise, { elicit: async () => ({ action: 'cancel' }) });
    assert.equal(calls.currentAsker(), undefined);
  });
});
