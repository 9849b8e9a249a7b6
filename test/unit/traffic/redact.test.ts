import * as assert from 'node:assert/strict';
import { REDACTED, Redactor, redactCommandLine } from '../../../src/core/traffic/redact';

describe('Redactor', () => {
  it('replaces every occurrence of every secret in a string', () => {
    const r = new Redactor(['s3cr3t-value', 'hunter22']);
    assert.equal(r.redactString('a s3cr3t-value b hunter22 c s3cr3t-value'), `a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it('ignores secrets shorter than 4 characters and is inactive without usable secrets', () => {
    const r = new Redactor(['abc', '']);
    assert.equal(r.active, false);
    assert.equal(r.redactString('abc abc'), 'abc abc');
    assert.equal(new Redactor(['abcd']).active, true);
  });

  it('replaces the longer secret whole when one secret contains another', () => {
    const r = new Redactor(['token', 'token-extended']);
    assert.equal(r.redactString('token-extended'), REDACTED);
  });

  it('treats regular expression characters in secrets literally', () => {
    const r = new Redactor(['a.b*c(d)']);
    assert.equal(r.redactString('aXbbbc(d) a.b*c(d)'), `aXbbbc(d) ${REDACTED}`);
  });

  it('redacts secrets in JSON, including ones that need escaping, and keeps the JSON valid', () => {
    const secret = 'pa"ss\\word';
    const r = new Redactor([secret, 'ghp_1234567890']);
    const json = JSON.stringify({ params: { arguments: { token: 'ghp_1234567890', other: secret, [secret]: 1 } } });
    const redacted = r.redactJson(json);
    assert.ok(!redacted.includes('ghp_1234567890'));
    assert.deepEqual(JSON.parse(redacted), { params: { arguments: { token: REDACTED, other: REDACTED, [REDACTED]: 1 } } });
  });

  it('keeps JSON valid even when a secret looks like JSON punctuation', () => {
    const r = new Redactor(['","b":"']);
    const json = JSON.stringify({ a: 'x', b: 'y' });
    assert.deepEqual(JSON.parse(r.redactJson(json)), { a: 'x', b: 'y' });
    assert.deepEqual(JSON.parse(r.redactJson(JSON.stringify({ a: 'x","b":"y' }))), { a: `x${REDACTED}y` });
  });

  it('always hides credential headers, keeping the auth scheme visible', () => {
    const r = new Redactor(['shared-secret-value']);
    const headers = r.redactHeaders({
      Authorization: 'Bearer abc.def.ghi',
      'proxy-authorization': 'Basic dXNlcjpwYXNz',
      Cookie: 'session=abc; theme=dark',
      'X-Api-Key': 'k-123',
      'X-GitHub-Token': 'ghp_x',
      'X-Client-Secret': 'cs',
      'X-Db-Password': 'pw',
      Accept: 'application/json',
      'X-Echo': 'contains shared-secret-value here',
    });
    assert.deepEqual(headers, {
      Authorization: `Bearer ${REDACTED}`,
      'proxy-authorization': `Basic ${REDACTED}`,
      Cookie: `session=${REDACTED}; theme=${REDACTED}`,
      'X-Api-Key': REDACTED,
      'X-GitHub-Token': REDACTED,
      'X-Client-Secret': REDACTED,
      'X-Db-Password': REDACTED,
      Accept: 'application/json',
      'X-Echo': `contains ${REDACTED} here`,
    });
  });

  it('decides each header name the same on every call, in any letter case (the answers are remembered per name)', () => {
    const r = new Redactor([]);
    const headers = { 'X-Api-Key': 'k-1', 'x-api-key': 'k-2', 'Mcp-Session-Id': 's-1', 'mcp-session-id': 's-2', 'X-Session-Token': 't' };
    const expected = { 'X-Api-Key': REDACTED, 'x-api-key': REDACTED, 'Mcp-Session-Id': 's-1', 'mcp-session-id': 's-2', 'X-Session-Token': REDACTED };
    assert.deepEqual(r.redactHeaders(headers), expected);
    assert.deepEqual(r.redactHeaders(headers), expected);
    assert.deepEqual(new Redactor([]).redactHeaders(headers), expected);
  });

  it('hides an Authorization value that has no scheme', () => {
    assert.deepEqual(new Redactor([]).redactHeaders({ authorization: 'rawtoken' }), { authorization: REDACTED });
  });
});

describe('redactCommandLine', () => {
  it('hides known secrets, secret-looking flags and assignments, and URL passwords', () => {
    const parts = [
      'npx', '-y', 'server-pkg', '--api-key', 'abc123', '--token=xyz', '--port', '8080',
      'GITHUB_TOKEN=ghp_1', 'DEBUG=1', '--db', 'postgres://user:pw@localhost/db', '--header', 'X: my-known-secret',
    ];
    assert.deepEqual(redactCommandLine(parts, ['my-known-secret']), [
      'npx', '-y', 'server-pkg', '--api-key', REDACTED, `--token=${REDACTED}`, '--port', '8080',
      `GITHUB_TOKEN=${REDACTED}`, 'DEBUG=1', '--db', `postgres://user:${REDACTED}@localhost/db`, '--header', `X: ${REDACTED}`,
    ]);
  });

  it('leaves an ordinary command line alone', () => {
    const parts = ['node', 'server.js', '--verbose', 'https://example.com/path'];
    assert.deepEqual(redactCommandLine(parts, []), parts);
  });
});
