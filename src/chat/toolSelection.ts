/**
 * Which MCP tools one `@mcp` request offers the model. Pure and vscode-free (unit-tested in plain Node).
 *
 * Chat clients cap the number of tools per request (Copilot: 128; a model may report its own limit through
 * `capabilities.toolCalling`). The strategy, never failing and never dropping tools silently:
 * 1. The user narrows by mentioning servers: `#server` tokens in the prompt keep only those servers' tools (the
 *    meta-tools below are then offered too, so the model can still reach another server's tool when it must).
 * 2. If what remains fits under the cap, every tool is offered.
 * 3. Otherwise the model gets two meta-tools, `mcpsb_search_tools` (keyword search over all tools, returns names,
 *    descriptions and schemas) and `mcpsb_enable_tools` (adds tools by name to the following rounds), plus the tools
 *    it enabled earlier in the conversation, plus the best keyword matches for the prompt, up to the cap.
 *    The participant tells the user how many tools were left out and how to narrow.
 */
import type { QualifiedTool } from '../core/connection/catalog';

export const SEARCH_TOOL = 'mcpsb_search_tools';
export const ENABLE_TOOL = 'mcpsb_enable_tools';
export const META_TOOLS = [SEARCH_TOOL, ENABLE_TOOL] as const;

export interface MetaToolSpec { name: string; description: string; inputSchema: Record<string, unknown> }

export const metaToolSpecs: MetaToolSpec[] = [
  {
    name: SEARCH_TOOL,
    description: 'Searches all MCP tools available through MCP Switchboard by keywords (matched against tool names, servers and descriptions). '
      + 'Only some tools are offered directly because there are more than the per-request limit; use this to find others, then enable them with '
      + `${ENABLE_TOOL}. Returns qualified tool names, descriptions and input schemas.`,
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Keywords, e.g. "github issue create".' },
        limit: { type: 'number', description: 'Maximum results (default 20).' },
      },
      required: ['query'],
    },
  },
  {
    name: ENABLE_TOOL,
    description: 'Makes MCP tools found with mcpsb_search_tools callable from the next step on. Pass their qualified names.',
    inputSchema: {
      type: 'object',
      properties: { names: { type: 'array', items: { type: 'string' }, description: 'Qualified tool names (server__tool).' } },
      required: ['names'],
    },
  },
];

/** Lower-case word tokens of a text, split on non-alphanumerics; camelCase words also give their parts. */
export function tokenize(text: string): string[] {
  const out = new Set<string>();
  for (const word of text.split(/[^A-Za-z0-9]+/)) {
    if (!word) continue;
    out.add(word.toLowerCase());
    const parts = word.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ');
    if (parts.length > 1) for (const p of parts) out.add(p);
  }
  return [...out].filter(t => t.length > 1 || /\d/.test(t));
}

const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'to', 'of', 'a', 'an', 'in', 'on', 'is', 'it', 'me', 'my', 'please', 'use', 'call', 'tool', 'tools', 'mcp', 'can', 'you', 'what', 'this', 'that', 'from', 'by', 'or', 'be', 'do']);

/** Relevance of a tool to a query: exact qualified-name hits first, then name tokens, then description tokens. */
export function scoreTool(t: QualifiedTool, queryTokens: string[], rawQuery = ''): number {
  if (!queryTokens.length && !rawQuery) return 0;
  const q = rawQuery.toLowerCase();
  let score = 0;
  if (q && (q.includes(t.qualifiedName.toLowerCase()) || new RegExp(`(^|[^a-z0-9_])${escapeRe(t.tool.name.toLowerCase())}($|[^a-z0-9_])`).test(q))) score += 100;
  const nameTokens = new Set([...tokenize(t.tool.name), ...tokenize(t.tool.title ?? '')]);
  const serverTokens = new Set(tokenize(t.server));
  const descTokens = new Set(tokenize(t.tool.description ?? ''));
  for (const tok of queryTokens) {
    if (STOP_WORDS.has(tok)) continue;
    if (nameTokens.has(tok)) score += 10;
    else if ([...nameTokens].some(n => n.startsWith(tok) && tok.length >= 3)) score += 5;
    if (serverTokens.has(tok)) score += 3;
    if (descTokens.has(tok)) score += 2;
  }
  return score;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Tools ranked by relevance to `query` (ties keep catalog order); only those with a positive score. */
export function searchTools(tools: readonly QualifiedTool[], query: string, limit = 20): QualifiedTool[] {
  const tokens = tokenize(query);
  return tools
    .map((t, i) => ({ t, i, s: scoreTool(t, tokens, query) }))
    .filter(x => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, Math.max(0, limit))
    .map(x => x.t);
}

/** `#name` tokens of a prompt that name a server; case-insensitive. */
export function mentionedServers(prompt: string, servers: readonly string[]): string[] {
  const found: string[] = [];
  const re = /(?:^|\s)#([\w.@/-]+)/g;
  for (let m = re.exec(prompt); m; m = re.exec(prompt)) {
    const word = m[1].replace(/[.,;:!?]+$/, '').toLowerCase();
    const hit = servers.find(s => s.toLowerCase() === word);
    if (hit && !found.includes(hit)) found.push(hit);
  }
  return found;
}

export interface SelectionInput {
  /** Enabled tools of all servers, in catalog order. */
  tools: readonly QualifiedTool[];
  /** Maximum tools per request, including meta-tools. */
  cap: number;
  prompt: string;
  /** Servers the user named with `#server`; empty: all. */
  servers?: readonly string[];
  /** Qualified names the model enabled with mcpsb_enable_tools (most recent last). */
  enabled?: readonly string[];
}

export interface Selection {
  /** The MCP tools to offer. */
  tools: QualifiedTool[];
  /** Whether the meta-tools are offered too (when the cap forced a choice, or `#server` narrowed the tools). */
  withMetaTools: boolean;
  /** Tools in scope (after `#server` narrowing). */
  available: number;
  /** Tools in scope that are not offered directly. */
  omitted: number;
  /** The servers the prompt narrowed to, if any. */
  servers: string[];
}

export function selectTools({ tools, cap, prompt, servers = [], enabled = [] }: SelectionInput): Selection {
  const limit = Math.max(META_TOOLS.length + 1, Math.floor(cap) || 0);
  const scope = servers.length ? tools.filter(t => servers.includes(t.server)) : [...tools];
  const byName = new Map(tools.map(t => [t.qualifiedName, t]));
  if (scope.length <= limit) {
    if (!servers.length || scope.length === tools.length) return { tools: scope, withMetaTools: false, available: scope.length, omitted: 0, servers: [...servers] };
    // Narrowed by #server and it fits: those tools, the ones the model enabled, and the search to reach the rest.
    const room = limit - META_TOOLS.length;
    const chosen = scope.slice(0, room);
    for (const name of [...enabled].reverse()) {
      const t = byName.get(name);
      if (t && chosen.length < room && !chosen.includes(t)) chosen.push(t);
    }
    return { tools: chosen, withMetaTools: true, available: scope.length, omitted: scope.length - chosen.filter(t => scope.includes(t)).length, servers: [...servers] };
  }

  const room = limit - META_TOOLS.length;
  const chosen: QualifiedTool[] = [];
  const seen = new Set<string>();
  // Enabled tools first, most recent first (so the newest survive when the model enabled more than fits).
  for (const name of [...enabled].reverse()) {
    const t = byName.get(name);
    if (t && !seen.has(name) && chosen.length < room) { chosen.push(t); seen.add(name); }
  }
  for (const t of searchTools(scope, prompt, room)) {
    if (chosen.length >= room) break;
    if (!seen.has(t.qualifiedName)) { chosen.push(t); seen.add(t.qualifiedName); }
  }
  // Fill what is left in catalog order, so small prompts still see a useful default set.
  for (const t of scope) {
    if (chosen.length >= room) break;
    if (!seen.has(t.qualifiedName)) { chosen.push(t); seen.add(t.qualifiedName); }
  }
  const inScope = chosen.filter(t => scope.includes(t)).length;
  return { tools: chosen, withMetaTools: true, available: scope.length, omitted: scope.length - inScope, servers: [...servers] };
}

/** The cap to apply: the setting, lowered to the model's own limit when it reports one. */
export function effectiveCap(setting: number, modelLimit: boolean | number | undefined): number {
  const s = Number.isFinite(setting) && setting > 0 ? Math.floor(setting) : 128;
  return typeof modelLimit === 'number' && modelLimit > 0 ? Math.min(s, Math.floor(modelLimit)) : s;
}

/** Tools matching a filter: keyword-ranked matches first, then plain substring matches of name and description. */
export function filterTools(tools: readonly QualifiedTool[], filter: string): QualifiedTool[] {
  const f = filter.trim();
  if (!f) return [...tools];
  const needle = f.toLowerCase();
  const ranked = searchTools(tools, f, tools.length);
  const seen = new Set(ranked);
  return [...ranked, ...tools.filter(t => !seen.has(t) && `${t.qualifiedName} ${t.tool.description ?? ''}`.toLowerCase().includes(needle))];
}
