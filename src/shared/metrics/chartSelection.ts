import type { MetricsSelection, ServerStatsView } from '../inspectorProtocol';

/**
 * The metrics charts' selection: the requested one while its server still has metrics, otherwise the first connected
 * server with calls to chart (a removed, stopped or idle one is a poor default), then any connected one, then the first.
 */
export function chartSelection(servers: Record<string, ServerStatsView>, requested: MetricsSelection | undefined): MetricsSelection | undefined {
  if (requested && servers[requested.server]) return requested;
  const names = Object.keys(servers).sort();
  const live = (n: string) => servers[n].connectedSince !== undefined;
  const busy = (n: string) => servers[n].calls + servers[n].inFlight > 0;
  const name = names.find(n => live(n) && busy(n)) ?? names.find(live) ?? names.find(busy) ?? names[0];
  return name === undefined ? undefined : { server: name };
}
