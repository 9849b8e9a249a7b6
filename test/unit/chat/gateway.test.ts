// The loopback gateway against a real engine, a real fixture server and a real SDK client over streamable HTTP.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createEngine } from '../../../src/mcp/createEngine';
import type { Engine } from '../../../src/core/connection/engine';
import { defaultServerOptions, type ServerEntry } from '../../../src/core/connection/types';
import { McpGateway } from '../../../src/mcp/gateway/gateway';
import { stdioCommand } from '../../fixtures/servers';

function entry(name: string, fixture: string, args: string[] = [], origin?: ServerEntry['origin']): ServerEntry {
  const { command, args: a } = stdioCommand(fixture, ...args);
  return { name, origin, spec: { name, origin, secrets: [], target: { type: 'stdio', command, args: a }, options: { ...defaultServerOptions, healthCheckIntervalMs: 0 } } };
}

async function waitFor<T>(fn: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A raw HTTP POST with chosen headers (fetch cannot set Host). */
function rawPost(port: number, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = httpRequest({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'content-length': Buffer.byteLength(data), ...headers } }, res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', c => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

const entries = () => [
  entry('echo', 'echo.mjs'),
  entry('other', 'echo.mjs', ['--name', 'other']),
  entry('vsc', 'echo.mjs', ['--name', 'vsc'], { kind: 'workspace', file: '/w/.vscode/mcp.json' }),
  entry('changing', 'changing.mjs'),
];

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };

describe('chat: MCP gateway (real engine, SDK client)', function () {
  this.timeout(30_000);
  let engine: Engine;
  let gateway: McpGateway;
  let exposeVSCode = false;
  const clients: Client[] = [];

  async function connect(headers: Record<string, string>): Promise<Client> {
    const info = gateway.info!;
    const client = new Client({ name: 'gateway-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  before(async () => {
    engine = createEngine({ sdk: { shutdown: { stdinGraceMs: 200, termGraceMs: 300 } }, listChangedDebounceMs: 20 });
    await engine.apply(entries());
    await engine.whenStarted();
    await Promise.all(['echo', 'other', 'vsc', 'changing'].map(n => engine.start(n)));
    gateway = new McpGateway(engine, {
      isExposed: s => exposeVSCode || s.origin?.kind !== 'workspace',
      requiresApproval: t => t.tool.name === 'echo',
      version: '9.9.9',
      listChangedDebounceMs: 20,
    });
    await gateway.start();
  });

  after(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await gateway?.stop();
    await engine?.dispose();
  });

  it('listens on 127.0.0.1 with a bearer token', () => {
    const info = gateway.info!;
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    assert.ok(info.token.length >= 40, 'a long random token');
    assert.equal(info.headers.Authorization, `Bearer ${info.token}`);
  });

  it('answers an SDK client with the right token, under qualified names', async () => {
    const client = await connect(gateway.info!.headers);
    assert.equal(client.getServerVersion()?.version, '9.9.9');
    const { tools } = await client.listTools();
    const names = tools.map(t => t.name);
    assert.ok(names.includes('echo__echo') && names.includes('other__add'), names.join(','));
    assert.ok(!names.some(n => n.startsWith('vsc__')), 'servers from VS Code mcp.json are hidden by default');
    assert.match(tools.find(t => t.name === 'echo__add')!.description ?? '', /^\[echo\] /);
    const { resources } = await client.listResources();
    assert.ok(resources.some(r => r.uri === 'echo://readme'), 'first server keeps the original URI');
    assert.ok(resources.some(r => r.uri.startsWith('mcpsb-gateway://other/')), 'a duplicate URI is served under the gateway scheme');
    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map(p => p.name).sort(), ['echo__greet', 'other__greet']);
  });

  it('refuses a request without a token (401)', async () => {
    const res = await rawPost(gateway.info!.port, { host: `127.0.0.1:${gateway.info!.port}` }, initialize);
    assert.equal(res.status, 401);
    const bad = await rawPost(gateway.info!.port, { host: `127.0.0.1:${gateway.info!.port}`, authorization: 'Bearer nope' }, initialize);
    assert.equal(bad.status, 401);
    await assert.rejects(connect({}), /401|Unauthorized/i);
  });

  it('refuses a wrong Host or Origin (403), even with the token', async () => {
    const { port, headers } = gateway.info!;
    assert.equal((await rawPost(port, { ...headers, host: `evil.example:${port}` }, initialize)).status, 403);
    assert.equal((await rawPost(port, { ...headers, host: '127.0.0.1:1' }, initialize)).status, 403);
    assert.equal((await rawPost(port, { ...headers, host: `127.0.0.1:${port}`, origin: 'http://evil.example' }, initialize)).status, 403);
    assert.equal((await rawPost(port, { ...headers, host: `localhost:${port}`, origin: `http://localhost:${port}` }, initialize)).status, 200);
  });

  it('forwards tools/call through the engine: traffic records and metrics', async () => {
    const client = await connect(gateway.info!.headers);
    const before = engine.metrics.server('echo').calls ?? 0;
    const result = await client.callTool({ name: 'echo__add', arguments: { a: 2, b: 3 } });
    assert.deepEqual(result.structuredContent, { sum: 5 });
    const records = engine.traffic.records({ server: 'echo' });
    assert.ok(records.some(r => r.kind === 'request' && r.method === 'tools/call' && r.tool === 'add'), 'tools/call add recorded on server echo');
    assert.ok((engine.metrics.server('echo').calls ?? 0) > before, 'metrics counted the call');
    const failed = await client.callTool({ name: 'echo__fail', arguments: { message: 'boom' } });
    assert.equal(failed.isError, true);
    await assert.rejects(client.callTool({ name: 'nope__nothing', arguments: {} }), /Unknown tool/);
  });

  it('routes resources/read and prompts/get to the owning server', async () => {
    const client = await connect(gateway.info!.headers);
    const item = await client.readResource({ uri: 'echo://items/beta' });
    assert.equal((item.contents[0] as { text: string }).text, 'item beta');
    const { resources } = await client.listResources();
    const dup = resources.find(r => r.uri.startsWith('mcpsb-gateway://other/'))!;
    const read = await client.readResource({ uri: dup.uri });
    assert.match((read.contents[0] as { text: string }).text, /# other/);
    const prompt = await client.getPrompt({ name: 'other__greet', arguments: { name: 'Ada' } });
    assert.deepEqual(prompt.messages[0].content, { type: 'text', text: 'Hello, Ada!' });
  });

  it('relays list_changed when the exposed set changes', async () => {
    const client = await connect(gateway.info!.headers);
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => { changed++; });
    exposeVSCode = true;
    gateway.notifyListChanged();
    await waitFor(() => changed > 0);
    const { tools } = await client.listTools();
    assert.ok(tools.some(t => t.name === 'vsc__echo'), 'the VS Code-config server is exposed after the setting flips');
    exposeVSCode = false;
  });

  it('relays a managed server\'s tools/list_changed', async () => {
    const client = await connect(gateway.info!.headers);
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => { changed++; });
    await client.callTool({ name: 'changing__add_tool', arguments: { name: 'fresh' } });
    await waitFor(() => changed > 0);
    const { tools } = await client.listTools();
    assert.ok(tools.some(t => t.name === 'changing__fresh'), 'the new tool is listed');
    const r = await client.callTool({ name: 'changing__fresh', arguments: {} });
    assert.deepEqual(r.content, [{ type: 'text', text: 'I am fresh' }]);
  });

  it('stop() closes the port; start() again uses a new token', async () => {
    const old = gateway.info!;
    await gateway.stop();
    assert.equal(gateway.info, undefined);
    await assert.rejects(rawPost(old.port, { ...old.headers, host: `127.0.0.1:${old.port}` }, initialize));
    const fresh = await gateway.start();
    assert.notEqual(fresh.token, old.token);
  });
});
