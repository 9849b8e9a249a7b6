import * as vscode from 'vscode';
import { Commands } from '../common/ids';
import type { BlockReason } from '../core/connection/types';
import { addServer, type AddServerArgs } from './addServer';
import type { ConfigurationService } from './configurationService';
import { importServers, type ImportServersArgs } from './importServers';
import { openServerDefinition } from './openConfiguration';
import { registerCommand } from '../common/commands';

/**
 * The configuration commands. Each takes optional arguments that skip its UI, so tests and other parts of the
 * extension (tree, welcome view) call them directly. A server argument is a name, or a tree node / object with
 * `server` or `name`.
 */
type ServerArg = string | { server?: string; name?: string } | undefined;

function serverName(arg: ServerArg): string | undefined {
  if (typeof arg === 'string') return arg;
  return arg?.server ?? arg?.name;
}

async function pickServer(service: ConfigurationService, arg: ServerArg, placeHolder: string, reason?: BlockReason): Promise<string | undefined> {
  const name = serverName(arg);
  if (name) return name;
  const entries = service.snapshot.entries.filter(e => !reason || e.blocked?.reason === reason);
  if (!entries.length) {
    void vscode.window.showInformationMessage(reason ? `No MCP server is waiting for this (${reason}).` : 'No MCP server is configured.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(entries.map(e => ({
    label: e.name,
    description: e.origin?.label,
    detail: e.blocked ? e.blocked.message : e.origin?.file,
  })), { placeHolder });
  return picked?.label;
}

export function registerConfigurationCommands(service: ConfigurationService, context: vscode.ExtensionContext): vscode.Disposable {
  const report = (e: unknown) => { void vscode.window.showErrorMessage((e as Error).message); return undefined; };
  return vscode.Disposable.from(
    registerCommand(Commands.addServer, (args?: AddServerArgs) =>
      addServer(service, context, args && typeof args === 'object' && !('kind' in args) ? args : {}).catch(report)),

    registerCommand(Commands.importServers, (args?: ImportServersArgs) =>
      importServers(service, context, args && typeof args === 'object' && !('kind' in args) ? args : {}).catch(report)),

    registerCommand(Commands.openConfiguration, async (arg?: ServerArg) => {
      const name = await pickServer(service, arg, 'Open the configuration of which server?');
      if (!name) return false;
      try {
        const opened = await openServerDefinition(service, name);
        if (!opened) void vscode.window.showInformationMessage(`"${name}" is not defined in a configuration file.`);
        return opened;
      } catch (e) {
        return report(e);
      }
    }),

    registerCommand(Commands.clearStoredInputs, async () => {
      const removed = await service.clearStoredInputs();
      void vscode.window.showInformationMessage(`Cleared ${removed} stored MCP input value(s). Servers that use them will ask again.`);
      return removed;
    }),

    registerCommand(Commands.approveServer, async (arg?: ServerArg, options?: { confirmed?: boolean }) => {
      const name = await pickServer(service, arg, 'Allow which server to run its command?', 'needs-consent');
      if (!name) return undefined;
      return service.approve(name, options).catch(report);
    }),

    registerCommand(Commands.enterInputs, async (arg?: ServerArg) => {
      const name = await pickServer(service, arg, 'Enter the inputs of which server?', 'needs-input');
      if (!name) return undefined;
      return service.enterInputs(name).catch(report);
    }),
  );
}
