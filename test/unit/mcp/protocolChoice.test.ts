import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/connection/engine';
import type { ProtocolVersionChoice, ServerEntry } from '../../../src/core/connection/types';
import { withProtocolDefault } from '../../../src/core/config/protocolDefault';
import { stdioCommand } from '../../fixtures/servers/index';
import { entry, testEngine } from '../engine/helpers';

const probes = (engine: Engine, server: string) =>
  engine.traffic.records().filter(r => r.server === server && r.kind === 'request' && r.method === 'server/discover').length;

describe('changing the protocolVersion choice', function () {
  this.timeout(30_000);
  let engine: Engine;
  afterEach(() => engine?.dispose());

  it('restarts only the servers whose effective choice changed, and drops the era they remembered', async () => {
    engine = testEngine();
    const configured: ServerEntry[] = [
      entry('follows', { type: 'stdio', ...stdioCommand('echo.mjs') }),
      entry('own', { type: 'stdio', ...stdioCommand('echo.mjs', '--name', 'own') }, { protocolVersion: 'auto' }),
    ];
    const apply = async (global: ProtocolVersionChoice) => {
      await engine.apply(configured.map(e => withProtocolDefault(e, global)));
      await engine.whenStarted();
    };
    const pid = (server: string) => engine.get(server)!.info!.pid;

    await apply('auto');
    assert.equal(probes(engine, 'follows'), 1, 'auto probes first');
    const [followsPid, ownPid] = [pid('follows'), pid('own')];

    await apply('2025-11-25');
    assert.notEqual(pid('follows'), followsPid, 'the server that follows the global choice restarted');
    assert.equal(pid('own'), ownPid, 'the server with its own choice kept running');
    assert.equal(engine.get('follows')!.info!.protocolVersion, '2025-11-25');
    assert.equal(probes(engine, 'follows'), 1, 'a pinned 2025-11-25 does not probe');

    await apply('auto');
    assert.equal(engine.get('follows')!.state.kind, 'running');
    assert.equal(probes(engine, 'follows'), 2, 'back on auto, the dropped era is probed again instead of remembered');
    assert.equal(pid('own'), ownPid);
  });

  it('leaves servers alone while the global choice stays auto', () => {
    const e = entry('x', { type: 'stdio', command: 'node', args: [] });
    assert.equal(withProtocolDefault(e, 'auto'), e);
    assert.equal(withProtocolDefault(e, '2026-07-28').spec!.options.protocolVersion, '2026-07-28');
    const own = entry('y', { type: 'stdio', command: 'node', args: [] }, { protocolVersion: '2025-11-25' });
    assert.equal(withProtocolDefault(own, '2026-07-28'), own);
  });
});
