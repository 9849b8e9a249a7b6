/**
 * The metrics tab's data: live snapshots from the host (only of servers still configured), or metrics computed in the
 * page for an imported capture; the chart selection and which calls count (the user's, internal ones, or all).
 */
import type { MetricsScope, MetricsSelection, MetricsSnapshot, ServerSummary } from '../src/shared/inspectorProtocol';
import { computeMetrics } from './localMetrics';
import { MetricsView } from './metricsView';
import type { TrafficModel } from './model';
import { postToHost } from './vscodeApi';

export interface MetricsContext {
  isImported(): boolean;
  model(): TrafficModel;
  servers(): readonly ServerSummary[];
  /** The selection or scope changed: persist it. */
  selectionChanged(): void;
}

export class MetricsController {
  private readonly view: MetricsView;
  private live: MetricsSnapshot | undefined;
  selection: MetricsSelection | undefined;
  scope: MetricsScope;

  constructor(selection: MetricsSelection | undefined, scope: MetricsScope | undefined, private readonly ctx: MetricsContext) {
    this.selection = selection;
    this.scope = scope ?? 'user';
    this.view = new MetricsView(sel => this.select(sel), () => this.refresh(), this.scope, sc => this.setScope(sc));
    if (selection) this.view.selection = selection;
  }

  get el(): HTMLElement { return this.view.el; }

  /** Shows what is known now and, for live traffic, asks the host for a fresh snapshot. */
  refresh(): void {
    if (this.ctx.isImported()) {
      this.view.setSnapshot(computeMetrics(this.ctx.model(), this.selection, this.scope), 'imported');
      return;
    }
    if (this.live) this.view.setSnapshot(this.configuredOnly(this.live), 'live');
    postToHost({ type: 'requestMetrics', selection: this.selection, scope: this.scope });
  }

  onLiveSnapshot(snap: MetricsSnapshot): void {
    this.live = snap;
    if (!this.ctx.isImported()) this.view.setSnapshot(this.configuredOnly(snap), 'live');
  }

  /** The host's server list changed: a removed server leaves the table at once. */
  onServers(): void {
    if (this.live && !this.ctx.isImported()) this.view.setSnapshot(this.configuredOnly(this.live), 'live');
  }

  /** Opened on a server or tool from the tree. */
  preset(sel: MetricsSelection): void {
    this.selection = sel;
    this.view.selection = sel;
  }

  redraw(): void {
    this.view.drawCharts();
  }

  private select(sel: MetricsSelection): void {
    this.selection = sel;
    this.ctx.selectionChanged();
    this.refresh();
  }

  private setScope(scope: MetricsScope): void {
    this.scope = scope;
    this.ctx.selectionChanged();
    this.refresh();
  }

  /** Leaves out servers the host no longer lists (their last calls may still be in the snapshot). */
  private configuredOnly(snap: MetricsSnapshot): MetricsSnapshot {
    const servers = this.ctx.servers();
    if (!servers.length) return snap;
    const known = new Set(servers.map(s => s.name));
    const names = Object.keys(snap.servers);
    if (names.every(n => known.has(n))) return snap;
    const kept = Object.fromEntries(names.filter(n => known.has(n)).map(n => [n, snap.servers[n]]));
    const out: MetricsSnapshot = { ...snap, servers: kept };
    if (snap.selection && !known.has(snap.selection.server)) {
      // The charts were of a removed server: drop them and ask for the default (a live server).
      delete out.selection; delete out.histogram; delete out.timeline;
      if (this.selection && !known.has(this.selection.server)) {
        this.selection = undefined;
        this.view.selection = undefined;
        postToHost({ type: 'requestMetrics', scope: this.scope });
      }
    }
    return out;
  }
}
