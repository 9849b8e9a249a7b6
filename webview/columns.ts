/**
 * The message grid's columns: their widths (defaults, the user's drags, the stacked layout's hidden columns), the CSS
 * grid template built from them, and the header with a drag handle on each column's right edge.
 */
import { h } from './dom';

export type ColumnId = 'expand' | 'time' | 'server' | 'dir' | 'kind' | 'method' | 'id' | 'status' | 'latency' | 'size';

interface ColumnSpec { id: ColumnId; label: string; width: number; min: number; resizable: boolean; stackedHidden?: boolean }

export const COLUMNS: readonly ColumnSpec[] = [
  { id: 'expand', label: '', width: 16, min: 16, resizable: false },
  { id: 'time', label: 'Time', width: 0, min: 0, resizable: false },
  { id: 'server', label: 'Server', width: 96, min: 40, resizable: true },
  { id: 'dir', label: 'Dir', width: 24, min: 20, resizable: false },
  { id: 'kind', label: 'Kind', width: 84, min: 40, resizable: true },
  { id: 'method', label: 'Method', width: 140, min: 60, resizable: true },
  { id: 'id', label: 'ID', width: 44, min: 24, resizable: true, stackedHidden: true },
  { id: 'status', label: 'Status', width: 72, min: 40, resizable: true },
  { id: 'latency', label: 'Latency', width: 64, min: 40, resizable: true },
  { id: 'size', label: 'Size', width: 60, min: 36, resizable: true, stackedHidden: true },
];

/** Method takes the room that is left; the others keep their width. */
const FLEX: ColumnId = 'method';
const GAP_PX = 6;
const PADDING_PX = 16;
const MAX_WIDTH = 1200;

export type ColumnWidths = Partial<Record<ColumnId, number>>;

/** Only known, resizable columns with sane widths survive a saved state. */
export function restoreColumnWidths(x: unknown): ColumnWidths {
  const out: ColumnWidths = {};
  if (typeof x !== 'object' || x === null) return out;
  for (const c of COLUMNS) {
    const w = (x as Record<string, unknown>)[c.id];
    if (c.resizable && typeof w === 'number' && Number.isFinite(w)) out[c.id] = Math.round(Math.min(MAX_WIDTH, Math.max(c.min, w)));
  }
  return out;
}

export class ColumnLayout {
  readonly header: HTMLElement;
  private widths: ColumnWidths;
  private stacked = false;
  /** Width of "00:00:00.000" in the cell font, measured once the page has fonts, so TIME is never cut. */
  private timeWidth = 96;

  constructor(private readonly target: HTMLElement, saved: ColumnWidths, private readonly onChange: (widths: ColumnWidths) => void) {
    this.widths = { ...saved };
    this.header = h('div', { className: 'list-header grid-cols', attrs: { role: 'row', 'aria-rowindex': 1 } },
      ...COLUMNS.map((c, i) => h('span', { className: `cell c${i}`, attrs: { role: 'columnheader', 'data-col': c.id } },
        h('span', { className: 'col-label', text: c.label }),
        c.resizable ? this.handle(c) : null)));
    this.apply();
  }

  /** The narrow layout hides ID and Size. */
  setStacked(stacked: boolean): void {
    if (stacked === this.stacked) return;
    this.stacked = stacked;
    this.apply();
  }

  /** Measures TIME in the cell font (call when the grid is in the document). */
  measure(sample: HTMLElement): void {
    const w = Math.ceil(sample.scrollWidth) + 4;
    if (w > 8 && w !== this.timeWidth) { this.timeWidth = w; this.apply(); }
  }

  widthOf(id: ColumnId): number {
    const c = COLUMNS.find(x => x.id === id)!;
    if (id === 'time') return this.timeWidth;
    return this.widths[id] ?? c.width;
  }

  private visible(): ColumnSpec[] {
    return COLUMNS.filter(c => !(this.stacked && c.stackedHidden));
  }

  private apply(): void {
    const cols = this.visible();
    const template = cols.map(c => (c.id === FLEX ? `minmax(${this.widthOf(c.id)}px, 1fr)` : `${this.widthOf(c.id)}px`)).join(' ');
    const min = cols.reduce((sum, c) => sum + this.widthOf(c.id), 0) + GAP_PX * (cols.length - 1) + PADDING_PX;
    this.target.style.setProperty('--grid-cols', template);
    this.target.style.setProperty('--grid-min-width', `${min}px`);
    this.target.classList.toggle('is-stacked', this.stacked);
  }

  private handle(c: ColumnSpec): HTMLElement {
    const el = h('span', { className: 'col-resize', title: `Drag to resize ${c.label}; double-click to reset`, attrs: { 'data-col': c.id, 'aria-hidden': 'true' } });
    el.addEventListener('pointerdown', e => {
      e.preventDefault();
      e.stopPropagation();
      el.setPointerCapture(e.pointerId);
      // From the width on screen: the flexible column may be wider than its set minimum.
      const startX = e.clientX, startW = el.parentElement?.getBoundingClientRect().width ?? this.widthOf(c.id);
      const move = (ev: PointerEvent) => {
        this.widths[c.id] = Math.round(Math.min(MAX_WIDTH, Math.max(c.min, startW + ev.clientX - startX)));
        this.apply();
      };
      const up = () => {
        el.removeEventListener('pointermove', move);
        el.removeEventListener('pointerup', up);
        this.onChange({ ...this.widths });
      };
      el.addEventListener('pointermove', move);
      el.addEventListener('pointerup', up);
    });
    el.addEventListener('dblclick', e => {
      e.stopPropagation();
      delete this.widths[c.id];
      this.apply();
      this.onChange({ ...this.widths });
    });
    return el;
  }
}
