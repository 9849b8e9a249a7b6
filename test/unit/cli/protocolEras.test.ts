import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runCli } from './runCli';
import { fixturePath, startHttpFixture, type HttpFixture } from '../../fixtures/servers/index';

const cli = (...args: string[]) => runCli(args);

const everythingBin = join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
const loopbackOnly = fixturePath('bind-loopback.cjs');
const freePort = () => new Promise<number>(resolve => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });

/** server-everything's streamable HTTP mode on 127.0.0.1, resolved once it says it listens. */
async function startEverythingHttp(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', loopbackOnly, everythingBin, 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server-everything did not start: ${err}`)); }, 15_000);
    child.stderr!.on('data', d => {
      err += d;
      if (/listening|running on port/i.test(err)) { clearTimeout(timer); resolve({ url: `http://127.0.0.1:${port}/mcp`, child }); }
    });
  });
}

const legacyLine = /protocol 2025-11-25 \(2025 era/;
const modernLine = /protocol 2026-07-28 \(2026 era/;

describe('CLI against both protocol eras', function () {
  this.timeout(60_000);
  let fixture: HttpFixture | undefined;
  let everything: ChildProcess | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
    if (everything && everything.exitCode === null) { everything.kill('SIGTERM'); await new Promise(r => everything!.once('exit', r)); }
    everything = undefined;
  });

  it('tools and call: server-everything over stdio speaks 2025-11-25', async () => {
    const tools = await cli('tools', '--', process.execPath, everythingBin, 'stdio');
    assert.equal(tools.code, 0, tools.stderr);
    assert.ok((JSON.parse(tools.stdout) as Array<{ name: string }>).some(t => t.name === 'echo'));
    assert.match(tools.stderr, legacyLine);
    const call = await cli('call', 'echo', '--args', '{"message":"hi"}', '--', process.execPath, everythingBin, 'stdio');
    assert.equal(call.code, 0, call.stderr);
    assert.match(JSON.stringify(JSON.parse(call.stdout).content), /hi/);
    assert.match(call.stderr, legacyLine);
  });

  it('tools and call: server-everything over streamable HTTP speaks 2025-11-25', async () => {
    const started = await startEverythingHttp();
    everything = started.child;
    const tools = await cli('tools', started.url);
    assert.equal(tools.code, 0, tools.stderr);
    assert.match(tools.stderr, legacyLine);
    const call = await cli('call', started.url, 'echo', '--args', '{"message":"over http"}');
    assert.equal(call.code, 0, call.stderr);
    assert.match(call.stdout, /over http/);
  });

  it('tools and call: the modern-only fixture over stdio speaks 2026-07-28', async () => {
    const tools = await cli('tools', '--', process.execPath, fixturePath('modern.mjs'));
    assert.equal(tools.code, 0, tools.stderr);
    assert.ok((JSON.parse(tools.stdout) as Array<{ name: string }>).some(t => t.name === 'regional_weather'));
    assert.match(tools.stderr, modernLine);
    const call = await cli('call', 'add', '--args', '{"a":1,"b":2}', '--', process.execPath, fixturePath('modern.mjs'));
    assert.equal(call.code, 0, call.stderr);
    assert.deepEqual(JSON.parse(call.stdout).structuredContent, { sum: 3 });
  });

  it('tools and call: the modern-only fixture over HTTP speaks 2026-07-28 and gets the Mcp-Param header', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    const tools = await cli('tools', `${fixture.url}/mcp`);
    assert.equal(tools.code, 0, tools.stderr);
    assert.match(tools.stderr, modernLine);
    const call = await cli('call', `${fixture.url}/mcp`, 'regional_weather', '--args', '{"region":"Nord"}');
    assert.equal(call.code, 0, call.stderr);
    assert.deepEqual(JSON.parse(call.stdout).structuredContent, { region: 'Nord', header: 'Nord' });
  });

  it('--protocol-version 2025-11-25 against a modern-only server fails in plain words', async () => {
    fixture = await startHttpFixture('modern.mjs', ['--http']);
    const r = await cli('tools', '--protocol-version', '2025-11-25', `${fixture.url}/mcp`);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no MCP protocol version in common/);
    assert.doesNotMatch(r.stderr, /SSE/);
  });
});
