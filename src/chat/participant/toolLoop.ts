/**
 * The tool-calling loop of @mcp:
 *
 *   round: sendRequest(messages, tools) → stream text parts to the chat as they arrive, collect tool-call parts
 *          → no calls: done
 *          → run all calls of the round concurrently (runMcpCall: approval policy and VS Code's confirmation apply)
 *          → append the assistant's calls and a user message with one LanguageModelToolResultPart per call; repeat
 *   until the model answers without calls, `mcpSwitchboard.chat.maxToolRounds` is reached, or the request is cancelled
 *   (cancellation flows through invokeTool into the engine's AbortSignal: the server gets notifications/cancelled).
 */
import * as vscode from 'vscode';
import type { QualifiedTool } from '../../core/connection/catalog';
import { describeState } from '../../core/connection/state';
import type { Logger } from '../../core/logger';
import { resolveTool } from '../lmTools';
import { ENABLE_TOOL, SEARCH_TOOL, effectiveCap, mentionedServers, metaToolSpecs, searchTools, selectTools, type Selection } from '../toolSelection';
import { historyMessages, previousEnabledTools } from './followups';
import { addReferences, isCancellation, runMcpCall, type McpCallContext } from './mcpCall';
import { budgetNote, type SlashDeps } from './slashCommands';
import type { ChatTurnRecord, McpChatMetadata } from './turnRecord';

type Stream = vscode.ChatResponseStream;

export interface LoopDeps extends SlashDeps { log: Logger }

function toChatTool(t: QualifiedTool): vscode.LanguageModelChatTool {
  const schema = { ...t.tool.inputSchema, type: 'object', properties: t.tool.inputSchema?.properties ?? {} };
  const description = `[${t.server}] ${t.tool.description ?? t.tool.title ?? t.tool.name}`;
  return { name: t.qualifiedName, description: description.length > 1024 ? `${description.slice(0, 1021)}...` : description, inputSchema: schema };
}

export async function toolLoop(deps: LoopDeps, request: vscode.ChatRequest, context: vscode.ChatContext, stream: Stream, token: vscode.CancellationToken, record: ChatTurnRecord): Promise<vscode.ChatResult> {
  const model = request.model as vscode.LanguageModelChat | undefined;
  if (!model) return noModel(stream, 'no model is selected');
  deps.tokens?.useModel(model);
  const settings = deps.settings();
  const enabled = [...previousEnabledTools(context)];
  const mentioned = mentionedServers(request.prompt, deps.engine.list().map(s => s.name));
  const modelLimit = (model as { capabilities?: { toolCalling?: boolean | number } }).capabilities?.toolCalling;
  const cap = effectiveCap(settings.maxToolsPerRequest, modelLimit);
  const messages: vscode.LanguageModelChatMessage[] = [
    vscode.LanguageModelChatMessage.User(instructions(deps)),
    ...historyMessages(context),
    vscode.LanguageModelChatMessage.User(request.prompt),
  ];
  const meta: McpChatMetadata = { command: 'chat', toolCalls: 0 };
  const callContext: McpCallContext = { broker: deps.broker, request, stream, token, record };

  for (let round = 0; round < settings.maxToolRounds; round++) {
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    // Lists whose server-given lifetime (2026-07-28 ttlMs) ran out are refetched before the model sees them.
    if (round === 0) await deps.engine.freshCatalog();
    const all = deps.engine.tools().filter(t => t.enabled);
    const selection = selectTools({ tools: all, cap, prompt: request.prompt, servers: mentioned, enabled });
    const offered = [...selection.tools.map(toChatTool), ...(selection.withMetaTools ? metaToolSpecs.map(m => ({ name: m.name, description: m.description, inputSchema: m.inputSchema })) : [])];
    if (round === 0) {
      record.offeredTools = offered.map(t => t.name);
      record.capped = selection.withMetaTools && selection.available > cap;
      record.metaTools = selection.withMetaTools;
      announceSelection(deps, stream, selection, cap, mentioned);
      budgetNote(deps, stream, selection.tools);
    }
    record.rounds = round + 1;

    let response: vscode.LanguageModelChatResponse;
    try {
      response = await model.sendRequest(messages, {
        justification: 'MCP Switchboard (@mcp) answers with the model you picked and lets it call your MCP tools.',
        tools: offered,
        toolMode: vscode.LanguageModelChatToolMode.Auto,
      }, token);
    } catch (e) {
      if (token.isCancellationRequested || isCancellation(e)) throw e;
      if (round === 0) return noModel(stream, (e as Error)?.message ?? String(e));
      throw e;
    }

    const calls: vscode.LanguageModelToolCallPart[] = [];
    let text = '';
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        if (part.value) { stream.markdown(part.value); text += part.value; }
      } else if (part instanceof vscode.LanguageModelToolCallPart) {
        calls.push(part);
      }
    }
    if (!calls.length) return { metadata: { ...meta, enabledTools: enabled } };

    messages.push(vscode.LanguageModelChatMessage.Assistant([...(text ? [new vscode.LanguageModelTextPart(text)] : []), ...calls]));
    const results = await Promise.all(calls.map(c => runCall(deps, callContext, c, all, enabled)));
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    meta.toolCalls = (meta.toolCalls ?? 0) + calls.length;
    meta.firstTool ??= calls.find(c => !c.name.startsWith('mcpsb_'))?.name;
    messages.push(vscode.LanguageModelChatMessage.User(results));
    if (text && !text.endsWith('\n')) stream.markdown('\n\n');
  }
  stream.markdown(`\n\n_Stopped after ${settings.maxToolRounds} rounds of tool calls (setting \`mcpSwitchboard.chat.maxToolRounds\`). Ask me to continue if needed._`);
  return { metadata: { ...meta, enabledTools: enabled } };
}

function instructions(deps: LoopDeps): string {
  const lines = deps.engine.list().map(s => `- ${s.name}: ${describeState(s.state)}, ${s.catalog.tools.length} tool(s)`);
  return [
    'You are @mcp, the assistant of MCP Switchboard in VS Code. You can call the tools of the user\'s MCP servers; their names are `server__tool`.',
    'Use tools when they help answer; base your answer on their results and say which tool you used. If a tool fails, explain the error.',
    `MCP servers:\n${lines.join('\n') || '(none configured)'}`,
  ].join('\n');
}

function announceSelection(deps: LoopDeps, stream: Stream, s: Selection, cap: number, mentioned: string[]): void {
  const total = deps.engine.tools().filter(t => t.enabled).length;
  if (mentioned.length) {
    stream.progress(`Using the ${s.available} tools of ${mentioned.join(', ')} (of ${total}); the others stay reachable through tool search`);
  }
  if (s.withMetaTools && s.available > cap) {
    stream.markdown(`> ${s.available} MCP tools are more than the ${cap} one request can carry: the model gets the ${s.tools.length} most relevant to your prompt `
      + `plus a tool search (\`${SEARCH_TOOL}\`, \`${ENABLE_TOOL}\`) to reach the other ${s.omitted}. Mention servers as \`#server\` to narrow.\n\n`);
  }
}

const textResult = (callId: string, text: string) => new vscode.LanguageModelToolResultPart(callId, [new vscode.LanguageModelTextPart(text)]);

async function runCall(deps: LoopDeps, ctx: McpCallContext, call: vscode.LanguageModelToolCallPart, all: QualifiedTool[], enabled: string[]): Promise<vscode.LanguageModelToolResultPart> {
  const input = (call.input ?? {}) as Record<string, unknown>;
  if (call.name === SEARCH_TOOL) return searchCall(ctx, call, input, all);
  if (call.name === ENABLE_TOOL) return enableCall(deps, ctx, call, input, enabled);

  const tool = deps.engine.findTool(call.name) ?? resolveTool(deps.engine, call.name);
  if (!tool || !tool.enabled) {
    ctx.record.toolCalls.push({ name: call.name, ms: 0, isError: true });
    return textResult(call.callId, `ERROR: there is no MCP tool named ${call.name}.`);
  }
  const label = `${tool.server}/${tool.tool.name}`;
  const outcome = await runMcpCall(ctx, tool, input, call.name);
  switch (outcome.kind) {
    case 'result':
      addReferences(ctx.stream, outcome.raw);
      return new vscode.LanguageModelToolResultPart(call.callId, outcome.content);
    case 'declined': return textResult(call.callId, `The user declined to run ${label}. Do not retry it; answer without it or ask the user.`);
    case 'failed': return textResult(call.callId, `ERROR: ${label} failed: ${outcome.message}`);
  }
}

function searchCall(ctx: McpCallContext, call: vscode.LanguageModelToolCallPart, input: Record<string, unknown>, all: QualifiedTool[]): vscode.LanguageModelToolResultPart {
  const query = String(input.query ?? '');
  const limit = Math.min(50, Math.max(1, Number(input.limit) || 20));
  const found = searchTools(all, query, limit);
  ctx.stream.progress(`Searching MCP tools for "${query}"`);
  ctx.record.toolCalls.push({ name: call.name, ms: 0, isError: false });
  const body = found.length
    ? found.map(t => `- ${t.qualifiedName}: ${(t.tool.description ?? '').replace(/\s+/g, ' ').slice(0, 300)}\n  input schema: ${JSON.stringify(t.tool.inputSchema)}`).join('\n')
    : 'No tools matched; try other keywords.';
  return textResult(call.callId, `${found.length} tool(s) match "${query}":\n${body}\nEnable the ones you need with ${ENABLE_TOOL}.`);
}

function enableCall(deps: LoopDeps, ctx: McpCallContext, call: vscode.LanguageModelToolCallPart, input: Record<string, unknown>, enabled: string[]): vscode.LanguageModelToolResultPart {
  const names = Array.isArray(input.names) ? input.names.map(String) : typeof input.names === 'string' ? [input.names] : [];
  const ok: string[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const t = resolveTool(deps.engine, n);
    if (!t?.enabled) { unknown.push(n); continue; }
    ok.push(t.qualifiedName);
    const i = enabled.indexOf(t.qualifiedName);
    if (i >= 0) enabled.splice(i, 1);
    enabled.push(t.qualifiedName);
  }
  ctx.stream.progress(`Enabled MCP tools: ${ok.join(', ') || 'none'}`);
  ctx.record.toolCalls.push({ name: call.name, ms: 0, isError: unknown.length > 0 });
  return textResult(call.callId, `${ok.length ? `Enabled: ${ok.join(', ')}. They can be called from the next step on.` : 'Nothing enabled.'}${unknown.length ? ` Unknown tools: ${unknown.join(', ')}.` : ''}`);
}

export function noModel(stream: Stream, reason: string): vscode.ChatResult {
  stream.markdown([
    `**No language model is available to @mcp** (${reason}).`,
    '',
    '@mcp answers with the model picked in the chat view\'s model picker. To get one, install and sign in to a language-model provider '
      + '(for example GitHub Copilot, or any extension that contributes chat models, such as a local Ollama or an API-key provider), then pick its model and ask again.',
    '',
    'While a model is installed, `/servers`, `/tools [filter]`, `/call <tool> <json>` and `/resource <uri>` answer without using it. '
      + 'With no model at all, VS Code stops every chat request before it reaches @mcp; the same things then work from the '
      + '**MCP Switchboard** view and the Command Palette: **Show Tools and Token Costs**, **Call Tool…**, **Read Resource…**.',
  ].join('\n'));
  return { metadata: { command: 'chat', noModel: true } satisfies McpChatMetadata };
}
