import { stableStringify } from '../stableJson';
import type { CacheHint, CatalogListKind, ListFreshness } from './catalog';
import type { ServerSpec } from './types';

/** A stale list is refetched on use at most this often: a burst of uses (a chat round, a gateway client listing) shares one refetch. */
export const minUseRefetchMs = 1_000;

/** The hint of one list result (2026-07-28 `ttlMs` / `cacheScope`); malformed values count as absent. */
export function cacheHintOf(result: Record<string, unknown>): CacheHint {
  const hint: CacheHint = {};
  const { ttlMs, cacheScope } = result;
  if (typeof ttlMs === 'number' && Number.isSafeInteger(ttlMs) && ttlMs >= 0) hint.ttlMs = ttlMs;
  if (cacheScope === 'public' || cacheScope === 'private') hint.cacheScope = cacheScope;
  return hint;
}

/**
 * The freshness of a list from the hints of all its pages (and, for resources, of the templates too): the shortest
 * lifetime wins, one private page makes the list private. Undefined when the server gave no hints at all (the 2025
 * era): such a list keeps the list_changed + periodic refresh rules. A missing ttlMs on a hinted list counts as 0
 * (immediately stale), and a missing cacheScope as private: the spec leaves no safe default for sharing.
 */
export function freshnessOf(hints: readonly CacheHint[], receivedAt: number): ListFreshness | undefined {
  if (!hints.some(h => h.ttlMs !== undefined || h.cacheScope !== undefined)) return undefined;
  const ttlMs = Math.min(...hints.map(h => h.ttlMs ?? 0));
  return { expiresAt: receivedAt + ttlMs, scope: hints.every(h => h.cacheScope === 'public') ? 'public' : 'private' };
}

export function isExpired(freshness: ListFreshness | undefined, now: number): boolean {
  return freshness !== undefined && freshness.expiresAt <= now;
}

/** What a private list is bound to: the credentials the server was reached with (headers, env, secrets). */
export function authorizationContext(spec: ServerSpec | undefined): string {
  if (!spec) return '';
  const t = spec.target;
  return stableStringify(t.type === 'stdio' ? { env: t.env ?? {}, secrets: [...spec.secrets].sort() } : { url: t.url, headers: t.headers ?? {}, secrets: [...spec.secrets].sort() });
}

export const listKinds: readonly CatalogListKind[] = ['tools', 'resources', 'prompts'];
