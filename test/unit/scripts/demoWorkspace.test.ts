import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
// @ts-expect-error plain ESM script without types
import { writeDemoMcpJson } from '../../../scripts/lib/demoWorkspace.mjs';

const entry = (script: string) => ({ type: 'stdio', command: 'node', args: [script] });

describe('npm start: the demo workspace mcp.json', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcpsb-demo-ws-'));
    file = join(dir, '.vscode', 'mcp.json');
  });

  it('creates the file with the demo server on the first start', () => {
    assert.equal(writeDemoMcpJson(dir, entry('/a/demo-server.js')), 'created');
    assert.deepEqual(parse(readFileSync(file, 'utf8')), { servers: { demo: entry('/a/demo-server.js') } });
  });

  it('a second start keeps the servers, comments and inputs the user added and updates only the demo entry', () => {
    mkdirSync(join(dir, '.vscode'));
    const userText = [
      '{',
      '  // my servers',
      '  "inputs": [{ "type": "promptString", "id": "tok", "password": true }],',
      '  "servers": {',
      '    "demo": { "type": "stdio", "command": "node", "args": ["/old/demo-server.js"] },',
      '    "mine": { "type": "http", "url": "http://127.0.0.1:9/mcp" }, // keep me',
      '  }',
      '}',
      '',
    ].join('\n');
    writeFileSync(file, userText);
    assert.equal(writeDemoMcpJson(dir, entry('/new/demo-server.js')), 'updated');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\/\/ my servers/);
    assert.match(text, /\/\/ keep me/);
    const cfg = parse(text);
    assert.deepEqual(cfg.servers.mine, { type: 'http', url: 'http://127.0.0.1:9/mcp' });
    assert.deepEqual(cfg.servers.demo, entry('/new/demo-server.js'));
    assert.equal(cfg.inputs[0].id, 'tok');
    assert.equal(writeDemoMcpJson(dir, entry('/new/demo-server.js')), 'unchanged');
  });

  it('adds the demo entry when the user removed it, and leaves a broken file untouched with a reason', () => {
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(file, '{ "servers": { "mine": { "command": "x" } } }\n');
    writeDemoMcpJson(dir, entry('/d.js'));
    assert.deepEqual(Object.keys(parse(readFileSync(file, 'utf8')).servers), ['mine', 'demo']);

    writeFileSync(file, '{ "servers": { "mine": ');
    const result = writeDemoMcpJson(dir, entry('/d.js'));
    assert.match(result.skipped, /left as it is: it is not a valid JSON object/);
    assert.equal(readFileSync(file, 'utf8'), '{ "servers": { "mine": ');
  });
});
