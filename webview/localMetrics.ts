/**
 * Metrics computed in the page from the rows it holds, for imported captures (the host's MetricsRegistry only knows
 * live traffic). The counting is the registry's own (src/shared/metrics), so a capture and the live traffic it was
 * recorded from give the same calls, p50 and p95: cancelled calls are counted but say nothing about latency.
 */
import type { CallStatsView, MetricsScope, MetricsSelection, MetricsSnapshot, ServerStatsView } from '../src/shared/inspectorProtocol';
import { CallStatsAccumulator, type CallOutcome, type TimelineShape } from '../src/shared/metrics/callStatsAccumulator';
import { callOrigin, inScope } from '../src/shared/metrics/callOrigin';
import { chartSelection } from '../src/shared/metrics/chartSelection';
import { type Row, type TrafficModel, rowLatency, rowMethod, rowStatus, rowTool } from './model';

const TIMELINE_BUCKETS = 60;
const TOOLS_CALL = 'tools/call';

/** Outgoing requests are the calls the metrics count. */
function isCall(row: Row): boolean {
  return row.main.kind === 'request' && row.main.direction === 'out';
}

function outcomeOf(row: Row): CallOutcome | undefined {
  const s = rowStatus(row);
  return s === 'pending' || s === undefined ? undefined : s;
}

function endTime(row: Row): number {
  return (row.res ?? row.end)?.time ?? row.main.time;
}

/** Bucket width for the capture's time span: whole seconds, at most TIMELINE_BUCKETS buckets. */
function timelineShape(calls: readonly Row[]): { shape: TimelineShape; now: number } {
  let t0 = Infinity, t1 = -Infinity;
  for (const r of calls) { t0 = Math.min(t0, r.main.time); t1 = Math.max(t1, endTime(r)); }
  if (!Number.isFinite(t0)) return { shape: { bucketMs: 1000, buckets: 1 }, now: 0 };
  const bucketMs = Math.max(1000, Math.ceil((t1 - t0 + 1) / TIMELINE_BUCKETS / 1000) * 1000);
  return { shape: { bucketMs, buckets: Math.ceil((t1 - t0 + 1) / bucketMs) + 1 }, now: t1 };
}

function feed(acc: CallStatsAccumulator, row: Row): void {
  acc.started();
  const outcome = outcomeOf(row);
  if (outcome === undefined) return;
  const error = row.res?.kind === 'error' || outcome === 'timeout' ? (row.res?.text ?? undefined) : undefined;
  acc.ended(endTime(row), rowLatency(row) ?? 0, outcome, error);
}

export function computeMetrics(model: TrafficModel, selection?: MetricsSelection, scope: MetricsScope = 'user', now = Date.now()): MetricsSnapshot {
  const calls: Row[] = [];
  model.forEach(row => { if (isCall(row) && inScope(scope, callOrigin(rowMethod(row)))) calls.push(row); });
  const { shape, now: end } = timelineShape(calls);
  const servers = new Map<string, { acc: CallStatsAccumulator; tools: Map<string, CallStatsAccumulator> }>();
  for (const row of calls) {
    let s = servers.get(row.main.server);
    if (!s) servers.set(row.main.server, (s = { acc: new CallStatsAccumulator(shape), tools: new Map() }));
    feed(s.acc, row);
    const tool = rowTool(row);
    if (tool !== undefined && rowMethod(row) === TOOLS_CALL) {
      let t = s.tools.get(tool);
      if (!t) s.tools.set(tool, (t = new CallStatsAccumulator(shape)));
      feed(t, row);
    }
  }
  const out: Record<string, ServerStatsView> = {};
  for (const [name, s] of servers) {
    const tools: Record<string, CallStatsView> = {};
    for (const [t, acc] of s.tools) tools[t] = statsOf(acc).stats;
    const { stats, lastError } = statsOf(s.acc);
    out[name] = { ...stats, connectAttempts: 0, uptimeMs: 0, tools };
    if (lastError) out[name].lastError = lastError;
  }
  const snap: MetricsSnapshot = { at: now, scope, servers: out };
  const sel = chartSelection(out, selection);
  if (!sel) return snap;
  snap.selection = sel;
  const s = servers.get(sel.server);
  const acc = sel.tool === undefined ? s?.acc : s?.tools.get(sel.tool);
  snap.histogram = acc?.latency.buckets() ?? [];
  snap.timeline = acc?.timelinePoints(end) ?? [];
  return snap;
}

function statsOf(acc: CallStatsAccumulator): { stats: CallStatsView; lastError?: string } {
  const { lastError, ...stats } = acc.snapshot();
  return { stats, lastError: lastError?.message };
}
