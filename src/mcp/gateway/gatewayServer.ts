import { ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server';
import type { EngineApi } from '../../core/engineApi';
import type { GatewayCatalog } from './catalog';
import { downstreamAsker } from './downstreamAsker';

export interface GatewayServerIdentity {
  name?: string;
  version?: string;
  instructions: string;
  /** 2025-era sessions: an upstream's questions during a call go to the client that made it, when it can answer them. */
  forwardQuestions?: boolean;
}

/**
 * One SDK server for one legacy session or one modern request; its handlers read the live catalog every time. The same
 * definition serves both eras: the SDK speaks 2025-11-25 or 2026-07-28 around it.
 */
export function createGatewayServer(engine: EngineApi, catalog: GatewayCatalog, identity: GatewayServerIdentity): Server {
  const server = new Server(
    { name: identity.name ?? 'mcp-switchboard-gateway', title: 'MCP Switchboard', version: identity.version ?? '0.0.0' },
    {
      capabilities: { tools: { listChanged: true }, resources: { listChanged: true }, prompts: { listChanged: true }, completions: {} },
      instructions: identity.instructions,
    },
  );

  // Lists are refetched first where their server-given lifetime ran out, and carry the gateway's own caching hints.
  server.setRequestHandler('tools/list', async () => { await catalog.fresh(); return { tools: catalog.tools() as never, ...catalog.cacheHint('tools') }; });

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const name = request.params.name;
    const tool = catalog.findTool(name);
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    const progressToken = request.params._meta?.progressToken;
    const signal = ctx.mcpReq.signal;
    try {
      const result = await engine.callTool(tool.server, tool.tool.name, (request.params.arguments ?? {}) as Record<string, unknown>, {
        signal,
        ask: identity.forwardQuestions ? downstreamAsker(server, ctx) : undefined,
        onProgress: progressToken === undefined ? undefined : p => {
          void ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress: p.progress, total: p.total, message: p.message } }).catch(() => undefined);
        },
      });
      return {
        content: result.content as never,
        ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
        ...(result.isError ? { isError: true } : {}),
      };
    } catch (e) {
      if (signal.aborted) throw e;
      return { isError: true, content: [{ type: 'text' as const, text: `${tool.server}/${tool.tool.name} failed: ${(e as Error)?.message ?? e}` }] };
    }
  });

  server.setRequestHandler('resources/list', async () => {
    await catalog.fresh();
    return { resources: catalog.resources().map(({ route: _route, ...r }) => r) as never, ...catalog.cacheHint('resources') };
  });
  server.setRequestHandler('resources/templates/list', async () => {
    await catalog.fresh();
    return { resourceTemplates: catalog.resourceTemplates().map(({ server: _server, ...t }) => t) as never, ...catalog.cacheHint('resources') };
  });
  server.setRequestHandler('resources/read', async (request, ctx) => {
    const route = catalog.resolveResource(request.params.uri);
    if (!route) throw new ProtocolError(-32002, `Resource not found: ${request.params.uri}`);
    const contents = await engine.readResource(route.server, route.uri, { signal: ctx.mcpReq.signal });
    return { contents: contents as never };
  });

  server.setRequestHandler('prompts/list', async () => {
    await catalog.fresh();
    return { prompts: catalog.prompts().map(({ server: _s, original: _o, ...p }) => p) as never, ...catalog.cacheHint('prompts') };
  });
  server.setRequestHandler('prompts/get', async (request, ctx) => {
    const p = catalog.findPrompt(request.params.name);
    if (!p) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    const result = await engine.getPrompt(p.server, p.name, (request.params.arguments ?? {}) as Record<string, string>, { signal: ctx.mcpReq.signal });
    return result as never;
  });

  server.setRequestHandler('completion/complete', async request => {
    const { ref, argument } = request.params;
    let values: string[] = [];
    if (ref.type === 'ref/prompt') {
      const p = catalog.findPrompt(ref.name);
      if (p) values = await engine.complete(p.server, { type: 'ref/prompt', name: p.name }, argument);
    } else if (ref.type === 'ref/resource') {
      const owner = catalog.findTemplateOwner(ref.uri);
      if (owner) values = await engine.complete(owner, { type: 'ref/resource', uri: ref.uri }, argument);
    }
    return { completion: { values: values.slice(0, 100), total: values.length, hasMore: values.length > 100 } };
  });

  return server;
}
