import * as assert from 'node:assert/strict';
import { startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import type { ServerTarget } from '../../../src/core/connection/types';
import { REDACTED } from '../../../src/core/traffic/redact';
import { toHar, toJsonl } from '../../../src/inspector/exportFormats';
import { payloadOf, type TrafficRecord } from '../../../src/shared/traffic';
import { entry, testEngine } from './helpers';

const SECRET = 'sk-http-0123456789';

/** The SDK's HTTP and SSE transports hand the tap message objects: the records must still hold JSON text only. */
describe('traffic records over HTTP keep JSON text', () => {
  let engine: Engine;
  let fx: HttpFixture;
  afterEach(async () => {
    await engine?.dispose();
    await fx?.close();
  });

  const cases: Array<[string, string[], (url: string) => ServerTarget, string]> = [
    ['streamable HTTP', ['--http'], url => ({ type: 'http', url: `${url}/mcp` }), 'http'],
    ['legacy SSE', ['--sse'], url => ({ type: 'sse', url: `${url}/sse` }), 'sse'],
  ];
  for (const [label, args, target, transport] of cases) {
    it(`${label}: request and response are stored as redacted text, parsed on demand, and exported as redacted objects`, async () => {
      fx = await startHttpFixture('echo.mjs', args);
      engine = testEngine();
      await engine.apply([entry('remote', target(fx.url), {}, [SECRET])]);
      await engine.whenStarted();
      assert.equal(engine.get('remote')!.info!.transport, transport);
      const result = await engine.callTool('remote', 'echo', { text: `key=${SECRET}` });
      assert.deepEqual(result.content, [{ type: 'text', text: `key=${SECRET}` }], 'the client still gets the unredacted result');
      engine.traffic.flush();

      const records = engine.traffic.records({ server: 'remote' });
      const request = records.find(r => r.kind === 'request' && r.tool === 'echo')!;
      const response = records.find(r => r.requestSeq === request.seq)!;
      assert.deepEqual([request.direction, response.direction, response.status], ['out', 'in', 'ok']);
      // Every message that crossed the wire (not the tap's own lifecycle, stderr and stand-in error records).
      const messages = records.filter(r => r.direction !== 'none' && r.kind !== 'stderr');
      assert.ok(messages.length >= 5, `handshake and call: ${messages.map(r => r.method).join(', ')}`);
      for (const record of messages) {
        assert.equal(record.payload, undefined, `${record.kind} ${record.method}: no message object is kept`);
        assert.equal(typeof record.payloadJson, 'string', `${record.kind} ${record.method}: the JSON text is kept`);
      }
      for (const record of [request, response]) {
        assert.ok(!record.payloadJson!.includes(SECRET) && record.payloadJson!.includes(`key=${REDACTED}`), record.payloadJson);
      }
      const requestMessage = payloadOf(request) as { params: { name: string; arguments: { text: string } } };
      assert.deepEqual([requestMessage.params.name, requestMessage.params.arguments.text], ['echo', `key=${REDACTED}`]);
      assert.deepEqual((payloadOf(response) as { result: { content: unknown } }).result.content, [{ type: 'text', text: `key=${REDACTED}` }]);

      const exported: TrafficRecord[] = toJsonl(records).trim().split('\n').map(line => JSON.parse(line));
      const exportedResponse = exported.find(r => r.seq === response.seq)!;
      assert.equal(exportedResponse.payloadJson, undefined, 'exports carry the payload as an object');
      assert.deepEqual((exportedResponse.payload as { result: { content: unknown } }).result.content, [{ type: 'text', text: `key=${REDACTED}` }]);
      const har = JSON.stringify(toHar(records));
      assert.ok(har.includes(`key=${REDACTED}`) && !har.includes(SECRET));
    });
  }
});
