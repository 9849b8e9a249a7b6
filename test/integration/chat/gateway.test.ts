// The loopback gateway inside the real extension: listed by the definition provider, SDK client access with the
// token, refusals, forwarding through the engine, the duplicates setting and gateway.enabled.
import * as assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { waitFor } from '../harness';
import { chatReady, scriptedModel, type ChatApi, type ScriptedModelApi } from './helpers';

function rawPost(port: number, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, res => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end(body);
  });
}

describe('chat: MCP gateway for VS Code\'s agent', function () {
  this.timeout(60_000);
  let api: ChatApi;
  let scripted: ScriptedModelApi;
  const clients: Client[] = [];
  const gatewayCfg = () => vscode.workspace.getConfiguration('mcpSwitchboard.gateway');

  async function connect(): Promise<Client> {
    const info = api.chat.gateway.info!;
    const client = new Client({ name: 'integration-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(info.url), { requestInit: { headers: info.headers } }));
    clients.push(client);
    return client;
  }

  before(async () => {
    api = await chatReady();
    ({ api: scripted } = await scriptedModel());
    await api.chat.gateway.whenSettled();
  });
  after(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await gatewayCfg().update('exposeServersFromVSCodeConfig', undefined, vscode.ConfigurationTarget.Global);
    await gatewayCfg().update('enabled', undefined, vscode.ConfigurationTarget.Global);
  });

  it('runs on 127.0.0.1 and is listed by the definition provider', async () => {
    const info = api.chat.gateway.info;
    assert.ok(info, 'gateway running (mcpSwitchboard.gateway.enabled defaults to true)');
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const defs = await waitFor(() => {
      const d = scripted.mcpServerDefinitions();
      return Array.isArray(d) && d.some(x => x.label === 'MCP Switchboard') ? d : undefined;
    }, { message: 'the "MCP Switchboard" definition in vscode.lm.mcpServerDefinitions', timeoutMs: 30_000 });
    const ours = defs.find(d => d.label === 'MCP Switchboard')!;
    assert.equal(ours.uri, info.url);
    assert.equal(ours.headers?.Authorization, `Bearer ${info.token}`);
  });

  it('answers an SDK client with the token; hides servers from VS Code\'s mcp.json until the setting says otherwise', async () => {
    // The suite's profile lets Switchboard run VS Code's mcp.json servers, which exposes them unless the setting says no.
    await gatewayCfg().update('exposeServersFromVSCodeConfig', false, vscode.ConfigurationTarget.Global);
    const client = await connect();
    const first = await client.listTools();
    assert.ok(!first.tools.some(t => t.name.startsWith('echo__')), 'echo comes from .vscode/mcp.json: hidden by default');
    assert.ok(api.chat.gateway.gateway.hiddenServers().includes('echo'));
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => { changed++; });
    await gatewayCfg().update('exposeServersFromVSCodeConfig', true, vscode.ConfigurationTarget.Global);
    await waitFor(() => changed > 0, { message: 'tools/list_changed after the setting changed' });
    const second = await client.listTools();
    const names = second.tools.map(t => t.name);
    assert.ok(names.includes('echo__echo') && names.includes('demo__word_count'), names.slice(0, 20).join(','));
    // strict's approval is "always": its read-only tools lose readOnlyHint so VS Code's agent asks.
    assert.notEqual(second.tools.find(t => t.name === 'strict__echo')?.annotations?.readOnlyHint, true);
    assert.equal(second.tools.find(t => t.name === 'demo__echo')?.annotations?.readOnlyHint, true);
  });

  it('forwards tools/call through the engine: traffic records and metrics', async () => {
    const client = await connect();
    const t0 = Date.now();
    const calls = api.engine.metrics.server('echo').calls;
    const r = await client.callTool({ name: 'echo__add', arguments: { a: 40, b: 2 } });
    assert.deepEqual(r.structuredContent, { sum: 42 });
    assert.ok(api.engine.traffic.records({ server: 'echo' }).some(x => x.time >= t0 && x.kind === 'request' && x.method === 'tools/call' && x.tool === 'add'));
    assert.ok(api.engine.metrics.server('echo').calls > calls);
    const res = await client.readResource({ uri: 'echo://readme' });
    assert.match((res.contents[0] as { text: string }).text, /# echo/);
  });

  it('refuses a client without the token, and a wrong Host or Origin', async () => {
    const { port, headers } = api.chat.gateway.info!;
    assert.equal(await rawPost(port, {}), 401);
    assert.equal(await rawPost(port, { authorization: 'Bearer wrong' }), 401);
    assert.equal(await rawPost(port, { ...headers, host: `attacker.example:${port}` }), 403);
    assert.equal(await rawPost(port, { ...headers, origin: 'https://attacker.example' }), 403);
    assert.equal(await rawPost(port, { ...headers }), 200);
  });

  it('VS Code\'s own MCP client connects to it with the provided token and sees its tools', async () => {
    const sessions = api.chat.gateway.gateway.sessionCount;
    await gatewayCfg().update('exposeServersFromVSCodeConfig', true, vscode.ConfigurationTarget.Global);
    // Starts every MCP server VS Code knows (ours is the "MCP Switchboard" definition) and waits for their tools.
    await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true });
    await waitFor(() => api.chat.gateway.gateway.sessionCount > sessions, { message: 'a gateway session opened by VS Code' });
    const viaGateway = await waitFor(() => vscode.lm.tools.filter(t => /demo__word_count$/.test(t.name)), { message: 'gateway tools in vscode.lm.tools', timeoutMs: 30_000 });
    assert.ok(viaGateway.length >= 1, vscode.lm.tools.map(t => t.name).slice(0, 30).join(','));
  });

  it('VS Code\'s agent lists and calls a tool of a server that speaks only MCP 2026-07-28, through the gateway', async () => {
    const modern = await waitFor(() => api.engine.get('modern')?.info, { message: 'the modern-only server connected', timeoutMs: 30_000 });
    assert.equal(modern.protocolVersion, '2026-07-28');
    await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true });
    const tool = await waitFor(() => vscode.lm.tools.find(t => /modern__add$/.test(t.name)), { message: 'modern__add in vscode.lm.tools', timeoutMs: 30_000 });
    const t0 = Date.now();
    const result = await scripted.invokeTool(tool.name, { a: 40, b: 2 });
    assert.match(JSON.stringify(result), /42/);
    const call = api.engine.traffic.records({ server: 'modern' }).find(x => x.time >= t0 && x.kind === 'request' && x.method === 'tools/call');
    assert.equal(call?.protocolVersion, '2026-07-28', 'the upstream call went out in the 2026 era');
  });

  it('mcpSwitchboard.gateway.enabled turns it off and on (new token)', async () => {
    const old = api.chat.gateway.info!;
    await gatewayCfg().update('enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => !api.chat.gateway.info, { message: 'gateway stopped' });
    await assert.rejects(rawPost(old.port, old.headers));
    await waitFor(() => { const d = scripted.mcpServerDefinitions(); return Array.isArray(d) && !d.some(x => x.label === 'MCP Switchboard'); }, { message: 'definition withdrawn' });
    await gatewayCfg().update('enabled', true, vscode.ConfigurationTarget.Global);
    const fresh = await waitFor(() => api.chat.gateway.info, { message: 'gateway restarted' });
    assert.notEqual(fresh.token, old.token);
    await waitFor(() => { const d = scripted.mcpServerDefinitions(); return Array.isArray(d) && d.some(x => x.label === 'MCP Switchboard' && x.uri === fresh.url && x.headers?.Authorization === `Bearer ${fresh.token}`); },
      { message: 'the definition updated to the new address and token' });
    // VS Code picks up the new address and token.
    await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { waitForLiveTools: true });
    await waitFor(() => api.chat.gateway.gateway.sessionCount > 0, { message: 'VS Code connected to the restarted gateway' });
  });
});
