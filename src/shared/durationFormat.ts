/**
 * The one duration format of the extension (inspector list, detail pane, metrics table and chart axes, tree
 * descriptions): ms below a second, seconds with three significant digits up to a minute, then minutes.
 * `compact` drops trailing zeros for axis ticks ("6 s", "2.5 s").
 */
export function formatMs(ms: number | undefined, compact = false): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const trim = (s: string) => (compact && s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${trim(ms.toFixed(2))} ms`;
  if (abs < 10) return `${trim(ms.toFixed(1))} ms`;
  if (abs < 999.5) return `${Math.round(ms)} ms`;
  if (abs < 9_995) return `${trim((ms / 1000).toFixed(2))} s`;
  if (abs < 59_950) return `${trim((ms / 1000).toFixed(1))} s`;
  if (abs < 3_597_000) return `${trim((ms / 60_000).toFixed(1))} min`;
  return `${trim((ms / 3_600_000).toFixed(1))} h`;
}
