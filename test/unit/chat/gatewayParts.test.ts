// The gateway's pure parts: request checks, catalog aggregation and routing, and the duplicates decision.
import * as assert from 'node:assert/strict';
import { checkRequest, newToken } from '../../../src/mcp/gateway/security';
import { GatewayCatalog, gatewayUri, parseGatewayUri } from '../../../src/mcp/gateway/catalog';
import { templateMatches } from '../../../src/mcp/uriTemplate';
import { exposedThroughGateway, isFromVSCodeConfig } from '../../../src/chat/exposure';
import type { EngineApi, ServerSnapshot } from '../../../src/core/engineApi';
import { emptyCatalog, type Catalog, type QualifiedTool } from '../../../src/core/connection/catalog';
import { qualifiedToolName } from '../../../src/core/connection/qualifiedNames';

describe('chat: gateway request checks', () => {
  const token = newToken();
  const ok = { host: '127.0.0.1:4000', authorization: `Bearer ${token}` };
  const check = (headers: Record<string, string>) => checkRequest({ headers, port: 4000, token });

  it('accepts our host with the token, with or without a loopback Origin', () => {
    assert.deepEqual(check(ok), { ok: true });
    assert.deepEqual(check({ ...ok, host: 'localhost:4000', origin: 'http://localhost:4000' }), { ok: true });
    assert.deepEqual(check({ ...ok, authorization: `bearer ${token}` }), { ok: true });
  });

  it('403 for another Host (DNS rebinding) or Origin, checked before the token', () => {
    for (const host of ['evil.example:4000', '127.0.0.1:4001', '127.0.0.1', '']) assert.equal((check({ ...ok, host }) as { status: number }).status, 403, host);
    for (const origin of ['http://evil.example', 'http://127.0.0.1:4001', 'null', 'https://127.0.0.1:4000']) assert.equal((check({ ...ok, origin }) as { status: number }).status, 403, origin);
    assert.equal((check({ host: 'evil.example:4000' }) as { status: number }).status, 403);
  });

  it('401 without the token or with a wrong one', () => {
    assert.equal((check({ host: ok.host }) as { status: number }).status, 401);
    assert.equal((check({ ...ok, authorization: 'Bearer x' }) as { status: number }).status, 401);
    assert.equal((check({ ...ok, authorization: token }) as { status: number }).status, 401);
    assert.notEqual(newToken(), token);
  });
});

function snapshot(name: string, catalog: Partial<Catalog>, origin?: ServerSnapshot['origin']): ServerSnapshot {
  return { name, origin, state: { kind: 'running', at: 0 }, catalog: { ...emptyCatalog(), ...catalog }, attempts: 0, breaker: 'closed' };
}

function fakeEngine(servers: ServerSnapshot[]): EngineApi {
  const tools = (): QualifiedTool[] => servers.flatMap(s => s.catalog.tools.map(t => ({ qualifiedName: qualifiedToolName(s.name, t.name), server: s.name, tool: t, enabled: t.name !== 'hidden' })));
  return { list: () => servers, get: (n: string) => servers.find(s => s.name === n), tools, findTool: (q: string) => tools().find(t => t.qualifiedName === q) } as unknown as EngineApi;
}

describe('chat: gateway catalog', () => {
  const schema = { type: 'object' as const };
  const engine = fakeEngine([
    snapshot('a', {
      tools: [{ name: 'read', inputSchema: schema, annotations: { readOnlyHint: true } }, { name: 'hidden', inputSchema: schema }],
      resources: [{ uri: 'x://same', name: 'same' }], resourceTemplates: [{ uriTemplate: 'a://items/{id}', name: 'item' }],
      prompts: [{ name: 'greet' }],
    }),
    snapshot('b', { tools: [{ name: 'read', inputSchema: schema, annotations: { readOnlyHint: true } }], resources: [{ uri: 'x://same', name: 'same' }] }),
    snapshot('vsc', { tools: [{ name: 'x', inputSchema: schema }] }, { kind: 'workspace', file: '/w/.vscode/mcp.json' }),
  ]);
  const catalog = new GatewayCatalog(engine, { isExposed: s => exposedThroughGateway(s, false), requiresApproval: t => t.server === 'b' });

  it('serves enabled tools of exposed servers under qualified names, server in the description', () => {
    assert.deepEqual(catalog.tools().map(t => t.name), ['a__read', 'b__read']);
    assert.equal(catalog.tools()[0].description, '[a] read');
    assert.equal(catalog.findTool('vsc__x'), undefined, 'hidden by the duplicates decision');
    assert.equal(catalog.findTool('a__hidden'), undefined, 'disabled tool');
    assert.deepEqual(catalog.hiddenServers(), ['vsc']);
  });

  it('drops readOnlyHint where the approval policy wants a confirmation', () => {
    const [a, b] = catalog.tools();
    assert.equal(a.annotations?.readOnlyHint, true);
    assert.equal(b.annotations?.readOnlyHint, false);
  });

  it('keeps the first URI, serves a duplicate under the gateway scheme, and routes reads back', () => {
    const rs = catalog.resources();
    assert.deepEqual(rs.map(r => r.uri), ['x://same', gatewayUri('b', 'x://same')]);
    assert.deepEqual(catalog.resolveResource('x://same'), { server: 'a', uri: 'x://same' });
    assert.deepEqual(catalog.resolveResource(gatewayUri('b', 'x://same')), { server: 'b', uri: 'x://same' });
    assert.deepEqual(catalog.resolveResource('a://items/42'), { server: 'a', uri: 'a://items/42' });
    assert.equal(catalog.resolveResource('nope://x'), undefined);
    assert.equal(catalog.resolveResource(gatewayUri('vsc', 'x://y')), undefined, 'not for hidden servers');
    assert.deepEqual(parseGatewayUri(gatewayUri('a b', 'x://y?z=1')), { server: 'a b', uri: 'x://y?z=1' });
  });

  it('names prompts like tools and finds their owner', () => {
    assert.deepEqual(catalog.prompts().map(p => p.name), ['a__greet']);
    assert.deepEqual(catalog.findPrompt('a__greet'), { server: 'a', name: 'greet' });
    assert.equal(catalog.findTemplateOwner('a://items/{id}'), 'a');
  });

  it('matches URI templates', () => {
    assert.ok(templateMatches('a://items/{id}', 'a://items/42'));
    assert.ok(!templateMatches('a://items/{id}', 'a://items/4/2'));
    assert.ok(templateMatches('file:///{+path}', 'file:///a/b/c'));
    assert.ok(templateMatches('s://q{?x,y}', 's://q?x=1&y=2'));
    assert.ok(!templateMatches('s://{broken', 's://x'));
  });
});

describe('chat: duplicates decision', () => {
  it('recognises VS Code mcp.json origins', () => {
    assert.equal(isFromVSCodeConfig({ kind: 'workspace' }), true);
    assert.equal(isFromVSCodeConfig({ kind: 'user' }), true);
    assert.equal(isFromVSCodeConfig({ kind: 'discovered', file: '/p/.vscode/mcp.json' }), true);
    assert.equal(isFromVSCodeConfig({ kind: 'discovered', file: 'C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json' }), true);
    assert.equal(isFromVSCodeConfig({ kind: 'discovered', file: '/home/me/.cursor/mcp.json', label: 'Cursor' }), false);
    assert.equal(isFromVSCodeConfig({ kind: 'setting' }), false);
    assert.equal(isFromVSCodeConfig({ kind: 'demo' }), false);
    assert.equal(isFromVSCodeConfig(undefined), false);
  });

  it('hides them unless the setting is on; others are always exposed', () => {
    assert.equal(exposedThroughGateway({ name: 'a', origin: { kind: 'workspace' } }, false), false);
    assert.equal(exposedThroughGateway({ name: 'a', origin: { kind: 'workspace' } }, true), true);
    assert.equal(exposedThroughGateway({ name: 'a', spec: { origin: { kind: 'user' } } }, false), false);
    assert.equal(exposedThroughGateway({ name: 'a', origin: { kind: 'setting' } }, false), true);
  });
});
