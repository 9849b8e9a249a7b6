import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from './runCli';
import { fixturePath } from '../../fixtures/servers/index';

const cli = (...args: string[]) => runCli(args);

describe('CLI and sampling', function () {
  this.timeout(60_000);

  it('refuses a 2026 server that asks to sample, saying the CLI has no language model', async () => {
    const r = await cli('call', 'summarize', '--args', '{"text":"hi"}', '--', process.execPath, fixturePath('modern.mjs'));
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /error: the server asked to sample a language model \(sampling\/createMessage\), but the MCP Switchboard CLI has no language model, so it refuses sampling/);
  });

  it('declares no sampling capability, so server-everything does not offer its sampling tool', async () => {
    const bin = join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
    const r = await cli('tools', '--', process.execPath, bin, 'stdio');
    assert.equal(r.code, 0, r.stderr);
    const names = (JSON.parse(r.stdout) as { name: string }[]).map(t => t.name);
    assert.ok(names.includes('simulate-research-query'), `the tools registered after initialize are listed: ${names.join(', ')}`);
    assert.equal(names.includes('trigger-sampling-request'), false);
  });
});
