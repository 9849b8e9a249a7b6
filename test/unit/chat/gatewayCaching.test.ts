// The gateway honours and passes on the 2026-07-28 caching hints of its upstream lists.
import * as assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { Engine } from '../../../src/core/connection/engine';
import { McpGateway } from '../../../src/mcp/gateway/gateway';
import { stdioCommand } from '../../fixtures/servers';
import { entry, testEngine } from '../engine/helpers';

describe('chat: MCP gateway, list caching hints (ttlMs / cacheScope)', function () {
  this.timeout(30_000);
  let engine: Engine;
  let gateway: McpGateway;
  let client: Client;
  const publicServer = entry('cached', { type: 'stdio', ...stdioCommand('modern.mjs', '--list-ttl-ms', '60000', '--cache-scope', 'public') });

  before(async () => {
    engine = testEngine();
    await engine.apply([publicServer]);
    await engine.whenStarted();
    gateway = new McpGateway(engine, { isExposed: () => true, requiresApproval: () => false, listChangedDebounceMs: 20 });
    await gateway.start();
    client = new Client({ name: 'gateway-cache-test', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new StreamableHTTPClientTransport(new URL(gateway.info!.url), { requestInit: { headers: gateway.info!.headers } }));
  });

  after(async () => {
    await client?.close().catch(() => {});
    await gateway?.stop();
    await engine?.dispose();
  });

  it('a list of public upstream lists is public and lives as long as the shortest of them', async () => {
    const listed = await client.listTools() as { tools: unknown[]; ttlMs?: number; cacheScope?: string };
    assert.ok(listed.tools.length > 0);
    assert.equal(listed.cacheScope, 'public');
    assert.ok(listed.ttlMs! > 30_000 && listed.ttlMs! <= 60_000, `ttlMs ${listed.ttlMs}`);
  });

  it('one private (or unhinted) upstream list makes the gateway\'s list private and immediately stale', async () => {
    await engine.apply([publicServer, entry('private', { type: 'stdio', ...stdioCommand('modern.mjs', '--name', 'private') })]);
    await engine.whenStarted();
    const prompts = await client.listPrompts() as { ttlMs?: number; cacheScope?: string };
    assert.equal(prompts.cacheScope, 'private');
    assert.equal(prompts.ttlMs, 0);
  });
});
