import { decideApproval, type ApprovalMode } from '../chat/approvalPolicy';
import type { QualifiedTool } from '../core/connection/catalog';
import type { ServerSnapshot } from '../core/engineApi';

export type ReplayToolCheck =
  | { ok: false; error: string }
  | { ok: true; tool: string; ask: boolean; reason: string };

/**
 * The host-side checks a replayed `tools/call` goes through, the same as a call from chat: the tool must exist on
 * that server and pass allowedTools/excludedTools, and the approval policy decides whether the user confirms it.
 * The webview's message is never trusted for any of this.
 */
export function checkReplayedToolCall(snapshot: ServerSnapshot, tools: readonly QualifiedTool[], params: unknown, defaultMode: ApprovalMode): ReplayToolCheck {
  const name = typeof params === 'object' && params !== null ? (params as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || name === '') return { ok: false, error: 'tools/call needs params.name (the tool to call)' };
  const args = (params as { arguments?: unknown }).arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) return { ok: false, error: 'tools/call params.arguments must be an object' };
  const tool = tools.find(t => t.server === snapshot.name && t.tool.name === name);
  if (!tool) return { ok: false, error: `${snapshot.name} has no tool "${name}" (refresh its tools, or check the name)` };
  if (!tool.enabled) return { ok: false, error: `Tool "${name}" of ${snapshot.name} is filtered out by allowedTools/excludedTools in its configuration.` };
  const decision = decideApproval({ policy: snapshot.spec?.options.approval, toolName: name, annotations: tool.tool.annotations, defaultMode });
  return { ok: true, tool: name, ask: decision.ask, reason: decision.reason };
}
