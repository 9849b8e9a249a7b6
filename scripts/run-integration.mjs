#!/usr/bin/env node
// `npm run test:integration`: runs the mocha suites of test/integration inside a real VS Code extension host.
//
// Host: code-server (default; VS Code 1.139 with a Node extension host, driven by headless Chromium through
// the workbench `payload` URL parameter, results via `codeAutomationExit`), or desktop VS Code through
// @vscode/test-electron with VSCODE_TEST_HOST=electron (needs a download of VS Code and a display).
//
// Options: --suite a,b (default: all in scripts/integration-suites.mjs)   --grep <mocha grep>   --timeout <s> (per suite)
//          --host-version current|min (code-server: the newest VS Code we test, default, or the one engines.vscode
//          names; see scripts/host-versions.json; also MCPSB_HOST_VERSION)
//          --no-build (skip `npm run build`)   --verbose (all browser console output)   --list
// Env:     VSCODE_TEST_HOST=code-server|electron, VSCODE_TEST_VERSION (electron: default stable),
//          MCPSB_KEEP_TMP=1 (keep temp dirs), CHROMIUM_PATH, HEADED=1.
// Ends with a line `N passed, N failed`; exit code 1 when anything failed.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { suites as allSuites } from './integration-suites.mjs';
import { repoRoot, integrationOut, testResults } from './lib/paths.mjs';
import { cleanupAll, fmtMs, makeTempDir, npmCmd, run, stripAnsi, sleep, interrupted } from './lib/proc.mjs';
import { startCodeServer, writeUserSettings, findCodeServer, extHostLogTail, hostVersion, hostVersions, setupHint } from './lib/code-server.mjs';
import { launchBrowser, consoleText, checkChromium } from './lib/browser.mjs';
import { workspaceContext, checkFilesExist } from './lib/workspaces.mjs';

const { values: opts } = parseArgs({
  options: {
    suite: { type: 'string', multiple: true },
    grep: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    host: { type: 'string' },
    'host-version': { type: 'string' },
    timeout: { type: 'string' },
  },
});
if (opts['host-version']) process.env.MCPSB_HOST_VERSION = opts['host-version'];
const host = opts.host ?? process.env.VSCODE_TEST_HOST ?? 'code-server';
const extDir = process.env.MCPSB_EXT_DIR ?? repoRoot; // the extension under test (extensionDevelopmentPath)
const outDir = process.env.MCPSB_EXT_DIR ? join(extDir, 'out', 'test', 'integration') : integrationOut;
const DEFAULT_TIMEOUT = opts.timeout ? Number(opts.timeout) * 1000 : 120_000;

function testFilesOf(suiteName) {
  const dir = join(outDir, suiteName);
  const found = [];
  const walk = d => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (n.endsWith('.test.js')) found.push(p); } };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** Counts from mocha's spec reporter epilogue. */
function parseMochaCounts(lines) {
  let passes, failures, pending;
  for (const l of lines) {
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(l);
    if (!m) continue;
    if (m[2] === 'passing') passes = +m[1];
    else if (m[2] === 'failing') failures = +m[1];
    else pending = +m[1];
  }
  return passes === undefined && failures === undefined ? null : { passes: passes ?? 0, failures: failures ?? 0, pending: pending ?? 0 };
}

function readResults(file) {
  try { return JSON.parse(readFileSync(file, 'utf8')); } catch { return null; }
}

async function prepareWorkspace(suite, tmp) {
  const ws = join(tmp, 'workspace');
  mkdirSync(ws, { recursive: true });
  const ctx = workspaceContext({ suite: suite.name, tmp });
  if (suite.requires && !process.env.MCPSB_EXT_DIR) checkFilesExist(suite.requires(ctx));
  await suite.workspace(ws, ctx);
  return ws;
}

/** Test-only extensions loaded next to the extension under test (suite option `extraExtensions`, paths relative to the repo). */
const extraExtensionDirs = suite => (suite.extraExtensions ?? []).map(p => join(repoRoot, p));

/**
 * The `extensionDevelopmentPath` for code-server. Its workbench reads the URL payload into a Map, so only one
 * extensionDevelopmentPath survives; with extra extensions we pass a folder of symlinks instead (VS Code scans a
 * development path without a package.json as a folder of extensions).
 */
function devExtensionsPath(suite, tmp) {
  const extra = extraExtensionDirs(suite);
  if (!extra.length) return extDir;
  const dir = join(tmp, 'dev-extensions');
  mkdirSync(dir, { recursive: true });
  for (const d of [extDir, ...extra]) symlinkSync(d, join(dir, basename(d)), 'dir');
  return dir;
}

const escapeRe = t => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * MCPSB_GREP for a suite: --grep, else the suite's own grep, else (code-server) an inverted grep of the tests this
 * host version cannot run, listed with the reason in scripts/host-versions.json ("notRunHere") and printed.
 */
function grepEnv(suite) {
  const grep = opts.grep ?? suite.grep;
  if (grep) return { MCPSB_GREP: grep };
  const notRun = host === 'code-server' ? Object.keys(hostVersions[hostVersion()].notRunHere ?? {}) : [];
  return notRun.length ? { MCPSB_GREP: notRun.map(escapeRe).join('|'), MCPSB_GREP_INVERT: '1' } : {};
}

const prefix = name => `[${name}]`;
/** The prefix test/integration/index.ts puts on each line of mocha output. */
const OUTPUT_MARK = '[mcpsb:mocha] ';

async function runSuiteCodeServer(suite) {
  const t0 = Date.now();
  const tmp = makeTempDir(`mcpsb-it-${suite.name}-`);
  const ws = await prepareWorkspace(suite, tmp);
  const userDataDir = join(tmp, 'user-data');
  const resultsFile = join(tmp, 'results.json');
  writeUserSettings(userDataDir, suite.settings);
  const env = { MCPSB_SUITE: suite.name, MCPSB_RESULTS: resultsFile, MCPSB_TEST_INTERNALS: '1', ...grepEnv(suite), ...suite.env };
  const cs = await startCodeServer({
    folder: ws, userDataDir, extensionsDir: join(tmp, 'extensions'), xdgDir: join(tmp, 'xdg'),
    trust: suite.trust !== false, env, logFile: join(tmp, 'code-server.log'), reconnectionGraceSeconds: 5,
  });
  const browser = await launchBrowser();
  const lines = [];
  const noise = []; // the last workbench errors, shown when the run fails
  try {
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    page.on('console', msg => {
      const text = consoleText(msg);
      const at = text.indexOf(OUTPUT_MARK);
      if (at >= 0) {
        const line = text.slice(at + OUTPUT_MARK.length);
        lines.push(line);
        console.log(`${prefix(suite.name)} ${line}`);
      } else {
        if (opts.verbose) console.log(`${prefix(suite.name)} (${msg.type()}) ${text.slice(0, 1000)}`);
        if (msg.type() === 'error' || /^ERR\b/.test(text)) { noise.push(text.slice(0, 600)); if (noise.length > 25) noise.shift(); }
      }
    });
    page.on('pageerror', e => { if (opts.verbose) console.log(`${prefix(suite.name)} (pageerror) ${String(e).slice(0, 500)}`); });
    let resolveExit;
    const exited = new Promise(r => { resolveExit = r; });
    await page.exposeFunction('codeAutomationExit', (code, logs) => { resolveExit({ code, logs }); });
    const payload = [
      ['extensionDevelopmentPath', cs.remoteUri(devExtensionsPath(suite, tmp))],
      ['extensionTestsPath', cs.remoteUri(join(outDir, 'index.js'))],
    ];
    const timeoutMs = opts.timeout ? DEFAULT_TIMEOUT : suite.timeoutMs ?? DEFAULT_TIMEOUT;
    let timer;
    const timeout = new Promise(r => { timer = setTimeout(() => r({ timeout: true }), timeoutMs); });
    const tReady = Date.now();
    await page.goto(cs.url({ payload }), { timeout: 60_000, waitUntil: 'domcontentloaded' });
    const res = await Promise.race([exited, timeout, cs.exited.then(e => ({ serverDied: e }))]);
    clearTimeout(timer);
    console.log(`${prefix(suite.name)} (code-server up in ${fmtMs(tReady - t0)}; tests reported ${fmtMs(Date.now() - tReady)} after opening the workbench)`);
    await sleep(200); // let the last console events arrive
    const fromFile = readResults(resultsFile);
    const parsed = parseMochaCounts(lines);
    const counts = fromFile ? { passes: fromFile.passes, failures: fromFile.failures, pending: fromFile.pending ?? 0 } : parsed;
    if (res.timeout || res.serverDied || res.code !== 0) {
      const why = res.timeout ? `timed out after ${timeoutMs / 1000} s: the tests never reported back (codeAutomationExit was not called)`
        : res.serverDied ? `code-server exited during the run (code ${res.serverDied.code ?? res.serverDied.sig})`
          : `the test run exited with code ${res.code}`;
      console.log(`${prefix(suite.name)} FAILED: ${why}`);
      if (res.timeout) {
        mkdirSync(join(testResults, 'integration'), { recursive: true });
        const shot = join(testResults, 'integration', `${suite.name}-timeout.png`);
        await page.screenshot({ path: shot }).then(() => console.log(`${prefix(suite.name)} screenshot: ${relative(repoRoot, shot)}`), () => {});
        if (!lines.length) console.log(`${prefix(suite.name)} no output from the extension host: did the extension or test bundle fail to load?`);
        if (noise.length) console.log(`${prefix(suite.name)} last workbench errors:\n  ${noise.join('\n  ')}`);
      }
      if (!counts || counts.failures === 0 || fromFile?.error) {
        const ext = extHostLogTail(userDataDir);
        if (ext) console.log(`${prefix(suite.name)} extension host log:\n${ext}`);
        console.log(`${prefix(suite.name)} code-server log (tail):\n${cs.logTail(40)}`);
      }
      return { passes: counts?.passes ?? 0, failures: Math.max(counts?.failures ?? 0, 1), pending: counts?.pending ?? 0, error: why };
    }
    return { ...(counts ?? { passes: 0, failures: 0, pending: 0 }) };
  } finally {
    await browser.close();
    await cs.stop();
  }
}

async function runSuiteElectron(suite) {
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  const tmp = makeTempDir(`mcpsb-it-${suite.name}-`);
  const ws = await prepareWorkspace(suite, tmp);
  const userDataDir = join(tmp, 'user-data');
  const resultsFile = join(tmp, 'results.json');
  writeUserSettings(userDataDir, suite.settings);
  const exe = process.env.VSCODE_EXECUTABLE || await downloadAndUnzipVSCode(process.env.VSCODE_TEST_VERSION || 'stable');
  // The arguments @vscode/test-electron's runTests() passes, except that --disable-workspace-trust is
  // only passed to trusted suites (runTests always passes it) and that we own the process for timeouts.
  const args = [ws,
    '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes',
    ...(suite.trust !== false ? ['--disable-workspace-trust'] : []),
    `--extensionDevelopmentPath=${extDir}`, ...extraExtensionDirs(suite).map(d => `--extensionDevelopmentPath=${d}`), `--extensionTestsPath=${join(outDir, 'index.js')}`,
    '--user-data-dir', userDataDir, '--extensions-dir', join(tmp, 'extensions'),
  ];
  const grep = opts.grep ?? suite.grep;
  const env = { ...process.env, MCPSB_SUITE: suite.name, MCPSB_RESULTS: resultsFile, MCPSB_TEST_INTERNALS: '1', ...(grep ? { MCPSB_GREP: grep } : {}), ...suite.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const useXvfb = process.platform === 'linux' && !process.env.DISPLAY && existsSync('/usr/bin/xvfb-run');
  const [cmd, cmdArgs] = useXvfb ? ['xvfb-run', ['-a', exe, ...args]] : [exe, args];
  const lines = [];
  const timeoutMs = opts.timeout ? DEFAULT_TIMEOUT : suite.timeoutMs ?? DEFAULT_TIMEOUT;
  const res = await run(cmd, cmdArgs, {
    env, quiet: true, timeoutMs,
    onLine: l => {
      const at = l.indexOf(OUTPUT_MARK);
      if (at >= 0) { lines.push(l.slice(at + OUTPUT_MARK.length)); console.log(`${prefix(suite.name)} ${l.slice(at + OUTPUT_MARK.length)}`); }
      else if (opts.verbose) console.log(`${prefix(suite.name)} ${l}`);
    },
  });
  const fromFile = readResults(resultsFile);
  const counts = fromFile ? { passes: fromFile.passes, failures: fromFile.failures, pending: fromFile.pending ?? 0 } : parseMochaCounts(lines.map(stripAnsi));
  if (res.timedOut || res.code !== 0) {
    const why = res.timedOut ? `timed out after ${timeoutMs / 1000} s` : `VS Code exited with code ${res.code ?? res.signal}`;
    console.log(`${prefix(suite.name)} FAILED: ${why}`);
    return { passes: counts?.passes ?? 0, failures: Math.max(counts?.failures ?? 0, 1), pending: counts?.pending ?? 0, error: why };
  }
  return counts ?? { passes: 0, failures: 0, pending: 0 };
}

async function main() {
  if (opts.list) { for (const s of allSuites) console.log(`${s.name}\ttrust=${s.trust !== false}\t${testFilesOf(s.name).length} test file(s)`); return 0; }
  const wanted = opts.suite?.flatMap(s => s.split(',')).filter(Boolean);
  const unknown = (wanted ?? []).filter(n => !allSuites.some(s => s.name === n));
  if (unknown.length) { console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${allSuites.map(s => s.name).join(', ')}`); return 1; }
  const suites = wanted ? allSuites.filter(s => wanted.includes(s.name)) : allSuites;
  if (host === 'code-server' && !opts.grep) {
    for (const [test, why] of Object.entries(hostVersions[hostVersion()].notRunHere ?? {})) console.log(`not run on VS Code ${hostVersions[hostVersion()].vscode}: "${test}": ${why}`);
  }

  if (host !== 'code-server' && host !== 'electron') { console.error(`VSCODE_TEST_HOST must be code-server or electron, not ${host}`); return 1; }
  if (host === 'code-server') {
    try { checkChromium(); } catch (e) { console.error(e.message); return 1; }
    try { hostVersion(); } catch (e) { console.error(e.message); return 1; }
    if (!findCodeServer()) { console.error(`code-server (${hostVersion()}) is not installed. Run: ${setupHint()}`); return 1; }
  }
  if (!opts['no-build'] && !process.env.MCPSB_EXT_DIR) {
    console.log('> npm run build');
    const b = await run(npmCmd, ['run', '--silent', 'build'], { cwd: repoRoot });
    if (b.code !== 0) { console.error('build failed; no integration tests ran.'); return 1; }
  }
  if (!existsSync(join(outDir, 'index.js'))) { console.error(`${relative(repoRoot, join(outDir, 'index.js'))} is missing: run npm run build`); return 1; }

  const results = [];
  for (const suite of suites) {
    const files = testFilesOf(suite.name);
    if (!files.length) {
      console.log(`${prefix(suite.name)} skipped: no tests under test/integration/${suite.name}/`);
      results.push({ name: suite.name, skipped: true, passes: 0, failures: 0, pending: 0, ms: 0 });
      continue;
    }
    const hostLabel = host === 'code-server' ? `code-server ${hostVersions[hostVersion()].codeServer} = VS Code ${hostVersions[hostVersion()].vscode}` : host;
    console.log(`\n=== suite ${suite.name} (${hostLabel}, ${files.length} file(s), workspace ${suite.trust !== false ? 'trusted' : 'untrusted'})`);
    const t0 = Date.now();
    let r;
    try {
      r = host === 'electron' ? await runSuiteElectron(suite) : await runSuiteCodeServer(suite);
    } catch (e) {
      if (interrupted()) break;
      console.log(`${prefix(suite.name)} FAILED: ${e?.stack ?? e}`);
      r = { passes: 0, failures: 1, pending: 0, error: e?.message ?? String(e) };
    }
    await cleanupAll(); // per suite: nothing from this suite survives into the next
    results.push({ name: suite.name, ...r, ms: Date.now() - t0 });
    console.log(`${prefix(suite.name)} ${r.passes} passed, ${r.failures} failed${r.pending ? `, ${r.pending} pending` : ''} in ${fmtMs(Date.now() - t0)}`);
  }

  console.log(`\nIntegration summary${host === 'code-server' ? ` (VS Code ${hostVersions[hostVersion()].vscode}, host version ${hostVersion()})` : ''}:`);
  for (const r of results) {
    console.log(`  ${r.skipped ? 'SKIP' : r.failures ? 'FAIL' : 'ok  '}  ${r.name.padEnd(14)} ${r.skipped ? 'no tests' : `${r.passes} passed, ${r.failures} failed`}${r.ms ? `  (${fmtMs(r.ms)})` : ''}${r.error ? `  ${r.error.split('\n')[0]}` : ''}`);
  }
  const passes = results.reduce((a, r) => a + r.passes, 0);
  const failures = results.reduce((a, r) => a + r.failures, 0);
  if (!results.some(r => !r.skipped)) console.log('no suite had tests');
  console.log(`${passes} passed, ${failures} failed`);
  summaryPrinted = true;
  return failures > 0 || !results.some(r => !r.skipped) ? 1 : 0;
}

let code = 1;
let summaryPrinted = false;
try {
  code = await main();
} catch (e) {
  console.error(e?.stack ?? e);
} finally {
  await cleanupAll();
}
if (!summaryPrinted && !opts.list) console.log(code === 0 ? '0 passed, 0 failed' : '0 passed, 1 failed');
process.exit(code);
