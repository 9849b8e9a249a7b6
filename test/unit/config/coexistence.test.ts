import * as assert from 'node:assert/strict';
import { handOverToVSCode, isVSCodeServersOwner, ownerOf } from '../../../src/core/config/coexistence';
import type { ServerEntry } from '../../../src/core/connection/types';
import { offersEditor } from '../../../src/core/schema/jsonSchema';

const spec = (origin: ServerEntry['origin']): ServerEntry => ({
  name: 'demo', origin,
  spec: { name: 'demo', target: { type: 'stdio', command: 'node', args: ['demo.js'] }, options: {} as never, secrets: [], origin },
});
const workspaceMcpJson = { kind: 'workspace' as const, file: '/p/.vscode/mcp.json' };

describe('coexistence with VS Code’s own MCP client', () => {
  it('by default leaves servers of VS Code’s mcp.json files to VS Code: not started here, with a reason', () => {
    for (const origin of [workspaceMcpJson, { kind: 'user' as const, file: '/home/me/.config/Code/User/mcp.json' }, { kind: 'workspace' as const, file: '/p/.mcp.json' }]) {
      const entry = handOverToVSCode(spec(origin), 'vscode');
      assert.equal(entry.blocked?.reason, 'run-by-vscode', origin.file);
      assert.match(entry.blocked!.message, /VS Code/);
      assert.ok(entry.spec, 'the definition stays, for the tree and the switch');
    }
  });

  it('runs servers VS Code does not know in Switchboard whatever the choice', () => {
    for (const origin of [{ kind: 'setting' as const }, { kind: 'demo' as const }, { kind: 'discovered' as const, file: '/home/me/.cursor/mcp.json' }]) {
      assert.equal(handOverToVSCode(spec(origin), 'vscode').blocked, undefined, origin.kind);
      assert.equal(ownerOf(origin, 'vscode'), 'switchboard');
    }
  });

  it('runs everything in Switchboard when the user chose it', () => {
    assert.equal(handOverToVSCode(spec(workspaceMcpJson), 'switchboard').blocked, undefined);
    assert.equal(ownerOf(workspaceMcpJson, 'switchboard'), 'switchboard');
    assert.equal(ownerOf(workspaceMcpJson, 'vscode'), 'vscode');
  });

  it('keeps a configuration error visible as such', () => {
    const broken: ServerEntry = { name: 'broken', origin: workspaceMcpJson, blocked: { reason: 'config-error', message: 'bad type' } };
    assert.equal(handOverToVSCode(broken, 'vscode').blocked?.reason, 'config-error');
  });

  it('accepts only the two owners as a setting value', () => {
    assert.ok(isVSCodeServersOwner('vscode') && isVSCodeServersOwner('switchboard'));
    assert.ok(!isVSCodeServersOwner('both') && !isVSCodeServersOwner(undefined));
  });
});

describe('multi-line string arguments', () => {
  it('offers the editor for free-form strings only', () => {
    assert.ok(offersEditor({ type: 'string' }));
    assert.ok(offersEditor({ type: 'string', maxLength: 5000 }));
    assert.ok(!offersEditor({ type: 'string', maxLength: 20 }));
    assert.ok(!offersEditor({ type: 'string', enum: ['a', 'b'] }));
    assert.ok(!offersEditor({ type: 'string', format: 'uri' }));
    assert.ok(!offersEditor({ type: 'number' }));
  });
});
