/**
 * The duplicates decision for the gateway. Pure and vscode-free.
 *
 * Servers defined in VS Code's own `mcp.json` files are, by default, run by VS Code itself (`mcpSwitchboard.vscodeServers`,
 * see core/config/coexistence.ts), so the gateway leaves them out: VS Code's agent reaches them through VS Code's own
 * entry. When Switchboard runs them (`vscodeServers: "switchboard"`, or the older
 * `mcpSwitchboard.gateway.exposeServersFromVSCodeConfig: true`), the gateway is how VS Code's agent reaches them.
 * Servers from other sources (the `mcpSwitchboard.servers` setting, Claude/Cursor/... configs, the demo) are always
 * exposed: VS Code does not know them.
 */
import type { ServerOrigin } from '../core/connection/types';
import { isFromVSCodeConfig } from '../core/config/coexistence';

export { isFromVSCodeConfig };

export interface ExposureInput { name: string; origin?: ServerOrigin; spec?: { origin?: ServerOrigin } }

/** Whether the gateway exposes this server. */
export function exposedThroughGateway(server: ExposureInput, exposeServersFromVSCodeConfig: boolean): boolean {
  return exposeServersFromVSCodeConfig || !isFromVSCodeConfig(server.origin ?? server.spec?.origin);
}
