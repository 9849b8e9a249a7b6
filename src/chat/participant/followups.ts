import * as vscode from 'vscode';
import type { McpChatMetadata } from './turnRecord';

export const PARTICIPANT_ID = 'mcpSwitchboard.mcp';

/** Follow-up suggestions after a reply, chosen by what the reply was. */
export function followupsFor(result: vscode.ChatResult): vscode.ChatFollowup[] {
  const m = result.metadata as McpChatMetadata | undefined;
  if (!m) return [];
  if (m.noModel) return [{ prompt: '', command: 'servers', label: 'Show the MCP servers' }, { prompt: '', command: 'tools', label: 'List the MCP tools' }];
  switch (m.command) {
    case 'servers': return [{ prompt: '', command: 'tools', label: 'List their tools' }];
    case 'tools': return m.firstTool ? [{ prompt: `${m.firstTool} {}`, command: 'call', label: `Call ${m.firstTool}` }] : [{ prompt: '', command: 'servers', label: 'Show the servers' }];
    case 'call': return [{ prompt: 'Explain this result', label: 'Explain this result' }, { prompt: '', command: 'tools', label: 'List the MCP tools' }];
    case 'resource': return [{ prompt: 'Summarize this resource', label: 'Summarize it' }];
    default:
      return m.toolCalls
        ? [{ prompt: 'What else can these tools do?', label: 'What else can these tools do?' }, { prompt: '', command: 'servers', label: 'Show the MCP servers' }]
        : [{ prompt: '', command: 'tools', label: 'List the MCP tools' }, { prompt: '', command: 'servers', label: 'Show the MCP servers' }];
  }
}

/** Tools the model enabled in earlier turns of this conversation (from the last @mcp result's metadata). */
export function previousEnabledTools(context: vscode.ChatContext): string[] {
  for (let i = context.history.length - 1; i >= 0; i--) {
    const turn = context.history[i];
    if (turn instanceof vscode.ChatResponseTurn && turn.participant === PARTICIPANT_ID) {
      const meta = turn.result.metadata as McpChatMetadata | undefined;
      if (meta?.enabledTools) return meta.enabledTools;
    }
  }
  return [];
}

/** The last turns with @mcp as user/assistant messages (text only). */
export function historyMessages(context: vscode.ChatContext, maxTurns = 10): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  for (const turn of context.history.slice(-maxTurns * 2)) {
    if (turn.participant !== PARTICIPANT_ID) continue;
    if (turn instanceof vscode.ChatRequestTurn) {
      out.push(vscode.LanguageModelChatMessage.User(turn.command ? `/${turn.command} ${turn.prompt}` : turn.prompt));
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response.map(p => (p instanceof vscode.ChatResponseMarkdownPart ? p.value.value : '')).join('');
      if (text) out.push(vscode.LanguageModelChatMessage.Assistant(text));
    }
  }
  return out;
}
