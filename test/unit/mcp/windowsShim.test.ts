import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCommand } from '../../../src/mcp/commandResolution';
import { cmdShimInvocation, escapeCmdArgument } from '../../../src/mcp/windowsShim';
// cross-spawn (a dev dependency of our tooling) is the reference implementation of cmd escaping.
const crossSpawnEscape = require('cross-spawn/lib/util/escape') as { argument(arg: string, doubleEscape: boolean): string };

/**
 * One cmd.exe parse of a command line: `"` toggles quoting, `^` outside quotes escapes the next character and is removed.
 * Returns the text after the parse and whether an unescaped `&`, `|`, `<` or `>` outside quotes (a new command) was seen.
 */
function cmdParse(line: string): { text: string; injected: boolean } {
  let text = '';
  let quoted = false;
  let injected = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '^') { text += line[++i] ?? ''; continue; }
    else if (!quoted && /[&|<>]/.test(c)) injected = true;
    text += c;
  }
  return { text, injected };
}

/** cmd /s /c "<line>" parses the line once; a shim forwarding %* parses the arguments a second time. */
function throughShim(invocation: { args: string[] }): { injected: boolean } {
  const cLine = invocation.args[3].slice(1, -1);
  const first = cmdParse(cLine);
  const forwarded = first.text.slice(first.text.indexOf(' ') + 1);
  const second = cmdParse(forwarded);
  return { injected: first.injected || second.injected };
}

describe('Windows .cmd shims (simulated platform)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpsb-shim-'));
  writeFileSync(join(dir, 'npx.cmd'), '@"%~dp0node.exe" "%~dp0node_modules\\npm\\bin\\npx-cli.js" %*');
  const npx = resolveCommand('npx', { Path: dir, PATHEXT: '.COM;.EXE;.BAT;.CMD' }, 'C:\\', 'win32');

  it('goes through cmd.exe with /d /s /c and one quoted command line', () => {
    assert.equal(npx.needsShell, true);
    const inv = cmdShimInvocation(npx.path!, ['-y', 'pkg'], 'C:\\Windows\\System32\\cmd.exe');
    assert.equal(inv.file, 'C:\\Windows\\System32\\cmd.exe');
    assert.deepEqual(inv.args.slice(0, 3), ['/d', '/s', '/c']);
    assert.match(inv.args[3], /^".*"$/);
  });

  for (const payload of ['x"&calc&"y', 'a|b', '"quoted" & more', '%PATH%', 'x\\"&calc', 'trailing\\', 'x^"&calc^&"']) {
    it(`escapes ${JSON.stringify(payload)} as cross-spawn does for shims, and cmd runs nothing extra`, () => {
      assert.equal(escapeCmdArgument(payload, true), crossSpawnEscape.argument(payload, true));
      const inv = cmdShimInvocation(npx.path!, ['-y', 'server', payload]);
      assert.equal(throughShim(inv).injected, false, inv.args[3]);
    });
  }

  it('the BatBadBut payload reaches the shim as one literal argument', () => {
    const inv = cmdShimInvocation(npx.path!, ['x"&calc&"y']);
    const first = cmdParse(inv.args[3].slice(1, -1));
    const second = cmdParse(first.text.slice(first.text.indexOf(' ') + 1));
    assert.equal(second.text, '"x\\"&calc&\\"y"');
  });
});
