import * as assert from 'node:assert/strict';
import { parseConfigText, parseConfigValue } from '../../../src/core/config/parse';
import { mergeSources } from '../../../src/core/config/precedence';
import { resolveConfig } from '../../../src/core/config/resolve';
import { appDataDirFor, configSources, discoverySources, settingSource } from '../../../src/core/config/sources';
import { isReadOnlyOrigin, type ConfigSource } from '../../../src/core/config/types';
import { baseContext } from './helpers';

const files = (sources: ConfigSource[]) => sources.map(s => `${s.kind} ${s.format} ${s.label}: ${s.file ?? '-'}`);

describe('config sources', () => {
  it('computes the application data directory per platform', () => {
    assert.equal(appDataDirFor({ platform: 'darwin', homedir: '/Users/me', env: {} }), '/Users/me/Library/Application Support');
    assert.equal(appDataDirFor({ platform: 'win32', homedir: 'C:\\Users\\me', env: { APPDATA: 'D:\\Roaming' } }), 'D:\\Roaming');
    assert.equal(appDataDirFor({ platform: 'win32', homedir: 'C:\\Users\\me', env: {} }), 'C:\\Users\\me\\AppData\\Roaming');
    assert.equal(appDataDirFor({ platform: 'linux', homedir: '/home/me', env: { XDG_CONFIG_HOME: '/xdg' } }), '/xdg');
    assert.equal(appDataDirFor({ platform: 'linux', homedir: '/home/me', env: {} }), '/home/me/.config');
    assert.equal(appDataDirFor({ platform: 'linux', homedir: '/home/me', env: {}, appDataDir: '/given' }), '/given');
  });

  it('lists every candidate on macOS in precedence order', () => {
    const sources = configSources({ platform: 'darwin', homedir: '/Users/me', env: {}, workspaceFolders: ['/p/app'], userMcpJson: '/Users/me/Library/Application Support/Code/User/mcp.json' });
    const support = '/Users/me/Library/Application Support';
    assert.deepEqual(files(sources), [
      'workspace vscode Workspace: /p/app/.vscode/mcp.json',
      'workspace claude-code Workspace .mcp.json: /p/app/.mcp.json',
      `user vscode User: ${support}/Code/User/mcp.json`,
      'user copilot User ~/.copilot: /Users/me/.copilot/mcp-config.json',
      'setting setting Settings: -',
      'discovered cursor Cursor: /p/app/.cursor/mcp.json',
      'discovered roo Roo Code: /p/app/.roo/mcp.json',
      `discovered claude-desktop Claude Desktop: ${support}/Claude/claude_desktop_config.json`,
      'discovered cursor Cursor: /Users/me/.cursor/mcp.json',
      'discovered windsurf Windsurf: /Users/me/.codeium/windsurf/mcp_config.json',
      `discovered cline Cline: ${support}/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`,
      `discovered cline Cline: ${support}/Code - Insiders/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`,
      `discovered cline Cline: ${support}/VSCodium/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json`,
      `discovered roo Roo Code: ${support}/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`,
      `discovered roo Roo Code: ${support}/Code - Insiders/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`,
      `discovered roo Roo Code: ${support}/VSCodium/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json`,
    ]);
    assert.equal(sources[0].workspaceFolder, '/p/app');
  });

  it('uses Windows paths and the running editor\'s globalStorage first', () => {
    const sources = discoverySources({ platform: 'win32', homedir: 'C:\\Users\\me', env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, workspaceFolders: [], globalStorageDir: 'C:\\Users\\me\\AppData\\Roaming\\Cursor\\User\\globalStorage' });
    assert.deepEqual(files(sources).slice(0, 5), [
      'discovered claude-desktop Claude Desktop: C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
      'discovered cursor Cursor: C:\\Users\\me\\.cursor\\mcp.json',
      'discovered windsurf Windsurf: C:\\Users\\me\\.codeium\\windsurf\\mcp_config.json',
      'discovered cline Cline: C:\\Users\\me\\AppData\\Roaming\\Cursor\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
      'discovered cline Cline: C:\\Users\\me\\AppData\\Roaming\\Code\\User\\globalStorage\\saoudrizwan.claude-dev\\settings\\cline_mcp_settings.json',
    ]);
  });

  it('uses ~/.config on Linux, labels folders in multi-root workspaces, and can skip discovery', () => {
    const sources = configSources({ platform: 'linux', homedir: '/home/me', env: {}, workspaceFolders: ['/a/one', '/b/two'], discover: false });
    assert.deepEqual(files(sources), [
      'workspace vscode Workspace (one): /a/one/.vscode/mcp.json', 'workspace claude-code Workspace (one) .mcp.json: /a/one/.mcp.json',
      'workspace vscode Workspace (two): /b/two/.vscode/mcp.json', 'workspace claude-code Workspace (two) .mcp.json: /b/two/.mcp.json',
      'user copilot User ~/.copilot: /home/me/.copilot/mcp-config.json', 'setting setting Settings: -',
    ]);
    const claude = discoverySources({ platform: 'linux', homedir: '/home/me', env: {}, workspaceFolders: [] })[0];
    assert.equal(claude.file, '/home/me/.config/Claude/claude_desktop_config.json');
  });
});

describe('config precedence', () => {
  const workspace = parseConfigText('{ "servers": { "shared": { "command": "ws" }, "only-ws": { "command": "w" } } }', { kind: 'workspace', format: 'vscode', label: 'Workspace', file: '/p/.vscode/mcp.json', workspaceFolder: '/p' });
  const user = parseConfigText('{ "servers": {\n "shared": { "command": "user" }, "only-user": { "command": "u" } } }', { kind: 'user', format: 'vscode', label: 'User', file: '/home/me/mcp.json' });
  const setting = parseConfigValue({ shared: { command: 'setting' }, 'only-user': { command: 'setting' } }, settingSource);
  const claude = parseConfigText('{ "mcpServers": {\n\n "shared": { "command": "claude" }, "only-claude": { "url": "https://c.example/mcp" } } }', { kind: 'discovered', format: 'claude-desktop', label: 'Claude Desktop', file: '/c/claude_desktop_config.json' });

  it('keeps the winner per name: workspace > user > setting > discovered, whatever the input order', () => {
    const merged = mergeSources([claude, setting, user, workspace]);
    assert.deepEqual(merged.configs.map(c => [c.source.label, c.servers.map(s => s.name)]), [
      ['Workspace', ['shared', 'only-ws']], ['User', ['only-user']], ['Settings', []], ['Claude Desktop', ['only-claude']],
    ]);
  });

  it('says which lower sources a winner shadows, with their positions', () => {
    const { shadowed } = mergeSources([workspace, user, setting, claude]);
    assert.deepEqual(shadowed, [
      {
        name: 'shared',
        winner: { kind: 'workspace', file: '/p/.vscode/mcp.json', line: 0, column: 15, label: 'Workspace' },
        shadowed: [
          { kind: 'user', file: '/home/me/mcp.json', line: 1, column: 1, label: 'User' },
          { kind: 'setting', file: undefined, line: 1, column: 2, label: 'Settings' },
          { kind: 'discovered', file: '/c/claude_desktop_config.json', line: 2, column: 1, label: 'Claude Desktop' },
        ],
      },
      { name: 'only-user', winner: { kind: 'user', file: '/home/me/mcp.json', line: 1, column: 34, label: 'User' }, shadowed: [{ kind: 'setting', file: undefined, line: 4, column: 2, label: 'Settings' }] },
    ]);
  });

  it('keeps the first of two sources of the same kind (folder order)', () => {
    const a = parseConfigText('{ "servers": { "x": { "command": "a" } } }', { kind: 'workspace', format: 'vscode', label: 'A', file: '/a/.vscode/mcp.json' });
    const b = parseConfigText('{ "servers": { "x": { "command": "b" } } }', { kind: 'workspace', format: 'vscode', label: 'B', file: '/b/.vscode/mcp.json' });
    const merged = mergeSources([a, b]);
    assert.deepEqual(merged.configs.map(c => c.servers.length), [1, 0]);
    assert.equal(merged.shadowed[0].shadowed[0].label, 'B');
  });

  it('marks discovered servers read-only with the client as label', async () => {
    const { configs } = mergeSources([workspace, claude]);
    const entries = (await Promise.all(configs.map(c => resolveConfig(c, baseContext())))).flatMap(r => r.entries);
    const discovered = entries.find(e => e.name === 'only-claude')!;
    assert.deepEqual(discovered.origin, { kind: 'discovered', file: '/c/claude_desktop_config.json', line: 2, column: 36, label: 'Claude Desktop' });
    assert.equal(isReadOnlyOrigin(discovered.origin), true);
    assert.equal(isReadOnlyOrigin(entries[0].origin), false);
  });
});

describe('portable configs VS Code 1.140 reads', () => {
  it('reads ~/.copilot/mcp-config.json, where type "local" means stdio', () => {
    const parsed = parseConfigText('{ "mcpServers": { "gh": { "type": "local", "command": "gh-mcp", "args": ["stdio"] }, "web": { "type": "http", "url": "https://x.example/mcp" } } }',
      { kind: 'user', format: 'copilot', label: 'User ~/.copilot', file: '/home/me/.copilot/mcp-config.json' });
    assert.deepEqual(parsed.servers.map(s => [s.name, s.config?.type]), [['gh', 'stdio'], ['web', 'http']]);
    assert.deepEqual(parsed.diagnostics.filter(d => d.severity === 'error'), []);
  });
});
