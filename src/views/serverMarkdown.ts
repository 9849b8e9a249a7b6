import { pathToFileURL } from 'node:url';
import type { ServerSnapshot } from '../core/engineApi';
import type { ServerStats } from '../core/metrics/metricsRegistry';
import type { ProtocolEra } from '../core/connection/session';
import { assertNever } from '../shared/assertNever';
import { describeState, isConnected, type ConnectionState } from '../core/connection/state';
import { redactCommandLine } from '../core/traffic/redact';
import { formatTokens, type TokenCount } from '../core/tokens/definitionTokens';
import { formatMs } from '../shared/durationFormat';
import { codeBlock, escapeMarkdown, formatDuration, inlineCode, truncate } from './markdown';

/** A few words for the state, for descriptions and QuickPicks. */
export function shortState(s: ConnectionState): string {
  switch (s.kind) {
    case 'running': return 'running';
    case 'starting': return s.attempt > 1 ? `starting (attempt ${s.attempt})` : 'starting';
    case 'degraded': return 'degraded';
    case 'waiting-to-retry': return `retrying (attempt ${s.attempt + 1})`;
    case 'error': return 'error';
    case 'stopped': return 'stopped';
    case 'disabled': return 'disabled';
    case 'blocked': switch (s.blockedBy) {
      case 'untrusted': return 'untrusted workspace';
      case 'needs-consent': return 'needs your approval';
      case 'needs-input': return 'needs input';
      case 'config-error': return 'configuration error';
      case 'run-by-vscode': return 'run by VS Code';
      default: return assertNever(s.blockedBy);
    }
    default: return assertNever(s);
  }
}

export function transportOf(snap: ServerSnapshot): string {
  return snap.info?.transport ?? snap.spec?.target.type ?? '';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Transport, tool count with what their definitions cost per chat request, and the p50 of the user's calls (pings and
 * list refreshes excluded), e.g. `stdio · 5 tools (~1.2k tok) · p50 3 ms`; other states lead with the state, e.g.
 * `error · stdio` (the reason is the problem child and the tooltip).
 */
export function serverDescription(snap: ServerSnapshot, stats: Pick<ServerStats, 'calls' | 'p50'> | undefined, tokens?: TokenCount): string {
  const parts: string[] = [];
  if (snap.state.kind !== 'running') parts.push(shortState(snap.state));
  const transport = transportOf(snap);
  if (transport) parts.push(transport);
  // The 2026 era is still new: worth a word in the row; 2025 is what every server spoke so far.
  if (snap.info?.protocolEra === 'modern') parts.push(snap.info.protocolVersion);
  const tools = snap.catalog.tools.length;
  // Connected but not listed yet: no count rather than a "0 tools" that the first list then contradicts.
  if (tools || (snap.catalog.fetchedAt && isConnected(snap.state))) parts.push(`${plural(tools, 'tool')}${tools && tokens?.tokens ? ` (${formatTokens(tokens, true)})` : ''}`);
  if (stats && stats.calls > 0) parts.push(`p50 ${formatLatency(stats.p50)}`);
  return parts.join(' · ');
}

function eraWords(era: ProtocolEra | undefined): string {
  return era === 'modern' ? '2026 era: stateless, server/discover' : '2025 era: initialize, sessions';
}

/** The inspector's duration format, so the tree and the inspector read the same. */
export function formatLatency(ms: number): string {
  return formatMs(ms);
}

/** The command line or URL, with secrets (known values, secret-looking flags and env, URL passwords) redacted. */
export function redactedTarget(snap: ServerSnapshot): string | undefined {
  const spec = snap.spec;
  if (!spec) return undefined;
  const t = spec.target;
  if (t.type !== 'stdio') return redactCommandLine([t.url], spec.secrets)[0];
  const quote = (a: string) => (/^[\w@%+=:,./«»-]+$/.test(a) ? a : JSON.stringify(a));
  return redactCommandLine([t.command, ...t.args], spec.secrets).map(quote).join(' ');
}

/** The server tooltip: identity, state, protocol, source, uptime, last error, command line or URL, stats of the user's calls. */
export function serverTooltipMarkdown(snap: ServerSnapshot, stats: ServerStats | undefined, now = Date.now(), tokens?: TokenCount): string {
  const parts: string[] = [];
  const s = snap.state;
  parts.push(`**${escapeMarkdown(snap.name)}** — ${escapeMarkdown(shortState(s))}`);
  const detail = describeState(s);
  if (s.kind !== 'running' && detail.toLowerCase() !== shortState(s)) parts.push(escapeMarkdown(truncate(detail, 800)));
  if (s.kind === 'error' && s.hint) parts.push(`_${escapeMarkdown(s.hint)}_`);

  const facts: string[] = [];
  const info = snap.info;
  if (info) {
    const server = info.serverInfo;
    facts.push(`Server: ${escapeMarkdown(server.title ?? server.name)} ${inlineCode(server.version)}${server.title && server.title !== server.name ? ` (${inlineCode(server.name)})` : ''}`);
    facts.push(`Protocol: ${inlineCode(info.protocolVersion)} (${eraWords(info.protocolEra)}) over ${info.transport}${info.pid ? ` (pid ${info.pid})` : ''}`);
  } else if (snap.spec) {
    facts.push(`Transport: ${snap.spec.target.type}`);
  }
  if (snap.connectedAt && isConnected(s)) facts.push(`Up for ${formatDuration(now - snap.connectedAt)}`);
  const c = snap.catalog;
  if (c.fetchedAt) facts.push(`${plural(c.tools.length, 'tool')}, ${plural(c.resources.length, 'resource')}, ${plural(c.resourceTemplates.length, 'template')}, ${plural(c.prompts.length, 'prompt')}`);
  if (tokens?.tokens) facts.push(`Tool definitions: ${formatTokens(tokens)} in every chat request that offers them`);
  if (stats && stats.calls > 0) {
    facts.push(`${plural(stats.calls, 'call')}, ${plural(stats.errors + stats.timeouts, 'failure')}; p50 ${formatLatency(stats.p50)}, p95 ${formatLatency(stats.p95)} (pings and list refreshes not counted)`);
  }
  facts.push(s.kind === 'blocked' && s.blockedBy === 'run-by-vscode' ? 'Run by: VS Code’s own MCP client' : 'Run by: MCP Switchboard');
  const origin = snap.origin ?? snap.spec?.origin;
  if (origin?.file) {
    const line = origin.line !== undefined ? origin.line + 1 : undefined;
    const href = `${pathToFileURL(origin.file).href}${line ? `#L${line}` : ''}`;
    facts.push(`Source: [${escapeMarkdown(origin.label ? `${origin.label} — ` : '')}${escapeMarkdown(origin.file)}${line ? `:${line}` : ''}](${href})`);
  } else if (origin?.label) {
    facts.push(`Source: ${escapeMarkdown(origin.label)}`);
  }
  if (snap.lastError) facts.push(`Last error (${formatDuration(Math.max(0, now - snap.lastError.at))} ago): ${escapeMarkdown(truncate(snap.lastError.message.split('\n')[0], 300))}`);
  if (facts.length) parts.push(facts.map(f => `- ${f}`).join('\n'));

  const target = redactedTarget(snap);
  if (target) parts.push(codeBlock(truncate(target, 2000), snap.spec?.target.type === 'stdio' ? 'sh' : ''));
  if (info?.instructions) parts.push(`_Instructions:_ ${escapeMarkdown(truncate(info.instructions, 500))}`);
  return parts.join('\n\n');
}
