// A 2026-era server over stdio (real fixture): the client's own requests of that era, the server/discover probe and
// the subscriptions/listen stream it keeps open for list changes, are not the user's calls.
import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/connection/engine';
import { stdioCommand } from '../../fixtures/servers/index';
import { entry, testEngine, waitForState } from '../engine/helpers';

describe('metrics: the client\'s own requests to a 2026-era server', function () {
  this.timeout(30_000);
  let engine: Engine | undefined;
  afterEach(async () => { await engine?.dispose(); engine = undefined; });

  function sent(method: string): boolean {
    return engine!.traffic.records({ server: 'm' }).some(r => r.direction === 'out' && r.kind === 'request' && r.method === method);
  }

  it('counts server/discover and the open subscriptions/listen stream as internal: "your calls" are the tool calls, none left in flight', async () => {
    engine = testEngine();
    await engine.apply([entry('m', { type: 'stdio', ...stdioCommand('modern.mjs') }, { protocolVersion: 'auto' })]);
    await waitForState(engine, 'm', 'running');
    await engine.callTool('m', 'echo', { text: 'hi' });
    // The stream opens after the connection is up: wait for its request before reading the figures.
    const deadline = Date.now() + 10_000;
    while (!(sent('subscriptions/listen') && sent('server/discover'))) {
      if (Date.now() > deadline) throw new Error(`no server/discover and subscriptions/listen requests in the traffic: ${engine.traffic.records({ server: 'm' }).map(r => r.method).join(', ')}`);
      await new Promise<void>(resolve => {
        const timer = setTimeout(done, deadline - Date.now());
        const sub = engine!.traffic.onDidAppend(done);
        function done() { clearTimeout(timer); sub.dispose(); resolve(); }
      });
    }
    const user = engine.metrics.server('m', 'user');
    assert.equal(user.calls, 1, 'the one tools/call');
    assert.equal(user.inFlight, 0, 'the listen stream is not a call of the user\'s in flight');
    assert.equal(user.tools.echo?.calls, 1);
    const internal = engine.metrics.server('m', 'internal');
    assert.ok(internal.calls >= 1, `server/discover counted as the client's own (${internal.calls})`);
    assert.ok(internal.inFlight >= 1, 'the open listen stream is in flight among the client\'s own requests');
  });
});
