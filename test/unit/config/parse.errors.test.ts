import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../../src/core/config/parse';
import type { ParsedConfig } from '../../../src/core/config/types';
import { describeDiagnostic, parseFixture, source } from './helpers';

const parseVscode = (text: string) => parseConfigText(text, source('vscode'));
const diagnosticsOf = (parsed: ParsedConfig) => parsed.diagnostics.map(describeDiagnostic);
/** One server `s` in a one-line file: its value starts at column 20. */
const oneServer = (server: string) => parseVscode(`{ "servers": { "s": ${server} } }`);

describe('config parse: errors and warnings at exact positions', () => {
  describe('the invalid fixture (one broken server per kind of mistake)', () => {
    const parsed = parseFixture('vscode-invalid.json', 'vscode');
    const byServer = (name: string) => parsed.diagnostics.filter(d => d.server === name).map(describeDiagnostic);

    it('reports a wrong enum value at the value, with what was expected and found', () => {
      assert.deepEqual(byServer('typo-type'), ['error 2:27-2:33 `type` must be one of stdio, http, sse; found `htpp`']);
    });
    it('reports a missing command at the server key', () => {
      assert.deepEqual(byServer('no-command'), ['error 3:4-3:16 `command` is required for a stdio server']);
    });
    it('reports a relative url at the url value', () => {
      assert.deepEqual(byServer('bad-url'), ['error 4:40-4:56 `url` must be an absolute http(s) URL; found `localhost:3000`']);
    });
    it('reports a wrong element type and an unknown key (a warning with a suggestion)', () => {
      assert.deepEqual(byServer('unknown-keys'), [
        'error 5:58-5:59 `args[1]` must be a string; found a number (`3`)',
        'warning 5:62-5:70 Unknown property `comand` in server `unknown-keys` is ignored; did you mean `command`?',
      ]);
    });
    it('keeps a server whose only problem is an unknown key', () => {
      const good = parsed.servers.find(s => s.name === 'good')!;
      assert.equal(good.diagnostics[0].severity, 'warning');
      assert.match(good.diagnostics[0].message, /^Unknown property `colour` in server `good` is ignored; expected one of type, command, args/);
      assert.deepEqual(good.config, { command: 'node', args: ['server.js'], type: 'stdio' });
    });
    it('reports undeclared inputs and unknown variable kinds at the variable', () => {
      assert.deepEqual(byServer('bad-input-ref'), [
        'error 7:60-7:75 `${input:nope}`: no input with id `nope` is declared in `inputs`',
        'error 7:82-7:94 unknown variable kind `foo` in `${foo:bar}`; supported: env, input, workspaceFolder',
      ]);
    });
    it('invalidates only the broken servers', () => {
      assert.deepEqual(parsed.servers.filter(s => s.config).map(s => s.name), ['good']);
    });
  });

  describe('JSON syntax', () => {
    it('blocks only the server containing a syntax error', () => {
      const parsed = parseFixture('vscode-bad-json.json', 'vscode');
      assert.deepEqual(parsed.diagnostics.map(d => `${d.server} ${describeDiagnostic(d)}`), ['broken error 3:34-3:40 Invalid JSON: expected a comma between entries; found `"args"`']);
      assert.deepEqual(parsed.servers.map(s => [s.name, !!s.config]), [['ok', true], ['broken', false], ['also-ok', true]]);
    });
    it('reports a syntax error outside any server as a file-level error and keeps the servers', () => {
      const parsed = parseVscode('{\n  "servers": { "a": { "command": "x" } }\n');
      assert.deepEqual(diagnosticsOf(parsed), ['error 2:0-2:0 Invalid JSON: expected a closing brace `}`; found the end of the file']);
      assert.equal(parsed.diagnostics[0].server, undefined);
      assert.ok(parsed.servers[0].config);
    });
    it('describes an invalid token once, without follow-up errors from the half-read server', () => {
      const parsed = parseVscode('{ "servers": { "a": { "command": nope } } }');
      assert.deepEqual(diagnosticsOf(parsed), ['error 0:33-0:37 Invalid JSON: expected a JSON value; found `nope`']);
      assert.equal(parsed.diagnostics[0].server, 'a');
    });
    it('accepts comments and trailing commas', () => {
      assert.deepEqual(diagnosticsOf(parseVscode('{ /* c */ "servers": { "a": { "command": "x", }, }, // c\n}')), []);
    });
  });

  describe('file layout', () => {
    it('rejects a root that is not an object', () => {
      assert.deepEqual(diagnosticsOf(parseVscode('[1]')), ['error 0:0-0:3 Expected an object at the top level; found an array']);
    });
    it('rejects `servers` that is not an object', () => {
      assert.deepEqual(diagnosticsOf(parseVscode('{ "servers": [] }')), ['error 0:13-0:15 `servers` must be an object mapping server names to their definitions; found an empty array']);
    });
    it('points at `mcpServers` in a VS Code file', () => {
      assert.deepEqual(diagnosticsOf(parseVscode('{ "mcpServers": {} }')), ['error 0:2-0:14 `mcpServers` is the Claude Desktop/Cursor layout; VS Code\'s mcp.json expects `servers` (rename the key)']);
    });
    it('warns about an unknown top-level key with a suggestion', () => {
      assert.deepEqual(diagnosticsOf(parseVscode('{ "servers": {}, "input": [] }')), ['warning 0:17-0:24 Unknown top-level property `input` is ignored; did you mean `inputs`?']);
    });
    it('ignores unrelated top-level keys in other clients\' files', () => {
      assert.deepEqual(parseFixture('claude_desktop_config.json', 'claude-desktop').diagnostics, []);
    });
    it('warns at the earlier of two servers with the same name and keeps the later', () => {
      const parsed = parseVscode('{ "servers": {\n "a": { "command": "one" },\n "a": { "command": "two" } } }');
      assert.deepEqual(diagnosticsOf(parsed), ['warning 1:1-1:4 Server `a` is defined again on line 3; this definition is ignored']);
      assert.deepEqual(parsed.servers.map(s => s.config?.command), ['two']);
    });
  });

  describe('server definitions', () => {
    it('rejects a server that is not an object, at its value', () => {
      assert.deepEqual(diagnosticsOf(oneServer('"npx foo"')), ['error 0:20-0:29 Server `s` must be an object; found a string (`npx foo`)']);
    });
    it('asks for `type` when both command and url are set', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "x", "url": "https://a.b" }')), ['error 0:15-0:18 Both `command` and `url` are set; add `"type": "stdio"` to spawn `command`, or `"type": "http"` / `"sse"` to connect to `url`']);
    });
    it('requires url for http and sse servers', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "type": "sse" }')), ['error 0:15-0:18 `url` is required for an sse server']);
    });
    it('warns at the key of a field the transport ignores', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "x", "headers": {} }')), ['warning 0:38-0:47 `headers` is ignored for a stdio server']);
    });
    it('reports wrong types with what was found', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "x", "timeout": "30", "disabled": "yes", "env": { "A": true } }')), [
        'error 0:49-0:53 `timeout` must be a number; found a string (`30`)',
        'error 0:67-0:72 `disabled` must be a boolean; found a string (`yes`)',
        'error 0:88-0:92 `env.A` must be a string, a number or null; found `true`',
      ]);
    });
    it('reports out-of-range numbers and empty commands', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "", "startupTimeout": 0, "healthCheckInterval": -1 }')), [
        'error 0:33-0:35 `command` must not be empty',
        'error 0:55-0:56 `startupTimeout` must be greater than 0; found a number (`0`)',
        'error 0:81-0:83 `healthCheckInterval` must be at least 0; found a number (`-1`)',
      ]);
    });
    it('reports a bad per-tool approval mode at that tool', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "x", "approval": { "tools": { "rm": "sometimes" } } }')), ['error 0:69-0:80 `approval.tools.rm` must be one of always, never, readOnly; found `sometimes`']);
    });
    it('warns about an unknown key inside approval', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "x", "approval": { "defualt": "never" } }')), ['warning 0:52-0:61 Unknown property `defualt` in `approval` is ignored; did you mean `default`?']);
    });
    it('reports an approval of the wrong shape as a whole', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "command": "x", "approval": 5 }')), ['error 0:50-0:51 `approval` must be one of always, never, readOnly, or an object with `default` and `tools`; found a number (`5`)']);
    });
    it('rejects an empty server name', () => {
      assert.deepEqual(diagnosticsOf(parseVscode('{ "servers": { "": { "command": "x" } } }')), ['error 0:15-0:17 A server name must not be empty']);
    });
    it('rejects `streamableHttp` in mcp.json, where only stdio, http and sse exist', () => {
      assert.deepEqual(diagnosticsOf(oneServer('{ "type": "streamableHttp", "url": "https://a.b" }')), ['error 0:30-0:46 `type` must be one of stdio, http, sse; found `streamableHttp`']);
    });
  });

  describe('inputs', () => {
    const inputs = (list: string) => diagnosticsOf(parseVscode(`{ "inputs": ${list}, "servers": {} }`));
    it('rejects an unknown input type at its value', () => {
      assert.deepEqual(inputs('[{ "type": "promptNumber", "id": "a", "description": "d" }]'), ['error 0:23-0:37 `inputs[0].type` must be one of promptString, pickString; found `promptNumber`']);
    });
    it('reports a missing field at the input object', () => {
      assert.deepEqual(inputs('[{ "type": "promptString", "id": "a" }]'), ['error 0:13-0:50 `inputs[0].description` is required (a string)']);
    });
    it('requires options for a pick list', () => {
      assert.deepEqual(inputs('[{ "type": "pickString", "id": "a", "description": "d", "options": [] }]'), ['error 0:79-0:81 `inputs[0].options` must list at least 1 value']);
    });
    it('rejects a duplicate id at the second declaration', () => {
      assert.deepEqual(inputs('[{ "type": "promptString", "id": "a", "description": "d" }, { "type": "promptString", "id": "a", "description": "e" }]'), ['error 0:104-0:107 Input id `a` is declared twice; the first declaration is used']);
    });
    it('rejects inputs that are not an array', () => {
      assert.deepEqual(inputs('{}'), ['error 0:12-0:14 `inputs` must be an array; found an object']);
    });
  });
});

describe('config parse: logLevel and roots', () => {
  it('accepts a log level and roots, and carries them to the server', () => {
    const parsed = oneServer('{ "command": "node", "logLevel": "warning", "roots": ["/srv/data", "file:///tmp", "sub"] }');
    assert.deepEqual(diagnosticsOf(parsed), []);
    assert.equal(parsed.servers[0].config?.logLevel, 'warning');
  });
  it('rejects an unknown log level and roots a server cannot use, at the value', () => {
    assert.match(diagnosticsOf(oneServer('{ "command": "node", "logLevel": "verbose" }'))[0], /`logLevel` must be one of debug, info, notice, warning, error, critical, alert, emergency; found `verbose`/);
    assert.match(diagnosticsOf(oneServer('{ "command": "node", "roots": ["https://x.test/a"] }'))[0], /Root "https:\/\/x\.test\/a" is not a file:\/\/ URI or a path/);
    assert.match(diagnosticsOf(oneServer('{ "url": "https://x.test/mcp", "roots": ["rel"] }'))[0], /Root "rel" is relative and there is no folder to resolve it against/);
  });
});
