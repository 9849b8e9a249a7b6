/**
 * The two static language-model tools (declared in package.json `contributes.languageModelTools`), usable by any
 * participant and by agent mode: `mcpSwitchboard_listTools` and `mcpSwitchboard_callTool`. The @mcp participant also
 * runs every MCP call through `mcpSwitchboard_callTool`, so one `prepareInvocation` applies the approval policy
 * everywhere.
 */
import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { QualifiedTool } from '../core/connection/catalog';
import type { Logger } from '../core/logger';
import { decideApproval, type ApprovalDecision } from './approvalPolicy';
import type { CallBroker } from './callBroker';
import { convertToolResult, errorResult, fence } from './resultConversion';
import { supportsDataParts, toLanguageModelParts } from './lmParts';
import type { ChatSettingsValues } from './settings';
import { filterTools } from './toolSelection';

export const ToolIds = {
  listTools: 'mcpSwitchboard_listTools',
  callTool: 'mcpSwitchboard_callTool',
} as const;

export interface CallToolInput {
  /** Qualified name (`server__tool`); `server/tool` is accepted too. */
  tool: string;
  arguments?: Record<string, unknown> | string;
}

export interface ListToolsInput {
  /** Keywords or a substring to filter by. */
  filter?: string;
  /** Only this server's tools. */
  server?: string;
}

/** The tool a name refers to: a qualified name, `server/tool`, or an original tool name unique across servers. */
export function resolveTool(engine: EngineApi, name: string): QualifiedTool | undefined {
  const n = name?.trim();
  if (!n) return undefined;
  const direct = engine.findTool(n);
  if (direct) return direct;
  const all = engine.tools();
  const slash = n.indexOf('/');
  if (slash > 0) {
    const server = n.slice(0, slash);
    const tool = n.slice(slash + 1);
    return all.find(t => t.server === server && t.tool.name === tool);
  }
  const byOriginal = all.filter(t => t.tool.name === n);
  return byOriginal.length === 1 ? byOriginal[0] : undefined;
}

function parseArguments(raw: CallToolInput['arguments']): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'string') {
    if (!raw.trim()) return {};
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('arguments must be a JSON object');
    return parsed as Record<string, unknown>;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('arguments must be an object');
  return raw;
}

function argsPreview(args: Record<string, unknown>): string {
  const json = JSON.stringify(args, null, 2) ?? '{}';
  return json.length > 4000 ? `${json.slice(0, 4000)}\n… (${json.length - 4000} more characters)` : json;
}

/** How many prepared-but-not-yet-invoked calls are remembered (VS Code invokes right after confirming). */
const PREPARED_LIMIT = 500;

const preparedKey = (input: CallToolInput | undefined) => `${input?.tool ?? ''}\0${JSON.stringify(input?.arguments ?? null)}`;

export class CallToolTool implements vscode.LanguageModelTool<CallToolInput> {
  /** Call input → the tool it resolved to when VS Code prepared (and maybe confirmed) it; undefined when none. */
  private readonly prepared = new Map<string, string | undefined>();

  constructor(
    private readonly engine: EngineApi,
    private readonly settings: () => ChatSettingsValues,
    private readonly broker: CallBroker,
    private readonly log: Logger,
  ) {}

  /** The approval decision for one tool under the current config. */
  decide(tool: QualifiedTool): ApprovalDecision {
    return decideApproval({
      policy: this.engine.get(tool.server)?.spec?.options.approval,
      toolName: tool.tool.name,
      annotations: tool.tool.annotations,
      defaultMode: this.settings().defaultApproval,
    });
  }

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<CallToolInput>): vscode.PreparedToolInvocation {
    const name = options.input?.tool;
    const tool = resolveTool(this.engine, name);
    this.remember(preparedKey(options.input), tool?.qualifiedName);
    if (!tool) return { invocationMessage: `Calling MCP tool ${name ?? '(none)'}` };
    let args: Record<string, unknown>;
    try { args = parseArguments(options.input.arguments); } catch { args = {}; }
    const decision = this.decide(tool);
    const label = `${tool.server}/${tool.tool.name}`;
    const invocationMessage = new vscode.MarkdownString(`Calling \`${label}\``);
    if (!decision.ask) return { invocationMessage };
    const a = tool.tool.annotations;
    const hints = [a?.readOnlyHint ? 'read-only' : undefined, decision.destructive ? '**destructive**' : undefined, a?.openWorldHint ? 'open world' : undefined].filter(Boolean);
    const message = new vscode.MarkdownString([
      `**Server:** ${tool.server}  `,
      `**Tool:** ${tool.tool.title ? `${tool.tool.title} (\`${tool.tool.name}\`)` : `\`${tool.tool.name}\``}${hints.length ? ` — ${hints.join(', ')}` : ''}`,
      '',
      '**Arguments:**',
      fence(argsPreview(args), 'json'),
      `_${decision.reason} Set \`approval\` for this server in its MCP config to change this._`,
      tool.tool.description ? `\n${tool.tool.description.slice(0, 500)}` : '',
    ].join('\n'));
    message.supportThemeIcons = false;
    return {
      invocationMessage,
      confirmationMessages: { title: `Run ${tool.tool.name} on ${tool.server}?`, message },
    };
  }

  private remember(key: string, qualifiedName: string | undefined): void {
    this.prepared.delete(key);
    this.prepared.set(key, qualifiedName);
    if (this.prepared.size > PREPARED_LIMIT) this.prepared.delete(this.prepared.keys().next().value!);
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<CallToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const input = options.input ?? ({} as CallToolInput);
    const key = preparedKey(input);
    const wasPrepared = this.prepared.has(key);
    const preparedAs = this.prepared.get(key);
    this.prepared.delete(key);
    const tool = resolveTool(this.engine, input.tool);
    if (!tool) throw new Error(`Unknown MCP tool "${input.tool}". Call ${ToolIds.listTools} to see the available tools and their qualified names.`);
    // Fail closed: a tool that was not (or another tool that was) resolved when VS Code asked for confirmation never
    // runs unconfirmed because the catalog changed in between.
    if (wasPrepared && preparedAs !== tool.qualifiedName && this.decide(tool).ask) {
      throw new Error(`MCP tool "${input.tool}" could not be resolved to ${tool.qualifiedName} when the call was confirmed; call it again so it can be confirmed.`);
    }
    if (!tool.enabled) throw new Error(`MCP tool ${tool.qualifiedName} is disabled by the server's allowedTools/excludedTools.`);
    const args = parseArguments(input.arguments);
    const label = `${tool.server}/${tool.tool.name}`;
    const observer = this.broker.claim(tool.qualifiedName, args);
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort(new Error('cancelled from chat')));
    try {
      const result = await this.engine.callTool(tool.server, tool.tool.name, args, {
        signal: ac.signal,
        onProgress: p => observer?.onProgress?.(`${label}: ${p.message ?? (p.total ? `${p.progress}/${p.total}` : `${p.progress}`)}`),
      });
      observer?.onResult?.(result);
      const converted = convertToolResult(result, { dataParts: supportsDataParts(), label });
      return new vscode.LanguageModelToolResult(toLanguageModelParts(converted.parts) as vscode.LanguageModelTextPart[]);
    } catch (e) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      const message = (e as Error)?.message ?? String(e);
      this.log.warn(`chat: ${label} failed: ${message}`);
      return new vscode.LanguageModelToolResult(toLanguageModelParts(errorResult(label, message).parts) as vscode.LanguageModelTextPart[]);
    } finally {
      sub.dispose();
    }
  }
}

export const LIST_LIMIT = 100;

export class ListToolsTool implements vscode.LanguageModelTool<ListToolsInput> {
  constructor(private readonly engine: EngineApi) {}

  prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<ListToolsInput>): vscode.PreparedToolInvocation {
    const f = options.input?.filter ? ` matching "${options.input.filter}"` : '';
    return { invocationMessage: `Listing MCP tools${f}` };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<ListToolsInput>): Promise<vscode.LanguageModelToolResult> {
    await this.engine.freshCatalog(options.input?.server ? [options.input.server] : undefined);
    return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(listToolsText(this.engine, options.input ?? {}))]);
  }
}

export function listToolsText(engine: EngineApi, { filter, server }: ListToolsInput): string {
  let tools = engine.tools().filter(t => t.enabled && (!server || t.server === server));
  const total = tools.length;
  tools = filterTools(tools, filter ?? '');
  const servers = engine.list().map(s => `${s.name} (${s.state.kind})`).join(', ') || 'none';
  const lines = [
    `${tools.length} MCP tool(s)${filter ? ` matching "${filter}"` : ''}${server ? ` on server ${server}` : ''} of ${total}. Servers: ${servers}.`,
    `Call one with ${ToolIds.callTool} and input { "tool": "<qualified name>", "arguments": { ... } }.`,
  ];
  for (const t of tools.slice(0, LIST_LIMIT)) {
    const a = t.tool.annotations;
    const hints = [a?.readOnlyHint ? 'read-only' : '', a?.destructiveHint && !a?.readOnlyHint ? 'destructive' : ''].filter(Boolean).join(', ');
    lines.push('', `- ${t.qualifiedName} (server ${t.server}, tool ${t.tool.name}${hints ? `; ${hints}` : ''}): ${(t.tool.description ?? '').replace(/\s+/g, ' ').slice(0, 500)}`,
      `  input schema: ${JSON.stringify(t.tool.inputSchema)}`);
  }
  if (tools.length > LIST_LIMIT) lines.push('', `… and ${tools.length - LIST_LIMIT} more: pass a more specific filter or a server.`);
  return lines.join('\n');
}
