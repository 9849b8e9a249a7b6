import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/connection/engine';
import { ResourceSubscriptions } from '../../../src/core/resources/resourceSubscriptions';
import { startHttpFixture, stdioCommand, type HttpFixture } from '../../fixtures/servers';
import { entry, testEngine, waitForCatalog } from '../engine/helpers';
import { payloadOf } from '../../../src/shared/traffic';

const everything = { type: 'stdio' as const, command: process.execPath, args: [join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js'), 'stdio'] };

function nextUpdate(subs: ResourceSubscriptions, timeoutMs = 15_000): Promise<{ server: string; uri: string }> {
  return new Promise((resolve, reject) => {
    const sub = subs.onDidUpdate(e => { sub.dispose(); clearTimeout(t); resolve(e); });
    const t = setTimeout(() => { sub.dispose(); reject(new Error('no notifications/resources/updated arrived')); }, timeoutMs);
  });
}

/** Resolves once the traffic holds an answered request for `method`. */
function answered(engine: Engine, method: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => engine.traffic.records().some(r => r.method === method && r.kind === 'response');
    if (check()) { resolve(); return; }
    const sub = engine.traffic.onDidAppend(() => { if (check()) { sub.dispose(); clearTimeout(t); resolve(); } });
    const t = setTimeout(() => { sub.dispose(); reject(new Error(`${method} was not answered`)); }, timeoutMs);
  });
}

describe('resource subscriptions through the engine', function () {
  this.timeout(60_000);
  let engine: Engine;
  let subs: ResourceSubscriptions | undefined;
  let http: HttpFixture | undefined;
  afterEach(async () => {
    subs?.dispose();
    subs = undefined;
    await engine?.dispose();
    await http?.close();
    http = undefined;
  });

  it('server-everything (2025-11-25): subscribe, an update reaches the watcher, closing unsubscribes', async () => {
    engine = testEngine();
    await engine.apply([entry('everything', everything)]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'everything', s => s.catalog.resources.length > 0, 'resources listed');
    subs = new ResourceSubscriptions(engine);
    assert.equal(subs.supports('everything'), true);
    const uri = engine.get('everything')!.catalog.resources[0].uri;
    const watch = subs.watch('everything', uri);
    await watch.ready;
    await answered(engine, 'resources/subscribe');
    const update = nextUpdate(subs);
    await engine.callTool('everything', 'toggle-subscriber-updates', {});
    assert.deepEqual(await update, { server: 'everything', uri });
    watch.dispose();
    await answered(engine, 'resources/unsubscribe');
    assert.equal(subs.isWatched('everything', uri), false);
  });

  it('a server that restarts is subscribed again (the new session forgot the subscription)', async () => {
    engine = testEngine();
    await engine.apply([entry('everything', everything)]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'everything', s => s.catalog.resources.length > 0, 'resources listed');
    subs = new ResourceSubscriptions(engine);
    const uri = engine.get('everything')!.catalog.resources[0].uri;
    await subs.watch('everything', uri).ready;
    const subscribes = () => engine.traffic.records().filter(r => r.method === 'resources/subscribe' && r.kind === 'response').length;
    await answered(engine, 'resources/subscribe');
    assert.equal(subscribes(), 1);
    await engine.restart('everything');
    await new Promise<void>((resolve, reject) => {
      if (subscribes() === 2) { resolve(); return; }
      const sub = engine.traffic.onDidAppend(() => { if (subscribes() === 2) { sub.dispose(); clearTimeout(t); resolve(); } });
      const t = setTimeout(() => { sub.dispose(); reject(new Error(`subscribed ${subscribes()} times`)); }, 15_000);
    });
    const update = nextUpdate(subs);
    await engine.callTool('everything', 'toggle-subscriber-updates', {});
    assert.deepEqual(await update, { server: 'everything', uri });
  });

  it('a server that does not declare resources.subscribe is never asked', async () => {
    engine = testEngine();
    await engine.apply([entry('echo', { type: 'stdio', ...stdioCommand('echo.mjs') })]);
    await engine.whenStarted();
    await waitForCatalog(engine, 'echo', s => s.catalog.resources.length > 0, 'resources listed');
    subs = new ResourceSubscriptions(engine);
    assert.equal(subs.supports('echo'), false);
    const watch = subs.watch('echo', engine.get('echo')!.catalog.resources[0].uri);
    await watch.ready;
    watch.dispose();
    assert.deepEqual(engine.traffic.records().filter(r => /^resources\/(un)?subscribe$/.test(r.method ?? '')), []);
  });

  for (const transport of ['stdio', 'http'] as const) {
    it(`modern fixture (2026-07-28, ${transport}): a subscriptions/listen stream per resource, closed with the document`, async () => {
      engine = testEngine();
      if (transport === 'http') http = await startHttpFixture('modern.mjs', ['--http']);
      const target = transport === 'http' ? { type: 'http' as const, url: `${http!.url}/mcp` } : { type: 'stdio' as const, ...stdioCommand('modern.mjs') };
      await engine.apply([entry('modern', target, { protocolVersion: '2026-07-28' })]);
      await engine.whenStarted();
      assert.equal(engine.get('modern')!.info?.protocolEra, 'modern');
      subs = new ResourceSubscriptions(engine);
      assert.equal(subs.supports('modern'), true);
      const watch = subs.watch('modern', 'modern://readme');
      await watch.ready;
      const listens = () => engine.traffic.records().filter(r => r.method === 'subscriptions/listen' && r.kind === 'request'
        && JSON.stringify(payloadOf(r)).includes('modern://readme')).length;
      assert.equal(listens(), 1, 'one listen stream names the resource');
      const update = nextUpdate(subs);
      await engine.callTool('modern', 'touch_readme', {});
      assert.deepEqual(await update, { server: 'modern', uri: 'modern://readme' });
      const text = (await engine.readResource('modern', 'modern://readme'))[0].text;
      assert.equal(text, 'modern fixture (edit 1)');
      watch.dispose();
      // The stream's close sends notifications/cancelled for the listen request.
      await new Promise<void>((resolve, reject) => {
        const cancelled = () => engine.traffic.records().some(r => r.method === 'notifications/cancelled');
        if (cancelled()) { resolve(); return; }
        const sub = engine.traffic.onDidAppend(() => { if (cancelled()) { sub.dispose(); clearTimeout(t); resolve(); } });
        const t = setTimeout(() => { sub.dispose(); reject(new Error('the listen stream was not cancelled')); }, 10_000);
      });
    });
  }
});
