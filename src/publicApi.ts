import * as vscode from 'vscode';
import type { EngineApi } from './core/engineApi';

/** One managed server as other extensions see it: no definition, no secrets, no way to call it. */
export interface PublicServerInfo {
  name: string;
  /** `running`, `stopped`, `error`, `blocked`… (ConnectionState kinds). */
  state: string;
  /** The transport in use once connected. */
  transport?: 'stdio' | 'http' | 'sse';
  /** Names of the tools the server offers and its allowedTools/excludedTools let through. */
  tools: string[];
}

/**
 * What MCP Switchboard exports to other extensions (`vscode.extensions.getExtension(...).exports`): read-only
 * status. It never hands out stored inputs, consent, the gateway token or a way to call tools: other extensions
 * call tools through `vscode.lm.invokeTool('mcpSwitchboard_callTool', …)`, which applies the approval policy.
 */
export interface SwitchboardPublicApi {
  readonly apiVersion: 1;
  servers(): PublicServerInfo[];
  /** Fires when a server is added or removed, or its state or tools change. */
  readonly onDidChangeServers: vscode.Event<void>;
}

export function createPublicApi(engine: EngineApi): { api: SwitchboardPublicApi; dispose(): void } {
  const changed = new vscode.EventEmitter<void>();
  const subs = [
    engine.onDidChangeServers(() => changed.fire()),
    engine.onDidChangeServer(() => changed.fire()),
    engine.onDidChangeCatalog(() => changed.fire()),
  ];
  const api: SwitchboardPublicApi = Object.freeze({
    apiVersion: 1 as const,
    servers: () => {
      const enabledTools = engine.tools().filter(t => t.enabled);
      return engine.list().map(s => ({
        name: s.name,
        state: s.state.kind,
        ...(s.info ? { transport: s.info.transport } : {}),
        tools: enabledTools.filter(t => t.server === s.name).map(t => t.tool.name),
      }));
    },
    onDidChangeServers: changed.event,
  });
  return { api, dispose: () => { for (const s of subs) s.dispose(); changed.dispose(); } };
}

/**
 * Integration tests need the extension's internals (engine, tree, config, chat). They get them from a command that
 * exists only when the test runner sets MCPSB_TEST_INTERNALS=1, never from the public exports.
 */
export const TEST_INTERNALS_COMMAND = 'mcpSwitchboard.test.internals';

export function registerTestInternals(internals: object): vscode.Disposable | undefined {
  if (process.env.MCPSB_TEST_INTERNALS !== '1') return undefined;
  return vscode.commands.registerCommand(TEST_INTERNALS_COMMAND, () => internals);
}
