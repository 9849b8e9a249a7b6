import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/connection/engine';
import { entry, testEngine, waitForCatalog } from './helpers';

const pkgBin = (pkg: string, file: string) => join(process.cwd(), 'node_modules', '@modelcontextprotocol', pkg, 'dist', file);
const loopbackOnly = join(process.cwd(), 'test', 'fixtures', 'servers', 'bind-loopback.cjs');
const freePort = () => new Promise<number>(resolve => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });

/** Starts server-everything in an HTTP mode, forced onto 127.0.0.1, and waits until it accepts connections. */
async function startEverything(mode: 'streamableHttp' | 'sse'): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', loopbackOnly, pkgBin('server-everything', 'index.js'), mode], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const listening = await new Promise<boolean>(resolve => {
    const t = setTimeout(() => resolve(false), 30_000);
    child.stderr!.on('data', d => { err += d; if (/listening|running on port/i.test(err)) { clearTimeout(t); resolve(true); } });
    child.once('exit', () => { clearTimeout(t); resolve(false); });
  });
  if (listening) return { url: `http://127.0.0.1:${port}`, child };
  child.kill('SIGKILL');
  throw new Error(`server-everything ${mode} did not start: ${err}`);
}

describe('real third-party servers from npm', function () {
  this.timeout(60_000);
  let engine: Engine;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    await engine?.dispose();
    if (child && child.exitCode === null) { child.kill('SIGTERM'); await new Promise(r => child!.once('exit', r)); }
    child = undefined;
  });

  it('server-everything over stdio: tools, resources, templates, prompts, a call', async () => {
    engine = testEngine();
    await engine.apply([entry('everything', { type: 'stdio', command: process.execPath, args: [pkgBin('server-everything', 'index.js'), 'stdio'] })]);
    await engine.whenStarted();
    assert.equal(engine.get('everything')!.state.kind, 'running', JSON.stringify(engine.get('everything')!.state));
    // It registers some capabilities after initialize and announces them with list_changed.
    await waitForCatalog(engine, 'everything', s => s.catalog.prompts.length > 0, 'prompts listed');
    const snap = engine.get('everything')!;
    assert.ok(snap.catalog.tools.length >= 5, `tools: ${snap.catalog.tools.map(t => t.name)}`);
    assert.ok(snap.catalog.prompts.length >= 1, 'prompts listed');
    assert.ok(snap.catalog.resources.length >= 1 && snap.catalog.resourceTemplates.length >= 1, `resources: ${snap.catalog.resources.length}`);
    const echo = snap.catalog.tools.find(t => t.name === 'echo')!;
    assert.ok(echo);
    const r = await engine.callTool('everything', 'echo', { message: 'hi' });
    assert.match(JSON.stringify(r.content), /hi/);
  });

  for (const mode of ['streamableHttp', 'sse'] as const) {
    it(`server-everything over ${mode} on 127.0.0.1`, async () => {
      const started = await startEverything(mode);
      child = started.child;
      engine = testEngine();
      const url = mode === 'sse' ? `${started.url}/sse` : `${started.url}/mcp`;
      await engine.apply([entry('everything', { type: mode === 'sse' ? 'sse' : 'http', url })]);
      await engine.whenStarted();
      const snap = engine.get('everything')!;
      assert.equal(snap.state.kind, 'running', JSON.stringify(snap.state));
      assert.equal(snap.info!.transport, mode === 'sse' ? 'sse' : 'http');
      const r = await engine.callTool('everything', 'echo', { message: mode });
      assert.match(JSON.stringify(r.content), new RegExp(mode));
    });
  }

  it('server-filesystem over stdio reads a file in the allowed directory and refuses one outside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpsb-fs-'));
    writeFileSync(join(dir, 'hello.txt'), 'hello from disk');
    engine = testEngine();
    await engine.apply([entry('fs', { type: 'stdio', command: process.execPath, args: [pkgBin('server-filesystem', 'index.js'), dir] })]);
    await engine.whenStarted();
    assert.equal(engine.get('fs')!.state.kind, 'running', JSON.stringify(engine.get('fs')!.state));
    const tool = engine.get('fs')!.catalog.tools.find(t => t.name === 'read_text_file') ? 'read_text_file' : 'read_file';
    const ok = await engine.callTool('fs', tool, { path: join(dir, 'hello.txt') });
    assert.match(JSON.stringify(ok.content), /hello from disk/);
    const denied = await engine.callTool('fs', tool, { path: '/etc/hostname' });
    assert.equal(denied.isError, true);
  });
});
