import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { Sidebar } from '../views/sidebar';
import { ToolCaller } from './callTool';
import { PromptRunner } from './getPrompt';
import { Commands } from '../common/ids';
import { ResourceReader } from './readResource';
import { registerServerCommands, type ServerConfigActions } from './serverCommands';
import { ToolCallFiles } from './toolCallFiles';
import { registerViewCommands } from './viewCommands';
import { registerTaskCommands } from './taskCommands';
import { registerCommand } from '../common/commands';

/** Registers every palette/tree command of the sidebar. Returns the disposables for the extension's lifetime. */
export function registerCommands(context: vscode.ExtensionContext, engine: EngineApi, sidebar: Sidebar, config: ServerConfigActions): vscode.Disposable[] {
  const files = new ToolCallFiles(context.globalStorageUri);
  const caller = new ToolCaller(engine, sidebar.results, files);
  const reader = new ResourceReader(engine, sidebar.resources);
  const prompts = new PromptRunner(engine, sidebar.results);
  return [
    files,
    ...registerServerCommands({ engine, logs: sidebar.logs, tree: sidebar.tree, choices: context.workspaceState, config }),
    ...registerViewCommands({ engine, tree: sidebar.tree, treeView: sidebar.treeView, filter: sidebar.filter, extension: context.extension }),
    registerCommand(Commands.callTool, (arg?: unknown) => caller.command(arg)),
    registerCommand(Commands.callToolWithJson, (arg?: unknown) => caller.commandJson(arg)),
    registerCommand(Commands.runToolCallFile, (arg?: unknown) => caller.runFile(arg)),
    registerCommand(Commands.readResource, (arg?: unknown) => reader.command(arg)),
    registerCommand(Commands.getPrompt, (arg?: unknown) => prompts.command(arg)),
    ...registerTaskCommands(engine, sidebar.results),
  ];
}
