import type { Client } from '@modelcontextprotocol/client';
import type { Disposable } from '../core/events';
import type { Logger } from '../core/logger';
import type { ClientRequestHandlers, ClientRoot, Elicitation } from '../core/clientRequests/types';
import { toRoot } from '../core/clientRequests/roots';
import type { JsonSchema } from '../core/schema/jsonSchema';
import type { ServerSpec } from '../core/connection/types';
import type { CallTracker } from './callTracker';

export interface ClientRequestWiringDeps {
  handlers: ClientRequestHandlers;
  spec: ServerSpec;
  logger: Logger;
  calls: CallTracker;
  serverTitle: () => string | undefined;
}

/** The roots this server sees: its own `roots` from the config, else the shared source (workspace folders, CLI). */
export function rootsFor(spec: ServerSpec, handlers: ClientRequestHandlers): ClientRoot[] {
  if (spec.options.roots) {
    const base = spec.target.type === 'stdio' ? spec.target.cwd : undefined;
    return spec.options.roots.map(r => toRoot(r, base));
  }
  return handlers.roots?.roots() ?? [];
}

/** Registers the handlers with the SDK client before it connects; they serve 2025 requests and 2026 input_required rounds alike. */
export function wireClientRequests(client: Client, deps: ClientRequestWiringDeps): void {
  const { handlers, spec } = deps;
  const elicit = handlers.elicit;
  if (elicit) {
    client.setRequestHandler('elicitation/create', async (request, ctx) => {
      const p = request.params as Record<string, unknown>;
      const elicitation: Elicitation = p.mode === 'url'
        ? { mode: 'url', message: String(p.message ?? ''), url: String(p.url ?? ''), elicitationId: String(p.elicitationId ?? '') }
        : { mode: 'form', message: String(p.message ?? ''), requestedSchema: (p.requestedSchema ?? {}) as JsonSchema };
      const signal = AbortSignal.any([ctx.mcpReq.signal, deps.calls.whenCurrentCallsEnd()]);
      const ask = deps.calls.currentAsker();
      // The calls' timeouts pause while the user answers (2025 requests and 2026 input_required rounds alike).
      const answer = await deps.calls.whileWaitingOnUser(() => elicit(elicitation, { server: spec.name, serverTitle: deps.serverTitle(), signal, ask }));
      return answer as never;
    });
  }
  if (handlers.roots || spec.options.roots) {
    client.setRequestHandler('roots/list', () => {
      try {
        return { roots: rootsFor(spec, handlers) };
      } catch (e) {
        deps.logger.warn(`roots: ${(e as Error).message}`);
        throw e;
      }
    });
  }
}

/** Tells a 2025-era server that the workspace folders changed; a server with its own `roots` in the config is not affected. */
export function announceRootsChanges(client: Client, deps: Pick<ClientRequestWiringDeps, 'handlers' | 'spec' | 'logger'>): Disposable | undefined {
  const source = deps.handlers.roots;
  if (!source?.onDidChange || deps.spec.options.roots || client.getProtocolEra() === 'modern') return undefined;
  return source.onDidChange(() => {
    client.sendRootsListChanged().catch((e: unknown) => deps.logger.debug(`roots/list_changed not sent: ${(e as Error).message}`));
  });
}
