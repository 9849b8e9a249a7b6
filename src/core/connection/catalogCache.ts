import type { Disposable } from '../events';
import type { LogLevel } from '../logger';
import { emptyCatalog, type CacheHint, type Catalog, type CatalogListKind, type ListFreshness } from './catalog';
import { freshnessOf, isExpired, listKinds, minUseRefetchMs } from './catalogFreshness';
import { CatalogLimitError, defaultCatalogLimits, type CatalogLimits } from './catalogLimits';
import { validateTools } from './toolValidation';
import { contentHash } from './contentHash';
import type { McpSession } from './session';

type ListKind = CatalogListKind;
const notificationKinds: Record<string, ListKind> = {
  'notifications/tools/list_changed': 'tools',
  'notifications/resources/list_changed': 'resources',
  'notifications/prompts/list_changed': 'prompts',
};

/**
 * A server's tools, resources, templates and prompts: refreshed on connect, on list_changed (debounced), on a TTL, and
 * on use once the lifetime the server gave a list (2026-07-28 `ttlMs`) ran out; a change fires only when the content
 * really changed.
 */
export class CatalogCache implements Disposable {
  catalog: Catalog = emptyCatalog();
  private hashes: Partial<Record<ListKind, string>> = {};
  /** The refresh (by start order) whose answer each list currently shows. */
  private shownFrom: Partial<Record<ListKind, number>> = {};
  private generation = 0;
  private pending = new Set<ListKind>();
  private debounce?: NodeJS.Timeout;
  /** The refetch that uses of stale lists currently wait for, and when each list was last refetched for a use. */
  private useRefresh?: Promise<void>;
  private usedAt: Partial<Record<ListKind, number>> = {};

  constructor(
    private readonly debounceMs: number, private readonly onChange: () => void, private readonly log: (level: LogLevel, m: string) => void,
    private readonly limits: CatalogLimits = defaultCatalogLimits, private readonly now: () => number = Date.now,
  ) {}

  /**
   * Fetches the lists of `kinds` within the deadline. A list that fails keeps its last good items and is recorded in
   * `listErrors` (so the tree and the CLI show an error, not an empty list); the first failure is also thrown.
   */
  async refresh(session: McpSession, kinds: readonly ListKind[] = ['tools', 'resources', 'prompts']): Promise<void> {
    // A refresh that answers after a newer one already did must not overwrite the newer lists with older ones.
    const mine = ++this.generation;
    const next: Catalog = { ...this.catalog, listErrors: { ...this.catalog.listErrors } };
    const errors = next.listErrors!;
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(new CatalogLimitError(`Listing took longer than ${this.limits.deadlineMs} ms: stopped; the list is incomplete`)), this.limits.deadlineMs);
    deadline.unref?.();
    const hints: Record<ListKind, CacheHint[]> = { tools: [], resources: [], prompts: [] };
    const opts = (kind: ListKind) => ({ signal: abort.signal, onCacheHint: (h: CacheHint) => { hints[kind].push(h); } });
    const tasks: Promise<void>[] = [];
    const taskKinds: ListKind[] = [];
    const track = (kind: ListKind, work: Promise<void>) => { taskKinds.push(kind); return work.then(() => { delete errors[kind]; }); };
    if (kinds.includes('tools')) {
      tasks.push(track('tools', session.listTools(opts('tools')).then(listed => {
        const { tools, invalid } = validateTools(listed);
        next.tools = tools;
        next.invalidTools = invalid.length ? invalid : undefined;
      })));
    }
    if (kinds.includes('resources')) {
      tasks.push(track('resources', Promise.all([session.listResources(opts('resources')), session.listResourceTemplates(opts('resources'))]).then(([r, t]) => { next.resources = r; next.resourceTemplates = t; })));
    }
    if (kinds.includes('prompts')) tasks.push(track('prompts', session.listPrompts(opts('prompts')).then(p => { next.prompts = p; })));
    const results = await Promise.allSettled(tasks).finally(() => clearTimeout(deadline));
    let failure: Error | undefined;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      const kind = taskKinds[i];
      const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : r.reason as Error;
      errors[kind] = `${kind}/list failed: ${reason?.message ?? String(reason)}`;
      failure ??= new Error(errors[kind]);
    });
    // Start from the catalog as it is now (another refresh may have changed other lists meanwhile) and take this
    // refresh's lists only where no newer refresh has answered yet.
    const result: Catalog = { ...this.catalog, listErrors: { ...this.catalog.listErrors }, freshness: { ...this.catalog.freshness } };
    const receivedAt = this.now();
    let changed = false;
    for (const kind of kinds) {
      if ((this.shownFrom[kind] ?? 0) > mine) continue;
      this.shownFrom[kind] = mine;
      if (kind === 'resources') { result.resources = next.resources; result.resourceTemplates = next.resourceTemplates; }
      else if (kind === 'tools') { result.tools = next.tools; result.invalidTools = next.invalidTools; }
      else result.prompts = next.prompts;
      if (errors[kind]) result.listErrors![kind] = errors[kind]; else delete result.listErrors![kind];
      setFreshness(result, kind, errors[kind] ? staleAfterFailure(result.freshness![kind], receivedAt) : freshnessOf(hints[kind], receivedAt));
      const value = kind === 'resources' ? [result.resources, result.resourceTemplates] : kind === 'tools' ? [result.tools, result.invalidTools] : result[kind];
      const hash = contentHash([value, errors[kind]]);
      if (hash !== this.hashes[kind]) { this.hashes[kind] = hash; changed = true; }
    }
    if (!Object.keys(result.listErrors!).length) delete result.listErrors;
    if (!Object.keys(result.freshness!).length) delete result.freshness;
    result.fetchedAt = Date.now();
    this.catalog = result;
    if (changed) this.onChange();
    if (failure) throw failure;
  }

  /**
   * Refetches the lists whose server-given lifetime ran out, for a use that wants current lists (the gateway's list
   * requests, a chat request). Uses during a refetch share it; failures keep the last good lists (and their error).
   */
  refreshExpired(session: McpSession): Promise<void> {
    if (this.useRefresh) return this.useRefresh;
    const now = this.now();
    const kinds = listKinds.filter(k => isExpired(this.catalog.freshness?.[k], now) && now - (this.usedAt[k] ?? -Infinity) >= minUseRefetchMs);
    if (!kinds.length) return Promise.resolve();
    for (const k of kinds) this.usedAt[k] = now;
    const refetch = this.refresh(session, kinds).catch(e => this.log('debug', `Refetching stale ${kinds.join(', ')} failed: ${(e as Error).message}`));
    this.useRefresh = refetch.finally(() => { this.useRefresh = undefined; });
    return this.useRefresh;
  }

  /** The credentials changed: private lists belong to the old ones and must not be served under the new ones. */
  forgetPrivate(): void {
    const privateKinds = listKinds.filter(k => this.catalog.freshness?.[k]?.scope === 'private');
    if (!privateKinds.length) return;
    const next: Catalog = { ...this.catalog, freshness: { ...this.catalog.freshness } };
    for (const kind of privateKinds) {
      if (kind === 'tools') { next.tools = []; next.invalidTools = undefined; }
      else if (kind === 'resources') { next.resources = []; next.resourceTemplates = []; }
      else next.prompts = [];
      delete next.freshness![kind];
      delete this.hashes[kind];
    }
    this.catalog = next;
    this.onChange();
  }

  onNotification(method: string, session: McpSession): void {
    const kind = notificationKinds[method];
    if (!kind) return;
    this.pending.add(kind);
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      const kinds = [...this.pending];
      this.pending.clear();
      this.refresh(session, kinds).catch(e => this.log('warn', `Refreshing ${kinds.join(', ')} after list_changed failed: ${(e as Error).message}`));
    }, this.debounceMs);
    this.debounce.unref?.();
  }

  /** Safety net for servers that never send list_changed. */
  startTtl(ttlMs: number, currentSession: () => McpSession | undefined): Disposable {
    if (!ttlMs) return { dispose() {} };
    const timer = setInterval(() => {
      const s = currentSession();
      if (s) this.refresh(s).catch(e => this.log('debug', `TTL refresh failed: ${(e as Error).message}`));
    }, ttlMs);
    timer.unref?.();
    return { dispose: () => clearInterval(timer) };
  }

  clear(): void { this.catalog = emptyCatalog(); this.hashes = {}; this.shownFrom = {}; this.usedAt = {}; }

  dispose(): void { if (this.debounce) clearTimeout(this.debounce); }
}

function setFreshness(catalog: Catalog, kind: ListKind, freshness: ListFreshness | undefined): void {
  if (freshness) catalog.freshness![kind] = freshness; else delete catalog.freshness![kind];
}

/** A hinted list whose refetch failed stays stale, so the next use tries again; an unhinted one stays unhinted. */
function staleAfterFailure(previous: ListFreshness | undefined, now: number): ListFreshness | undefined {
  return previous && { ...previous, expiresAt: Math.min(previous.expiresAt, now) };
}
