import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

interface Notices {
  bundledPackageDirs(metafiles: esbuild.Metafile[]): string[];
  noticesText(metafiles: esbuild.Metafile[], productName: string): string;
}

describe('third-party licence notices', function () {
  this.timeout(60_000);

  it('list every package bundled into the extension, CLI, demo server and webview, each with its licence text', async () => {
    const generator = pathToFileURL(join(process.cwd(), 'scripts/lib/thirdPartyNotices.mjs')).href;
    const { bundledPackageDirs, noticesText } = await import(generator) as Notices;
    const outdir = mkdtempSync(join(tmpdir(), 'mcpsb-notices-'));
    const node: esbuild.BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], conditions: ['require', 'node', 'default'], outdir, metafile: true, logLevel: 'error', write: false };
    const results = await Promise.all([
      esbuild.build({ ...node, entryPoints: { extension: 'src/extension.ts' }, external: ['vscode'] }),
      esbuild.build({ ...node, entryPoints: { cli: 'src/cli.ts' } }),
      esbuild.build({ ...node, entryPoints: { 'demo-server': 'src/mcp/demo/demoServer.ts' } }),
      esbuild.build({ bundle: true, platform: 'browser', format: 'iife', entryPoints: { inspector: 'webview/main.ts' }, outdir, metafile: true, logLevel: 'error', write: false }),
    ]);
    const metafiles = results.map(r => r.metafile!);
    const dirs = bundledPackageDirs(metafiles);
    assert.ok(dirs.some(d => d.endsWith('node_modules/@modelcontextprotocol/client')), dirs.join(', '));
    assert.ok(!dirs.some(d => d.endsWith('node_modules/@modelcontextprotocol/sdk')), 'SDK v1 is a dev dependency only');
    const text = noticesText(metafiles, 'MCP Switchboard');
    for (const dir of dirs) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
      assert.ok(text.includes(`- ${pkg.name} ${pkg.version} (${pkg.license})`), `${pkg.name} is not listed`);
      const file = readdirSync(dir).find(f => /^licen[cs]e(\.(md|txt))?$/i.test(f))!;
      assert.ok(text.includes(readFileSync(join(dir, file), 'utf8').trim()), `${pkg.name}'s licence text is missing`);
    }
    for (const id of ['MIT']) assert.match(text, new RegExp(`\\(${id}\\)`));
  });
});
