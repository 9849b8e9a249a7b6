import * as vscode from 'vscode';
import { Commands, type CommandId } from './ids';

/** A server named directly, or a tree node / object carrying `server` or `name`. */
export type ServerArg = string | { server?: string; name?: string } | undefined;
/** Tree and palette commands take the clicked node (or nothing, and then ask). */
type NodeArg = [arg?: unknown];

/**
 * Every command's arguments and result in one table (as vscode-js-debug's ICommandTypes), so `registerCommand` and
 * `runCommand` are typed from it. A command missing here does not compile.
 */
export interface CommandTypes {
  [Commands.refresh]: { args: []; result: void };
  [Commands.startServer]: { args: NodeArg; result: unknown };
  [Commands.stopServer]: { args: NodeArg; result: unknown };
  [Commands.restartServer]: { args: NodeArg; result: unknown };
  [Commands.restartAll]: { args: []; result: void };
  [Commands.enableServer]: { args: NodeArg; result: unknown };
  [Commands.disableServer]: { args: NodeArg; result: unknown };
  [Commands.showLog]: { args: NodeArg; result: unknown };
  [Commands.callTool]: { args: NodeArg; result: unknown };
  [Commands.callToolWithJson]: { args: NodeArg; result: unknown };
  [Commands.runToolCallFile]: { args: NodeArg; result: unknown };
  [Commands.readResource]: { args: NodeArg; result: unknown };
  [Commands.getPrompt]: { args: NodeArg; result: unknown };
  [Commands.copyToolName]: { args: NodeArg; result: string | undefined };
  [Commands.copyServerConfig]: { args: NodeArg; result: unknown };
  [Commands.inspectItem]: { args: NodeArg; result: unknown };
  [Commands.openServerConfiguration]: { args: NodeArg; result: unknown };
  [Commands.tryDemoServer]: { args: []; result: unknown };
  [Commands.showStatus]: { args: []; result: unknown };
  [Commands.filterTree]: { args: []; result: unknown };
  [Commands.clearTreeFilter]: { args: []; result: unknown };
  [Commands.showFilteredTools]: { args: []; result: unknown };
  [Commands.hideFilteredTools]: { args: []; result: unknown };
  [Commands.showTools]: { args: NodeArg; result: unknown };
  [Commands.openChat]: { args: []; result: unknown };
  [Commands.showToolCosts]: { args: []; result: unknown };
  [Commands.cancelTask]: { args: NodeArg; result: boolean };
  [Commands.openTaskResult]: { args: NodeArg; result: unknown };
  [Commands.openInspector]: { args: [filter?: { server?: string; tool?: string }]; result: void };
  [Commands.addServer]: { args: [args?: object]; result: unknown };
  [Commands.importServers]: { args: [args?: object]; result: unknown };
  [Commands.openConfiguration]: { args: [server?: ServerArg]; result: boolean | undefined };
  [Commands.clearStoredInputs]: { args: []; result: number };
  [Commands.approveServer]: { args: [server?: ServerArg, options?: { confirmed?: boolean }]; result: unknown };
  [Commands.enterInputs]: { args: [server?: ServerArg]; result: unknown };
  [Commands.runVSCodeServersInSwitchboard]: { args: []; result: void };
  [Commands.leaveVSCodeServersToVSCode]: { args: []; result: void };
  [Commands.revokeSamplingConsent]: { args: [server?: unknown]; result: string[] };
  [Commands.signIn]: { args: NodeArg; result: boolean };
  [Commands.signOut]: { args: NodeArg; result: number };
  [Commands.signOutAll]: { args: []; result: number };
}

// Every id in ids.ts has a row above (and nothing else does).
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _complete: Exact<keyof CommandTypes, CommandId> = true;
void _complete;

export type CommandArgs<K extends CommandId> = CommandTypes[K]['args'];
export type CommandResult<K extends CommandId> = CommandTypes[K]['result'];

export function registerCommand<K extends CommandId>(id: K, handler: (...args: CommandArgs<K>) => CommandResult<K> | Promise<CommandResult<K>>): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
}

export function runCommand<K extends CommandId>(id: K, ...args: CommandArgs<K>): Thenable<CommandResult<K>> {
  return vscode.commands.executeCommand<CommandResult<K>>(id, ...args);
}
