import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixturePath, stdioCommand } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine } from './helpers';

const hostile = (...args: string[]) => ({ type: 'stdio' as const, ...stdioCommand('hostile.mjs', ...args) });

describe('catalog of a hostile server', () => {
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('keeps the valid tools when one tool has an invalid inputSchema, and shows that tool with its reason', async () => {
    engine = testEngine();
    await engine.apply([entry('h', hostile('--invalid-schema-tool'))]);
    await engine.whenStarted();
    const snap = engine.get('h')!;
    assert.equal(snap.state.kind, 'running');
    assert.deepEqual(snap.catalog.tools.map(t => t.name), ['echo', 'oversized', 'deep', 'crash']);
    assert.deepEqual(snap.catalog.invalidTools, [{ name: 'broken', reason: '"inputSchema" must be a JSON Schema object' }]);
    assert.equal(snap.catalog.listErrors, undefined);
    assert.deepEqual((await engine.callTool('h', 'echo', { text: 'still here' })).content, [{ type: 'text', text: 'still here' }]);
  });

  it('offers the first of two tools with the same name and reports the second as a duplicate', async () => {
    engine = testEngine();
    await engine.apply([entry('h', hostile('--duplicate-tools'))]);
    await engine.whenStarted();
    const snap = engine.get('h')!;
    assert.equal(snap.catalog.tools.filter(t => t.name === 'echo').length, 1);
    assert.equal(snap.catalog.tools.find(t => t.name === 'echo')!.description, 'Echoes the text back');
    assert.equal(engine.tools().filter(t => t.qualifiedName === 'h__echo').length, 1);
    assert.equal(snap.catalog.invalidTools?.length, 1);
    assert.match(snap.catalog.invalidTools![0].reason, /duplicate name.*more than one tool named "echo"/);
  });

  it('stops endless pagination at the page cap with a clear error instead of listing forever', async () => {
    engine = testEngine();
    await engine.apply([entry('h', hostile('--endless-pages'), { timeoutMs: 120_000 })]);
    await engine.whenStarted();
    const snap = engine.get('h')!;
    assert.equal(snap.state.kind, 'running');
    assert.match(snap.catalog.listErrors?.tools ?? '', /^tools\/list failed: Server kept paginating: stopped after 1000 pages \(1000 items\)/);
  });

  it('a tools/list that times out is an error, not an empty list', async () => {
    engine = testEngine();
    await engine.apply([entry('h', hostile('--list-hang'), { timeoutMs: 400 })]);
    await engine.whenStarted();
    const snap = engine.get('h')!;
    assert.deepEqual(snap.catalog.tools, []);
    assert.match(snap.catalog.listErrors?.tools ?? '', /^tools\/list failed: .*timed out/i);
  });

  it('a catalog refresh has a deadline even when each request may take longer', async () => {
    engine = testEngine({ catalogDeadlineMs: 300 });
    await engine.apply([entry('h', hostile('--list-hang'), { timeoutMs: 60_000 })]);
    await engine.whenStarted();
    assert.match(engine.get('h')!.catalog.listErrors?.tools ?? '', /Listing took longer than 300 ms/);
  });

  it('the CLI prints the valid tools and exits non-zero with the invalid tool and a failed list on stderr', function () {
    this.timeout(60_000);
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli.ts'), ...args], { encoding: 'utf8', timeout: 30_000 });
    const invalid = cli('tools', '--', process.execPath, fixturePath('hostile.mjs'), '--invalid-schema-tool');
    assert.equal(invalid.status, 1, invalid.stderr);
    assert.ok((JSON.parse(invalid.stdout) as Array<{ name: string }>).some(t => t.name === 'echo'));
    assert.match(invalid.stderr, /tool "broken" is invalid and not offered: "inputSchema" must be a JSON Schema object/);
    const hung = cli('tools', '--timeout', '500', '--', process.execPath, fixturePath('hostile.mjs'), '--list-hang');
    assert.equal(hung.status, 1, hung.stderr);
    assert.match(hung.stderr, /tools\/list failed/);
  });
});
