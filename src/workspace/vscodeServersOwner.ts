/**
 * The one-click choice of who runs the servers in VS Code's own mcp.json files (see core/config/coexistence.ts):
 * the `mcpSwitchboard.vscodeServers` setting, its commands, and VS Code's `chat.mcp.autostart`, which keeps VS Code's
 * copies from starting by themselves while Switchboard runs them.
 */
import * as vscode from 'vscode';
import { Commands } from '../common/ids';
import { defaultVSCodeServersOwner, isFromVSCodeConfig, isVSCodeServersOwner, type VSCodeServersOwner } from '../core/config/coexistence';
import type { EngineApi } from '../core/engineApi';

export const VSCodeServersSetting = { section: 'mcpSwitchboard', key: 'vscodeServers' } as const;
/** Context key for menus: the current owner. */
export const ownerContextKey = 'mcpSwitchboard.vscodeServersOwner';
const savedAutostartKey = 'mcpSwitchboard.savedChatMcpAutostart';
const autostart = { section: 'chat.mcp', key: 'autostart' } as const;

export function readVSCodeServersOwner(): VSCodeServersOwner {
  const value = vscode.workspace.getConfiguration(VSCodeServersSetting.section).get<unknown>(VSCodeServersSetting.key);
  return isVSCodeServersOwner(value) ? value : defaultVSCodeServersOwner;
}

/** The most specific scope that sets the value already (so the click wins over it), else the user's settings. */
function targetOf<T>(inspected: { workspaceFolderValue?: T; workspaceValue?: T } | undefined): vscode.ConfigurationTarget {
  if (inspected?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (inspected?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

/** VS Code's own copies must not start by themselves while Switchboard runs the servers; the user's value comes back after. */
async function applyAutostart(owner: VSCodeServersOwner, memory: vscode.Memento): Promise<void> {
  const chat = vscode.workspace.getConfiguration(autostart.section);
  const current = chat.inspect<string>(autostart.key)?.globalValue;
  if (owner === 'switchboard') {
    if (current === 'never') return;
    await memory.update(savedAutostartKey, current ?? null);
    await chat.update(autostart.key, 'never', vscode.ConfigurationTarget.Global);
    return;
  }
  const saved = memory.get<string | null>(savedAutostartKey);
  if (saved === undefined) return;
  await chat.update(autostart.key, saved ?? undefined, vscode.ConfigurationTarget.Global);
  await memory.update(savedAutostartKey, undefined);
}

/**
 * VS Code's ids for a server of its mcp.json files (`mcp.config.ws<folder>.<name>`, `mcp.config.usrlocal.<name>`, …,
 * as VS Code 1.139 builds them). `workbench.mcp.stopServer` ignores an id it does not know, so trying each is safe.
 */
export function vscodeServerIds(name: string, folderCount: number): string[] {
  const folders = Array.from({ length: folderCount }, (_, i) => i);
  return [
    ...folders.map(i => `mcp.config.ws${i}.${name}`), ...folders.map(i => `workspace-dot-mcp.${i}.${name}`),
    `mcp.config.workspace.${name}`, `mcp.config.usrlocal.${name}`, `mcp.config.usrremote.${name}`,
  ];
}

/** Stops the copies VS Code already runs of the servers Switchboard now runs. */
async function stopVSCodeCopies(engine: EngineApi): Promise<void> {
  const names = engine.list().filter(s => isFromVSCodeConfig(s.origin ?? s.spec?.origin)).map(s => s.name);
  const ids = names.flatMap(name => vscodeServerIds(name, vscode.workspace.workspaceFolders?.length ?? 0));
  await Promise.allSettled(ids.map(id => vscode.commands.executeCommand('workbench.mcp.stopServer', id)));
}

export async function setVSCodeServersOwner(owner: VSCodeServersOwner, memory: vscode.Memento, engine?: EngineApi): Promise<void> {
  const config = vscode.workspace.getConfiguration(VSCodeServersSetting.section);
  const target = targetOf(config.inspect<string>(VSCodeServersSetting.key));
  await config.update(VSCodeServersSetting.key, owner === defaultVSCodeServersOwner && target === vscode.ConfigurationTarget.Global ? undefined : owner, target);
  try {
    await applyAutostart(owner, memory);
    if (owner === 'switchboard' && engine) await stopVSCodeCopies(engine);
  } catch (e) {
    void vscode.window.showWarningMessage(`Could not change VS Code's "chat.mcp.autostart": ${(e as Error)?.message ?? e}. `
      + (owner === 'switchboard' ? 'Stop the duplicate servers in VS Code’s MCP server list (“MCP: List Servers”).' : ''));
  }
}

/** The two commands and the menu context key, kept in step with the setting. */
export function registerVSCodeServersOwner(memory: vscode.Memento, engine: EngineApi): vscode.Disposable {
  const syncContext = () => void vscode.commands.executeCommand('setContext', ownerContextKey, readVSCodeServersOwner());
  syncContext();
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.runVSCodeServersInSwitchboard, () => setVSCodeServersOwner('switchboard', memory, engine)),
    vscode.commands.registerCommand(Commands.leaveVSCodeServersToVSCode, () => setVSCodeServersOwner('vscode', memory)),
    vscode.workspace.onDidChangeConfiguration(e => {
      if (e.affectsConfiguration(`${VSCodeServersSetting.section}.${VSCodeServersSetting.key}`)) syncContext();
    }),
  );
}
