import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionState } from '../../../src/core/connection/state';
import type { ServerTarget } from '../../../src/core/connection/types';
import { canUseOAuth, serverContextValue } from '../../../src/views/serverContext';

interface MenuEntry { command: string; when: string; group?: string }
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const itemMenus = manifest.contributes.menus['view/item/context'];

/** The `viewItem` condition of a `when` clause, evaluated as VS Code does (`==` or `=~ /re/`); true when it has none. */
function viewItemMatches(when: string, contextValue: string): boolean {
  const regex = /viewItem =~ \/(.*?)\/(?= |$)/.exec(when);
  if (regex) return new RegExp(regex[1]).test(contextValue);
  const equal = /viewItem == (\S+)/.exec(when);
  return equal ? equal[1] === contextValue : true;
}

const at = 0;
const states: ConnectionState[] = [
  { kind: 'stopped', at }, { kind: 'disabled', at }, { kind: 'starting', at, attempt: 1 }, { kind: 'running', at },
  { kind: 'degraded', at, reason: 'x' }, { kind: 'waiting-to-retry', at, attempt: 1, retryAt: 1, reason: 'x' },
  { kind: 'error', at, reason: 'x' }, { kind: 'error', at, reason: 'x', failure: 'needs-sign-in' },
  ...(['config-error', 'untrusted', 'needs-consent', 'needs-input', 'run-by-vscode'] as const).map(b => ({ kind: 'blocked' as const, at, blockedBy: b, reason: 'x' })),
];
const stdio: ServerTarget = { type: 'stdio', command: 'node', args: [] } as unknown as ServerTarget;
const http: ServerTarget = { type: 'http', url: 'https://mcp.example.com/mcp' };
const sse: ServerTarget = { type: 'sse', url: 'https://mcp.example.com/sse' };
const withHeader: ServerTarget = { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer x' } };
const AUTH_COMMANDS = new Set(['mcpSwitchboard.signIn', 'mcpSwitchboard.signOut']);

describe('Server context values drive which tree menu items apply', () => {
  it('OAuth applies to HTTP and SSE servers without a static Authorization header, never to stdio servers', () => {
    assert.deepEqual([stdio, http, sse, withHeader, undefined].map(canUseOAuth), [false, true, true, false, false]);
  });

  it('Sign In and Sign Out appear on HTTP/SSE servers in every state and never on stdio servers', () => {
    const authEntries = itemMenus.filter(m => AUTH_COMMANDS.has(m.command));
    assert.ok(authEntries.length >= 3, 'sign-in/out menu entries exist');
    for (const state of states) {
      for (const entry of authEntries) {
        assert.equal(viewItemMatches(entry.when, serverContextValue(state, stdio)), false, `${entry.command} hidden on a stdio server (${state.kind})`);
        assert.equal(viewItemMatches(entry.when, serverContextValue(state, withHeader)), false, `${entry.command} hidden with a static header (${state.kind})`);
      }
      for (const command of AUTH_COMMANDS) {
        assert.ok(authEntries.some(e => e.command === command && e.group !== 'inline@0' && viewItemMatches(e.when, serverContextValue(state, http))), `${command} on an HTTP server (${state.kind})`);
      }
    }
  });

  it('the inline Sign In action shows on an HTTP server that needs sign-in, and on nothing else', () => {
    const inline = itemMenus.filter(m => m.command === 'mcpSwitchboard.signIn' && m.group?.startsWith('inline'));
    const needsSignIn: ConnectionState = { kind: 'error', at, reason: 'x', failure: 'needs-sign-in' };
    assert.ok(inline.some(e => viewItemMatches(e.when, serverContextValue(needsSignIn, http))));
    for (const state of states.filter(s => s !== needsSignIn)) {
      const shown = inline.some(e => viewItemMatches(e.when, serverContextValue(state, http)));
      assert.equal(shown, state.kind === 'error' && state.failure === 'needs-sign-in', state.kind);
    }
  });

  it('every other server menu item applies to stdio and HTTP servers alike (the .oauth suffix changes nothing else)', () => {
    for (const entry of itemMenus.filter(m => !AUTH_COMMANDS.has(m.command) && /viewItem (=~ \/\^server|== server)/.test(m.when))) {
      for (const state of states) {
        assert.equal(viewItemMatches(entry.when, serverContextValue(state, http)), viewItemMatches(entry.when, serverContextValue(state, stdio)),
          `${entry.command} (${entry.when}) in state ${JSON.stringify(state)}`);
      }
    }
  });
});
