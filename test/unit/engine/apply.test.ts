import * as assert from 'node:assert/strict';
import { defaultServerOptions, type ServerEntry } from '../../../src/core/connection/types';
import { entryKey } from '../../../src/core/connection/entryKey';
import { entry, testEngine, waitForState } from './helpers';

function stdio(name: string, command: string, extra: Partial<NonNullable<ServerEntry['spec']>> = {}, line = 1): ServerEntry {
  const origin = { kind: 'workspace' as const, file: '/p/.vscode/mcp.json', line, column: 4 };
  // autoStart off: these tests look at the diff, no process is spawned.
  return { name, origin, spec: { name, target: { type: 'stdio', command, args: [] }, options: { ...defaultServerOptions, autoStart: false }, secrets: [], origin, ...extra } };
}

describe('engine apply: what a reload restarts', () => {
  it('splits entries into added, removed, changed and unchanged by name and content', async () => {
    const engine = testEngine();
    await engine.apply([stdio('keep', 'a'), stdio('change', 'b'), stdio('gone', 'c')]);
    const diff = await engine.apply([stdio('keep', 'a'), stdio('change', 'b2'), stdio('new', 'd')]);
    assert.deepEqual(diff, { added: ['new'], removed: ['gone'], changed: ['change'], unchanged: ['keep'] });
    await engine.dispose();
  });

  it('ignores a moved origin (line edits above a server do not restart it) and key order', async () => {
    const engine = testEngine();
    await engine.apply([stdio('s', 'a')]);
    assert.deepEqual((await engine.apply([stdio('s', 'a', {}, 40)])).unchanged, ['s']);
    await engine.dispose();
    const reordered: ServerEntry = { name: 's', spec: { ...stdio('s', 'a').spec!, target: { args: [], command: 'a', type: 'stdio' } } };
    assert.equal(entryKey(reordered), entryKey(stdio('s', 'a')));
  });

  it('sees option, secret and blocked-state changes as changes', () => {
    const base = stdio('s', 'a');
    const options = { ...base.spec!.options, timeoutMs: 1 };
    assert.notEqual(entryKey(stdio('s', 'a', { options })), entryKey(base));
    assert.notEqual(entryKey(stdio('s', 'a', { secrets: ['rotated'] })), entryKey(base));
    const blocked: ServerEntry = { name: 's', blocked: { reason: 'needs-input', message: 'm' } };
    assert.notEqual(entryKey(blocked), entryKey(base));
    assert.equal(entryKey({ ...blocked }), entryKey(blocked));
  });

  it('a reload that leaves a failed server\'s entry as it was keeps the failure and its reason (not "stopped")', async () => {
    const engine = testEngine();
    const missing = entry('missing', { type: 'stdio', command: 'definitely-not-a-command-mcpsb', args: [] });
    await engine.apply([missing]);
    await waitForState(engine, 'missing', 'error');
    const failed = engine.get('missing')!.state;
    const diff = await engine.apply([missing, stdio('other', 'x')]);
    assert.deepEqual(diff.unchanged, ['missing']);
    assert.deepEqual(engine.get('missing')!.state, failed, 'the same error, reason and time');
    await engine.dispose();
  });

  it('a reload leaves a stopped server stopped, and shows a newly disabled or blocked entry as such', async () => {
    const engine = testEngine();
    await engine.apply([stdio('s', 'a')]);
    await engine.start('s').catch(() => {});
    await engine.stop('s');
    assert.equal(engine.get('s')!.state.kind, 'stopped');
    await engine.apply([stdio('s', 'a')]);
    assert.equal(engine.get('s')!.state.kind, 'stopped');
    const disabled = stdio('s', 'a');
    disabled.spec!.options = { ...disabled.spec!.options, disabled: true };
    await engine.apply([disabled]);
    assert.equal(engine.get('s')!.state.kind, 'disabled');
    await engine.apply([{ name: 's', blocked: { reason: 'untrusted', message: 'The workspace is not trusted' } }]);
    const blocked = engine.get('s')!.state;
    assert.ok(blocked.kind === 'blocked' && blocked.blockedBy === 'untrusted', JSON.stringify(blocked));
    await engine.dispose();
  });

  it('returns once servers are launched: a start that never finishes holds up neither apply nor the next reload', async () => {
    const engine = testEngine();
    // A process that never answers initialize: its start only ends at startupTimeout.
    const silent = entry('silent', { type: 'stdio', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] }, { startupTimeoutMs: 60_000 });
    await engine.apply([silent]);
    assert.equal(engine.get('silent')!.state.kind, 'starting');
    const diff = await engine.apply([silent, stdio('other', 'x')]);
    assert.deepEqual(diff.added, ['other']);
    assert.equal(engine.get('silent')!.state.kind, 'starting');
    let settled = false;
    const started = engine.whenStarted().then(() => { settled = true; });
    await engine.stop('silent');
    await started;
    assert.ok(settled, 'whenStarted settles once the pending start ends');
    await waitForState(engine, 'silent', 'stopped');
    await engine.dispose();
  });
});
