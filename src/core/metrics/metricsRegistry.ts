import { Emitter, type Disposable, type Event } from '../events';
import { CallStatsAccumulator, emptyCallStats, type CallOutcome, type CallStats, type TimelineShape } from '../../shared/metrics/callStatsAccumulator';
import type { HistogramBucket } from '../../shared/metrics/latencyHistogram';
import type { TimelinePoint } from '../../shared/metrics/timeline';
import { callOrigin, type MetricsScope } from '../../shared/metrics/callOrigin';

export type { CallOutcome, CallStats } from '../../shared/metrics/callStatsAccumulator';
export type { MetricsScope } from '../../shared/metrics/callOrigin';
export type { TimelinePoint } from '../../shared/metrics/timeline';

export interface ServerStats extends CallStats {
  connectAttempts: number;
  connectedSince?: number;
  uptimeMs: number;
  /** tools/call statistics per tool name. */
  tools: Record<string, CallStats>;
}

export interface MetricsRegistryOptions {
  now?: () => number;
  /** Width of a timeline bucket. Default 1000 ms. */
  timelineBucketMs?: number;
  /** Timeline buckets kept. Default 300 (five minutes of seconds). */
  timelineBuckets?: number;
}

/** onDidChange fires at most this often, so per-call updates never flood views. */
const CHANGE_THROTTLE_MS = 250;
const TOOL_CALL_METHOD = 'tools/call';

class ServerMetrics {
  /** The user's calls (tools, resources, prompts, …) and the client's own (pings, handshake, list refreshes). */
  readonly user: CallStatsAccumulator;
  readonly internal: CallStatsAccumulator;
  readonly tools = new Map<string, CallStatsAccumulator>();
  connectAttempts = 0;
  connectedSince: number | undefined;

  constructor(private readonly shape: TimelineShape) {
    this.user = new CallStatsAccumulator(shape);
    this.internal = new CallStatsAccumulator(shape);
  }

  calls(method: string): CallStatsAccumulator {
    return callOrigin(method) === 'internal' ? this.internal : this.user;
  }

  scope(scope: MetricsScope): CallStatsAccumulator {
    return scope === 'user' ? this.user : scope === 'internal' ? this.internal : CallStatsAccumulator.combine(this.shape, [this.user, this.internal]);
  }

  tool(name: string): CallStatsAccumulator {
    let stats = this.tools.get(name);
    if (!stats) this.tools.set(name, stats = new CallStatsAccumulator(this.shape));
    return stats;
  }
}

/** Per-server and per-tool call counters, latency percentiles and timelines, fed by the traffic tap. */
export class MetricsRegistry implements Disposable {
  private readonly servers = new Map<string, ServerMetrics>();
  private readonly now: () => number;
  private readonly shape: TimelineShape;
  private readonly changeEmitter = new Emitter<void>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  /** Throttled: at most four events a second. */
  readonly onDidChange: Event<void> = this.changeEmitter.event;

  constructor(opts: MetricsRegistryOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.shape = { bucketMs: opts.timelineBucketMs ?? 1000, buckets: opts.timelineBuckets ?? 300 };
  }

  requestStarted(server: string, method: string, tool?: string): void {
    const metrics = this.metricsFor(server);
    metrics.calls(method).started();
    if (method === TOOL_CALL_METHOD && tool !== undefined) metrics.tool(tool).started();
    this.changed();
  }

  /** A call of a server removed since it started is not counted (it would bring the server back into the table). */
  requestEnded(server: string, method: string, tool: string | undefined, durationMs: number, outcome: CallOutcome, errorMessage?: string): void {
    const metrics = this.servers.get(server);
    if (!metrics) return;
    const now = this.now();
    metrics.calls(method).ended(now, durationMs, outcome, errorMessage);
    if (method === TOOL_CALL_METHOD && tool !== undefined) metrics.tool(tool).ended(now, durationMs, outcome, errorMessage);
    this.changed();
  }

  connectAttempt(server: string): void {
    this.metricsFor(server).connectAttempts++;
    this.changed();
  }

  connected(server: string): void {
    this.metricsFor(server).connectedSince = this.now();
    this.changed();
  }

  /** A removed server's connection closing does not bring it back. */
  disconnected(server: string): void {
    const metrics = this.servers.get(server);
    if (!metrics) return;
    metrics.connectedSince = undefined;
    this.changed();
  }

  /**
   * Zeros for unknown servers. `scope` picks the calls counted at server level: `user` leaves out the client's own
   * pings, handshake and list refreshes (what a p50 next to a server should show), `internal` is only those, `all`
   * both. Per-tool stats are always user calls.
   */
  server(name: string, scope: MetricsScope = 'all'): ServerStats {
    const metrics = this.servers.get(name);
    if (!metrics) return { ...emptyCallStats(), connectAttempts: 0, uptimeMs: 0, tools: {} };
    const tools: Record<string, CallStats> = {};
    if (scope !== 'internal') for (const [tool, stats] of metrics.tools) tools[tool] = stats.snapshot();
    const stats: ServerStats = {
      ...metrics.scope(scope).snapshot(),
      connectAttempts: metrics.connectAttempts,
      uptimeMs: metrics.connectedSince === undefined ? 0 : Math.max(0, this.now() - metrics.connectedSince),
      tools,
    };
    if (metrics.connectedSince !== undefined) stats.connectedSince = metrics.connectedSince;
    return stats;
  }

  all(scope: MetricsScope = 'all'): Record<string, ServerStats> {
    const out: Record<string, ServerStats> = {};
    for (const name of this.servers.keys()) out[name] = this.server(name, scope);
    return out;
  }

  /** Occupied latency buckets (`le` = upper bound in ms, `count` not cumulative). */
  histogram(server: string, tool?: string, scope: MetricsScope = 'all'): { buckets: HistogramBucket[] } {
    return { buckets: this.scope(server, tool, scope)?.latency.buckets() ?? [] };
  }

  /** Recent time buckets that saw calls, oldest first; `errors` counts errors and timeouts. */
  timeline(server: string, tool?: string, scope: MetricsScope = 'all'): TimelinePoint[] {
    return this.scope(server, tool, scope)?.timelinePoints(this.now()) ?? [];
  }

  remove(server: string): void {
    if (this.servers.delete(server)) this.changed();
  }

  reset(): void {
    this.servers.clear();
    this.changed();
  }

  dispose(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    this.changeEmitter.dispose();
  }

  private scope(server: string, tool: string | undefined, scope: MetricsScope): CallStatsAccumulator | undefined {
    const metrics = this.servers.get(server);
    if (tool !== undefined) return scope === 'internal' ? undefined : metrics?.tools.get(tool);
    return metrics?.scope(scope);
  }

  private metricsFor(server: string): ServerMetrics {
    let metrics = this.servers.get(server);
    if (!metrics) this.servers.set(server, metrics = new ServerMetrics(this.shape));
    return metrics;
  }

  private changed(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changeEmitter.fire();
    }, CHANGE_THROTTLE_MS);
    this.changeTimer.unref?.();
  }
}
