#!/usr/bin/env node
// `npm test`: lint, typecheck, build, unit, VSIX check, integration (extension host) on the current VS Code and on the
// minimum one `engines.vscode` claims, UI (Playwright against code-server, installing the checked VSIX).
// Every step is timed and runs even when an earlier one failed (integration and UI need a good build).
// Prints a per-step summary and, last, exactly `N passed, N failed` summing the tests of all steps
// (a step that fails without reporting test counts, e.g. lint, counts as 1 failed).
import { existsSync } from 'node:fs';
import { repoRoot } from './lib/paths.mjs';
import { cleanupAll, fmtMs, npmCmd, npxCmd, run, stripAnsi, interrupted } from './lib/proc.mjs';
import { findCodeServer, hostVersions } from './lib/code-server.mjs';
import { chromiumPath } from './lib/browser.mjs';
import { failureDigest, failureHeadlines } from './lib/failureDigest.mjs';

const MIN = 60_000;
const node = process.execPath;

/** Counts from our runners' last `N passed, N failed` line ('runner') or mocha's `N passing` / `N failing` ('mocha'). */
function parseCounts(output, kind) {
  const text = stripAnsi(output);
  if (kind === 'runner') {
    const m = [...text.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].pop();
    return m ? { passes: +m[1], failures: +m[2] } : null;
  }
  const passing = [...text.matchAll(/^\s*(\d+) passing\b/gm)].pop();
  const failing = [...text.matchAll(/^\s*(\d+) failing\b/gm)].pop();
  if (passing || failing) return { passes: passing ? +passing[1] : 0, failures: failing ? +failing[1] : 0 };
  return null;
}

const results = [];

async function step(name, cmd, args, { timeoutMs = 10 * MIN, tests = false, env } = {}) {
  console.log(`\n=== ${name}: ${[cmd === node ? 'node' : cmd, ...args].join(' ')}`);
  const res = await run(cmd, args, { cwd: repoRoot, timeoutMs, env: { ...process.env, ...env } });
  const counts = tests ? parseCounts(res.output, tests) : null;
  const ok = res.code === 0 && !res.timedOut && (!counts || counts.failures === 0);
  const r = { name, ok, ms: res.ms, counts, output: res.output.slice(-200_000), note: res.timedOut ? `timed out after ${fmtMs(timeoutMs)}` : (res.code !== 0 ? `exit ${res.code ?? res.signal}` : '') };
  results.push(r);
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${fmtMs(res.ms)}${counts ? ` (${counts.passes} passed, ${counts.failures} failed)` : ''}${r.note ? ` ${r.note}` : ''}`);
  return r;
}

function notRun(name, why) {
  console.log(`\n=== ${name}: FAILED: ${why}`);
  results.push({ name, ok: false, ms: 0, counts: null, note: why });
}

async function main() {
  const t0 = Date.now();
  if (!existsSync(`${repoRoot}/node_modules`)) {
    console.log('node_modules is missing: run npm ci first.');
  }
  await step('lint', npxCmd, ['eslint', '.']);
  if (interrupted()) return;
  await step('typecheck', npmCmd, ['run', '--silent', 'typecheck']);
  if (interrupted()) return;
  const build = await step('build', npmCmd, ['run', '--silent', 'build']);
  if (interrupted()) return;
  await step('unit', npmCmd, ['run', '--silent', 'test:unit'], { tests: 'mocha', timeoutMs: 15 * MIN });
  if (interrupted()) return;

  // The release VSIX: vsce without warnings, size budget, marketplace and Open VSX manifest rules. `ui` installs it.
  if (!build.ok) notRun('vsix', 'not run: the build failed');
  else await step('vsix', node, ['scripts/check-vsix.mjs'], { timeoutMs: 10 * MIN });
  if (interrupted()) return;

  // Prerequisites of the steps that run a real VS Code: Chromium, and code-server in each tested version.
  const hostProblems = {};
  for (const version of Object.keys(hostVersions)) {
    if (!existsSync(chromiumPath)) {
      hostProblems[version] = `Chromium not found at ${chromiumPath}. Run: sudo apt-get install -y chromium`;
    } else if (!findCodeServer(version)) {
      console.log(`\ncode-server ${hostVersions[version].codeServer} (${version}) is not installed; installing it...`);
      const setup = await step(`setup:host ${version}`, 'bash', ['scripts/setup-code-server.sh', '--host-version', version], { timeoutMs: 20 * MIN });
      if (!setup.ok || !findCodeServer(version)) {
        const hint = /apt-get install[^\n]*/.exec(stripAnsi(setup.output ?? ''));
        hostProblems[version] = `npm run setup:host -- --host-version ${version} failed${hint ? ` (${hint[0]})` : ''}; see its output above`;
      }
    }
    if (interrupted()) return;
  }
  const hostProblem = hostProblems.current;
  // The inspector UI in real Chromium against a stub host: needs the build and Chromium, not code-server.
  if (!build.ok) notRun('inspector-e2e', 'not run: the build failed');
  else if (!existsSync(chromiumPath)) notRun('inspector-e2e', `Chromium not found at ${chromiumPath}. Run: sudo apt-get install -y chromium`);
  else await step('inspector-e2e', npxCmd, ['mocha', '--no-config', '--timeout', '60000', 'test/e2e/inspector/*.test.mjs'], { tests: 'mocha', timeoutMs: 10 * MIN });
  if (interrupted()) return;
  if (!build.ok) {
    for (const name of ['integration', 'integration-min', 'ui']) notRun(name, 'not run: the build failed');
  } else if (hostProblem) {
    for (const name of ['integration', 'integration-min', 'ui']) notRun(name, hostProblem);
  } else {
    await step('integration', node, ['scripts/run-integration.mjs', '--no-build', '--host-version', 'current'], { tests: 'runner', timeoutMs: 20 * MIN });
    if (interrupted()) return;
    // The same suites on the oldest VS Code the manifest claims (engines.vscode), as rust-analyzer does.
    if (hostProblems.min) notRun('integration-min', hostProblems.min);
    else await step('integration-min', node, ['scripts/run-integration.mjs', '--no-build', '--host-version', 'min'], { tests: 'runner', timeoutMs: 20 * MIN });
    if (interrupted()) return;
    await step('ui', node, ['scripts/run-ui.mjs'], { tests: 'runner', timeoutMs: 20 * MIN });
  }

  // CI shows only the end of the log: repeat what failed, so the failing test's name and error are in view.
  const failedSteps = results.filter(x => !x.ok && x.output);
  for (const r of failedSteps) console.log(`\n=== ${r.name} failed:\n${failureDigest(r.output)}`);
  const failed = failedSteps.flatMap(r => failureHeadlines(r.output).map(h => `  ${r.name.padEnd(16)} ✘ ${h}`));
  if (failed.length) console.log(`\nFailed tests:\n${failed.join('\n')}`);

  console.log('\nSummary:');
  for (const r of results) {
    console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(16)} ${fmtMs(r.ms).padStart(10)}  ${r.counts ? `${r.counts.passes} passed, ${r.counts.failures} failed` : ''}${r.note ? `  ${r.note}` : ''}`);
  }
  console.log(`  total ${fmtMs(Date.now() - t0)}`);
}

let failedHard = false;
try {
  await main();
} catch (e) {
  failedHard = true;
  console.error(e?.stack ?? e);
} finally {
  await cleanupAll();
}
let passes = 0, failures = 0;
for (const r of results) {
  if (r.counts) { passes += r.counts.passes; failures += r.counts.failures; }
  if (!r.ok && (!r.counts || r.counts.failures === 0)) failures += 1;
}
if (failedHard || interrupted()) failures = Math.max(failures, 1);
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
