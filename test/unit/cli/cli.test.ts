import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, startHttpFixture } from '../../fixtures/servers/index';
import { parseCliArgs, UsageError } from '../../../src/cli/parseArgs';

/** Runs the real CLI entry point (through tsx, so no build is needed). */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli.ts'), ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mcp-switchboard CLI', function () {
  this.timeout(60_000);

  it('parses targets, options and their errors', () => {
    assert.deepEqual(parseCliArgs(['tools', '--', 'npx', '-y', 'pkg']).target, { type: 'stdio', command: 'npx', args: ['-y', 'pkg'] });
    const c = parseCliArgs(['call', 'https://x.test/mcp', 'echo', '--args', '{"a":1}', '--header', 'Authorization: Bearer t', '--timeout', '500']);
    assert.deepEqual(c.target, { type: 'http', url: 'https://x.test/mcp', headers: { Authorization: 'Bearer t' } });
    assert.equal(c.tool, 'echo');
    assert.deepEqual(c.args, { a: 1 });
    assert.equal(c.timeoutMs, 500);
    assert.throws(() => parseCliArgs(['call', 'x.test', 'echo']), (e: Error) => e instanceof UsageError && /must be an http\(s\):\/\/ URL/.test(e.message));
    assert.throws(() => parseCliArgs(['call', '--args', '[1]', '--', 'node']), /must be a JSON object/);
    assert.throws(() => parseCliArgs(['record', '--', 'node']), /record needs --out/);
  });

  it('lists tools of a stdio server as JSON', () => {
    const r = cli('tools', '--', process.execPath, fixturePath('echo.mjs'));
    assert.equal(r.code, 0, r.stderr);
    const tools = JSON.parse(r.stdout) as Array<{ name: string }>;
    assert.ok(tools.some(t => t.name === 'echo'));
  });

  it('calls a tool over streamable HTTP and exits non-zero for an isError result', async () => {
    const fx = await startHttpFixture('echo.mjs', ['--http']);
    try {
      const ok = cli('call', `${fx.url}/mcp`, 'echo', '--args', '{"text":"from the cli"}');
      assert.equal(ok.code, 0, ok.stderr);
      assert.deepEqual(JSON.parse(ok.stdout).content, [{ type: 'text', text: 'from the cli' }]);
      const bad = cli('call', `${fx.url}/mcp`, 'fail', '--args', '{"message":"nope"}');
      assert.equal(bad.code, 1);
      assert.equal(JSON.parse(bad.stdout).isError, true);
    } finally { await fx.close(); }
  });

  it('never prints secrets of the server URL (userinfo, secret-named query values) in its errors', async () => {
    const fx = await startHttpFixture('echo.mjs', ['--http']);
    try {
      const url = `${fx.url.replace('http://', 'http://bob:USERINFOSECRET@')}/mcp?api_key=QUERYSECRET9`;
      const r = cli('call', url, 'echo', '--args', '{"text":"x"}');
      assert.notEqual(r.code, 0);
      assert.ok(r.stderr.length > 0, 'an error was printed');
      assert.doesNotMatch(r.stdout + r.stderr, /USERINFOSECRET|QUERYSECRET9/);
    } finally { await fx.close(); }
  });

  it('records the traffic of a session as JSON Lines of TrafficRecord', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mcpsb-cli-')), 'traffic.jsonl');
    const r = cli('record', '--out', out, '--', process.execPath, fixturePath('echo.mjs'));
    assert.equal(r.code, 0, r.stderr);
    const records = readFileSync(out, 'utf8').trim().split('\n').map(l => JSON.parse(l));
    const methods = records.filter(x => x.kind === 'request').map(x => x.method);
    for (const m of ['initialize', 'tools/list', 'resources/list', 'prompts/list']) assert.ok(methods.includes(m), `${m} in ${methods}`);
    assert.ok(records.every(x => typeof x.seq === 'number' && x.server));
  });

  it('reads a server from a config file and reports a missing one with the names available', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpsb-cli-'));
    const file = join(dir, 'mcp.json');
    writeFileSync(file, JSON.stringify({ servers: { echo: { command: process.execPath, args: [fixturePath('echo.mjs')] } } }));
    const ok = cli('tools', '--config', file, 'echo');
    assert.equal(ok.code, 0, ok.stderr);
    const missing = cli('tools', '--config', file, 'nope');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No server "nope" .* Servers there: echo/);
  });

  it('prints an actionable error for a command that is not installed', () => {
    const r = cli('tools', '--', 'definitely-not-installed-xyz');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: Command "definitely-not-installed-xyz" was not found on PATH/);
    assert.equal(r.stderr.match(/was not found/g)?.length, 1, 'said once');
  });
});
