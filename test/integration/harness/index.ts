// Helpers for extension-host tests (test/integration/<suite>/*.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../../../src/core/engineApi';

export const EXTENSION_ID = 'mcp-switchboard.mcp-switchboard';

/** The internals tests use; the extension's public exports are narrower (src/publicApi.ts). */
export interface SwitchboardApi { engine: EngineApi }

/** The test-only command that hands tests the internals (registered only with MCPSB_TEST_INTERNALS=1). */
export const TEST_INTERNALS_COMMAND = 'mcpSwitchboard.test.internals';

/** The extension under test, activated; its internals through the test-only command, never through its exports. */
export async function activateExtension(): Promise<SwitchboardApi> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  // Right after the window opens the extension host may restart once; wait for the live one's command.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (!ext.isActive) await ext.activate();
    const internals = await Promise.resolve(vscode.commands.executeCommand<SwitchboardApi | undefined>(TEST_INTERNALS_COMMAND)).catch(() => undefined);
    if (internals?.engine) return internals;
    if (Date.now() > deadline) throw new Error(`extension ${EXTENSION_ID} activated but ${TEST_INTERNALS_COMMAND} gives no { engine } (is MCPSB_TEST_INTERNALS=1 set?)`);
    await new Promise(r => setTimeout(r, 200));
  }
}

/** Polls until `fn` returns a truthy value (returned) or the timeout passes (throws with `message` and the last value). */
export async function waitFor<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, opts: { timeoutMs?: number; intervalMs?: number; message?: string } = {}): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 100, message = 'condition' } = opts;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError ? `; last error: ${(lastError as Error)?.message ?? lastError}` : `; last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${why}`);
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/** Waits until server `name` exists and satisfies `predicate`; returns its snapshot. */
export async function waitForServer(engine: EngineApi, name: string, predicate: (s: ServerSnapshot) => boolean = () => true, timeoutMs = 30_000): Promise<ServerSnapshot> {
  return waitFor(() => { const s = engine.get(name); return s && predicate(s) ? s : undefined; }, {
    timeoutMs,
    message: `server "${name}" (now: ${JSON.stringify(engine.get(name)?.state ?? 'absent')})`,
  });
}

/** The first workspace folder's path (each suite runs with one generated folder). */
export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder is open');
  return f.uri.fsPath;
}

/** Reads a file of the workspace folder as text. */
export function readWorkspaceFile(rel: string): string {
  return fs.readFileSync(path.join(workspaceDir(), rel), 'utf8');
}

/** The suite this run belongs to (env MCPSB_SUITE set by scripts/run-integration.mjs). */
export function currentSuite(): string {
  return process.env.MCPSB_SUITE || 'basic';
}
