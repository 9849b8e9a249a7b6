import * as nodePath from 'node:path';
import type { ConfigSource } from './types';

/** Candidate config files per source kind, computed from parameters only so every platform is testable anywhere. */

export interface PlatformInfo {
  platform: NodeJS.Platform;
  homedir: string;
  env: Record<string, string | undefined>;
  /** The OS application-data directory; derived from the platform when omitted. */
  appDataDir?: string;
}

export interface SourcesInput extends PlatformInfo {
  /** Absolute paths of the open workspace folders, in order. */
  workspaceFolders: string[];
  /** The user-profile mcp.json (VS Code's `<user data>/User/mcp.json`), when the caller knows it. */
  userMcpJson?: string;
  /** The running editor's extension globalStorage directory (parent of `context.globalStorageUri`). */
  globalStorageDir?: string;
  /** Include other clients' files (default true). */
  discover?: boolean;
}

const clineExtensionId = 'saoudrizwan.claude-dev';
const rooExtensionId = 'rooveterinaryinc.roo-cline';
const editorProductDirs = ['Code', 'Code - Insiders', 'VSCodium'];

const pathsFor = (platform: NodeJS.Platform) => (platform === 'win32' ? nodePath.win32 : nodePath.posix);

/** macOS `~/Library/Application Support`, Windows `%APPDATA%`, Linux `$XDG_CONFIG_HOME` or `~/.config`. */
export function appDataDirFor({ platform, homedir, env, appDataDir }: PlatformInfo): string {
  if (appDataDir) return appDataDir;
  const paths = pathsFor(platform);
  if (platform === 'darwin') return paths.join(homedir, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA ?? paths.join(homedir, 'AppData', 'Roaming');
  return env.XDG_CONFIG_HOME ?? paths.join(homedir, '.config');
}

/**
 * Each folder's `.vscode/mcp.json`, then its portable `.mcp.json` at the folder root (the `mcpServers` format that
 * VS Code 1.140, Claude Code and Copilot CLI read).
 */
export function workspaceSources(folders: string[], platform: NodeJS.Platform): ConfigSource[] {
  const paths = pathsFor(platform);
  return folders.flatMap(folder => {
    const label = folders.length > 1 ? `Workspace (${paths.basename(folder)})` : 'Workspace';
    return [
      { kind: 'workspace', format: 'vscode', file: paths.join(folder, '.vscode', 'mcp.json'), workspaceFolder: folder, label },
      { kind: 'workspace', format: 'claude-code', file: paths.join(folder, '.mcp.json'), workspaceFolder: folder, label: `${label} .mcp.json` },
    ] satisfies ConfigSource[];
  });
}

export function userSource(userMcpJson: string): ConfigSource {
  return { kind: 'user', format: 'vscode', file: userMcpJson, label: 'User' };
}

/** The user's portable `~/.copilot/mcp-config.json` (VS Code 1.140 and Copilot CLI read it). */
export function copilotUserSource(homedir: string, platform: NodeJS.Platform): ConfigSource {
  return { kind: 'user', format: 'copilot', file: pathsFor(platform).join(homedir, '.copilot', 'mcp-config.json'), label: 'User ~/.copilot' };
}

/** The `mcpSwitchboard.servers` setting, read as a value (see `parseConfigValue`). */
export const settingSource: ConfigSource = { kind: 'setting', format: 'setting', label: 'Settings' };

function folderDiscoverySources(folder: string, platform: NodeJS.Platform): ConfigSource[] {
  const paths = pathsFor(platform);
  const discovered = (format: ConfigSource['format'], label: string, ...segments: string[]): ConfigSource =>
    ({ kind: 'discovered', format, label, file: paths.join(folder, ...segments), workspaceFolder: folder });
  return [
    discovered('cursor', 'Cursor', '.cursor', 'mcp.json'),
    discovered('roo', 'Roo Code', '.roo', 'mcp.json'),
  ];
}

function globalStorageDirs(input: SourcesInput, appData: string): string[] {
  const paths = pathsFor(input.platform);
  const dirs = editorProductDirs.map(product => paths.join(appData, product, 'User', 'globalStorage'));
  return [...new Set([...(input.globalStorageDir ? [input.globalStorageDir] : []), ...dirs])];
}

/** Other clients' user-level files, then their project files; project files come first as those clients do. */
export function discoverySources(input: SourcesInput): ConfigSource[] {
  const { platform, homedir } = input;
  const paths = pathsFor(platform);
  const appData = appDataDirFor(input);
  const discovered = (format: ConfigSource['format'], label: string, file: string): ConfigSource => ({ kind: 'discovered', format, label, file });
  const storage = globalStorageDirs(input, appData);
  return [
    ...input.workspaceFolders.flatMap(folder => folderDiscoverySources(folder, platform)),
    discovered('claude-desktop', 'Claude Desktop', paths.join(appData, 'Claude', 'claude_desktop_config.json')),
    discovered('cursor', 'Cursor', paths.join(homedir, '.cursor', 'mcp.json')),
    discovered('windsurf', 'Windsurf', paths.join(homedir, '.codeium', 'windsurf', 'mcp_config.json')),
    ...storage.map(dir => discovered('cline', 'Cline', paths.join(dir, clineExtensionId, 'settings', 'cline_mcp_settings.json'))),
    ...storage.map(dir => discovered('roo', 'Roo Code', paths.join(dir, rooExtensionId, 'settings', 'mcp_settings.json'))),
  ];
}

/** Every candidate source in precedence order: workspace, user, setting, discovered. Files may not exist. */
export function configSources(input: SourcesInput): ConfigSource[] {
  return [
    ...workspaceSources(input.workspaceFolders, input.platform),
    ...(input.userMcpJson ? [userSource(input.userMcpJson)] : []),
    copilotUserSource(input.homedir, input.platform),
    settingSource,
    ...(input.discover === false ? [] : discoverySources(input)),
  ];
}
