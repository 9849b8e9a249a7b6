import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../../src/core/config/parse';
import { resolveConfig } from '../../../src/core/config/resolve';
import { isSecretEnvName, isSecretHeaderName } from '../../../src/core/config/secrets';
import { isSecretName, redactUrlSecretsInText, secretArgValues, urlSecrets } from '../../../src/core/secrets/secretNames';
import { redactCommandLine, REDACTED } from '../../../src/core/traffic/redact';
import { baseContext } from './helpers';

const workspaceSource = { kind: 'workspace' as const, format: 'vscode' as const, label: 'Workspace', file: '/ws/proj/.vscode/mcp.json', workspaceFolder: '/ws/proj' };

async function resolveOne(server: object, files: Record<string, string> = {}) {
  const parsed = parseConfigText(JSON.stringify({ servers: { s: server } }), workspaceSource);
  const readTextFile = async (path: string) => {
    if (path in files) return files[path];
    throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
  };
  return (await resolveConfig(parsed, baseContext({ readTextFile, env: { HOME: '/home/me' } }))).entries[0];
}

describe('one definition of a secret name', () => {
  it('counts bare KEY words, camelCase tokens and the usual credential names', () => {
    for (const name of ['OPENAI_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'apiToken', 'access_token', 'accessToken', 'api-key', 'x-api-key', 'apikey',
      'client_secret', 'DB_PASSWORD', 'passwd', 'Authorization', 'Proxy-Authorization', 'Cookie', 'PRIVATE_KEY', 'credentials', 'sig', 'authToken']) {
      assert.equal(isSecretName(name), true, name);
    }
    for (const name of ['PATH', 'HOME', 'keyboard', 'author', 'max_tokens', 'monkey', 'NODE_OPTIONS', 'LOG_LEVEL', 'q', 'page']) assert.equal(isSecretName(name), false, name);
  });

  it('is the one config env detection, header detection and command-line redaction use', () => {
    assert.equal(isSecretEnvName('OPENAI_KEY'), true);
    assert.equal(isSecretEnvName('AWS_ACCESS_KEY_ID'), true);
    assert.equal(isSecretHeaderName('X-Api-Key'), true);
    assert.deepEqual(redactCommandLine(['tool', '--access-key', 'AKIA1234', 'OPENAI_KEY=sk-123456'], []), ['tool', '--access-key', REDACTED, `OPENAI_KEY=${REDACTED}`]);
  });

  it('finds flag values: `--api-key X`, `--token=X`, NAME=X', () => {
    assert.deepEqual(secretArgValues(['--api-key', 'k-1234', '--token=t-5678', '--verbose', 'GITHUB_TOKEN=g-999', '--port', '80', '--secret']), ['k-1234', 't-5678', 'g-999']);
  });

  it('finds URL secrets: secret-named query values (raw and decoded) and userinfo', () => {
    assert.deepEqual(urlSecrets('https://a.example/mcp?api_key=abc%2Bdef&page=2&access_token=tok123').sort(), ['abc%2Bdef', 'abc+def', 'tok123']);
    assert.deepEqual(urlSecrets('https://user:pa%24s@a.example/mcp').sort(), ['pa$s', 'pa%24s', 'user']);
    assert.deepEqual(urlSecrets('https://a.example/mcp?q=hello'), []);
    assert.equal(redactUrlSecretsInText('GET https://u:pw@a.example/x?access_token=abc&page=2 failed', REDACTED), `GET https://u:${REDACTED}@a.example/x?access_token=${REDACTED}&page=2 failed`);
  });

  it('registers URL secrets, flag values and KEY-named env values of a resolved server as secrets', async () => {
    const remote = await resolveOne({ type: 'http', url: 'https://bob:hunter2x@a.example/mcp?api_key=QUERYSECRET&v=1' });
    assert.ok(remote.spec!.secrets.includes('QUERYSECRET'));
    assert.ok(remote.spec!.secrets.includes('hunter2x'));
    const local = await resolveOne({ command: 'tool', args: ['--api-key', 'FLAGSECRET1', '--token=FLAGSECRET2'], env: { OPENAI_KEY: 'ENVSECRET1', AWS_ACCESS_KEY_ID: 'ENVSECRET2', PORT: '3000' } });
    assert.deepEqual(local.spec!.secrets, ['ENVSECRET1', 'ENVSECRET2', 'FLAGSECRET1', 'FLAGSECRET2']);
  });

  it('keeps a workspace envFile inside the workspace folder, without quoting the file', async () => {
    const outside = await resolveOne({ command: 'node', envFile: '${userHome}/.ssh/id_rsa' }, { '/home/me/.ssh/id_rsa': '-----BEGIN KEY-----\nAAAA\n' });
    assert.equal(outside.blocked?.reason, 'config-error');
    assert.match(outside.blocked!.message, /outside the workspace folder/);
    assert.doesNotMatch(outside.blocked!.message, /BEGIN|AAAA/);
    const escaping = await resolveOne({ command: 'node', envFile: '../other/.env' }, { '/ws/other/.env': 'A=1\n' });
    assert.equal(escaping.blocked?.reason, 'config-error');
    const inside = await resolveOne({ command: 'node', envFile: 'config/.env' }, { '/ws/proj/config/.env': 'A=1\n' });
    assert.deepEqual(inside.spec?.target.type === 'stdio' && inside.spec.target.env, { A: '1' });
  });
});
