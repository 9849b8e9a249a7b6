/** @mcp's slash commands: /servers, /tools [filter], /call <tool> <json>, /resource [server] <uri>. */
import type * as vscode from 'vscode';
import type { EngineApi } from '../../core/engineApi';
import type { QualifiedTool } from '../../core/connection/catalog';
import { describeState, isConnected } from '../../core/connection/state';
import { formatTokens } from '../../core/tokens/definitionTokens';
import { templateMatches } from '../../mcp/uriTemplate';
import type { CallBroker } from '../callBroker';
import { textOf } from '../lmParts';
import { resolveTool } from '../lmTools';
import { resourceContentsMarkdown, toolResultMarkdown, fence } from '../resultConversion';
import type { ChatSettingsValues } from '../settings';
import type { TokenMeter } from '../tokenMeter';
import { filterTools, searchTools } from '../toolSelection';
import { addReferences, referenceUri, runMcpCall } from './mcpCall';
import type { ChatTurnRecord, McpChatMetadata } from './turnRecord';

type Stream = vscode.ChatResponseStream;

/** How the gateway looks, for /servers. */
export interface GatewayStatusSource { isExposed(server: string): boolean | undefined }

export interface SlashDeps {
  engine: EngineApi;
  broker: CallBroker;
  settings: () => ChatSettingsValues;
  tokens?: TokenMeter;
  gateway?: GatewayStatusSource;
}

const done = (command: string, extra: Partial<McpChatMetadata> = {}): vscode.ChatResult => ({ metadata: { command, ...extra } satisfies McpChatMetadata });

export function servers(deps: SlashDeps, stream: Stream): vscode.ChatResult {
  const list = deps.engine.list();
  if (!list.length) {
    stream.markdown('No MCP servers are configured. Add them to `.vscode/mcp.json` or the `mcpSwitchboard.servers` setting.');
    return done('servers');
  }
  const lines = [`**${list.length} MCP server(s)**`, ''];
  for (const s of list) {
    const tools = s.catalog.tools.length;
    const bits = [describeState(s.state)];
    if (tools || s.catalog.fetchedAt) bits.push(`${tools} tool(s)${tools && deps.tokens ? ` (${formatTokens(deps.tokens.serverTotal(s.name))})` : ''}`);
    if (s.catalog.resources.length) bits.push(`${s.catalog.resources.length} resource(s)`);
    if (s.catalog.prompts.length) bits.push(`${s.catalog.prompts.length} prompt(s)`);
    if (s.info?.serverInfo) bits.push(`${s.info.serverInfo.name} ${s.info.serverInfo.version}`);
    const exposed = deps.gateway?.isExposed(s.name);
    if (exposed === false) bits.push('not in the gateway (VS Code runs it from its mcp.json)');
    const icon = s.state.kind === 'running' ? '🟢' : s.state.kind === 'error' ? '🔴' : s.state.kind === 'degraded' || s.state.kind === 'waiting-to-retry' ? '🟡' : '⚪';
    lines.push(`- ${icon} **${s.name}** — ${bits.join(' · ')}`);
    const hint = s.state.kind === 'error' ? s.state.hint : undefined;
    if (s.lastError && s.state.kind !== 'running') lines.push(`  - last error: ${s.lastError.message.split('\n')[0]}`);
    if (hint) lines.push(`  - hint: ${hint}`);
  }
  stream.markdown(lines.join('\n'));
  budgetNote(deps, stream);
  return done('servers');
}

/** The over-budget warning, when the enabled tools cost more than `mcpSwitchboard.chat.tokenBudget`. */
export function budgetNote(deps: SlashDeps, stream: Stream, tools?: readonly QualifiedTool[]): void {
  const warning = deps.tokens?.warning(deps.settings().tokenBudget, tools);
  if (warning) stream.markdown(`\n\n> ⚠️ ${warning}\n\n`);
}

export function tools(deps: SlashDeps, filter: string, stream: Stream): vscode.ChatResult {
  const f = filter.trim();
  const found = filterTools(deps.engine.tools(), f);
  if (!found.length) {
    stream.markdown(f ? `No MCP tools match "${f}".` : 'No MCP tools are available. Check `/servers`.');
    return done('tools');
  }
  const limit = 200;
  const byServer = new Map<string, QualifiedTool[]>();
  for (const t of found.slice(0, limit)) byServer.set(t.server, [...(byServer.get(t.server) ?? []), t]);
  const lines = [`**${found.length} MCP tool(s)${f ? ` matching "${f}"` : ''}**`];
  for (const [server, list] of byServer) {
    const total = deps.tokens?.serverTotal(server);
    lines.push('', `**${server}**${total?.tokens ? ` — definitions: ${formatTokens(total)} per request` : ''}`);
    for (const t of list) {
      const a = t.tool.annotations;
      const tags = [!t.enabled ? 'disabled' : '', a?.readOnlyHint ? 'read-only' : '', a?.destructiveHint && !a?.readOnlyHint ? 'destructive' : ''].filter(Boolean);
      const cost = deps.tokens ? `, ${formatTokens(deps.tokens.count(t), true)}` : '';
      lines.push(`- \`${t.qualifiedName}\`${tags.length || cost ? ` _(${[...tags, cost.slice(2)].filter(Boolean).join(', ')})_` : ''} — ${(t.tool.description ?? '').replace(/\s+/g, ' ').slice(0, 200)}`);
    }
  }
  if (found.length > limit) lines.push('', `… and ${found.length - limit} more. Narrow with \`/tools <filter>\`.`);
  stream.markdown(lines.join('\n'));
  budgetNote(deps, stream);
  return done('tools', { firstTool: found.find(t => t.enabled)?.qualifiedName });
}

export async function call(deps: SlashDeps, request: vscode.ChatRequest, stream: Stream, token: vscode.CancellationToken, record: ChatTurnRecord): Promise<vscode.ChatResult> {
  const m = /^(\S+)\s*([\s\S]*)$/.exec(request.prompt.trim());
  if (!m) {
    stream.markdown('Usage: `/call <tool> <json arguments>`, e.g. `/call echo__echo {"text": "hi"}`. See `/tools` for names.');
    return done('call');
  }
  const tool = resolveTool(deps.engine, m[1]);
  if (!tool) {
    const near = searchTools(deps.engine.tools(), m[1], 5).map(t => `\`${t.qualifiedName}\``);
    stream.markdown(`There is no MCP tool \`${m[1]}\`.${near.length ? ` Did you mean ${near.join(', ')}?` : ''} See \`/tools\`.`);
    return done('call');
  }
  let args: Record<string, unknown> = {};
  if (m[2].trim()) {
    try {
      const parsed = JSON.parse(m[2]) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      args = parsed as Record<string, unknown>;
    } catch (e) {
      stream.markdown(`The arguments must be a JSON object (${(e as Error).message}). The tool's input schema:\n\n${fence(JSON.stringify(tool.tool.inputSchema, null, 2), 'json')}`);
      return done('call');
    }
  }
  const label = `${tool.server}/${tool.tool.name}`;
  const outcome = await runMcpCall({ broker: deps.broker, request, stream, token, record }, tool, args);
  switch (outcome.kind) {
    case 'result':
      stream.markdown(outcome.raw ? toolResultMarkdown(outcome.raw, label) : textOf(outcome.content));
      addReferences(stream, outcome.raw);
      break;
    case 'declined': stream.markdown(`The call of \`${label}\` was not confirmed.`); break;
    case 'failed': stream.markdown(`**${label} failed:** ${outcome.message}`); break;
  }
  return done('call', { firstTool: tool.qualifiedName, toolCalls: 1 });
}

export async function resource(deps: SlashDeps, prompt: string, stream: Stream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
  const parts = prompt.trim().split(/\s+/).filter(Boolean);
  const names = deps.engine.list().map(s => s.name);
  let server = parts.length > 1 && names.includes(parts[0]) ? parts.shift() : undefined;
  const uri = parts.join(' ');
  if (!uri) {
    const listed = deps.engine.list().flatMap(s => s.catalog.resources.map(r => `- \`${r.uri}\` (${s.name}) ${r.title ?? r.name}`)).slice(0, 50);
    stream.markdown(`Usage: \`/resource [server] <uri>\`.${listed.length ? `\n\nKnown resources:\n${listed.join('\n')}` : ''}`);
    return done('resource');
  }
  server ??= ownerOf(deps.engine, uri);
  const candidates = server ? [server] : deps.engine.list().filter(s => isConnected(s.state)).map(s => s.name);
  if (!candidates.length) {
    stream.markdown(`No running MCP server offers \`${uri}\`. See \`/servers\`.`);
    return done('resource');
  }
  const ac = new AbortController();
  const sub = token.onCancellationRequested(() => ac.abort());
  const errors: string[] = [];
  try {
    for (const s of candidates) {
      stream.progress(`Reading ${uri} from ${s}…`);
      try {
        const contents = await deps.engine.readResource(s, uri, { signal: ac.signal });
        stream.markdown(`From **${s}**:\n\n${resourceContentsMarkdown(contents)}`);
        const ref = referenceUri(uri);
        if (ref) stream.reference(ref);
        return done('resource');
      } catch (e) {
        if (token.isCancellationRequested) throw e;
        errors.push(`${s}: ${(e as Error)?.message ?? e}`);
      }
    }
  } finally {
    sub.dispose();
  }
  stream.markdown(`Could not read \`${uri}\`:\n${errors.map(e => `- ${e}`).join('\n')}`);
  return done('resource');
}

function ownerOf(engine: EngineApi, uri: string): string | undefined {
  const list = engine.list();
  return list.find(s => s.catalog.resources.some(r => r.uri === uri))?.name
    ?? list.find(s => s.catalog.resourceTemplates.some(t => templateMatches(t.uriTemplate, uri)))?.name;
}
