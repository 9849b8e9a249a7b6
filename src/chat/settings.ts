import * as vscode from 'vscode';
import { isApprovalMode, type ApprovalMode } from './approvalPolicy';

/** Configuration keys owned by the chat integration (contributed in package.json). */
export const ChatSettings = {
  section: 'mcpSwitchboard',
  maxToolRounds: 'chat.maxToolRounds',
  maxToolsPerRequest: 'chat.maxToolsPerRequest',
  defaultApproval: 'chat.defaultApproval',
  tokenBudget: 'chat.tokenBudget',
  gatewayEnabled: 'gateway.enabled',
  exposeServersFromVSCodeConfig: 'gateway.exposeServersFromVSCodeConfig',
  vscodeServers: 'vscodeServers',
} as const;

export const ChatDefaults = {
  maxToolRounds: 10,
  maxToolsPerRequest: 128,
  defaultApproval: 'readOnly' as ApprovalMode,
  tokenBudget: 20_000,
  gatewayEnabled: true,
  exposeServersFromVSCodeConfig: false,
};

function cfg(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(ChatSettings.section);
}

function positiveInt(v: unknown, dflt: number, max: number): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), max) : dflt;
}

function nonNegativeInt(v: unknown, dflt: number): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : dflt;
}

/** An explicit `gateway.exposeServersFromVSCodeConfig` wins; unset, it follows who runs them (Switchboard: the gateway is VS Code's way to them). */
function exposesVSCodeServers(c: vscode.WorkspaceConfiguration): boolean {
  const set = typeof c.inspect === 'function' ? c.inspect<boolean>(ChatSettings.exposeServersFromVSCodeConfig) : undefined;
  const explicit = set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue;
  return explicit ?? (c.get<unknown>(ChatSettings.vscodeServers) === 'switchboard' || ChatDefaults.exposeServersFromVSCodeConfig);
}

export const readChatSettings = () => {
  const c = cfg();
  const approval = c.get<unknown>(ChatSettings.defaultApproval);
  return {
    maxToolRounds: positiveInt(c.get(ChatSettings.maxToolRounds), ChatDefaults.maxToolRounds, 100),
    maxToolsPerRequest: positiveInt(c.get(ChatSettings.maxToolsPerRequest), ChatDefaults.maxToolsPerRequest, 10_000),
    defaultApproval: isApprovalMode(approval) ? approval : ChatDefaults.defaultApproval,
    tokenBudget: nonNegativeInt(c.get(ChatSettings.tokenBudget), ChatDefaults.tokenBudget),
    gatewayEnabled: c.get<boolean>(ChatSettings.gatewayEnabled) ?? ChatDefaults.gatewayEnabled,
    exposeServersFromVSCodeConfig: exposesVSCodeServers(c),
  };
};

export type ChatSettingsValues = ReturnType<typeof readChatSettings>;

export function affects(e: vscode.ConfigurationChangeEvent, key: string): boolean {
  return e.affectsConfiguration(`${ChatSettings.section}.${key}`);
}
