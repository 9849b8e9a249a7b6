import * as path from 'node:path';
import * as vscode from 'vscode';
import { addServerEdit } from '../core/config/edit';
import { readVSCodeServersOwner } from '../workspace/vscodeServersOwner';
import { editConfigFile } from '../workspace/configFileWriter';
import { Commands } from '../common/ids';

export const DEMO_SERVER_NAME = 'switchboard-demo';

/**
 * The bundled demo server as an mcp.json entry. It runs with the extension host's own binary (Node under
 * code-server, Electron under desktop VS Code, hence ELECTRON_RUN_AS_NODE), so nothing needs installing.
 */
export function demoServerConfig(extensionPath: string): { type: 'stdio'; command: string; args: string[]; env: Record<string, string> } {
  return { type: 'stdio', command: process.execPath, args: [path.join(extensionPath, 'dist', 'demo-server.js')], env: { ELECTRON_RUN_AS_NODE: '1' } };
}

/** The text of mcp.json with the demo server added (formatting and comments kept); undefined when it is already there. */
export function withDemoServer(text: string, extensionPath: string): string | undefined {
  if (text.includes('demo-server.js')) return undefined;
  return addServerEdit(text, DEMO_SERVER_NAME, demoServerConfig(extensionPath));
}

/**
 * "Try the Demo Server": adds the demo server to the first workspace folder's `.vscode/mcp.json` (created when missing),
 * which the configuration layer watches and loads. Returns the file, or undefined when there is no folder.
 */
export async function addDemoServerToWorkspace(extensionPath: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder first: the demo server is added to its .vscode/mcp.json.', 'Open Folder…')
      .then(a => a && vscode.commands.executeCommand('workbench.action.files.openFolder'));
    return undefined;
  }
  const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
  let present = false;
  await editConfigFile(file.fsPath, text => {
    const next = withDemoServer(text, extensionPath);
    present = next === undefined;
    return next ?? text;
  });
  if (present) {
    void vscode.window.showInformationMessage(`The demo server is already in ${vscode.workspace.asRelativePath(file)}.`);
    return file;
  }
  if (readVSCodeServersOwner() === 'vscode') {
    void vscode.window.showInformationMessage('The demo server is in .vscode/mcp.json, whose servers VS Code’s own MCP client runs (mcpSwitchboard.vscodeServers). '
      + 'Run them in Switchboard to watch their traffic in the inspector?', 'Run in Switchboard')
      .then(a => a && vscode.commands.executeCommand(Commands.runVSCodeServersInSwitchboard));
  }
  return file;
}
