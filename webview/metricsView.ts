/** The metrics tab: a per-server / per-tool table and three charts for the selected server or tool. */
import type { CallStatsView, HistogramBucket, MetricsScope, MetricsSelection, MetricsSnapshot, TimelinePoint } from '../src/shared/inspectorProtocol';
import { type AxisReport, drawBars, drawLineChart, drawStackedBars, numberTicks, readChartTheme } from './charts';
import { button, clear, h } from './dom';
import { formatCount, formatDuration, formatMs, formatTime } from './format';

/** Fixed histogram bins (ms); the registry's fine log buckets are re-binned onto these. */
const BINS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000];
const MAX_POINTS = 300;

/** Re-bins occupied buckets onto BINS and trims empty bins at both ends. */
export function rebin(buckets: readonly HistogramBucket[]): { labels: string[]; counts: number[] } {
  const counts = new Array<number>(BINS.length + 1).fill(0);
  for (const b of buckets) {
    const le = b.le === null ? Infinity : b.le;
    let i = 0;
    while (i < BINS.length && le > BINS[i] * 1.0001) i++;
    counts[i] += b.count;
  }
  const labels = BINS.map(v => '≤' + formatMs(v, true)).concat('>' + formatMs(BINS[BINS.length - 1], true));
  let lo = counts.findIndex(c => c > 0);
  if (lo < 0) return { labels: [], counts: [] };
  let hi = counts.length - 1;
  while (hi > lo && counts[hi] === 0) hi--;
  lo = Math.max(0, Math.min(lo, hi - 3));
  hi = Math.min(counts.length - 1, Math.max(hi, lo + 3));
  return { labels: labels.slice(lo, hi + 1), counts: counts.slice(lo, hi + 1) };
}

/** Fills the buckets the registry omits (no calls) with zeros so time runs evenly along the x axis. */
export function densify(points: readonly TimelinePoint[]): { points: TimelinePoint[]; bucketMs: number } {
  if (points.length < 2) return { points: points.slice(), bucketMs: 1000 };
  let step = Infinity;
  for (let i = 1; i < points.length; i++) {
    const d = points[i].t - points[i - 1].t;
    if (d > 0 && d < step) step = d;
  }
  if (!Number.isFinite(step)) step = 1000;
  const first = points[0].t, last = points[points.length - 1].t;
  if ((last - first) / step + 1 > MAX_POINTS * 4) return { points: points.slice(), bucketMs: step };
  const byT = new Map(points.map(p => [p.t, p]));
  const out: TimelinePoint[] = [];
  for (let t = first; t <= last; t += step) out.push(byT.get(t) ?? { t, calls: 0, errors: 0, p50: 0, max: 0 });
  return { points: out.length > MAX_POINTS ? out.slice(out.length - MAX_POINTS) : out, bucketMs: step };
}

const SCOPE_LABELS: Record<MetricsScope, string> = {
  user: 'Your calls',
  internal: 'Internal calls (pings, handshake, list refreshes)',
  all: 'All calls',
};

const COLUMNS = ['Server / tool', 'Calls', 'Errors', 'Timeouts', 'In flight', 'p50', 'p95', 'p99'];

function sameSel(a: MetricsSelection | undefined, b: MetricsSelection | undefined): boolean {
  return (a?.server ?? '') === (b?.server ?? '') && (a?.tool ?? '') === (b?.tool ?? '');
}

export class MetricsView {
  readonly el: HTMLElement;
  private readonly info: HTMLElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly latencyCanvas: HTMLCanvasElement;
  private readonly histCanvas: HTMLCanvasElement;
  private readonly tputCanvas: HTMLCanvasElement;
  private readonly chartTitle: HTMLElement;
  private snapshot: MetricsSnapshot | undefined;
  private source: 'live' | 'imported' = 'live';
  private readonly scopePicker: HTMLSelectElement;
  selection: MetricsSelection | undefined;

  constructor(private readonly onSelect: (sel: MetricsSelection) => void, onRefresh: () => void, scope: MetricsScope, onScope: (scope: MetricsScope) => void) {
    this.scopePicker = h('select', { id: 'mt-scope', title: 'Internal calls are the ones MCP Switchboard makes on its own: health-check pings, the handshake and catalog list refreshes', attrs: { 'aria-label': 'Calls to count' } });
    for (const sc of Object.keys(SCOPE_LABELS) as MetricsScope[]) {
      const o = h('option', { text: SCOPE_LABELS[sc] });
      o.value = sc;
      this.scopePicker.appendChild(o);
    }
    this.scopePicker.value = scope;
    this.scopePicker.addEventListener('change', () => onScope(this.scopePicker.value as MetricsScope));
    this.info = h('span', { className: 'mt-info', attrs: { 'aria-live': 'polite' } });
    const table = h('table', { className: 'mt-table' },
      h('thead', {}, h('tr', {}, ...COLUMNS.map((c, i) => h('th', { text: c, attrs: { scope: 'col', class: i ? 'num' : undefined } })))),
      (this.tbody = h('tbody')));
    this.tbody.addEventListener('click', e => this.pick(e.target));
    this.tbody.addEventListener('keydown', e => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.pick(e.target); }
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const tr = (e.target as HTMLElement).closest('tr');
        const next = (e.key === 'ArrowDown' ? tr?.nextElementSibling : tr?.previousElementSibling) as HTMLElement | null;
        next?.focus();
      }
    });
    const canvas = (label: string) => h('canvas', { className: 'chart', attrs: { role: 'img', 'aria-label': label } });
    this.latencyCanvas = canvas('Latency over time');
    this.histCanvas = canvas('Latency histogram');
    this.tputCanvas = canvas('Throughput over time');
    this.chartTitle = h('h3', { className: 'mt-chart-title' });
    this.el = h('div', { className: 'metrics', attrs: { role: 'tabpanel', id: 'panel-metrics', 'aria-labelledby': 'tab-metrics' } },
      h('div', { className: 'mt-head' }, this.info, this.scopePicker, button('↻ Refresh', () => onRefresh(), { className: 'btn-secondary', title: 'Request a fresh snapshot' })),
      h('div', { className: 'mt-table-wrap' }, table),
      this.chartTitle,
      h('div', { className: 'charts' },
        h('figure', { className: 'chart-fig' }, h('figcaption', { text: 'Latency over time' }), this.latencyCanvas),
        h('figure', { className: 'chart-fig' }, h('figcaption', { text: 'Latency histogram' }), this.histCanvas),
        h('figure', { className: 'chart-fig' }, h('figcaption', { text: 'Throughput' }), this.tputCanvas)));
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.drawCharts()).observe(this.el);
  }

  setSnapshot(snap: MetricsSnapshot | undefined, source: 'live' | 'imported'): void {
    this.snapshot = snap;
    this.source = source;
    if (snap?.selection) this.selection = snap.selection;
    this.render();
  }

  render(): void {
    const snap = this.snapshot;
    const names = snap ? Object.keys(snap.servers).sort() : [];
    this.info.textContent = !snap ? 'Waiting for metrics…'
      : `${this.source === 'imported' ? 'Imported capture' : 'Live'} · ${names.length} server${names.length === 1 ? '' : 's'} · updated ${formatTime(snap.at)}`;
    if (snap?.scope) this.scopePicker.value = snap.scope;
    clear(this.tbody);
    if (snap && !names.length) {
      this.tbody.appendChild(h('tr', {}, h('td', { text: 'No calls recorded yet.', attrs: { colspan: COLUMNS.length, class: 'mt-empty' } })));
    }
    for (const name of names) {
      const s = snap!.servers[name];
      const title = [
        s.connectAttempts ? `connect attempts: ${s.connectAttempts}` : '',
        s.uptimeMs ? `uptime: ${formatDuration(s.uptimeMs)}` : '',
        s.lastError ? `last error: ${s.lastError}` : '',
      ].filter(Boolean).join('\n');
      this.tbody.appendChild(this.row(name, undefined, s, title));
      for (const tool of Object.keys(s.tools).sort()) this.tbody.appendChild(this.row(name, tool, s.tools[tool], ''));
    }
    this.drawCharts();
  }

  private row(server: string, tool: string | undefined, s: CallStatsView, title: string): HTMLTableRowElement {
    const selected = sameSel(this.selection, { server, tool });
    const tr = h('tr', {
      className: `mt-row ${tool ? 'mt-tool' : 'mt-server'}${selected ? ' is-selected' : ''}${s.errors + s.timeouts > 0 ? ' has-errors' : ''}`,
      title: title || undefined,
      attrs: { tabindex: 0, 'aria-selected': String(selected), 'data-server': server, 'data-tool': tool },
    },
    h('th', { text: tool ?? server, attrs: { scope: 'row' } }),
    h('td', { className: 'num', text: formatCount(s.calls) }),
    h('td', { className: `num${s.errors ? ' err' : ''}`, text: formatCount(s.errors) }),
    h('td', { className: `num${s.timeouts ? ' err' : ''}`, text: formatCount(s.timeouts) }),
    h('td', { className: 'num', text: formatCount(s.inFlight) }),
    h('td', { className: 'num', text: formatMs(s.p50) }),
    h('td', { className: 'num', text: formatMs(s.p95) }),
    h('td', { className: 'num', text: formatMs(s.p99) }));
    return tr;
  }

  private pick(target: EventTarget | null): void {
    const tr = (target as HTMLElement | null)?.closest?.('tr.mt-row') as HTMLElement | null;
    if (!tr) return;
    const server = tr.dataset.server!;
    const tool = tr.dataset.tool || undefined;
    this.selection = tool ? { server, tool } : { server };
    for (const r of Array.from(this.tbody.querySelectorAll('tr.mt-row'))) {
      const on = r === tr;
      r.classList.toggle('is-selected', on);
      r.setAttribute('aria-selected', String(on));
    }
    this.onSelect(this.selection);
  }

  drawCharts(): void {
    if (!this.el.isConnected || this.el.offsetParent === null) return;
    const theme = readChartTheme(document.body);
    const snap = this.snapshot;
    const sel = snap?.selection;
    this.chartTitle.textContent = sel ? `Charts for ${sel.tool ? `${sel.server} › ${sel.tool}` : sel.server}` : 'Charts';
    const { points: tl, bucketMs } = densify(snap?.timeline ?? []);
    const times = tl.map(p => p.t);
    // Latency only where there were calls: an empty bucket has no latency, not a latency of 0.
    const withCalls = tl.filter(p => p.calls > 0);
    report(this.latencyCanvas, drawLineChart(this.latencyCanvas, theme, withCalls.map(p => p.t), [
      { label: 'p50', color: theme.blue, values: withCalls.map(p => p.p50) },
      { label: 'max', color: theme.orange, values: withCalls.map(p => p.max) },
    ], v => formatMs(v, true)));
    const hist = snap?.histogram ?? [];
    const bins = rebin(hist);
    report(this.histCanvas, drawBars(this.histCanvas, theme, bins.labels, bins.counts, theme.purple, 'calls'));
    const perSec = 1000 / bucketMs;
    report(this.tputCanvas, drawStackedBars(this.tputCanvas, theme, times, [
      { label: 'ok/s', color: theme.green, values: tl.map(p => Math.max(0, p.calls - p.errors) * perSec) },
      { label: 'errors/s', color: theme.red, values: tl.map(p => p.errors * perSec) },
    ], numberTicks));
    this.latencyCanvas.setAttribute('aria-label', `Latency over time: ${tl.length} points${tl.length ? `, last p50 ${formatMs(tl[tl.length - 1].p50)}` : ''}`);
    this.histCanvas.setAttribute('aria-label', `Latency histogram: ${hist.reduce((a, b) => a + b.count, 0)} calls`);
    this.tputCanvas.setAttribute('aria-label', `Throughput over time: ${tl.reduce((a, b) => a + b.calls, 0)} calls`);
  }
}

/** What the chart drew on its axes, on the canvas for tests and debugging (canvas text is not in the DOM). */
function report(canvas: HTMLCanvasElement, r: AxisReport | undefined): void {
  if (r) canvas.dataset.axis = JSON.stringify(r);
}
