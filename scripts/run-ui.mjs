#!/usr/bin/env node
// `npm run test:ui`: UI scenarios against a real VS Code. Packages the VSIX (or reuses a fresh one), installs
// it into a fresh code-server with `--install-extension` as a user would, opens a generated workspace (like
// integration suite `basic`) in headless Chromium and runs each test/e2e/vscode/*.spec.mjs in a fresh page.
// Screenshots: test-results/ui/*.png. Ends with `N passed, N failed`; exit code 1 when anything failed.
//
// Options: --spec <substring> (repeatable)   --no-package (reuse mcp-switchboard.vsix as it is)   --verbose
// Env:     MCPSB_VSIX=<file> (test that VSIX), MCPSB_HOST_VERSION=min|current (code-server build, default current),
//          HEADED=1, CHROMIUM_PATH, MCPSB_KEEP_TMP=1.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot, testResults, vsixPath, extensionId } from './lib/paths.mjs';
import { cleanupAll, fmtMs, makeTempDir, interrupted, run, npxCmd } from './lib/proc.mjs';
import { findCodeServer, setupHint, installExtension, startCodeServer, writeUserSettings, watchActivation, extHostLogTail, extensionLogTail } from './lib/code-server.mjs';
import { launchBrowser, checkChromium, consoleText } from './lib/browser.mjs';
import { workspaceContext, writeBasicWorkspace, checkFilesExist } from './lib/workspaces.mjs';
import { packageVsix, vsixIsFresh, fmtSize } from './lib/vsix.mjs';
import { failureText } from './lib/failureDigest.mjs';
import { workbench } from '../test/e2e/harness/workbench.mjs';

const { values: opts } = parseArgs({
  options: {
    spec: { type: 'string', multiple: true },
    'no-package': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const specsDir = join(repoRoot, 'test', 'e2e', 'vscode');
const shotsDir = join(testResults, 'ui');
const SPEC_TIMEOUT = 90_000;

function findSpecs() {
  if (!existsSync(specsDir)) return [];
  return readdirSync(specsDir).filter(f => f.endsWith('.spec.mjs')).sort()
    .filter(f => !opts.spec || opts.spec.some(s => f.includes(s)))
    .map(f => join(specsDir, f));
}

/**
 * Test-only extensions installed next to the VSIX under test (e.g. the scripted chat model the chat scenarios use).
 * They are packaged into the run's temp dir; none of them is part of the released VSIX.
 */
const TEST_EXTENSIONS = ['test/fixtures/scripted-model'];

async function packageTestExtension(dir, out) {
  const res = await run(npxCmd, ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out], { cwd: dir, quiet: true, timeoutMs: 120_000 });
  if (res.code !== 0) throw new Error(`vsce package of ${relative(repoRoot, dir)} failed (exit ${res.code}):\n${res.output.slice(-2000)}`);
  return out;
}

async function ensureVsix() {
  if (process.env.MCPSB_VSIX) return process.env.MCPSB_VSIX;
  if (opts['no-package'] || vsixIsFresh()) {
    if (!existsSync(vsixPath)) throw new Error(`${relative(repoRoot, vsixPath)} does not exist: run npm run package`);
    console.log(`reusing ${relative(repoRoot, vsixPath)} (newer than its sources)`);
    return vsixPath;
  }
  const { file, size } = await packageVsix({ quiet: true });
  console.log(`packaged ${relative(repoRoot, file)} (${fmtSize(size)})`);
  return file;
}

async function main() {
  const t0 = Date.now();
  try { checkChromium(); } catch (e) { console.error(e.message); return { passes: 0, failures: 1 }; }
  if (!findCodeServer()) { console.error(`code-server is not installed. Run: ${setupHint()}`); return { passes: 0, failures: 1 }; }
  const specs = findSpecs();
  if (!specs.length) { console.error(`no UI scenarios matched under ${relative(repoRoot, specsDir)}`); return { passes: 0, failures: 1 }; }

  const vsix = await ensureVsix();
  const tmp = makeTempDir('mcpsb-ui-');
  const userDataDir = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const xdgDir = join(tmp, 'xdg');
  const tInstall = Date.now();
  await installExtension({ vsix, userDataDir, extensionsDir, xdgDir });
  console.log(`installed ${basename(vsix)} with code-server --install-extension (${fmtMs(Date.now() - tInstall)})`);
  for (const rel of TEST_EXTENSIONS) {
    const t = Date.now();
    const testVsix = await packageTestExtension(join(repoRoot, rel), join(tmp, `${basename(rel)}.vsix`));
    await installExtension({ vsix: testVsix, userDataDir, extensionsDir, xdgDir });
    console.log(`installed test-only extension ${rel} (${fmtMs(Date.now() - t)})`);
  }

  const workspaceDir = join(tmp, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  const ctx = workspaceContext({ tmp });
  checkFilesExist([ctx.fixture('echo.mjs'), ctx.demoServer]);
  await writeBasicWorkspace(workspaceDir, ctx);
  writeUserSettings(userDataDir);

  const cs = await startCodeServer({ folder: workspaceDir, userDataDir, extensionsDir, xdgDir, trust: true, smokeTestDriver: false, logFile: join(tmp, 'code-server.log'), reconnectionGraceSeconds: 5 });
  const activation = watchActivation(userDataDir, extensionId);
  const browser = await launchBrowser();
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  console.log(`code-server ${cs.baseUrl} ready; ${specs.length} scenario(s)\n`);

  let passes = 0, failures = 0;
  for (const file of specs) {
    if (interrupted()) break;
    const id = basename(file, '.spec.mjs');
    const ts = Date.now();
    let spec;
    let page;
    try {
      spec = await import(pathToFileURL(file).href);
      if (typeof spec.run !== 'function') throw new Error(`${relative(repoRoot, file)} exports no run()`);
      page = await browser.context.newPage();
      page.setDefaultTimeout(30_000);
      const errors = [];
      page.on('console', m => { if (opts.verbose) console.log(`  [${id}] (${m.type()}) ${consoleText(m).slice(0, 500)}`); });
      page.on('pageerror', e => errors.push(String(e)));
      await page.goto(cs.url(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      const vscode = workbench(page);
      await vscode.ready();
      const shots = [];
      const screenshot = async name => {
        const p = join(shotsDir, `${name.replace(/\.png$/, '')}.png`);
        await page.screenshot({ path: p });
        shots.push(relative(repoRoot, p));
        return p;
      };
      const log = (...a) => console.log(`  [${id}]`, ...a);
      let timer;
      await Promise.race([
        spec.run({ page, vscode, workspaceDir, screenshot, assert, log, baseUrl: cs.baseUrl, codeServer: cs }),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`scenario timed out after ${SPEC_TIMEOUT / 1000} s`)), SPEC_TIMEOUT); }),
        activation.failed,
      ]).finally(() => clearTimeout(timer));
      passes++;
      console.log(`  ✔ ${spec.name ?? id} (${fmtMs(Date.now() - ts)})${shots.length ? `  → ${shots.join(', ')}` : ''}`);
    } catch (e) {
      if (interrupted()) break;
      failures++;
      console.log(`  ✘ ${spec?.name ?? id} (${fmtMs(Date.now() - ts)})\n      ${failureText(e).join('\n      ')}`);
      if (page) {
        const p = join(shotsDir, `${id}-failure.png`);
        await page.screenshot({ path: p }).then(() => console.log(`      screenshot: ${relative(repoRoot, p)}`), () => {});
      }
      const ownLog = extensionLogTail(userDataDir, extensionId, 1500, ts);
      if (ownLog) console.log(`      the extension's log (tail):\n${ownLog.replace(/^/gm, '        ')}`);
    } finally {
      await page?.close().catch(() => {});
    }
  }
  activation.stop();
  if (failures) console.log(`\nextension host log (tail):\n${extHostLogTail(userDataDir, 2500)}`);
  await browser.close();
  await cs.stop();
  console.log(`\nUI run took ${fmtMs(Date.now() - t0)}`);
  return { passes, failures };
}

let result = { passes: 0, failures: 1 };
try {
  result = await main();
} catch (e) {
  if (!interrupted()) console.error(`UI run failed: ${e?.stack ?? e}`);
} finally {
  await cleanupAll();
}
console.log(`${result.passes} passed, ${result.failures} failed`);
process.exit(result.failures > 0 || result.passes === 0 ? 1 : 0);
