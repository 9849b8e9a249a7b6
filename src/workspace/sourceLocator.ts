import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { configSources, discoverySources, workspaceSources, type SourcesInput } from '../core/config/sources';
import type { ConfigSource } from '../core/config/types';
import { ConfigSettings, discoveryClientOf } from './settingsKeys';
import { userDataPaths, type UserDataPaths } from './userDataPaths';

/** Which config files this window reads: computed from the workspace folders, the user profile and the settings. */
export interface LocatedSources {
  /** File sources in precedence order: workspace folders, the user mcp.json, then the enabled discovery files. */
  files: ConfigSource[];
  /** The user's settings.json candidates (for positions of `mcpSwitchboard.servers`). */
  settingsFiles: string[];
  user?: UserDataPaths;
}

function folderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
}

/** The user data paths, when the extension's global storage is on this machine's file system. */
export function locateUserData(context: vscode.ExtensionContext): UserDataPaths | undefined {
  const storage = context.globalStorageUri;
  return storage.scheme === 'file' ? userDataPaths(storage.fsPath, existsSync) : undefined;
}

function sourcesInput(context: vscode.ExtensionContext, user: UserDataPaths | undefined, discover: boolean): SourcesInput {
  const storage = context.globalStorageUri;
  return {
    platform: process.platform,
    homedir: os.homedir(),
    env: process.env,
    workspaceFolders: folderPaths(),
    userMcpJson: user?.mcpJson,
    globalStorageDir: storage.scheme === 'file' ? nodePath.dirname(storage.fsPath) : undefined,
    discover,
  };
}

function discoveryEnabled(source: ConfigSource): boolean {
  const client = discoveryClientOf(source.format);
  if (!client) return false;
  return vscode.workspace.getConfiguration(ConfigSettings.section).get<boolean>(`${ConfigSettings.discoveryPrefix}.${client}`, false);
}

export function locateSources(context: vscode.ExtensionContext): LocatedSources {
  const user = locateUserData(context);
  const files = configSources(sourcesInput(context, user, true))
    .filter(source => source.file !== undefined)
    .filter(source => source.kind !== 'discovered' || discoveryEnabled(source));
  return { files, settingsFiles: user?.settingsJson ?? [], user };
}

/** Every other client's file this machine and workspace may have, whatever the discovery settings (for Import). */
export function allDiscoverySources(context: vscode.ExtensionContext): ConfigSource[] {
  return discoverySources(sourcesInput(context, locateUserData(context), true));
}

/** Where "Add Server" and "Import" can write: each folder's `.vscode/mcp.json` and the user mcp.json. */
export function writableTargets(context: vscode.ExtensionContext): ConfigSource[] {
  const user = locateUserData(context);
  const targets = workspaceSources(folderPaths(), process.platform).filter(s => s.format === 'vscode');
  if (user) targets.push({ kind: 'user', format: 'vscode', file: user.mcpJson, label: 'User' });
  return targets;
}
