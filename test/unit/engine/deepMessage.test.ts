import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixturePath, stdioCommand } from '../../fixtures/servers/index';
import type { Engine } from '../../../src/core/connection/engine';
import { encodeRecords } from '../../../src/shared/inspectorProtocol';
import { toHar, toJsonl } from '../../../src/inspector/exportFormats';
import { stringifySafely } from '../../../src/shared/safeJson';
import { entry, testEngine } from './helpers';

describe('a message nested 6,000 levels deep', () => {
  let engine: Engine;
  afterEach(async () => { await engine?.dispose(); });

  it('is recorded as a truncated preview, and encoding, export and output substitute a placeholder instead of throwing', async () => {
    engine = testEngine();
    await engine.apply([entry('h', { type: 'stdio', ...stdioCommand('hostile.mjs') })]);
    await engine.whenStarted();
    const result = await engine.callTool('h', 'deep', { depth: 6000 });
    assert.deepEqual(result.content, [{ type: 'text', text: 'nested 6000' }]);
    engine.traffic.flush();
    const response = engine.traffic.records({ server: 'h' }).find(r => r.kind === 'response' && r.tool === 'deep')!;
    assert.equal(response.truncated, true);
    assert.equal(response.payload, undefined);
    assert.match(response.text!, /nested deeper than 256 levels: not stored/);

    const records = engine.traffic.records();
    assert.ok(Array.isArray(JSON.parse(encodeRecords(records))));
    assert.ok(toJsonl(records).length > 0);
    assert.ok(toHar(records).log.entries.length > 0);
    assert.match(stringifySafely(result, 2), /nested deeper than 64 levels: not shown/);
  });

  it('the CLI prints the result with a placeholder and exits 0', function () {
    this.timeout(60_000);
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli.ts'), 'call', 'deep', '--args', '{"depth":6000}', '--', process.execPath, fixturePath('hostile.mjs')], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /nested deeper than 64 levels: not shown/);
  });
});
