import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../core/engineApi';
import { canStart, isBusy, isConnected, isSwitchedOff } from '../core/connection/state';
import type { ServerLogChannels } from '../views/serverLogChannels';
import type { ServersTreeProvider } from '../views/serversTreeProvider';
import { isTreeNode, serverOf } from '../views/treeNodes';
import { errorMessage } from '../shared/format';
import { assertNever } from '../shared/assertNever';
import { serverConfigJson } from './configEntry';
import { Commands } from '../common/ids';
import { pickServer, pickTool } from './pickers';
import { registerCommand, runCommand } from '../common/commands';

export interface ServerCommandDeps {
  engine: EngineApi;
  logs: ServerLogChannels;
  tree: ServersTreeProvider;
  /** Where Enable/Disable choices persist (workspace state). */
  choices: vscode.Memento;
  /** The configuration layer's actions, handed over by the composition root. */
  config: ServerConfigActions;
}

/** What resolves a blocked server, implemented by src/workspace. */
export interface ServerConfigActions {
  approve(name: string): Promise<unknown>;
  enterInputs(name: string): Promise<unknown>;
  /** Opens the file and position the server is defined at; false when it has no file. */
  openDefinition(name: string): Promise<boolean>;
}

/** Commands that act on one server picked from the tree or a QuickPick. */
type ServerNodeCommand = typeof Commands.startServer | typeof Commands.stopServer | typeof Commands.restartServer | typeof Commands.enableServer
  | typeof Commands.disableServer | typeof Commands.showLog | typeof Commands.openServerConfiguration | typeof Commands.copyServerConfig;

export const enabledChoicesKey = 'mcpSwitchboard.enabledChoices';

const canStartServer = (s: ServerSnapshot) => canStart(s.state);
const canStop = (s: ServerSnapshot) => isBusy(s.state);

async function openDefinition(config: ServerConfigActions, name: string): Promise<boolean> {
  const opened = await config.openDefinition(name);
  if (!opened) void vscode.window.showInformationMessage(`"${name}" is not defined in a configuration file.`);
  return opened;
}

/** Copies to the clipboard; in a browser the clipboard can refuse, which is reported but does not fail the command. */
async function copy(text: string, what: string): Promise<void> {
  try {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`$(check) Copied ${what}`, 4000);
  } catch (e) {
    void vscode.window.showWarningMessage(`Could not copy ${what} to the clipboard: ${errorMessage(e)}`);
  }
}

/** Starting a blocked server means resolving what blocks it: trust, approval or inputs. */
async function startBlocked(snap: ServerSnapshot, config: ServerConfigActions): Promise<void> {
  const s = snap.state;
  if (s.kind !== 'blocked') return;
  switch (s.blockedBy) {
    case 'untrusted': await vscode.commands.executeCommand('workbench.trust.manage'); return;
    case 'needs-consent': await config.approve(snap.name); return;
    case 'needs-input': await config.enterInputs(snap.name); return;
    case 'config-error': await openDefinition(config, snap.name); return;
    case 'run-by-vscode': await vscode.commands.executeCommand(Commands.runVSCodeServersInSwitchboard); return;
    default: return assertNever(s.blockedBy);
  }
}

export function registerServerCommands(deps: ServerCommandDeps): vscode.Disposable[] {
  const { engine, logs, tree, choices, config } = deps;
  const setEnabled = async (name: string, enabled: boolean) => {
    await engine.setEnabled(name, enabled);
    await choices.update(enabledChoicesKey, engine.enabledChoices());
  };
  const onServer = (id: ServerNodeCommand, action: (name: string) => Promise<unknown> | unknown, filter?: (s: ServerSnapshot) => boolean) =>
    registerCommand(id, async (arg?: unknown) => {
      const name = await pickServer(engine, arg, { filter });
      if (!name) return;
      try { return await action(name); } catch (e) {
        void vscode.window.showErrorMessage(`${name}: ${errorMessage(e)}`, 'Show Log').then(a => a && logs.show(name));
      }
    });

  return [
    onServer(Commands.startServer, async name => {
      const snap = engine.get(name);
      if (snap?.state.kind === 'blocked') return startBlocked(snap, config);
      await engine.start(name);
    }, canStartServer),
    onServer(Commands.stopServer, name => engine.stop(name), canStop),
    onServer(Commands.restartServer, async name => {
      const snap = engine.get(name);
      if (snap?.state.kind === 'blocked') return startBlocked(snap, config);
      await engine.restart(name);
    }),
    onServer(Commands.enableServer, name => setEnabled(name, true), s => s.state.kind === 'disabled'),
    onServer(Commands.disableServer, name => setEnabled(name, false), s => s.state.kind !== 'disabled' && !!s.spec),
    onServer(Commands.showLog, name => logs.show(name)),
    onServer(Commands.openServerConfiguration, name => openDefinition(config, name)),
    onServer(Commands.copyServerConfig, async name => {
      const snap = engine.get(name);
      if (!snap) return;
      const file = snap.origin?.file ?? snap.spec?.origin?.file;
      let text: string | undefined;
      if (file) { try { text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file))); } catch { /* fall back to the spec */ } }
      const json = serverConfigJson(snap, text);
      if (!json) { void vscode.window.showInformationMessage(`${name} has no configuration to copy.`); return; }
      await copy(json, `the configuration of ${name}`);
      return json;
    }),
    registerCommand(Commands.copyToolName, async (arg?: unknown) => {
      const tool = await pickTool(engine, arg);
      if (!tool) return;
      await copy(tool.qualifiedName, tool.qualifiedName);
      return tool.qualifiedName;
    }),
    registerCommand(Commands.inspectItem, (arg?: unknown) => {
      const filter = isTreeNode(arg) && arg.kind === 'tool' ? { server: arg.server, tool: arg.tool.tool.name } : { server: serverOf(arg) };
      return runCommand(Commands.openInspector, filter);
    }),
    registerCommand(Commands.refresh, async () => {
      await Promise.allSettled(engine.list().filter(s => isConnected(s.state)).map(s => engine.refreshCatalog(s.name)));
      tree.scheduleFullRefresh();
    }),
    registerCommand(Commands.restartAll, async () => {
      const targets = engine.list().filter(s => s.spec && !isSwitchedOff(s.state));
      const results = await Promise.allSettled(targets.map(s => engine.restart(s.name)));
      const failed = targets.filter((_, i) => results[i].status === 'rejected').map(s => s.name);
      if (failed.length) void vscode.window.showWarningMessage(`Restarted ${targets.length - failed.length} of ${targets.length} servers; failed: ${failed.join(', ')}.`);
    }),
  ];
}
