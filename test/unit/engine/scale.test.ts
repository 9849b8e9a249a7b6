import * as assert from 'node:assert/strict';
import { stdioCommand, isAlive } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine } from './helpers';

describe('engine at scale', function () {
  this.timeout(60_000);
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('follows nextCursor through every page of a paginated tool list', async () => {
    engine = testEngine();
    await engine.apply([entry('many', { type: 'stdio', ...stdioCommand('many-tools.mjs', '--count', '2500', '--page-size', '1000') })]);
    await engine.whenStarted();
    const tools = engine.get('many')!.catalog.tools;
    assert.equal(tools.length, 2500);
    assert.equal(new Set(tools.map(t => t.name)).size, 2500);
    assert.ok(engine.traffic.records({ server: 'many' }).filter(r => r.method === 'tools/list' && r.kind === 'request').length >= 3);
  });

  it('lists 10,000 tools with output schemas, and validates a call against its tool\'s schema', async () => {
    engine = testEngine();
    await engine.apply([entry('many', { type: 'stdio', ...stdioCommand('many-tools.mjs', '--count', '10000') })]);
    await engine.whenStarted();
    const tools = engine.get('many')!.catalog.tools;
    assert.equal(tools.length, 10_000);
    assert.ok(tools.every(t => t.outputSchema));
    const names = new Set(engine.tools().map(t => t.qualifiedName));
    assert.equal(names.size, 10_000, 'qualified names are unique');
    const first = tools[0];
    const r = await engine.callTool('many', first.name, {});
    assert.ok(Array.isArray(r.content));
    assert.equal(r.outputSchemaErrors, undefined, JSON.stringify(r));
  });

  it('starts 20 stdio servers together and stops them all', async () => {
    engine = testEngine();
    const entries = Array.from({ length: 20 }, (_, i) => entry(`s${i}`, { type: 'stdio', ...stdioCommand('echo.mjs') }));
    await engine.apply(entries);
    await engine.whenStarted();
    assert.ok(engine.list().every(s => s.state.kind === 'running'));
    const pids = engine.list().map(s => s.info!.pid!);
    await engine.dispose();
    assert.ok(pids.every(p => !isAlive(p)));
  });
});
