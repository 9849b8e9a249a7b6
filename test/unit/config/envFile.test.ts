import * as assert from 'node:assert/strict';
import { loadEnvFile, parseEnvFile } from '../../../src/core/config/envFile';
import { fixture } from './helpers';

describe('config envFile', () => {
  it('parses comments, export, quotes, escapes, empty values and inline comments', () => {
    const { values, problems } = parseEnvFile(fixture('sample.env'));
    assert.deepEqual(values, {
      API_TOKEN: 'from-env-file',
      PLAIN: 'hello world',
      HASH_IN_VALUE: 'abc#def',
      EMPTY: '',
      SINGLE: 'single $literal \\n kept',
      DOUBLE: 'line1\nline2 "quoted" tab\tend',
      MULTI: 'first\nsecond',
      SPACED: 'spaced value',
      OVERRIDDEN: 'from-file',
    });
    assert.deepEqual(problems, [{ line: 11, message: 'expected `KEY=value` (content not shown)' }]);
  });

  it('handles CRLF, a BOM, quoted values followed by comments, and unterminated quotes', () => {
    const { values, problems } = parseEnvFile('\uFEFFA=1\r\nB="two" # note\r\nC=\'open\r\nD=4');
    assert.deepEqual(values, { A: '1', B: 'two', C: 'open', D: '4' });
    assert.deepEqual(problems, [{ line: 2, message: '`C`: missing closing \'' }]);
  });

  it('reports text after a closing quote', () => {
    assert.deepEqual(parseEnvFile('A="x" y').problems, [{ line: 0, message: '`A`: unexpected text after the closing quote' }]);
  });

  it('names the path of a missing file', async () => {
    const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    assert.deepEqual(await loadEnvFile('/ws/.env', () => Promise.reject(missing)), { ok: false, message: 'envFile `/ws/.env` not found' });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    assert.deepEqual(await loadEnvFile('/ws/.env', () => Promise.reject(denied)), { ok: false, message: 'could not read envFile `/ws/.env` (EACCES)' });
  });

  it('never quotes the content of a malformed line (a repository may point envFile at a key file)', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nBROKEN="x" trailing-secret-part\n';
    const { problems } = parseEnvFile(key);
    assert.equal(problems.length, 3);
    for (const p of problems) assert.doesNotMatch(p.message, /BEGIN|b3Bl|trailing-secret/, p.message);
  });

  it('does not quote the error text of an unreadable file', async () => {
    const odd = Object.assign(new Error('weird failure quoting file content SECRET123'), { code: 'EIO' });
    const loaded = await loadEnvFile('/ws/.env', () => Promise.reject(odd));
    assert.doesNotMatch(loaded.ok ? '' : loaded.message, /SECRET123/);
  });
});
