/**
 * What tool definitions cost in a chat request's context. Every request carries each offered tool's name,
 * description and input schema, so a server with many verbose tools eats the context before the conversation starts.
 * Counts come from the chat model's tokenizer when one is available; otherwise they are estimated (about four
 * characters per token for English text and JSON) and marked as estimates. Pure and vscode-free.
 */
import type { QualifiedTool } from '../connection/catalog';

export interface TokenCount {
  tokens: number;
  /** True when no model counted it: chars / 4. */
  estimated: boolean;
}

export interface ServerTokens extends TokenCount {
  server: string;
  tools: number;
}

/** The text a chat request carries for one tool: what the tokenizer is asked to count. */
export function toolDefinitionText(t: QualifiedTool): string {
  return JSON.stringify({ name: t.qualifiedName, description: t.tool.description ?? t.tool.title ?? '', parameters: t.tool.inputSchema ?? {} });
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Per-server totals, most expensive first. A total is an estimate when any of its parts is. */
export function serverTotals(counts: ReadonlyArray<{ server: string } & TokenCount>): ServerTokens[] {
  const by = new Map<string, ServerTokens>();
  for (const c of counts) {
    const s = by.get(c.server) ?? { server: c.server, tokens: 0, tools: 0, estimated: false };
    s.tokens += c.tokens;
    s.tools += 1;
    s.estimated ||= c.estimated;
    by.set(c.server, s);
  }
  return [...by.values()].sort((a, b) => b.tokens - a.tokens || a.server.localeCompare(b.server));
}

/** `1,234 tokens`, `~1.2k tokens` (estimate), compact for tree descriptions with `short`. */
export function formatTokens(c: TokenCount, short = false): string {
  const n = c.tokens;
  const num = short && n >= 1000 ? `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k` : n.toLocaleString('en-US');
  return `${c.estimated ? '~' : ''}${num} ${short ? 'tok' : 'tokens'}${c.estimated && !short ? ' (estimate)' : ''}`;
}

/**
 * The warning when the definitions exceed the budget, naming the most expensive servers (at most three); undefined
 * within budget or when the budget is off (0).
 */
export function budgetWarning(totals: readonly ServerTokens[], budget: number): string | undefined {
  if (!(budget > 0)) return undefined;
  const sum = totals.reduce((n, s) => n + s.tokens, 0);
  if (sum <= budget) return undefined;
  const estimated = totals.some(s => s.estimated);
  const top = totals.slice(0, 3).map(s => `${s.server} (${formatTokens(s)})`).join(', ');
  return `MCP tool definitions cost ${formatTokens({ tokens: sum, estimated })} per request, above the budget of ${budget.toLocaleString('en-US')} `
    + `(mcpSwitchboard.chat.tokenBudget). Most expensive: ${top}. Disable servers you do not need, or narrow their tools with allowedTools/excludedTools.`;
}

/** Token counts the views read (the chat integration provides them); `onDidChange` fires when exact counts arrive. */
export interface ToolTokenSource {
  count(t: QualifiedTool): TokenCount;
  /** The server's enabled tools together. */
  serverTotal(server: string): TokenCount;
  readonly onDidChange: (listener: () => void) => { dispose(): void };
}
