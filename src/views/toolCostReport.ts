import type { QualifiedTool } from '../core/connection/catalog';
import { budgetWarning, formatTokens, serverTotals, type TokenCount } from '../core/tokens/definitionTokens';
import { escapeMarkdown, inlineCode, truncate } from './markdown';

/**
 * "Show Tools and Token Costs": every tool with what its definition costs per chat request, per server, most
 * expensive first, and the over-budget warning. It needs no language model (the @mcp /tools answer does, since VS
 * Code stops chat requests when none is available).
 */
export function toolCostMarkdown(tools: readonly QualifiedTool[], count: (t: QualifiedTool) => TokenCount, budget: number): string {
  const enabled = tools.filter(t => t.enabled);
  const costs = new Map(tools.map(t => [t, count(t)]));
  const totals = serverTotals(enabled.map(t => ({ server: t.server, ...costs.get(t)! })));
  const sum = totals.reduce((n, s) => n + s.tokens, 0);
  const estimated = totals.some(s => s.estimated);
  const out = [
    '# MCP tools and their token cost',
    `${enabled.length} enabled tool(s) on ${totals.length} server(s) cost **${formatTokens({ tokens: sum, estimated })}** of context in every chat request that offers them`
      + `${budget > 0 ? ` (budget: ${budget.toLocaleString('en-US')}, setting ${inlineCode('mcpSwitchboard.chat.tokenBudget')})` : ''}.`
      + (estimated ? ' Estimates (about four characters per token) become exact counts once a chat model is available.' : ' Counted with the chat model\'s tokenizer.'),
  ];
  const warning = budgetWarning(totals, budget);
  if (warning) out.push(`> **Over budget.** ${escapeMarkdown(warning)}`);
  for (const s of totals) {
    out.push(`## ${escapeMarkdown(s.server)} — ${formatTokens(s)}`);
    const rows = tools.filter(t => t.server === s.server).sort((a, b) => costs.get(b)!.tokens - costs.get(a)!.tokens);
    out.push(['| tool | tokens | description |', '| --- | ---: | --- |', ...rows.map(t =>
      `| ${inlineCode(t.tool.name)}${t.enabled ? '' : ' (filtered out)'} | ${formatTokens(costs.get(t)!, true)} | ${escapeMarkdown(truncate((t.tool.description ?? '').replace(/\s+/g, ' '), 120))} |`)].join('\n'));
  }
  if (!tools.length) out.push('_No tools: no server is running, or none offers tools._');
  return out.join('\n\n') + '\n';
}
