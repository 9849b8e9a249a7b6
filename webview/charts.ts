/** Canvas charts coloured from the VS Code theme's CSS variables (`--vscode-charts-*`). */

export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  font: string;
  blue: string;
  red: string;
  orange: string;
  green: string;
  purple: string;
  yellow: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function readChartTheme(el: Element = document.body): ChartTheme {
  const s = getComputedStyle(el);
  const fg = cssVar(s, '--vscode-charts-foreground', cssVar(s, '--vscode-foreground', '#cccccc'));
  const family = cssVar(s, '--vscode-font-family', 'system-ui, sans-serif');
  return {
    fg,
    muted: cssVar(s, '--vscode-descriptionForeground', fg),
    grid: cssVar(s, '--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    font: `11px ${family}`,
    blue: cssVar(s, '--vscode-charts-blue', '#3794ff'),
    red: cssVar(s, '--vscode-charts-red', '#f14c4c'),
    orange: cssVar(s, '--vscode-charts-orange', '#d18616'),
    green: cssVar(s, '--vscode-charts-green', '#89d185'),
    purple: cssVar(s, '--vscode-charts-purple', '#b180d7'),
    yellow: cssVar(s, '--vscode-charts-yellow', '#cca700'),
  };
}

interface Frame {
  ctx: CanvasRenderingContext2D;
  w: number;
  h: number;
  plot: { x: number; y: number; w: number; h: number };
  /** What was drawn on the axes, for the canvas's data-axis attribute (tests and debugging read it). */
  report: AxisReport;
}

export interface AxisReport {
  /** Y tick labels, bottom up. */
  y: string[];
  /** Whether every y label fits left of the plot. */
  yFits: boolean;
  /** X labels drawn, with their horizontal extent in CSS px. */
  x: Array<{ text: string; left: number; right: number }>;
}

const RIGHT_PAD = 12;
const LABEL_GAP = 6;

/** Sizes the canvas for the device pixel ratio; returns undefined when it has no layout (hidden tab). */
function setup(canvas: HTMLCanvasElement, theme: ChartTheme): Frame | undefined {
  const w = canvas.clientWidth, hgt = canvas.clientHeight;
  if (w < 10 || hgt < 10) return undefined;
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(hgt * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(hgt * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  return { ctx, w, h: hgt, plot: { x: 48, y: 22, w: Math.max(10, w - 48 - RIGHT_PAD), h: Math.max(10, hgt - 44) }, report: { y: [], yFits: true, x: [] } };
}

/** Decimals that show `step` exactly (0.05 → 2), so neighbouring ticks never print the same. */
export function decimalsFor(step: number): number {
  for (let d = 0; d < 6; d++) {
    const scaled = step * Math.pow(10, d);
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6) return d;
  }
  return 6;
}

/** A tick formatter for plain numbers on an axis with this step. */
export function numberTicks(step: number): (v: number) => string {
  const d = decimalsFor(step);
  return v => v.toFixed(d);
}

/** Draws x labels centred at `xs`, skipping any that would overlap the previous one; records what it drew. */
function xLabels(f: Frame, theme: ChartTheme, labels: ReadonlyArray<{ x: number; text: string; align?: CanvasTextAlign }>): void {
  const { ctx, plot } = f;
  ctx.fillStyle = theme.muted;
  let lastRight = -Infinity;
  for (const l of labels) {
    const w = ctx.measureText(l.text).width;
    const align = l.align ?? 'center';
    const left = align === 'left' ? l.x : align === 'right' ? l.x - w : l.x - w / 2;
    if (left < lastRight + LABEL_GAP) continue;
    ctx.textAlign = align;
    ctx.fillText(l.text, l.x, plot.y + plot.h + 12);
    f.report.x.push({ text: l.text, left, right: left + w });
    lastRight = left + w;
  }
}

/** A "nice" axis: a round step and a maximum that is a whole number (3–5) of steps above the data. */
function niceAxis(v: number): { max: number; step: number } {
  if (!(v > 0)) return { max: 1, step: 0.25 };
  const raw = v / 4;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = 10 * p;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) { step = m * p; break; }
  return { max: Math.ceil(v / step - 1e-9) * step, step };
}

/** Draws the y grid and labels, first widening the left margin so the widest label fits whole. */
function yAxis(f: Frame, theme: ChartTheme, axis: { max: number; step: number }, fmt: (v: number) => string): void {
  const { ctx, plot } = f;
  const n = Math.round(axis.max / axis.step);
  const labels = Array.from({ length: n + 1 }, (_, i) => fmt(axis.step * i));
  const widest = Math.max(...labels.map(l => ctx.measureText(l).width));
  const left = Math.ceil(widest) + 4 + LABEL_GAP;
  plot.x = Math.max(24, left);
  plot.w = Math.max(10, f.w - plot.x - RIGHT_PAD);
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  for (let i = 0; i <= n; i++) {
    const y = Math.round(plot.y + plot.h - (plot.h * i) / n) + 0.5;
    ctx.beginPath();
    ctx.moveTo(plot.x, y);
    ctx.lineTo(plot.x + plot.w, y);
    ctx.stroke();
    ctx.fillText(labels[i], plot.x - LABEL_GAP, y);
  }
  f.report.y = labels;
  f.report.yFits = widest <= plot.x - LABEL_GAP;
}

function legend(f: Frame, theme: ChartTheme, items: ReadonlyArray<{ label: string; color: string }>): void {
  const { ctx, plot } = f;
  let x = plot.x;
  ctx.textAlign = 'left';
  for (const it of items) {
    ctx.fillStyle = it.color;
    ctx.fillRect(x, 7, 10, 10);
    ctx.fillStyle = theme.fg;
    ctx.fillText(it.label, x + 14, 12);
    x += 24 + ctx.measureText(it.label).width;
  }
}

function timeLabel(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Time labels at evenly spaced instants between t0 and t1, positioned proportionally. */
function xTimeAxis(f: Frame, theme: ChartTheme, t0: number, t1: number): void {
  const { plot } = f;
  const ticks = t1 > t0 ? Math.max(2, Math.min(6, Math.floor(plot.w / 90))) : 1;
  const labels: Array<{ x: number; text: string; align: CanvasTextAlign }> = [];
  for (let i = 0; i < ticks; i++) {
    const frac = ticks === 1 ? 0.5 : i / (ticks - 1);
    labels.push({ x: plot.x + frac * plot.w, text: timeLabel(t0 + frac * (t1 - t0)), align: ticks === 1 ? 'center' : i === 0 ? 'left' : i === ticks - 1 ? 'right' : 'center' });
  }
  xLabels(f, theme, labels);
}

function empty(f: Frame, theme: ChartTheme, text: string): void {
  f.ctx.fillStyle = theme.muted;
  f.ctx.textAlign = 'center';
  f.ctx.fillText(text, f.w / 2, f.h / 2);
}

export interface Series { label: string; color: string; values: readonly number[] }

/** Lines over time (latency p50 / max). */
export function drawLineChart(canvas: HTMLCanvasElement, theme: ChartTheme, times: readonly number[], series: readonly Series[], fmt: (v: number) => string): AxisReport | undefined {
  const f = setup(canvas, theme);
  if (!f) return undefined;
  if (!times.length) { legend(f, theme, series); empty(f, theme, 'No data yet'); return f.report; }
  let top = 0;
  for (const s of series) for (const v of s.values) if (v > top) top = v;
  const axis = niceAxis(top);
  const max = axis.max;
  yAxis(f, theme, axis, fmt);
  legend(f, theme, series);
  const t0 = times[0], t1 = times[times.length - 1];
  xTimeAxis(f, theme, t0, t1);
  const { ctx, plot } = f;
  const n = times.length;
  const xAt = (i: number) => plot.x + (t1 === t0 ? plot.w / 2 : ((times[i] - t0) / (t1 - t0)) * plot.w);
  const yAt = (v: number) => plot.y + plot.h - (Math.min(v, max) / max) * plot.h;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    s.values.forEach((v, i) => { if (i === 0) ctx.moveTo(xAt(i), yAt(v)); else ctx.lineTo(xAt(i), yAt(v)); });
    ctx.stroke();
    if (n <= 60) s.values.forEach((v, i) => { ctx.beginPath(); ctx.arc(xAt(i), yAt(v), 2.5, 0, Math.PI * 2); ctx.fill(); });
  }
  return f.report;
}

/** Stacked bars over time (throughput: ok calls and errors per second). */
export function drawStackedBars(canvas: HTMLCanvasElement, theme: ChartTheme, times: readonly number[], series: readonly Series[], fmt: (step: number) => (v: number) => string): AxisReport | undefined {
  const f = setup(canvas, theme);
  if (!f) return undefined;
  if (!times.length) { legend(f, theme, series); empty(f, theme, 'No data yet'); return f.report; }
  let top = 0;
  for (let i = 0; i < times.length; i++) {
    let sum = 0;
    for (const s of series) sum += s.values[i] ?? 0;
    if (sum > top) top = sum;
  }
  const axis = niceAxis(top);
  const max = axis.max;
  yAxis(f, theme, axis, fmt(axis.step));
  legend(f, theme, series);
  const { ctx, plot } = f;
  const n = times.length;
  const slot = plot.w / n;
  // Bars are evenly spaced buckets: label the centres of the first and last.
  xTimeAxis({ ...f, plot: { ...plot, x: plot.x + slot / 2, w: Math.max(1, plot.w - slot) } }, theme, times[0], times[n - 1]);
  const bw = Math.max(1, slot * 0.75);
  for (let i = 0; i < n; i++) {
    let base = plot.y + plot.h;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const hgt = (v / max) * plot.h;
      ctx.fillStyle = s.color;
      ctx.fillRect(plot.x + i * slot + (slot - bw) / 2, base - hgt, bw, hgt);
      base -= hgt;
    }
  }
  return f.report;
}

/** Categorical bars (the latency histogram); labels that would collide are skipped, never drawn over each other. */
export function drawBars(canvas: HTMLCanvasElement, theme: ChartTheme, labels: readonly string[], values: readonly number[], color: string, legendLabel: string): AxisReport | undefined {
  const f = setup(canvas, theme);
  if (!f) return undefined;
  if (!values.length || values.every(v => v === 0)) { legend(f, theme, [{ label: legendLabel, color }]); empty(f, theme, 'No calls yet'); return f.report; }
  const axis = niceAxis(Math.max(...values));
  // Counts are whole: a fractional step (max 2 → 0.5) would print "0.5 calls".
  if (axis.step < 1) { axis.step = 1; axis.max = Math.max(1, Math.ceil(axis.max)); }
  yAxis(f, theme, axis, numberTicks(axis.step));
  legend(f, theme, [{ label: legendLabel, color }]);
  const { ctx, plot } = f;
  const n = values.length;
  const slot = plot.w / n;
  const bw = Math.max(1, slot * 0.8);
  for (let i = 0; i < n; i++) {
    const hgt = (values[i] / axis.max) * plot.h;
    ctx.fillStyle = color;
    ctx.fillRect(plot.x + i * slot + (slot - bw) / 2, plot.y + plot.h - hgt, bw, hgt);
  }
  // Label every k-th bar, k chosen so the widest label fits its share of the axis.
  const widest = Math.max(...labels.map(l => ctx.measureText(l).width));
  const every = Math.max(1, Math.ceil((widest + LABEL_GAP * 2) / slot));
  const xs: Array<{ x: number; text: string }> = [];
  for (let i = 0; i < n; i += every) xs.push({ x: plot.x + i * slot + slot / 2, text: labels[i] });
  xLabels(f, theme, xs);
  return f.report;
}
