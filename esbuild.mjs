// Bundles the extension host code, the CLI, the demo server and the webview UI; `--tests` also bundles the in-VS-Code test suites.
import * as esbuild from 'esbuild';
import { readdirSync, realpathSync, statSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticesText } from './scripts/lib/thirdPartyNotices.mjs';

const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests') || !release;

/**
 * SDK v2's client and server each ship the same Ajv build as their own chunk (ajvProvider-<hash>.mjs, 150 KiB minified).
 * Bundled together, the server's import is pointed at the client's copy: one Ajv in the bundle instead of two.
 */
const dedupeSdkAjv = {
  name: 'dedupe-sdk-ajv',
  setup(build) {
    // The real path: packaging builds in a staging dir whose node_modules is a symlink, and esbuild keys modules by real path.
    const clientDist = realpathSync(join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'client', 'dist'));
    const clientAjv = readdirSync(clientDist).find(f => /^ajvProvider-[\w-]+\.mjs$/.test(f));
    if (!clientAjv) return;
    build.onResolve({ filter: /^\.\/ajvProvider-[\w-]+\.mjs$/ }, args =>
      args.importer.includes(`${join('@modelcontextprotocol', 'server', 'dist')}`) ? { path: join(clientDist, clientAjv) } : undefined);
  },
};

/**
 * zod 4 re-exports every locale as `z.locales` (`export * as locales`), which keeps all of them (about 260 KiB
 * minified) in the bundle though only English, its default, is ever used here. The locale index is replaced by one
 * that exports English alone.
 */
const onlyEnglishZodLocale = {
  name: 'only-english-zod-locale',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, args =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-locales-en' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'zod-locales-en' }, args =>
      ({ contents: 'export { default as en } from "./en.js";', resolveDir: join(args.path, '..'), loader: 'js' }));
  },
};

const node = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs',
  minify: release, sourcemap: release ? false : 'linked', logLevel: 'warning',
  // The SDK's ESM build wants these when bundled to CJS.
  mainFields: ['module', 'main'], conditions: ['require', 'node', 'default'],
  plugins: [dedupeSdkAjv, onlyEnglishZodLocale],
};

function filesUnder(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: { 'demo-server': 'src/mcp/demo/demoServer.ts' }, outdir: 'dist' },
  {
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife',
    minify: release, sourcemap: release ? false : 'linked', logLevel: 'warning',
    entryPoints: { inspector: 'webview/main.ts' }, outdir: 'dist/webview',
  },
];
if (withTests) {
  const entries = Object.fromEntries(filesUnder('test/integration', '.ts').map(f => [f.replace(/^test\//, '').replace(/\.ts$/, ''), f]));
  builds.push({ ...node, entryPoints: entries, outdir: 'out/test', external: ['vscode', 'mocha'], sourcemap: 'inline' });
}

if (!watch) rmSync('dist', { recursive: true, force: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  const results = await Promise.all(builds.map(b => esbuild.build({ ...b, metafile: true })));
  // Licence notices of every package bundled into dist/ (the test bundles in out/ do not ship).
  const shipped = results.filter((_, i) => builds[i].outdir.startsWith('dist')).map(r => r.metafile);
  writeFileSync('dist/THIRD-PARTY-NOTICES.txt', noticesText(shipped, 'MCP Switchboard'));
}
