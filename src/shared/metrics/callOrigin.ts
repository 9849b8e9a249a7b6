/**
 * Who asked for a call. `internal` calls are the ones the client makes on its own to keep a connection useful
 * (health-check pings, the handshake, catalog list refreshes, log level); everything else is the user's (tools,
 * resources, prompts, completions, replays). The metrics keep them apart so pings never move a tool's p50.
 */
export type CallOrigin = 'user' | 'internal';
/** Which calls a metrics view covers. */
export type MetricsScope = CallOrigin | 'all';

export const METRICS_SCOPES: readonly MetricsScope[] = ['user', 'internal', 'all'];

const INTERNAL_METHODS: ReadonlySet<string> = new Set([
  'ping', 'initialize', 'tools/list', 'resources/list', 'resources/templates/list', 'prompts/list', 'logging/setLevel',
]);

export function callOrigin(method: string | undefined): CallOrigin {
  return method !== undefined && INTERNAL_METHODS.has(method) ? 'internal' : 'user';
}

export function inScope(scope: MetricsScope, origin: CallOrigin): boolean {
  return scope === 'all' || scope === origin;
}
