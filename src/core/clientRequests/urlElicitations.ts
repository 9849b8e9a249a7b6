import type { UrlElicitation } from './types';

/** How many URLs of one -32042 error are presented at most: a hostile server must not queue dialogs without end. */
export const maxUrlElicitations = 5;

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 8192) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The URL elicitations in a -32042 error's `data.elicitations`. Entries that are not URL elicitations with an http(s)
 * URL and an id are dropped: they could not be opened safely or reported as completed.
 */
export function parseUrlElicitations(data: unknown): UrlElicitation[] {
  const list = typeof data === 'object' && data !== null ? (data as { elicitations?: unknown }).elicitations : undefined;
  if (!Array.isArray(list)) return [];
  const out: UrlElicitation[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const e = item as Record<string, unknown>;
    const url = httpUrl(e.url);
    if (e.mode !== 'url' || !url || typeof e.elicitationId !== 'string' || !e.elicitationId) continue;
    out.push({ mode: 'url', url, elicitationId: e.elicitationId.slice(0, 200), message: typeof e.message === 'string' ? e.message.slice(0, 2000) : '' });
    if (out.length === maxUrlElicitations) break;
  }
  return out;
}

/** The origins of the URLs, for messages (the whole URL may carry a one-time token). */
export function originsOf(elicitations: readonly UrlElicitation[]): string {
  return [...new Set(elicitations.map(e => new URL(e.url).origin))].join(', ');
}
