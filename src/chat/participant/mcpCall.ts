/**
 * The one way @mcp runs an MCP tool, for the tool loop and for `/call`: through `vscode.lm.invokeTool(
 * 'mcpSwitchboard_callTool')` so the approval policy and VS Code's confirmation apply, with the raw MCP result and
 * progress taken from the call broker.
 */
import * as vscode from 'vscode';
import type { QualifiedTool, ToolCallResult } from '../../core/connection/catalog';
import type { CallBroker } from '../callBroker';
import { textOf } from '../lmParts';
import { ToolIds, type CallToolInput } from '../lmTools';
import type { ResourceRef } from '../resultConversion';
import type { ChatTurnRecord } from './turnRecord';

export type McpCallOutcome =
  | { kind: 'result'; content: unknown[]; raw?: ToolCallResult }
  | { kind: 'declined' }
  | { kind: 'failed'; message: string };

import { isCancellation } from '../../common/cancellation';

export { isCancellation };

export interface McpCallContext {
  broker: CallBroker;
  request: vscode.ChatRequest;
  stream: vscode.ChatResponseStream;
  token: vscode.CancellationToken;
  record: ChatTurnRecord;
}

/** Runs one call; records it under `recordAs`. Throws a CancellationError when the chat request is cancelled. */
export async function runMcpCall(ctx: McpCallContext, tool: QualifiedTool, args: Record<string, unknown>, recordAs = tool.qualifiedName): Promise<McpCallOutcome> {
  const { stream, token, record } = ctx;
  stream.progress(`Calling ${tool.server}/${tool.tool.name}…`);
  let raw: ToolCallResult | undefined;
  const observer = ctx.broker.open(tool.qualifiedName, args, { onProgress: m => stream.progress(m), onResult: r => { raw = r; } });
  const t0 = Date.now();
  try {
    const input: CallToolInput = { tool: tool.qualifiedName, arguments: args };
    const result = await vscode.lm.invokeTool(ToolIds.callTool, { input, toolInvocationToken: ctx.request.toolInvocationToken }, token);
    const isError = raw?.isError === true || (!raw && /^ERROR:/.test(textOf(result.content)));
    record.toolCalls.push({ name: recordAs, ms: Date.now() - t0, isError });
    return { kind: 'result', content: result.content, raw };
  } catch (e) {
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    const declined = isCancellation(e);
    record.toolCalls.push({ name: recordAs, ms: Date.now() - t0, isError: true, declined });
    return declined ? { kind: 'declined' } : { kind: 'failed', message: (e as Error)?.message ?? String(e) };
  } finally {
    observer.close();
  }
}

/** Uri for a chat reference; undefined when the string does not parse as one. */
export function referenceUri(uri: string): vscode.Uri | undefined {
  try {
    if (!/^[a-zA-Z][\w+.-]*:/.test(uri)) return undefined;
    return vscode.Uri.parse(uri, true);
  } catch {
    return undefined;
  }
}

/** The resources a result names, as chat references. */
export function addReferences(stream: vscode.ChatResponseStream, result: ToolCallResult | undefined): void {
  if (!result) return;
  const refs: ResourceRef[] = [];
  for (const p of result.content ?? []) {
    if (p.type === 'resource_link') refs.push({ uri: p.uri, name: p.name });
    else if (p.type === 'resource') refs.push({ uri: p.resource.uri });
  }
  for (const r of refs) {
    const uri = referenceUri(r.uri);
    if (uri) stream.reference(uri);
  }
}
