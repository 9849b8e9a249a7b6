// Minified bundle sizes: dist/extension.js as the release build makes it (target 1.3 MiB), and SDK v2 client + server
// against SDK v1 client + server, each bundled alone (what the move to v2 costs by itself, before de-duplication).
import * as esbuild from 'esbuild';
import { report } from './common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script helper without types
import { packageVsix } from '../../scripts/lib/vsix.mjs';

const options: esbuild.BuildOptions = {
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, write: false, logLevel: 'silent',
  mainFields: ['module', 'main'], conditions: ['require', 'node', 'default'], external: ['vscode'],
};

async function size(build: esbuild.BuildOptions): Promise<number> {
  const r = await esbuild.build({ ...options, ...build });
  return r.outputFiles!.reduce((n, f) => n + f.contents.byteLength, 0);
}

const stdin = (contents: string): esbuild.BuildOptions => ({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' } });

async function main(): Promise<void> {
  // The real release build (esbuild.mjs --release, in packaging's staging copy), with its Ajv de-duplication.
  const packaged = await packageVsix({ quiet: true, out: join(mkdtempSync(join(tmpdir(), 'mcpsb-bench-vsix-')), 'bench.vsix') }) as { sizes: Record<string, number> };
  const extension = packaged.sizes['dist/extension.js'];
  report({ bench: 'bundle', metric: 'extension-js-minified-KiB', value: extension / 1024, baseline: 1.3 * 1024, target: 'ratio <= 1.00 (1.3 MiB)' });
  const v2 = await size(stdin("export { Client, StreamableHTTPClientTransport, SSEClientTransport } from '@modelcontextprotocol/client'; export { McpServer, Server, createMcpHandler, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';"));
  const v1 = await size(stdin("export { Client } from '@modelcontextprotocol/sdk/client/index.js'; export { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'; export { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'; export { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'; export { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';"));
  report({ bench: 'bundle', metric: 'sdk-client-plus-server-minified-KiB-v2-vs-v1', value: v2 / 1024, baseline: v1 / 1024, target: 'informational' });
  const demo = await size({ entryPoints: ['src/demo/demoServer.ts'], outdir: 'dist-bench' });
  report({ bench: 'bundle', metric: 'demo-server-js-minified-KiB', value: demo / 1024, baseline: extension / 1024, target: 'informational' });
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });
