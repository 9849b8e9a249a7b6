import * as assert from 'node:assert/strict';
import { detectFormat } from '../../../src/core/config/formats';
import { parseConfigText } from '../../../src/core/config/parse';
import { describeDiagnostic, parseFixture, source } from './helpers';

const configsOf = (parsed: ReturnType<typeof parseFixture>) => Object.fromEntries(parsed.servers.map(s => [s.name, s.config]));
const notesOf = (parsed: ReturnType<typeof parseFixture>) => parsed.notes.map(n => `${n.server}: ${n.message}`);

describe('config formats: other clients\' mcpServers files', () => {
  it('Claude Desktop: stdio servers, env, and a url meaning streamable HTTP', () => {
    const parsed = parseFixture('claude_desktop_config.json', 'claude-desktop');
    assert.deepEqual(parsed.diagnostics, []);
    const servers = configsOf(parsed);
    assert.deepEqual(servers['brave-search'], { type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-brave-search'], env: { BRAVE_API_KEY: 'brave-secret-key' } });
    assert.deepEqual(servers.remote, { type: 'http', url: 'https://mcp.example.com/mcp' });
    assert.deepEqual(notesOf(parsed), ['remote: No `type` next to `url`: assumed `http` (streamable HTTP, falling back to SSE), as Claude Desktop does']);
  });

  it('Cursor: ${env:NAME} kept for resolution, streamable-http mapped to http', () => {
    const parsed = parseFixture('cursor-mcp.json', 'cursor');
    assert.deepEqual(parsed.diagnostics, []);
    const servers = configsOf(parsed);
    assert.deepEqual(servers.postgres?.args, ['-y', '@modelcontextprotocol/server-postgres', '${env:DATABASE_URL}']);
    assert.equal(servers.linear?.type, 'http');
    assert.equal(servers.context7?.type, 'http');
    assert.deepEqual(notesOf(parsed), [
      'linear: No `type` next to `url`: assumed `http` (streamable HTTP, falling back to SSE), as Cursor does',
      'context7: `type: "streamable-http"` read as `http` (streamable HTTP)',
    ]);
  });

  it('Windsurf: serverUrl read as url, disabledTools as excludedTools', () => {
    const parsed = parseFixture('windsurf-mcp_config.json', 'windsurf');
    const servers = configsOf(parsed);
    assert.deepEqual(servers.figma, { type: 'http', url: 'https://figma.example.com/mcp' });
    assert.deepEqual(servers.git, { type: 'stdio', command: 'uvx', args: ['mcp-server-git'], disabled: false, excludedTools: ['git_push'] });
    assert.deepEqual(parsed.servers[0].renamedFields, { url: 'serverUrl' });
    assert.deepEqual(notesOf(parsed), [
      'figma: `serverUrl` read as `url`, as Windsurf names it',
      'figma: No `type` next to `url`: assumed `http` (streamable HTTP, falling back to SSE), as Windsurf does',
      'git: `disabledTools` read as `excludedTools`: `git_push`',
    ]);
  });

  it('Cline: timeout in seconds, autoApprove, a url without type meaning sse, streamableHttp', () => {
    const parsed = parseFixture('cline_mcp_settings.json', 'cline');
    assert.deepEqual(parsed.diagnostics, []);
    const servers = configsOf(parsed);
    assert.equal(servers.weather?.timeout, 30_000);
    assert.deepEqual(servers.weather?.approval, { tools: { get_forecast: 'never' } });
    assert.deepEqual(servers['remote-sse'], { type: 'sse', url: 'https://sse.example.com/sse', disabled: true });
    assert.equal(servers['remote-http']?.type, 'http');
    assert.deepEqual(notesOf(parsed), [
      'weather: `timeout: 30` read as seconds, as Cline does (30000 ms)',
      'weather: `autoApprove` read as approval `never` (run without asking) for `get_forecast`',
      'remote-sse: No `type` next to `url`: assumed `sse` (legacy SSE), as Cline does',
      'remote-http: `type: "streamableHttp"` read as `http` (streamable HTTP)',
    ]);
  });

  it('Roo Code: alwaysAllow, disabledTools, watchPaths, timeout in seconds, streamable-http', () => {
    const parsed = parseFixture('roo-mcp_settings.json', 'roo');
    assert.deepEqual(parsed.diagnostics, []);
    const servers = configsOf(parsed);
    assert.deepEqual(servers.puppeteer, {
      type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-puppeteer'], cwd: '/Users/me/projects', timeout: 90_000,
      approval: { tools: { puppeteer_navigate: 'never', puppeteer_screenshot: 'never' } }, excludedTools: ['puppeteer_evaluate'],
    });
    assert.equal(servers.docs?.type, 'http');
    assert.deepEqual(notesOf(parsed), [
      'puppeteer: `timeout: 90` read as seconds, as Roo Code does (90000 ms)',
      'puppeteer: `alwaysAllow` read as approval `never` (run without asking) for `puppeteer_navigate`, `puppeteer_screenshot`',
      'puppeteer: `disabledTools` read as `excludedTools`: `puppeteer_evaluate`',
      'puppeteer: `watchPaths` is not supported and was ignored',
      'docs: `type: "streamable-http"` read as `http` (streamable HTTP)',
    ]);
  });

  it('merges auto-approved tools into an explicit approval, explicit per-tool modes winning', () => {
    const parsed = parseConfigText('{ "mcpServers": { "s": { "command": "x", "approval": "always", "autoApprove": ["a", "b"], "alwaysAllow": ["c"] } } }', source('cline'));
    assert.deepEqual(parsed.servers[0].config?.approval, { default: 'always', tools: { a: 'never', b: 'never', c: 'never' } });
    const explicit = parseConfigText('{ "mcpServers": { "s": { "command": "x", "approval": { "tools": { "a": "always" } }, "autoApprove": ["a"] } } }', source('cline'));
    assert.deepEqual(explicit.servers[0].config?.approval, { tools: { a: 'always' } });
  });

  it('reads Cline\'s older transportType', () => {
    const parsed = parseConfigText('{ "mcpServers": { "s": { "transportType": "sse", "url": "https://a.example/sse" } } }', source('cline'));
    assert.equal(parsed.servers[0].config?.type, 'sse');
    assert.deepEqual(parsed.notes.map(n => n.message), ['`transportType` read as `type`']);
  });

  it('positions errors in foreign files at the key the file uses (Windsurf serverUrl)', () => {
    const parsed = parseConfigText('{ "mcpServers": { "f": { "serverUrl": "figma.example.com" } } }', source('windsurf'));
    assert.deepEqual(parsed.diagnostics.map(describeDiagnostic), ['error 0:38-0:57 `url` must be an absolute http(s) URL; found `figma.example.com`']);
  });

  it('validates foreign-only fields too', () => {
    const parsed = parseConfigText('{ "mcpServers": { "s": { "command": "x", "type": "websocket", "autoApprove": "all" } } }', source('roo'));
    assert.deepEqual(parsed.diagnostics.map(describeDiagnostic), [
      'error 0:49-0:60 `type` must be one of stdio, http, sse, streamableHttp, streamable-http, local; found `websocket`',
      'error 0:77-0:82 `autoApprove` must be an array; found a string (`all`)',
    ]);
  });

  it('guesses a file\'s format from its path and content', () => {
    assert.equal(detectFormat('/Users/me/Library/Application Support/Claude/claude_desktop_config.json', ''), 'claude-desktop');
    assert.equal(detectFormat('C:\\Users\\me\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json', ''), 'cline');
    assert.equal(detectFormat('/p/.roo/mcp.json', ''), 'roo');
    assert.equal(detectFormat('/home/me/.codeium/windsurf/mcp_config.json', ''), 'windsurf');
    assert.equal(detectFormat('/p/.cursor/mcp.json', ''), 'cursor');
    assert.equal(detectFormat('/p/.vscode/mcp.json', '{ "servers": {} }'), 'vscode');
    assert.equal(detectFormat('/p/.mcp.json', '{ "mcpServers": {} }'), 'claude-code');
  });
});
