import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { failureHeadlines, failureText } from '../../../scripts/lib/failureDigest.mjs';

const headlines = failureHeadlines as (output: string, max?: number) => string[];
const errorLines = failureText as (error: unknown) => string[];

/** What mocha itself prints for a spec file (its exit code is the failure count). */
function mochaOutput(spec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpsb-digest-'));
  try {
    writeFileSync(join(dir, 'a.test.js'), spec);
    try { return execFileSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--no-config', '--color', 'a.test.js'], { cwd: dir, encoding: 'utf8' }); } catch (e) { return String((e as { stdout?: string }).stdout); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm test: the one-line-per-failure list at the end of the log (CI shows only the end)', () => {
  it('names each failed mocha test with its suites and the first line of its error, once', () => {
    const out = mochaOutput(`const assert = require('assert');
      describe('Outer', () => { describe('inner', () => {
        it('passes', () => {});
        it('compares', () => { assert.equal(1, 2, 'one is not two'); });
        it('throws', () => { throw new Error('boom\\nsecond line'); });
      }); });`);
    assert.deepEqual(headlines(out + out), [
      'Outer › inner › compares: AssertionError [ERR_ASSERTION]: one is not two',
      'Outer › inner › throws: Error: boom',
    ]);
  });

  it('reads the integration runner\'s [suite]-prefixed lists and the UI runner\'s ✘ entries', () => {
    const integration = [
      '[tree]   1) Welcome view', '[tree]   ✔ another test', '[tree] ', '[tree]   48 passing (48s)', '[tree]   1 failing', '[tree] ',
      '[tree]   1) Welcome view, walkthrough and Try the Demo Server',
      '[tree]        "See its tools" reveals the Tools group of a connected server:',
      '[tree]      Error: TreeError [mcpSwitchboard.servers] Data tree node not found: 1/server/echo',
      '[tree]       at yks.D (workbench.js:429:32359)',
    ].join('\n');
    assert.deepEqual(headlines(integration), [
      'Welcome view, walkthrough and Try the Demo Server › "See its tools" reveals the Tools group of a connected server: Error: TreeError [mcpSwitchboard.servers] Data tree node not found: 1/server/echo',
    ]);
    const ui = [
      '  ✔ OAuth: sign in (16.1 s)',
      '  ✘ Protocol eras: the tree row names 2026-07-28 (41.3 s)',
      '      locator.click: Timeout 30000ms exceeded.',
      '      Call log:',
    ].join('\n');
    assert.deepEqual(headlines(ui), ['Protocol eras: the tree row names 2026-07-28 (41.3 s): locator.click: Timeout 30000ms exceeded. ⏎ Call log:']);
  });

  it('gives a UI failure\'s whole message, which an assertion spreads over lines, on its one line', () => {
    const error = new Error(`the inspector shows:\n["oauth/resource-challenge",\n"oauth/registration error"]`);
    const printed = `  ✘ OAuth refused (11.0 s)\n      ${errorLines(error).join('\n      ')}\n      screenshot: test-results/ui/x-failure.png`;
    assert.deepEqual(headlines(printed), ['OAuth refused (11.0 s): Error: the inspector shows: ⏎ ["oauth/resource-challenge", ⏎ "oauth/registration error"]']);
  });

  it('prints a thrown error\'s whole message and its first frames', () => {
    const error = new Error(['rows:', ...Array.from({ length: 50 }, (_, i) => `row ${i}`)].join('\n'));
    const lines = errorLines(error);
    assert.equal(lines[0], 'Error: rows:');
    assert.equal(lines[40], '… 11 more lines');
    assert.equal(lines.length, 41 + 5);
    assert.ok(lines.slice(41).every(l => l.startsWith('at ')), lines.slice(41).join('\n'));
    assert.deepEqual(errorLines('plain'), ['plain']);
  });

  it('keeps the list short: at most `max` entries, each at most 300 characters', () => {
    const ui = Array.from({ length: 20 }, (_, i) => `  ✘ scenario ${i} ${'x'.repeat(400)}\n      Error: e${i}`).join('\n');
    const list = headlines(ui, 5);
    assert.equal(list.length, 5);
    assert.ok(list.every(h => h.length <= 300 && h.endsWith('…')), list.join('\n'));
  });
});
