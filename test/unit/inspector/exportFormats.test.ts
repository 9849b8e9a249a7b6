import * as assert from 'node:assert/strict';
import type { TrafficRecord } from '../../../src/shared/traffic';
import { REDACTED, defaultExportName, sanitizeRecord, scrubSecrets, toHar, toJsonl } from '../../../src/inspector/exportFormats';
import { MAX_IMPORT_BYTES, fromHar, parseImport } from '../../../src/inspector/importFormats';

function session(): TrafficRecord[] {
  const t = Date.UTC(2025, 0, 15, 9, 30, 0);
  return [
    { seq: 1, time: t, server: 'echo', direction: 'none', kind: 'lifecycle', size: 9, text: 'connected' },
    { seq: 2, time: t + 1, server: 'echo', direction: 'out', kind: 'request', method: 'tools/call', id: 1, size: 70, tool: 'echo',
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } } }, http: { sessionId: 'sess-1' } },
    { seq: 3, time: t + 2, server: 'echo', direction: 'in', kind: 'stderr', size: 5, text: 'hello' },
    { seq: 4, time: t + 13, server: 'echo', direction: 'in', kind: 'response', method: 'tools/call', id: 1, size: 60, tool: 'echo',
      payload: { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'hi' }] } }, requestSeq: 2, durationMs: 12, status: 'ok', http: { sessionId: 'sess-1', status: 200, headers: { 'MCP-Protocol-Version': '2025-11-25', 'Mcp-Session-Id': 'sess-1' } } },
    { seq: 5, time: t + 20, server: 'weather', direction: 'out', kind: 'request', method: 'tools/call', id: 'a', size: 50, tool: 'radar',
      payload: { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'radar' } } },
    { seq: 6, time: t + 21, server: 'weather', direction: 'in', kind: 'notification', method: 'notifications/progress', size: 40,
      payload: { jsonrpc: '2.0', method: 'notifications/progress', params: { progress: 1 } } },
    { seq: 7, time: t + 30_020, server: 'weather', direction: 'in', kind: 'error', method: 'tools/call', id: 'a', size: 45, tool: 'radar',
      payload: { jsonrpc: '2.0', id: 'a', error: { code: -32001, message: 'timed out' } }, requestSeq: 5, durationMs: 30_000, status: 'timeout' },
    { seq: 8, time: t + 30_030, server: 'weather', direction: 'out', kind: 'request', method: 'resources/read', id: 'b', size: 300_000, truncated: true, text: '{"jsonrpc":"2.0","id":"b",…' },
  ];
}

describe('inspector export formats', () => {
  it('exports a payload the tap kept as JSON text as an object, in JSON Lines and HAR', () => {
    const payload = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } } };
    const rec: TrafficRecord = { seq: 1, time: 0, server: 'echo', direction: 'out', kind: 'request', method: 'tools/call', id: 1, size: 80, payloadJson: JSON.stringify(payload) };
    const line = JSON.parse(toJsonl([rec]));
    assert.deepEqual(line.payload, payload);
    assert.equal(line.payloadJson, undefined);
    assert.deepEqual(JSON.parse(toHar([rec]).log.entries[0].request.postData!.text), payload);
  });

  it('JSON Lines: one record per line, round-trips through parseImport', () => {
    const recs = session();
    const text = toJsonl(recs);
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, recs.length);
    assert.deepEqual(JSON.parse(lines[1]), recs[1]);
    const back = parseImport(text);
    assert.equal(back.format, 'jsonl');
    assert.deepEqual(back.records, recs);
    assert.deepEqual(back.warnings, []);
  });

  it('HAR-like: log.entries with request/response/timings/_server, pairing a request with its response', () => {
    const har = toHar(session(), '1.2.3');
    assert.equal(har.log.version, '1.2');
    assert.deepEqual(har.log.creator, { name: 'MCP Switchboard', version: '1.2.3' });
    // 8 records, 2 of them joined to their requests.
    assert.equal(har.log.entries.length, 6);
    const call = har.log.entries.find(e => e._seq === 2)!;
    assert.equal(call._server, 'echo');
    assert.equal(call.request.method, 'POST');
    assert.equal(call.request.url, 'mcp://echo/tools/call');
    assert.deepEqual(JSON.parse(call.request.postData!.text), session()[1].payload);
    assert.deepEqual(call.request.headers, [{ name: 'Content-Type', value: 'application/json' }, { name: 'Mcp-Session-Id', value: 'sess-1' }]);
    assert.equal(call.response.status, 200);
    assert.deepEqual(JSON.parse(call.response.content.text!), session()[3].payload);
    assert.deepEqual(call.timings, { send: 0, wait: 12, receive: 0 });
    assert.equal(call.time, 12);
    assert.equal(call.startedDateTime, '2025-01-15T09:30:00.001Z');
    const timedOut = har.log.entries.find(e => e._seq === 5)!;
    assert.equal(timedOut._status, 'timeout');
    assert.equal(timedOut.response.status, 500);
    const stderr = har.log.entries.find(e => e._seq === 3)!;
    assert.equal(stderr._kind, 'stderr');
    assert.deepEqual(stderr.request.postData, { mimeType: 'text/plain', text: 'hello' });
  });

  it('HAR-like round trip is lossless', () => {
    const recs = session();
    const back = parseImport(JSON.stringify(toHar(recs)));
    assert.equal(back.format, 'har');
    assert.deepEqual(back.warnings, []);
    assert.deepEqual(back.records, recs);
  });

  it('imports a foreign HAR (no extension fields) as best it can', () => {
    const har = {
      log: {
        version: '1.2', creator: { name: 'other', version: '1' }, entries: [{
          startedDateTime: '2025-01-15T09:30:00.000Z', time: 25,
          request: { method: 'POST', url: 'https://api.example.com/mcp', headers: [{ name: 'mcp-session-id', value: 'S' }], bodySize: 40,
            postData: { mimeType: 'application/json', text: '{"jsonrpc":"2.0","id":7,"method":"tools/list"}' } },
          response: { status: 200, statusText: 'OK', headers: [], content: { size: 30, mimeType: 'application/json', text: '{"jsonrpc":"2.0","id":7,"result":{"tools":[]}}' } },
          timings: { send: 1, wait: 24, receive: 0 },
        }],
      },
    };
    const { records, warnings } = fromHar(har);
    assert.deepEqual(warnings, []);
    assert.equal(records.length, 2);
    const [req, res] = records;
    assert.deepEqual({ server: req.server, kind: req.kind, method: req.method, id: req.id, http: req.http }, { server: 'api.example.com', kind: 'request', method: 'tools/list', id: 7, http: { sessionId: 'S' } });
    assert.deepEqual({ kind: res.kind, requestSeq: res.requestSeq, durationMs: res.durationMs, status: res.status, http: res.http }, { kind: 'response', requestSeq: req.seq, durationMs: 25, status: 'ok', http: { status: 200 } });
    assert.deepEqual(res.payload, { jsonrpc: '2.0', id: 7, result: { tools: [] } });
  });

  it('reads what the CLI record command writes (JSON Lines), skipping junk with a warning, and a JSON array', () => {
    const recs = session();
    const text = '\ufeff' + recs.slice(0, 3).map(r => JSON.stringify(r)).join('\r\n') + '\nnot json\n{"seq":"x"}\n\n';
    const out = parseImport(text);
    assert.deepEqual(out.records, recs.slice(0, 3));
    assert.equal(out.warnings.length, 2);
    assert.match(out.warnings[0], /1 line that is not JSON \(first: line 4\)/);
    assert.match(out.warnings[1], /1 item that is not a traffic record/);
    assert.deepEqual(parseImport(JSON.stringify(recs)).records, recs);
    assert.equal(parseImport(JSON.stringify(recs)).format, 'json');
    assert.deepEqual(parseImport('   ').records, []);
  });

  it('sorts by seq and keeps only the newest `max` records', () => {
    const recs = session();
    const shuffled = [recs[4], recs[0], recs[7], recs[2], recs[1], recs[3], recs[6], recs[5]];
    const out = parseImport(toJsonl(shuffled), 3);
    assert.deepEqual(out.records.map(r => r.seq), [6, 7, 8]);
    assert.match(out.warnings[0], /newest 3/);
  });

  it('exports stay redacted: credential keys are scrubbed, stray fields dropped', () => {
    const leaky = {
      ...session()[1],
      extra: 'not a record field',
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { arguments: { Authorization: 'Bearer abc', api_key: 'k', nested: [{ password: 'p', ok: 'visible' }], already: REDACTED, access_token: `x ${REDACTED}` } } },
    } as TrafficRecord & { extra: string };
    const line = JSON.parse(toJsonl([leaky]));
    assert.equal(line.extra, undefined);
    const args = line.payload.params.arguments;
    assert.equal(args.Authorization, REDACTED);
    assert.equal(args.api_key, REDACTED);
    assert.equal(args.nested[0].password, REDACTED);
    assert.equal(args.nested[0].ok, 'visible');
    assert.equal(args.access_token, `x ${REDACTED}`);
    const harText = JSON.stringify(toHar([leaky]));
    assert.ok(!harText.includes('Bearer abc') && !harText.includes('"k"'));
    // The input is not modified; unchanged values keep their identity.
    assert.equal((leaky.payload as any).params.arguments.Authorization, 'Bearer abc');
    const clean = { a: { b: [1, 2] } };
    assert.equal(scrubSecrets(clean), clean);
  });

  it('export scrubbing uses the live redactor\'s secret names: camelCase keys, KEY suffixes, URL query values, userinfo', () => {
    const leaky = {
      ...session()[1],
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { _meta: { progressToken: 7 }, arguments: {
        apiToken: 'tok-1', OPENAI_KEY: 'sk-2', clientSecret: 'cs-3', keyboard: 'qwerty', max_tokens: 64,
        url: 'https://a.example/cb?access_token=AT-4&page=2', repo: 'https://bob:PW-5@git.example/r.git',
      } } },
    } as TrafficRecord;
    const stderr = { ...session()[0], kind: 'stderr', text: 'GET /x?api_key=AK-6 failed' } as TrafficRecord;
    const text = toJsonl([leaky, stderr]) + JSON.stringify(toHar([leaky, stderr]));
    for (const secret of ['tok-1', 'sk-2', 'cs-3', 'AT-4', 'PW-5', 'AK-6']) assert.ok(!text.includes(secret), secret);
    const args = JSON.parse(toJsonl([leaky])).payload.params;
    assert.deepEqual([args._meta.progressToken, args.arguments.keyboard, args.arguments.max_tokens], [7, 'qwerty', 64], 'ordinary fields stay');
    assert.equal(args.arguments.url, `https://a.example/cb?access_token=${REDACTED}&page=2`);
  });

  it('refuses an import over the size cap with a clear message', () => {
    assert.throws(() => parseImport(' '.repeat(MAX_IMPORT_BYTES + 1)), /imports at most 50 MB/);
  });

  it('sanitizeRecord rejects non-records and coerces unknown enums', () => {
    assert.equal(sanitizeRecord(null), undefined);
    assert.equal(sanitizeRecord({ seq: 1, time: 1, server: 's', kind: 'bogus' }), undefined);
    assert.deepEqual(sanitizeRecord({ seq: 1, time: 2, server: 's', kind: 'stderr', direction: 'sideways', text: 'x', status: 'weird' }),
      { seq: 1, time: 2, server: 's', kind: 'stderr', direction: 'none', size: 0, text: 'x' });
  });

  it('names export files with a timestamp', () => {
    const d = new Date(2025, 0, 2, 3, 4, 5);
    assert.equal(defaultExportName('jsonl', d), 'mcp-traffic-20250102-030405.jsonl');
    assert.equal(defaultExportName('har', d), 'mcp-traffic-20250102-030405.har.json');
  });
});
