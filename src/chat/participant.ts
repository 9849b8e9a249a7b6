/**
 * The `@mcp` chat participant: dispatches slash commands (participant/slashCommands.ts) and free prompts to the
 * tool-calling loop (participant/toolLoop.ts), records what the user saw (participant/turnRecord.ts) and suggests
 * follow-ups (participant/followups.ts).
 *
 * VS Code resolves the request's model before it calls any participant, so with no model at all ("Language model
 * unavailable") nothing here runs, slash commands included; the tree and the commands cover that case.
 */
import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { Logger } from '../core/logger';
import type { CallBroker } from './callBroker';
import type { ChatSettingsValues } from './settings';
import type { TokenMeter } from './tokenMeter';
import { PARTICIPANT_ID, followupsFor } from './participant/followups';
import { isCancellation } from './participant/mcpCall';
import * as slash from './participant/slashCommands';
import { toolLoop, type LoopDeps } from './participant/toolLoop';
import { newTurnRecord, recordingStream, type ChatTurnRecord, type McpChatMetadata } from './participant/turnRecord';

export { PARTICIPANT_ID } from './participant/followups';
export type { ChatTurnRecord, McpChatMetadata } from './participant/turnRecord';
export type { GatewayStatusSource } from './participant/slashCommands';

export class McpParticipant implements vscode.Disposable {
  private readonly finished = new vscode.EventEmitter<ChatTurnRecord>();
  /** Fires after each request, with what the user saw. */
  readonly onDidFinishRequest = this.finished.event;
  private participant?: vscode.ChatParticipant;
  private readonly deps: LoopDeps;

  constructor(engine: EngineApi, settings: () => ChatSettingsValues, broker: CallBroker, log: Logger, gateway?: slash.GatewayStatusSource, tokens?: TokenMeter) {
    this.deps = { engine, settings, broker, log, gateway, tokens };
  }

  register(extensionUri: vscode.Uri): vscode.ChatParticipant {
    const p = vscode.chat.createChatParticipant(PARTICIPANT_ID, this.handle);
    p.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'switchboard.svg');
    p.followupProvider = { provideFollowups: result => followupsFor(result) };
    this.participant = p;
    return p;
  }

  dispose(): void {
    this.participant?.dispose();
    this.finished.dispose();
  }

  followups(result: vscode.ChatResult): vscode.ChatFollowup[] {
    return followupsFor(result);
  }

  /** The request handler (public so tests can drive it with their own stream and token). */
  readonly handle: vscode.ChatRequestHandler = async (request, context, rawStream, token) => {
    const record = newTurnRecord(request);
    const stream = recordingStream(rawStream, record);
    try {
      switch (request.command) {
        case 'servers': return slash.servers(this.deps, stream);
        case 'tools': return slash.tools(this.deps, request.prompt, stream);
        case 'call': return await slash.call(this.deps, request, stream, token, record);
        case 'resource': return await slash.resource(this.deps, request.prompt, stream, token);
        default: return await toolLoop(this.deps, request, context, stream, token, record);
      }
    } catch (e) {
      if (token.isCancellationRequested || isCancellation(e)) {
        record.cancelled = true;
        return { metadata: { command: request.command ?? 'chat' } satisfies McpChatMetadata };
      }
      const message = (e as Error)?.message ?? String(e);
      record.error = message;
      this.deps.log.error(e as Error);
      stream.markdown(`\n\n**Error:** ${message}`);
      return { errorDetails: { message }, metadata: { command: request.command ?? 'chat' } satisfies McpChatMetadata };
    } finally {
      record.cancelled ||= token.isCancellationRequested;
      this.finished.fire(record);
    }
  };
}
