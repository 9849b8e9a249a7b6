/**
 * Maps the engine's MetricsRegistry onto the protocol's MetricsSnapshot. vscode-free; reads fields defensively so a
 * registry that lacks a counter shows 0 instead of breaking the panel.
 */
import type { CallStatsView, HistogramBucket, MetricsScope, MetricsSelection, MetricsSnapshot, ServerStatsView, TimelinePoint } from '../shared/inspectorProtocol';
import { chartSelection } from '../shared/metrics/chartSelection';

/** The part of `MetricsRegistry` the inspector reads (structural, so this file does not depend on its module). */
export interface MetricsSource {
  all(scope?: MetricsScope): Record<string, object>;
  histogram(server: string, tool?: string, scope?: MetricsScope): { buckets: ReadonlyArray<{ le: number; count: number }> };
  timeline(server: string, tool?: string, scope?: MetricsScope): ReadonlyArray<{ t: number; calls: number; errors: number; p50: number; max: number }>;
}

function num(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

function callStats(x: unknown): CallStatsView {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  return {
    calls: num(o.calls), errors: num(o.errors), timeouts: num(o.timeouts), cancelled: num(o.cancelled),
    inFlight: num(o.inFlight), p50: num(o.p50), p95: num(o.p95), p99: num(o.p99),
  };
}

function serverStats(x: object): ServerStatsView {
  const o = x as Record<string, unknown>;
  const tools: Record<string, CallStatsView> = {};
  if (typeof o.tools === 'object' && o.tools !== null) {
    for (const [name, t] of Object.entries(o.tools as Record<string, unknown>)) tools[name] = callStats(t);
  }
  const lastError = o.lastError;
  const view: ServerStatsView = {
    ...callStats(o),
    connectAttempts: num(o.connectAttempts),
    uptimeMs: num(o.uptimeMs),
    tools,
  };
  if (typeof o.connectedSince === 'number') view.connectedSince = o.connectedSince;
  if (typeof lastError === 'string') view.lastError = lastError;
  else if (typeof lastError === 'object' && lastError !== null && typeof (lastError as { message?: unknown }).message === 'string') view.lastError = (lastError as { message: string }).message;
  return view;
}

export function snapshotMetrics(source: MetricsSource, selection?: MetricsSelection, now = Date.now(), scope: MetricsScope = 'user'): MetricsSnapshot {
  const servers: Record<string, ServerStatsView> = {};
  for (const [name, s] of Object.entries(source.all(scope))) servers[name] = serverStats(s);
  const snap: MetricsSnapshot = { at: now, scope, servers };
  const sel = chartSelection(servers, selection);
  if (sel) {
    snap.selection = sel;
    try {
      snap.histogram = source.histogram(sel.server, sel.tool, scope).buckets.map((b): HistogramBucket => ({ le: Number.isFinite(b.le) ? b.le : null, count: num(b.count) }));
    } catch { /* no histogram for this selection */ }
    try {
      snap.timeline = source.timeline(sel.server, sel.tool, scope).map((p): TimelinePoint => ({ t: num(p.t), calls: num(p.calls), errors: num(p.errors), p50: num(p.p50), max: num(p.max) }));
    } catch { /* no timeline */ }
  }
  return snap;
}
