/**
 * Chat integration: the `@mcp` participant, the static tools `mcpSwitchboard_listTools` / `mcpSwitchboard_callTool`,
 * and the loopback MCP gateway handed to VS Code's own agent. `registerChat` builds and registers them; everything it
 * creates is pushed onto `context.subscriptions`.
 */
import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { Logger } from '../core/logger';
import { CallBroker } from './callBroker';
import { GatewayController } from './gatewayProvider';
import { CallToolTool, ListToolsTool, ToolIds } from './lmTools';
import { McpParticipant } from './participant';
import { readChatSettings } from './settings';
import type { TokenMeter } from './tokenMeter';

export interface ChatIntegration {
  participant: McpParticipant;
  callTool: CallToolTool;
  listTools: ListToolsTool;
  gateway: GatewayController;
}

export { PARTICIPANT_ID } from './participant';
export { ToolIds } from './lmTools';
export { GATEWAY_PROVIDER_ID } from './gatewayProvider';

export function registerChat(context: vscode.ExtensionContext, engine: EngineApi, log: Logger, tokens?: TokenMeter): ChatIntegration {
  const settings = readChatSettings;
  const broker = new CallBroker();
  const version = String((context.extension?.packageJSON as { version?: string } | undefined)?.version ?? '0.0.0');
  const callTool = new CallToolTool(engine, settings, broker, log);
  const listTools = new ListToolsTool(engine);
  const gateway = new GatewayController(engine, settings, log, version, tokens);
  const participant = new McpParticipant(engine, settings, broker, log, gateway, tokens);
  context.subscriptions.push(
    vscode.lm.registerTool(ToolIds.callTool, callTool),
    vscode.lm.registerTool(ToolIds.listTools, listTools),
    participant.register(context.extensionUri),
    participant,
    gateway.register(),
  );
  return { participant, callTool, listTools, gateway };
}
