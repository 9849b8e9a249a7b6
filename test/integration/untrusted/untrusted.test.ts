import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { EngineApi } from '../../../src/core/engineApi';
import { EXTENSION_ID, TEST_INTERNALS_COMMAND, waitFor, waitForServer } from '../harness';

/** Live processes whose command line has `part`, started (directly or not) by this extension host. */
function childProcessesWith(part: string): number[] {
  const parentOf = (pid: number) => {
    try { const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]); } catch { return undefined; }
  };
  const ours = (pid: number) => { for (let p: number | undefined = pid, n = 0; p && p > 1 && n < 20; p = parentOf(p), n++) if (p === process.pid) return true; return false; };
  return fs.readdirSync('/proc').map(Number).filter(pid => Number.isInteger(pid) && pid !== process.pid).filter(pid => {
    try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(part) && ours(pid); } catch { return false; }
  });
}

/**
 * The extension's API. In Restricted Mode the workbench may restart the extension host right after startup; a
 * test that asks during that window sees the extension active without exports, so this waits for them.
 */
async function activateExtension(): Promise<{ engine: EngineApi }> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  return waitFor(async () => {
    if (!ext.isActive) await ext.activate();
    const api = await vscode.commands.executeCommand<{ engine?: EngineApi } | undefined>(TEST_INTERNALS_COMMAND);
    return api?.engine ? { engine: api.engine } : undefined;
  }, { message: 'the extension\'s test internals', timeoutMs: 30_000, intervalMs: 250 });
}

describe('untrusted workspace', () => {
  it('runs in Restricted Mode (the extension declares limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.packageJSON.capabilities?.untrustedWorkspaces?.supported, 'limited');
    await activateExtension();
  });

  it('does not start the workspace stdio server, and says why', async () => {
    const { engine } = await activateExtension();
    const echo = await waitForServer(engine, 'echo', s => s.state.kind === 'blocked');
    assert.equal(echo.state.kind === 'blocked' && echo.state.blockedBy, 'untrusted');
    assert.match(echo.state.kind === 'blocked' ? echo.state.reason : '', /trust this workspace/);
    await engine.whenStarted();
    assert.equal(engine.get('echo')!.state.kind, 'blocked', 'still blocked once every start the engine launched has settled');
    assert.deepEqual(childProcessesWith('echo.mjs'), [], 'no echo process was spawned');
    await assert.rejects(engine.start('echo'), 'a manual start is refused too');
    assert.deepEqual(childProcessesWith('echo.mjs'), []);
  });
});
