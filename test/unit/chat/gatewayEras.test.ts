// The gateway serves both MCP eras from one endpoint; a modern-only upstream is usable from a 2025-era client.
import * as assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createEngine } from '../../../src/mcp/createEngine';
import type { Engine } from '../../../src/core/connection/engine';
import { defaultServerOptions, type ProtocolVersionChoice } from '../../../src/core/connection/types';
import { McpGateway } from '../../../src/mcp/gateway/gateway';
import { stdioCommand } from '../../fixtures/servers';

describe('chat: MCP gateway, both protocol eras', function () {
  this.timeout(30_000);
  let engine: Engine;
  let gateway: McpGateway;
  const clients: Client[] = [];

  async function connect(version: ProtocolVersionChoice): Promise<Client> {
    const info = gateway.info!;
    const mode = version === '2025-11-25' ? 'legacy' : version === '2026-07-28' ? { pin: version } : 'auto';
    const client = new Client({ name: 'gateway-era-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: info.headers } }));
    clients.push(client);
    return client;
  }

  before(async () => {
    engine = createEngine({ sdk: { shutdown: { stdinGraceMs: 200, termGraceMs: 300 } }, listChangedDebounceMs: 20 });
    const { command, args } = stdioCommand('modern.mjs');
    await engine.apply([{ name: 'modern', spec: { name: 'modern', secrets: [], target: { type: 'stdio', command, args }, options: { ...defaultServerOptions, healthCheckIntervalMs: 0 } } }]);
    await engine.whenStarted();
    assert.equal(engine.get('modern')!.info!.protocolVersion, '2026-07-28');
    gateway = new McpGateway(engine, { isExposed: () => true, requiresApproval: () => false, listChangedDebounceMs: 20 });
    await gateway.start();
  });

  after(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await gateway?.stop();
    await engine?.dispose();
  });

  it('a 2025-11-25 client (as VS Code speaks) lists and calls a tool of a modern-only server', async () => {
    const client = await connect('2025-11-25');
    assert.equal(client.getNegotiatedProtocolVersion(), '2025-11-25');
    const { tools } = await client.listTools();
    assert.ok(tools.some(t => t.name === 'modern__add'), tools.map(t => t.name).join(','));
    const r = await client.callTool({ name: 'modern__add', arguments: { a: 20, b: 22 } });
    assert.deepEqual(r.structuredContent, { sum: 42 });
    assert.equal(gateway.sessionCount, 1, 'a 2025 client holds a session');
  });

  it('a 2026-07-28 client negotiates the modern era with the gateway and calls the same tool statelessly', async () => {
    const client = await connect('auto');
    assert.equal(client.getProtocolEra(), 'modern');
    assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
    const r = await client.callTool({ name: 'modern__echo', arguments: { text: 'both eras' } });
    assert.deepEqual(r.content, [{ type: 'text', text: 'both eras' }]);
  });

  it('delivers a list change to both eras', async () => {
    const legacy = await connect('2025-11-25');
    const modern = await connect('2026-07-28');
    const legacyChanged = new Promise<void>(resolve => legacy.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    const modernChanged = new Promise<void>(resolve => modern.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
    const sub = await modern.listen({ toolsListChanged: true });
    await legacy.callTool({ name: 'modern__add_tool', arguments: { name: 'via_gateway' } });
    await Promise.all([legacyChanged, modernChanged]);
    await sub.close();
    const { tools } = await legacy.listTools();
    assert.ok(tools.some(t => t.name === 'modern__via_gateway'));
  });
});
