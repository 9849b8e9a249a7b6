import { mergeCapabilities, type ClientCapabilities } from '@modelcontextprotocol/client';
import type { ClientRequestHandlers } from '../core/clientRequests/types';
import type { ServerSpec } from '../core/connection/types';

/** One feature's share of the declared client capabilities; `undefined` when the feature is not wired. */
export type CapabilityFragment = ClientCapabilities | undefined;

/** Declares exactly what is wired: servers hide tools (server-everything) or refuse flows for capabilities we lack. */
export function clientCapabilityFragments(handlers: ClientRequestHandlers, spec: ServerSpec): CapabilityFragment[] {
  return [
    handlers.elicit && { elicitation: { form: {}, url: {} } },
    (handlers.roots || spec.options.roots) && { roots: { listChanged: !spec.options.roots && !!handlers.roots?.onDidChange } },
  ];
}

export function buildClientCapabilities(fragments: CapabilityFragment[]): ClientCapabilities {
  return fragments.reduce<ClientCapabilities>((all, fragment) => (fragment ? mergeCapabilities(all, fragment) : all), {});
}
