import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultServerOptions } from '../../../src/core/connection/types';
import { parseConfigText } from '../../../src/core/config/parse';
import { resolveConfig, resolveServers } from '../../../src/core/config/resolve';
import type { InputDefinition } from '../../../src/core/config/schema';
import { baseContext, describeDiagnostic, parseFixture, source } from './helpers';

const workspace = { workspaceFolder: '/ws/proj' };

describe('config resolve', () => {
  describe('the VS Code fixture', () => {
    const prompted: string[] = [];
    const resolveInput = async (input: InputDefinition) => {
      prompted.push(input.id);
      return input.id === 'github-token' ? 'ghp_TOPSECRET' : 'debug';
    };
    const parsed = parseFixture('vscode-mcp.json', 'vscode', { ...workspace, file: '/ws/proj/.vscode/mcp.json', label: 'Workspace' });
    const entries = resolveServers(parsed, baseContext({ resolveInput }));

    it('builds a stdio spec with substituted args and env, defaults merged and the origin set', async () => {
      const [filesystem] = await entries;
      assert.deepEqual(filesystem, {
        name: 'filesystem',
        origin: { kind: 'workspace', file: '/ws/proj/.vscode/mcp.json', line: 9, column: 4, label: 'Workspace' },
        spec: {
          name: 'filesystem',
          target: {
            type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/ws/proj'], cwd: '/ws/proj',
            env: { LOG_LEVEL: 'debug', PORT: '3000', UNSET_ME: null },
          },
          options: { ...defaultServerOptions, timeoutMs: 120_000, approval: { mode: 'always', tools: { read_file: 'never' } } },
          secrets: [],
          origin: { kind: 'workspace', file: '/ws/proj/.vscode/mcp.json', line: 9, column: 4, label: 'Workspace' },
        },
      });
    });

    it('puts a password input and the Authorization header into secrets', async () => {
      const github = (await entries)[1].spec!;
      assert.deepEqual(github.target, { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ghp_TOPSECRET' } });
      assert.deepEqual(github.secrets, ['Bearer ghp_TOPSECRET', 'ghp_TOPSECRET']);
      assert.deepEqual(github.options, { ...defaultServerOptions, healthCheckIntervalMs: 0, restart: 'never', allowedTools: ['search_code', 'get_issue'] });
    });

    it('maps disabled and autoStart, and prompts each input once', async () => {
      const sse = (await entries)[2].spec!;
      assert.deepEqual([sse.target, sse.options.disabled, sse.options.autoStart], [{ type: 'sse', url: 'http://localhost:8931/sse' }, true, false]);
      assert.deepEqual(prompted.sort(), ['github-token', 'log-level']);
    });
  });

  it('blocks invalid servers with config-error and the positioned messages, keeping valid ones runnable', async () => {
    const entries = await resolveServers(parseFixture('vscode-invalid.json', 'vscode', workspace), baseContext());
    assert.deepEqual(entries.map(e => [e.name, e.blocked?.reason ?? 'runnable']), [
      ['typo-type', 'config-error'], ['no-command', 'config-error'], ['bad-url', 'config-error'], ['unknown-keys', 'config-error'], ['good', 'runnable'], ['bad-input-ref', 'config-error'],
    ]);
    assert.equal(entries[0].blocked?.message, 'line 3: `type` must be one of stdio, http, sse; found `htpp`');
    assert.equal(entries[0].origin?.line, 2);
  });

  it('blocks with needs-input when the user cancels or no resolver is given, without a diagnostic', async () => {
    const parsed = parseFixture('vscode-mcp.json', 'vscode', workspace);
    const cancelled = await resolveConfig(parsed, baseContext({ resolveInput: async () => undefined }));
    assert.deepEqual(cancelled.entries[1].blocked, { reason: 'needs-input', message: '`${input:github-token}` in `headers.Authorization`: no value was entered' });
    assert.deepEqual(cancelled.diagnostics, []);
    const noResolver = await resolveServers(parsed, baseContext());
    assert.equal(noResolver[0].blocked?.reason, 'needs-input');
    assert.equal(noResolver[2].blocked, undefined);
  });

  it('reports an undefined variable as a config error at the variable itself', async () => {
    const text = '{ "mcpServers": {\n  "pg": { "command": "npx", "args": ["server-postgres", "${env:DATABASE_URL}"] } } }';
    const result = await resolveConfig(parseConfigText(text, source('cursor')), baseContext());
    const message = '`${env:DATABASE_URL}` in `args[1]`: environment variable `DATABASE_URL` is not set (use `${DATABASE_URL:-default}` for a fallback)';
    assert.deepEqual(result.entries[0].blocked, { reason: 'config-error', message });
    assert.deepEqual(result.diagnostics.map(describeDiagnostic), [`error 1:57-1:76 ${message}`]);
    assert.equal(result.diagnostics[0].server, 'pg');
  });

  it('collects every failure of a server, not only the first', async () => {
    const text = '{ "servers": { "s": { "command": "${env:A}", "args": ["${B}"], "cwd": "${workspaceFolder}" } } }';
    const [entry] = await resolveServers(parseConfigText(text, source('vscode', { kind: 'user' })), baseContext());
    assert.equal(entry.blocked?.message, [
      '`${env:A}` in `command`: environment variable `A` is not set (use `${A:-default}` for a fallback)',
      '`${B}` in `args[0]`: environment variable `B` is not set (use `${B:-default}` for a fallback)',
      '`${workspaceFolder}` in `cwd`: no workspace folder is open',
    ].join('; '));
  });

  it('checks the url again once variables are substituted, without echoing secrets', async () => {
    const text = '{ "inputs": [{ "type": "promptString", "id": "host", "description": "h", "password": true }], "servers": { "s": { "url": "${input:host}/mcp" } } }';
    const [entry] = await resolveServers(parseConfigText(text, source('vscode')), baseContext({ resolveInput: async () => 'hunter2' }));
    assert.deepEqual(entry.blocked, { reason: 'config-error', message: '`url` must be an absolute http(s) URL; found `<secret>/mcp`' });
  });

  describe('envFile', () => {
    const files: Record<string, string> = {
      '/ws/proj/.env': 'API_TOKEN=file-token-123\nSHARED=from-file\nPORT=1\nbroken line',
    };
    const readTextFile = async (path: string) => {
      if (path in files) return files[path];
      throw Object.assign(new Error('not found'), { code: 'ENOENT' });
    };

    it('merges the file under env (env wins), resolves the path against the workspace folder, notes ignored lines', async () => {
      const text = '{ "servers": { "s": { "command": "node", "envFile": ".env", "env": { "SHARED": "from-env", "PORT": 2 } } } }';
      const result = await resolveConfig(parseConfigText(text, source('vscode', workspace)), baseContext({ readTextFile }));
      const spec = result.entries[0].spec!;
      assert.deepEqual(spec.target, { type: 'stdio', command: 'node', args: [], cwd: '/ws/proj', env: { API_TOKEN: 'file-token-123', SHARED: 'from-env', PORT: '2' } });
      assert.deepEqual(spec.secrets, ['file-token-123']);
      assert.deepEqual(result.notes, [{ server: 's', message: 'envFile line 4 ignored: expected `KEY=value` (content not shown)' }]);
    });

    it('blocks the server naming a missing file', async () => {
      const text = '{ "servers": { "s": { "command": "node", "envFile": "${workspaceFolder}/missing.env" } } }';
      const result = await resolveConfig(parseConfigText(text, source('vscode', workspace)), baseContext({ readTextFile }));
      assert.deepEqual(result.entries[0].blocked, { reason: 'config-error', message: 'envFile `/ws/proj/missing.env` not found' });
      assert.deepEqual(result.diagnostics.map(describeDiagnostic), ['error 0:52-0:84 envFile `/ws/proj/missing.env` not found']);
    });
  });

  it('blocks workspace-controlled servers in an untrusted workspace before prompting for inputs', async () => {
    const prompted: string[] = [];
    const resolveInput = async (input: InputDefinition) => { prompted.push(input.id); return 'x'; };
    const workspaceFile = await resolveServers(parseFixture('vscode-mcp.json', 'vscode', { ...workspace, label: 'Workspace' }), baseContext({ resolveInput, workspaceTrusted: false }));
    assert.deepEqual(workspaceFile.map(e => e.blocked), Array(3).fill({ reason: 'untrusted', message: 'Workspace servers do not start until you trust this workspace' }));
    assert.deepEqual(prompted, []);
    const cursorInRepo = await resolveServers(parseFixture('cursor-mcp.json', 'cursor', { workspaceFolder: '/ws/proj', label: 'Cursor' }), baseContext({ workspaceTrusted: false }));
    assert.equal(cursorInRepo[0].blocked?.reason, 'untrusted');
    const userFile = await resolveServers(parseFixture('claude_desktop_config.json', 'claude-desktop'), baseContext({ workspaceTrusted: false }));
    assert.equal(userFile[0].blocked, undefined);
  });

  it('resolves relative cwd against the workspace folder and leaves cwd unset for user files', async () => {
    const text = '{ "servers": { "a": { "command": "x", "cwd": "tools" }, "b": { "command": "y" } } }';
    const [a] = await resolveServers(parseConfigText(text, source('vscode', workspace)), baseContext());
    assert.equal(a.spec?.target.type === 'stdio' && a.spec.target.cwd, '/ws/proj/tools');
    const [, b] = await resolveServers(parseConfigText(text, source('vscode', { kind: 'user', file: '/home/me/.config/Code/User/mcp.json' })), baseContext());
    assert.equal(b.spec?.target.type === 'stdio' && b.spec.target.cwd, undefined);
  });

  it('follows Windows conventions: case-insensitive env names and backslash separators', async () => {
    const text = '{ "servers": { "s": { "command": "${env:programfiles}${/}tool.exe", "cwd": "sub" } } }';
    const [entry] = await resolveServers(parseConfigText(text, source('vscode', { workspaceFolder: 'C:\\ws\\proj' })), baseContext({ platform: 'win32', env: { ProgramFiles: 'C:\\Program Files' } }));
    assert.deepEqual(entry.spec?.target, { type: 'stdio', command: 'C:\\Program Files\\tool.exe', args: [], cwd: 'C:\\ws\\proj\\sub' });
  });

  it('resolves a pre-registered OAuth client, its secret from an input, kept in spec.secrets; `oauth` on a stdio server is ignored with a warning', async () => {
    const text = '{\n  "inputs": [{ "type": "promptString", "id": "oauth-secret", "description": "Client secret", "password": true }],\n  "servers": {\n'
      + '    "remote": { "url": "https://a.example/mcp", "oauth": { "clientId": "my-client", "clientSecret": "${input:oauth-secret}", "scopes": ["read"] } },\n'
      + '    "local": { "command": "node", "oauth": { "clientId": "x" } }\n  }\n}\n';
    const parsed = parseConfigText(text, { kind: 'workspace', format: 'vscode', label: 'Workspace', file: '/ws/.vscode/mcp.json', workspaceFolder: '/ws' });
    const result = await resolveConfig(parsed, baseContext({ resolveInput: async () => 'client-SECRET-42' }));
    const remote = result.entries.find(e => e.name === 'remote')!.spec!;
    assert.deepEqual(remote.target, { type: 'http', url: 'https://a.example/mcp', oauth: { clientId: 'my-client', clientSecret: 'client-SECRET-42', scopes: ['read'] } });
    assert.deepEqual(remote.secrets, ['client-SECRET-42']);
    const diagnostics = [...parsed.diagnostics, ...result.diagnostics].map(describeDiagnostic);
    assert.ok(diagnostics.some(d => /`oauth` is ignored for a stdio server/.test(d)), diagnostics.join('\n'));
  });

  it('never writes a password input\'s value anywhere, and lists it in spec.secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-config-secret-'));
    try {
      const secret = 'pw-VALUE-9f3a7c';
      const configFile = join(dir, 'mcp.json');
      writeFileSync(configFile, '{\n  "inputs": [{ "type": "promptString", "id": "key", "description": "API key", "password": true }],\n  "servers": {\n    "local": { "command": "node", "args": ["--key", "${input:key}"], "env": { "KEY": "${input:key}" }, "envFile": ".env" },\n    "remote": { "url": "https://a.example/mcp", "headers": { "X-Custom": "${input:key}" } }\n  }\n}\n');
      writeFileSync(join(dir, '.env'), 'OTHER=1\n');
      const before = snapshot(dir);
      const parsed = parseConfigText(readFileSync(configFile, 'utf8'), { kind: 'workspace', format: 'vscode', label: 'Workspace', file: configFile, workspaceFolder: dir });
      const result = await resolveConfig(parsed, baseContext({ resolveInput: async () => secret }));

      const [local, remote] = result.entries.map(e => e.spec!);
      assert.deepEqual(local.secrets, [secret]);
      assert.deepEqual(remote.secrets, [secret]);
      assert.deepEqual(local.target.type === 'stdio' && local.target.args, ['--key', secret]);
      assert.deepEqual(snapshot(dir), before, 'no file in the config directory changed');
      for (const [file, content] of Object.entries(snapshot(dir))) assert.ok(!content.includes(secret), `${file} must not contain the secret`);
      assert.ok(!JSON.stringify([parsed, result.notes, result.diagnostics]).includes(secret), 'the secret is not in parse results, notes or diagnostics');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}
