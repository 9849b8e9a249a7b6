import * as assert from 'node:assert/strict';
import { defaultServerOptions, type ServerSpec, type ServerTarget } from '../../../src/core/connection/types';
import { commandLineFingerprint, describeCommandLine, describeForConsent, isExactly, originOf, remoteInputIds, requireConsent } from '../../../src/core/config/consent';

function spec(target: ServerTarget, secrets: string[] = [], extra: Partial<ServerSpec> = {}): ServerSpec {
  return { name: 's', target, options: { ...defaultServerOptions }, secrets, ...extra };
}
const stdio = (command: string, args: string[], cwd?: string, env?: Record<string, string | null>): ServerTarget => ({ type: 'stdio', command, args, ...(cwd ? { cwd } : {}), ...(env ? { env } : {}) });
const key = 'k'.repeat(64);
const fp = (s: ServerSpec, k = key) => commandLineFingerprint(s, k);

describe('config consent', () => {
  const base = fp(spec(stdio('npx', ['-y', 'pkg'], '/p')));

  it('is a stable sha256 of what runs', () => {
    assert.match(base, /^[0-9a-f]{64}$/);
    assert.equal(fp(spec(stdio('npx', ['-y', 'pkg'], '/p'))), base);
  });

  it('changes when the command line, cwd or environment changes, not when options do', () => {
    assert.notEqual(fp(spec(stdio('npx', ['-y', 'pkg2'], '/p'))), base);
    assert.notEqual(fp(spec(stdio('npx', ['-y', 'pkg'], '/q'))), base);
    assert.notEqual(fp(spec(stdio('npx', ['-y pkg'], '/p'))), base, 'argument boundaries count');
    assert.equal(fp(spec(stdio('npx', ['-y', 'pkg'], '/p'), [], { options: { ...defaultServerOptions, timeoutMs: 5 } })), base);
    const withEnv = fp(spec(stdio('npx', ['-y', 'pkg'], '/p', { A: '1' })));
    assert.notEqual(withEnv, base, 'a new env variable (NODE_OPTIONS, LD_PRELOAD, PATH) asks again');
    assert.notEqual(fp(spec(stdio('npx', ['-y', 'pkg'], '/p', { A: '2' }))), withEnv, 'a changed env value asks again');
    assert.notEqual(fp(spec(stdio('npx', ['-y', 'pkg'], '/p', { A: null }))), withEnv, 'removing a variable counts');
    assert.equal(fp(spec(stdio('npx', ['-y', 'pkg'], '/p', { B: '2', A: '1' }))), fp(spec(stdio('npx', ['-y', 'pkg'], '/p', { A: '1', B: '2' }))), 'order does not');
  });

  it('covers a payload hidden behind a secret-named variable (only password inputs are keyed)', () => {
    const payload = (p: string) => spec(stdio('node', ['-e', p], undefined, { API_TOKEN: p }), [p]);
    assert.notEqual(fp(payload('require("./a.cjs")')), fp(payload('require("./b.cjs")')));
  });

  it('keys password inputs by an HMAC: a rotated password asks again, the key changes every hash', () => {
    const withPassword = (value: string) => spec(stdio('tool', ['--token', value]), [value], { inputSecrets: [value] });
    assert.notEqual(fp(withPassword('old-secret')), fp(withPassword('new-secret')));
    assert.equal(fp(withPassword('old-secret')), fp(withPassword('old-secret')));
    assert.notEqual(fp(withPassword('old-secret')), fp(withPassword('old-secret'), 'another-install-key'));
  });

  it('fingerprints remote servers by origin and header names, not path or header values', () => {
    const remote = (url: string, headers: Record<string, string> = {}) => fp(spec({ type: 'http', url, headers }));
    const a = remote('https://a.example/mcp', { Authorization: 'Bearer x' });
    assert.equal(remote('https://a.example/other', { authorization: 'Bearer y' }), a);
    assert.notEqual(remote('https://evil.example/mcp', { Authorization: 'Bearer x' }), a, 'another origin');
    assert.notEqual(remote('https://a.example:8443/mcp', { Authorization: 'Bearer x' }), a, 'another port');
    assert.notEqual(remote('https://a.example/mcp', { Authorization: 'Bearer x', 'X-Api-Key': 'k' }), a, 'a new header');
  });

  it('describes the command line for the tree with secrets hidden', () => {
    assert.equal(describeCommandLine(spec(stdio('npx', ['-y', 'my pkg', '--token', 'abc123']), ['abc123'])), 'npx -y "my pkg" --token "<secret>"');
    assert.equal(describeCommandLine(spec({ type: 'http', url: 'https://a.example/mcp?api_key=s3cr3t' }, ['s3cr3t'])), 'https://a.example/mcp?api_key=<secret>');
  });

  it('shows the prompt everything the fingerprint covers: env names and values, hiding password inputs only', () => {
    const s = spec(stdio('node', ['-e', 'payload()', '--pw', 'hunter22'], '/w', { NODE_OPTIONS: '--require ./x.cjs', GITHUB_TOKEN: 'node -e evil', DROP: null }), ['node -e evil', 'hunter22'], { inputSecrets: ['hunter22'] });
    assert.equal(describeForConsent(s), [
      'node -e "payload()" --pw "<secret>"',
      'in /w',
      'with environment:',
      '  DROP (removed)',
      '  GITHUB_TOKEN="node -e evil"',
      '  NODE_OPTIONS="--require ./x.cjs"',
    ].join('\n'));
    const remote = describeForConsent(spec({ type: 'http', url: 'https://a.example/mcp?k=v', headers: { Authorization: 'Bearer t0ken', 'X-Team': 'a' } }, ['Bearer t0ken']));
    assert.match(remote, /https:\/\/a\.example/);
    assert.match(remote, /Headers sent: Authorization, X-Team/);
    assert.doesNotMatch(remote, /t0ken/);
  });

  it('blocks unapproved entries (stdio and remote) with needs-consent, keeping their spec', () => {
    const runnable = spec(stdio('node', ['server.js']));
    const remote = spec({ type: 'http', url: 'https://a.example/mcp' });
    const [blocked, blockedRemote] = requireConsent([{ name: 'a', spec: runnable }, { name: 'b', spec: remote }], () => false);
    assert.deepEqual(blocked.blocked, { reason: 'needs-consent', message: 'Allow running `node server.js`?' });
    assert.equal(blocked.spec, runnable);
    assert.deepEqual(blockedRemote.blocked, { reason: 'needs-consent', message: 'Allow connecting to `https://a.example/mcp`?' });
    const approved = new Set([fp(runnable)]);
    assert.equal(requireConsent([{ name: 'a', spec: runnable }], s => approved.has(fp(s)))[0].blocked, undefined);
  });

  it('treats an entry as the generated demo only when command, args and env match exactly, with no cwd or envFile', () => {
    const generated = { command: '/node', args: ['/ext/dist/demo-server.js'], env: { ELECTRON_RUN_AS_NODE: '1' } };
    const config = { type: 'stdio' as const, command: '/node', args: ['/ext/dist/demo-server.js'], env: { ELECTRON_RUN_AS_NODE: '1' } };
    const target = stdio('/node', ['/ext/dist/demo-server.js'], '/ws', { ELECTRON_RUN_AS_NODE: '1' });
    assert.equal(isExactly(target, config, generated), true);
    assert.equal(isExactly(stdio('/node', ['/ext/dist/demo-server.js'], '/ws', { ELECTRON_RUN_AS_NODE: '1', NODE_OPTIONS: '--require /ws/x.cjs' }), config, generated), false, 'an added env variable');
    assert.equal(isExactly(stdio('/node', ['/ext/dist/demo-server.js'], '/ws'), config, generated), false, 'env removed');
    assert.equal(isExactly(target, { ...config, envFile: '.env' }, generated), false, 'an envFile');
    assert.equal(isExactly(target, { ...config, cwd: '/elsewhere' }, generated), false, 'a cwd');
    assert.equal(isExactly(stdio('/node', ['/ext/dist/demo-server.js', '--x'], '/ws', { ELECTRON_RUN_AS_NODE: '1' }), config, generated), false, 'an extra arg');
  });

  it('finds the inputs a remote server sends, and the origin they are tied to', () => {
    assert.deepEqual(remoteInputIds({ type: 'http', url: 'https://a.example/mcp?k=${input:key}', headers: { Authorization: 'Bearer ${input:token}', X: '${env:HOME}' } }), ['key', 'token']);
    assert.deepEqual(remoteInputIds({ type: 'stdio', command: 'x', args: ['${input:token}'] }), []);
    assert.equal(originOf('https://a.example:8443/mcp?x=1'), 'https://a.example:8443');
  });
});
