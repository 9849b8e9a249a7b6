import type * as vscode from 'vscode';

/** What the participant remembers in `ChatResult.metadata` (read back from history and by the followup provider). */
export interface McpChatMetadata {
  command: string;
  /** Tools the model enabled with mcpsb_enable_tools; carried over to the next turn. */
  enabledTools?: string[];
  toolCalls?: number;
  firstTool?: string;
  noModel?: boolean;
}

/** One finished request, for tests and diagnostics (`onDidFinishRequest`). */
export interface ChatTurnRecord {
  prompt: string;
  command?: string;
  /** Everything streamed as markdown. */
  markdown: string;
  progress: string[];
  references: string[];
  toolCalls: Array<{ name: string; ms: number; isError: boolean; declined?: boolean }>;
  rounds: number;
  /** Tools offered in the first round (including meta-tools) and whether the cap forced a choice. */
  offeredTools: string[];
  /** True when there were more tools than the cap. */
  capped: boolean;
  /** True when the tool search meta-tools were offered (capped, or narrowed with #server). */
  metaTools: boolean;
  cancelled: boolean;
  error?: string;
}

export function newTurnRecord(request: { prompt: string; command?: string }): ChatTurnRecord {
  return { prompt: request.prompt, command: request.command, markdown: '', progress: [], references: [], toolCalls: [], rounds: 0, offeredTools: [], capped: false, metaTools: false, cancelled: false };
}

/**
 * Wraps the response stream to keep a record of what the user saw. The real stream is frozen, so the proxy's target
 * is an empty object and every property is read from the stream.
 */
export function recordingStream(stream: vscode.ChatResponseStream, record: ChatTurnRecord): vscode.ChatResponseStream {
  return new Proxy({} as vscode.ChatResponseStream, {
    get(_target, prop) {
      const value = (stream as unknown as Record<string | symbol, unknown>)[prop];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'markdown') record.markdown += typeof args[0] === 'string' ? args[0] : (args[0] as vscode.MarkdownString)?.value ?? '';
        else if (prop === 'progress') record.progress.push(String(args[0]));
        else if (prop === 'reference') record.references.push(String(args[0]));
        return (value as (...a: unknown[]) => unknown).apply(stream, args);
      };
    },
  });
}
