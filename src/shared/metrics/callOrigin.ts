/**
 * Who asked for a call. `internal` calls are the ones the client makes on its own to keep a connection useful
 * (health-check pings, the handshake, catalog list refreshes, log level); everything else is the user's (tools,
 * resources, prompts, completions, replays). The metrics keep them apart so pings never move a tool's p50.
 */
export type CallOrigin = 'user' | 'internal';
/** Which calls a metrics view covers. */
export type MetricsScope = CallOrigin | 'all';

export const METRICS_SCOPES: readonly MetricsScope[] = ['user', 'internal', 'all'];

/**
 * 2026-07-28: `server/discover` is the era probe and the health check (there is no ping), and `subscriptions/listen`
 * is a stream that stays open for the whole connection (list changes, followed resources): counted as the user's, it
 * would sit "in flight" for ever and its open time would become the server's p50.
 */
const INTERNAL_METHODS: ReadonlySet<string> = new Set([
  'ping', 'initialize', 'tools/list', 'resources/list', 'resources/templates/list', 'prompts/list', 'logging/setLevel',
  'server/discover', 'subscriptions/listen',
]);

export function callOrigin(method: string | undefined): CallOrigin {
  return method !== undefined && INTERNAL_METHODS.has(method) ? 'internal' : 'user';
}

export function inScope(scope: MetricsScope, origin: CallOrigin): boolean {
  return scope === 'all' || scope === origin;
}
