// The gateway caps its sessions and closes idle ones (real engine, real SDK client over streamable HTTP).
import * as assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createEngine } from '../../../src/mcp/createEngine';
import type { Engine } from '../../../src/core/connection/engine';
import { McpGateway } from '../../../src/mcp/gateway/gateway';

async function until(what: string, fn: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('chat: MCP gateway sessions', function () {
  this.timeout(30_000);
  let engine: Engine;
  let gateway: McpGateway;
  const clients: Client[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(c => c.close().catch(() => undefined)));
    await gateway?.stop();
    await engine?.dispose();
  });

  async function connect(): Promise<Client> {
    const info = gateway.info!;
    const client = new Client({ name: 'sessions-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: info.headers } }));
    clients.push(client);
    return client;
  }

  /** A gateway capped at two sessions, with a first session used after a second one opened. */
  async function twoSessionsFirstUsedLast(): Promise<{ first: Client; second: Client }> {
    engine = createEngine({});
    gateway = new McpGateway(engine, { isExposed: () => true, requiresApproval: () => false, maxSessions: 2 });
    await gateway.start();
    const first = await connect();
    const second = await connect();
    await first.listTools();
    return { first, second };
  }

  it('keeps at most maxSessions, closing the least recently used', async () => {
    const { first, second } = await twoSessionsFirstUsedLast();
    await connect();
    await until('the cap', () => gateway.sessionCount <= 2);
    assert.equal(gateway.sessionCount, 2);
    await first.listTools();
    await assert.rejects(second.listTools(), /Session not found|404/, 'the least recently used session was closed');
  });

  it('a late GET stream of a session is not a use: the session that sent nothing since goes first', async () => {
    const { first, second } = await twoSessionsFirstUsedLast();
    // What the client's transport does by itself after initializing, and what a busy machine can delay past first's
    // request: a GET for second's listen stream (answered with a stream or 409 when one is already open).
    const sid = (second.transport as StreamableHTTPClientTransport).sessionId!;
    const info = gateway.info!;
    const get = new AbortController();
    const res = await fetch(info.url, { method: 'GET', headers: { ...info.headers, accept: 'text/event-stream', 'mcp-session-id': sid }, signal: get.signal });
    assert.ok(res.status === 200 || res.status === 409, `GET answered ${res.status}`);
    get.abort();
    await connect();
    await until('the cap', () => gateway.sessionCount <= 2);
    await first.listTools();
    await assert.rejects(second.listTools(), /Session not found|404/);
  });

  it('closes a session idle for sessionIdleMs', async () => {
    engine = createEngine({});
    gateway = new McpGateway(engine, { isExposed: () => true, requiresApproval: () => false, sessionIdleMs: 300 });
    await gateway.start();
    const client = await connect();
    await client.listTools();
    assert.equal(gateway.sessionCount, 1);
    await until('the idle session to close', () => gateway.sessionCount === 0);
    await assert.rejects(client.listTools(), /Session not found|404/);
  });
});
