// Entry point of the extension-host test run (the @vscode/test-electron `run()` contract; code-server
// loads it through the workbench `payload` URL parameter). Runs the compiled tests of one suite:
// out/test/integration/<MCPSB_SUITE>/**/*.test.js. scripts/run-integration.mjs starts the host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import * as vscode from 'vscode';

/**
 * Every line of mocha's output is printed with this prefix. In code-server the extension host's console
 * reaches the page console mixed with the workbench's own logs, so the runner keeps only these lines.
 */
export const OUTPUT_MARK = '[mcpsb:mocha] ';

function out(...args: unknown[]): void {
  for (const line of format(...args).split('\n')) console.log(OUTPUT_MARK + line);
}

interface TestRecord { title: string; fullTitle: string; state: 'passed' | 'failed' | 'pending'; durationMs?: number; error?: string }

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(p));
    else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

function loadMocha(): any {
  // mocha 12 is ESM; require() of it yields the class (Node >= 22) or its namespace (Node 20).
  const m = require('mocha');
  return typeof m === 'function' ? m : (m.default ?? m.Mocha);
}

export function run(): Promise<void> {
  const suite = process.env.MCPSB_SUITE || 'basic';
  const dir = path.join(__dirname, suite);
  const files = findTests(dir);
  const grep = process.env.MCPSB_GREP || undefined;
  const invert = process.env.MCPSB_GREP_INVERT === '1'; // run everything except what grep matches
  out(`suite ${suite}: ${files.length} test file(s); trusted=${vscode.workspace.isTrusted}; host=${vscode.env.appName} ${vscode.version}; folder=${vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '(none)'}`);
  if (!files.length) return Promise.reject(new Error(`no compiled tests under ${dir} (run npm run build)`));

  const Mocha = loadMocha();
  Mocha.reporters.Base.consoleLog = out;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep, invert: !!grep && invert });
  for (const f of files) mocha.addFile(f);

  const records: TestRecord[] = [];
  const writeResults = (passes: number, failures: number, extra?: string) => {
    const file = process.env.MCPSB_RESULTS;
    if (!file) return;
    try {
      fs.writeFileSync(file, JSON.stringify({ suite, passes, failures, pending: records.filter(r => r.state === 'pending').length, tests: records, error: extra }, null, 2));
    } catch (e) {
      out(`could not write results to ${file}: ${e}`);
    }
  };

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures: number) => {
        const passes = records.filter(r => r.state === 'passed').length;
        writeResults(passes, failures);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t: any) => records.push({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t: any) => records.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t: any, err: any) => records.push({ title: t.title, fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration, error: String(err?.stack ?? err) }));
    } catch (e) {
      out('mocha failed to start:', e);
      writeResults(0, 1, String((e as Error)?.stack ?? e));
      reject(e);
    }
  });
}
