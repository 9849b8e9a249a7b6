import type { ConfigFormat } from '../core/config/types';

/** The settings the configuration layer reads (`contributes.configuration` in package.json). */
export const ConfigSettings = {
  section: 'mcpSwitchboard',
  /** `mcpSwitchboard.servers`: servers in the mcp.json `servers` shape. */
  servers: 'servers',
  /** `mcpSwitchboard.confirmWorkspaceServers`: ask before the first run of a workspace-defined stdio command line. */
  confirmWorkspaceServers: 'confirmWorkspaceServers',
  /** `mcpSwitchboard.discovery.<client>`. */
  discoveryPrefix: 'discovery',
  /** `mcpSwitchboard.vscodeServers`: who runs the servers of VS Code's own mcp.json files (`vscode` | `switchboard`). */
  vscodeServers: 'vscodeServers',
  /** `mcpSwitchboard.protocolVersion`: the MCP revision of servers that set none (`auto` | `2025-11-25` | `2026-07-28`). */
  protocolVersion: 'protocolVersion',
} as const;

export const discoveryClients = ['claudeDesktop', 'claudeCode', 'cursor', 'windsurf', 'cline', 'roo'] as const;
export type DiscoveryClient = typeof discoveryClients[number];

const clientOfFormat: Partial<Record<ConfigFormat, DiscoveryClient>> = {
  'claude-desktop': 'claudeDesktop',
  'claude-code': 'claudeCode',
  cursor: 'cursor',
  windsurf: 'windsurf',
  cline: 'cline',
  roo: 'roo',
};

/** The discovery setting that turns a discovered format on, e.g. `cline` → `discovery.cline`. */
export function discoveryClientOf(format: ConfigFormat): DiscoveryClient | undefined {
  return clientOfFormat[format];
}

/** Full setting id, e.g. `mcpSwitchboard.discovery.cursor`. */
export const discoverySettingId = (client: DiscoveryClient) => `${ConfigSettings.section}.${ConfigSettings.discoveryPrefix}.${client}`;
