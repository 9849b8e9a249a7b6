import { randomUUID } from 'node:crypto';
import type { Server, ServerContext } from '@modelcontextprotocol/server';
import type { CallAsker } from '../../core/clientRequests/types';

/**
 * Forwards an upstream's questions during one gateway call to the client that made it (VS Code's own MCP client answers
 * with its own UI), as requests related to that call. Only for 2025-era gateway sessions: a 2026-07-28 gateway request
 * would have to end with `input_required` and be re-sent, which a proxied upstream call cannot wait for. Undefined when
 * the client declared neither capability: the local UI answers, as for every other call.
 */
export function downstreamAsker(server: Server, ctx: ServerContext): CallAsker | undefined {
  const caps = server.getClientCapabilities();
  const asker: CallAsker = {};
  if (caps?.elicitation) {
    // A 2026 URL question has no elicitationId, which a 2025 client requires.
    asker.elicit = async (request, signal) => {
      const params = request.mode === 'url'
        ? { mode: 'url' as const, message: request.message, url: request.url, elicitationId: request.elicitationId || randomUUID() }
        : { message: request.message, requestedSchema: request.requestedSchema as never };
      return await ctx.mcpReq.elicitInput(params, { signal }) as never;
    };
  }
  if (caps?.sampling) {
    asker.sample = async (params, signal) => await ctx.mcpReq.requestSampling(params as never, { signal }) as unknown as Record<string, unknown>;
  }
  return asker.elicit || asker.sample ? asker : undefined;
}
