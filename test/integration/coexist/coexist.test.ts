// Issue 14 item 6: a server of VS Code's own mcp.json runs once, in the client the user chose with one click.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, waitFor, waitForServer } from '../harness';
import type { ServerSnapshot } from '../../../src/core/engineApi';

const runByVSCode = (s: ServerSnapshot) => s.state.kind === 'blocked' && s.state.blockedBy === 'run-by-vscode';
const autostart = () => vscode.workspace.getConfiguration('chat.mcp').inspect<string>('autostart')?.globalValue;

/** Live processes, whoever started them, whose command line names `script`. */
function processesRunning(script: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try { if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(script)) pids.push(pid); } catch { /* gone */ }
  }
  return pids;
}

describe('coexistence with VS Code’s MCP client', function () {
  this.timeout(90_000);

  it('by default VS Code runs the demo server once and Switchboard does not start it; one click moves it and back', async () => {
    const { engine } = await activateExtension();
    const demo = await waitForServer(engine, 'demo', runByVSCode);
    const target = demo.spec?.target;
    assert.ok(target?.type === 'stdio');
    const script = target.args[0];
    const copies = () => processesRunning(script);
    assert.deepEqual(copies(), [], 'Switchboard started no copy');

    // VS Code's own client starts its copy (as chat would): still one process.
    // VS Code discovers mcp.json's servers asynchronously; on a loaded machine '*' can run before it knows the demo,
    // so the start is asked again until its process exists (starting a running server does nothing).
    const [vscodeCopy] = await waitFor(async () => {
      if (copies().length === 0) await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true });
      return copies().length === 1 && copies();
    }, { message: 'VS Code’s copy of demo', timeoutMs: 60_000, intervalMs: 500 });
    assert.ok(runByVSCode(engine.get('demo')!), 'Switchboard still leaves it to VS Code');

    // One click: Switchboard runs it, VS Code's copy stops and does not start by itself again.
    await vscode.commands.executeCommand('mcpSwitchboard.runVSCodeServersInSwitchboard');
    const ours = await waitForServer(engine, 'demo', s => s.state.kind === 'running');
    assert.equal(autostart(), 'never');
    const pids = await waitFor(() => { const p = copies(); return p.length === 1 && p[0] !== vscodeCopy && p; }, { message: 'only Switchboard’s copy', timeoutMs: 30_000 });
    assert.deepEqual(pids, [ours.info?.pid]);

    // And back: Switchboard stops its copy and gives VS Code its autostart value back.
    await vscode.commands.executeCommand('mcpSwitchboard.leaveVSCodeServersToVSCode');
    await waitForServer(engine, 'demo', runByVSCode);
    assert.equal(autostart(), undefined);
    await waitFor(() => copies().length === 0, { message: 'no copy left', timeoutMs: 30_000 });
  });
});
