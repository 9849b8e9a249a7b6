/**
 * Who runs the servers that VS Code's own MCP client also reads. Pure and vscode-free.
 *
 * VS Code reads its `mcp.json` files (the workspace's `.vscode/mcp.json`, the user profile's, a `.code-workspace`
 * file, and in 1.140 the workspace-root `.mcp.json` and `~/.copilot/mcp-config.json`) and starts its own copy of each
 * server when chat needs it. If Switchboard ran them too, every stateful server would run twice. So exactly one
 * client owns them:
 * - `vscode` (default): VS Code runs them; Switchboard lists them as "run by VS Code" and starts none of them.
 * - `switchboard`: Switchboard runs them (inspector, metrics, resilience) and hands them to VS Code's agent through
 *   its gateway; VS Code's own copies are kept from starting by themselves (`chat.mcp.autostart: "never"`).
 * Servers from other sources (the `mcpSwitchboard.servers` setting, other clients' configs, the demo) are always
 * Switchboard's: VS Code does not know them.
 */
import type { ServerEntry, ServerOrigin } from '../connection/types';

export const vscodeServersOwners = ['vscode', 'switchboard'] as const;
export type VSCodeServersOwner = typeof vscodeServersOwners[number];
export const defaultVSCodeServersOwner: VSCodeServersOwner = 'vscode';

export function isVSCodeServersOwner(value: unknown): value is VSCodeServersOwner {
  return typeof value === 'string' && (vscodeServersOwners as readonly string[]).includes(value);
}

export function isFromVSCodeConfig(origin: ServerOrigin | undefined): boolean {
  if (!origin) return false;
  if (origin.kind === 'workspace' || origin.kind === 'user') return true;
  const file = origin.file?.replace(/\\/g, '/');
  if (!file) return false;
  return /\/\.vscode\/mcp\.json$/i.test(file) || /\/User\/(profiles\/[^/]+\/)?mcp\.json$/.test(file) || /\.code-workspace$/i.test(file);
}

/** The client that runs this server. */
export function ownerOf(origin: ServerOrigin | undefined, owner: VSCodeServersOwner): 'vscode' | 'switchboard' {
  return owner === 'vscode' && isFromVSCodeConfig(origin) ? 'vscode' : 'switchboard';
}

export const runByVSCodeMessage = 'Run by VS Code’s own MCP client (its MCP server list and chat); Switchboard does not start it, '
  + 'so the inspector does not see its traffic. Use “Run VS Code’s MCP Servers in Switchboard” to run it here instead.';

/**
 * Marks an entry that VS Code runs as not started here. A configuration error stays visible as such: it is a problem
 * in the file whichever client reads it.
 */
export function handOverToVSCode(entry: ServerEntry, owner: VSCodeServersOwner): ServerEntry {
  if (entry.blocked?.reason === 'config-error') return entry;
  if (ownerOf(entry.origin ?? entry.spec?.origin, owner) !== 'vscode') return entry;
  return { ...entry, blocked: { reason: 'run-by-vscode', message: runByVSCodeMessage } };
}
