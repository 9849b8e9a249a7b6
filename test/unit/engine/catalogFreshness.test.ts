import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/connection/engine';
import { CatalogCache } from '../../../src/core/connection/catalogCache';
import type { McpSession, RequestOptions } from '../../../src/core/connection/session';
import { stdioCommand } from '../../fixtures/servers/index';
import { entry, testEngine } from './helpers';

const listRequests = (engine: Engine, method: string) => engine.traffic.records().filter(r => r.kind === 'request' && r.method === method).length;

describe('2026-07-28 caching hints (ttlMs / cacheScope) in the catalog cache', function () {
  this.timeout(30_000);
  let engine: Engine;
  let clock = 0;
  afterEach(() => engine?.dispose());

  async function startModern(...flags: string[]): Promise<void> {
    clock = Date.now();
    engine = testEngine({ now: () => clock });
    await engine.apply([entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs', ...flags) })]);
    await engine.whenStarted();
  }

  it('keeps a list for its ttlMs and refetches it on the first use after it expired', async () => {
    await startModern('--list-ttl-ms', '60000', '--cache-scope', 'public');
    const freshness = engine.get('modern')!.catalog.freshness!;
    assert.equal(freshness.tools!.expiresAt, clock + 60_000);
    assert.equal(freshness.tools!.scope, 'public');
    const before = listRequests(engine, 'tools/list');
    await engine.freshCatalog();
    assert.equal(listRequests(engine, 'tools/list'), before, 'a fresh list is used as it is');
    clock += 60_000;
    await engine.freshCatalog();
    assert.equal(listRequests(engine, 'tools/list'), before + 1, 'the expired list was refetched on use');
    assert.equal(listRequests(engine, 'prompts/list'), 2, 'every expired list, prompts too');
    assert.equal(engine.get('modern')!.catalog.freshness!.tools!.expiresAt, clock + 60_000, 'the refetch starts a new lifetime');
  });

  it('treats ttlMs 0 (the SDK default) as stale on every use, with one refetch for a burst of uses', async () => {
    await startModern();
    assert.equal(engine.get('modern')!.catalog.freshness!.tools!.scope, 'private');
    const before = listRequests(engine, 'tools/list');
    await Promise.all([engine.freshCatalog(), engine.freshCatalog(['modern'])]);
    assert.equal(listRequests(engine, 'tools/list'), before + 1, 'concurrent uses shared one refetch');
    await engine.freshCatalog();
    assert.equal(listRequests(engine, 'tools/list'), before + 1, 'not again within a second');
    clock += 1_000;
    await engine.freshCatalog();
    assert.equal(listRequests(engine, 'tools/list'), before + 2);
  });

  it('leaves lists without hints (2025 era) to list_changed and the periodic refresh', async () => {
    clock = Date.now();
    engine = testEngine({ now: () => clock });
    await engine.apply([entry('legacy', { type: 'stdio', ...stdioCommand('echo.mjs') })]);
    await engine.whenStarted();
    assert.equal(engine.get('legacy')!.catalog.freshness, undefined);
    const before = listRequests(engine, 'tools/list');
    clock += 3_600_000;
    await engine.freshCatalog();
    assert.equal(listRequests(engine, 'tools/list'), before);
  });

  it('drops private lists when the credentials change, keeps public ones', async () => {
    const hinted = (scope: 'public' | 'private') => (opts?: RequestOptions) => { opts?.onCacheHint?.({ ttlMs: 1000, cacheScope: scope }); return Promise.resolve([{ name: `${scope}-item` }]); };
    const session = {
      listTools: (o?: RequestOptions) => hinted('private')(o).then(() => [{ name: 'private_tool', inputSchema: { type: 'object' } }]),
      listResources: (o?: RequestOptions) => hinted('public')(o).then(() => [{ uri: 'x://public', name: 'public' }]),
      listResourceTemplates: async () => [],
      listPrompts: hinted('private'),
    } as unknown as McpSession;
    let changes = 0;
    const cache = new CatalogCache(0, () => changes++, () => {});
    await cache.refresh(session);
    assert.equal(cache.catalog.tools.length, 1);
    changes = 0;
    cache.forgetPrivate();
    assert.deepEqual(cache.catalog.tools, []);
    assert.deepEqual(cache.catalog.prompts, []);
    assert.deepEqual(cache.catalog.resources.map(r => r.uri), ['x://public']);
    assert.equal(changes, 1);
    cache.dispose();
  });

  it('a server whose credentials change loses its private lists at once, before its restart lists them again', async () => {
    await startModern();
    const configured = entry('modern', { type: 'stdio', ...stdioCommand('modern.mjs'), env: { API_TOKEN: 'one' } }, {}, ['one']);
    await engine.apply([configured]);
    await engine.whenStarted();
    assert.ok(engine.get('modern')!.catalog.tools.length > 0);
    let emptied = false;
    const sub = engine.onDidChangeCatalog(() => { if (engine.get('modern')!.catalog.tools.length === 0) emptied = true; });
    const target = { ...configured.spec!.target, env: { API_TOKEN: 'two' } } as NonNullable<typeof configured.spec>["target"];
    await engine.apply([entry('modern', target, {}, ['two'])]);
    await engine.whenStarted();
    sub.dispose();
    assert.ok(emptied, 'the private tools of the old credentials were dropped');
    assert.ok(engine.get('modern')!.catalog.tools.length > 0, 'and listed again under the new ones');
  });
});
