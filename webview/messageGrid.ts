/**
 * The message grid: a header with resizable columns over a virtualized list of rows (one per exchange, plus the
 * request and response sub-rows of the expanded one), scrolling sideways when the columns are wider than the pane.
 */
import type { TrafficDirection } from '../src/shared/traffic';
import { ColumnLayout, COLUMNS, type ColumnWidths } from './columns';
import { h, setText } from './dom';
import type { FilteredView } from './filters';
import { firstLine, formatBytes, formatMs, formatTime } from './format';
import { type Row, rowLatency, rowMethod, rowStatus, rowTool } from './model';
import { VirtualList } from './virtualList';

const ROW_HEIGHT = 22;
const DIR_GLYPH: Record<TrafficDirection, string> = { out: '→', in: '←', none: '•' };
const DIR_LABEL: Record<TrafficDirection, string> = { out: 'client → server', in: 'server → client', none: 'local' };

type Part = 'main' | 'req' | 'res';
export interface Item { row: Row; part: Part }

/** What the grid reads from the controller on every render. */
export interface GridSource {
  readonly view: FilteredView;
  readonly selected: Row | undefined;
  readonly expanded: Row | undefined;
}

export class MessageGrid {
  /** The focusable grid element (owns the keyboard and aria-activedescendant). */
  readonly el: HTMLElement;
  readonly list: VirtualList;
  readonly columns: ColumnLayout;
  private readonly rowKeys = new WeakMap<HTMLElement, string>();

  constructor(private readonly src: GridSource, widths: ColumnWidths, onWidths: (w: ColumnWidths) => void, afterRender: () => void) {
    this.el = h('div', { className: 'list-pane', id: 'list', attrs: { role: 'grid', tabindex: 0, 'aria-label': 'MCP messages' } });
    this.columns = new ColumnLayout(this.el, widths, onWidths);
    const inner = h('div', { className: 'list-inner' }, this.columns.header);
    this.el.appendChild(h('div', { className: 'list-scroll' }, inner));
    this.list = new VirtualList(inner, {
      rowHeight: ROW_HEIGHT,
      count: () => this.itemCount(),
      createRow: () => this.createRow(),
      renderRow: (el, i) => this.renderRow(el, i),
      hideRow: el => this.clearRow(el),
      afterRender: () => { this.updateAria(); afterRender(); },
    });
    this.list.viewport.setAttribute('role', 'rowgroup');
  }

  /** Measures the TIME column once the grid is in the document. */
  measure(): void {
    const sample = h('span', { className: 'cell c1 measure', text: formatTime(Date.UTC(2000, 0, 1, 23, 59, 59, 999)) });
    this.list.viewport.appendChild(sample);
    this.columns.measure(sample);
    sample.remove();
  }

  private expandedIndex(): number {
    return this.src.expanded ? this.src.view.indexOf(this.src.expanded) : -1;
  }

  itemCount(): number {
    return this.src.view.size + (this.expandedIndex() >= 0 ? 2 : 0);
  }

  itemAt(i: number, exp = this.expandedIndex()): Item | undefined {
    const rows = this.src.view.rows;
    if (exp < 0 || i <= exp) return rows[i] ? { row: rows[i], part: 'main' } : undefined;
    if (i === exp + 1) return { row: rows[exp], part: 'req' };
    if (i === exp + 2) return { row: rows[exp], part: 'res' };
    return rows[i - 2] ? { row: rows[i - 2], part: 'main' } : undefined;
  }

  itemIndexOf(row: Row): number {
    const i = this.src.view.indexOf(row);
    if (i < 0) return -1;
    const exp = this.expandedIndex();
    return exp >= 0 && i > exp ? i + 2 : i;
  }

  itemFromEvent(e: Event): Item | undefined {
    return this.itemOfElement(e.target as Element);
  }

  /** The row under a point: a click whose mousedown and mouseup fell on different elements targets the viewport. */
  itemAtPoint(x: number, y: number): Item | undefined {
    const hit = document.elementFromPoint(x, y);
    return hit && this.list.viewport.contains(hit) ? this.itemOfElement(hit) : undefined;
  }

  private itemOfElement(target: Element): Item | undefined {
    const el = target.closest('.row') as HTMLElement | null;
    if (!el || el.dataset.index === undefined) return undefined;
    return this.itemAt(Number(el.dataset.index));
  }

  private updateAria(): void {
    const selected = this.src.selected;
    const idx = selected ? this.itemIndexOf(selected) : -1;
    if (idx >= 0 && this.list.elementFor(idx)) this.el.setAttribute('aria-activedescendant', 'row-selected');
    else this.el.removeAttribute('aria-activedescendant');
    this.el.setAttribute('aria-rowcount', String(this.itemCount() + 1));
  }

  private createRow(): HTMLElement {
    const el = h('div', { className: 'row grid-cols', attrs: { role: 'row' } });
    for (let i = 0; i < COLUMNS.length; i++) el.appendChild(h('span', { className: `cell c${i}`, attrs: { role: 'gridcell' } }));
    return el;
  }

  /**
   * A pooled row that leaves the view keeps no trace of what it showed: no server text, no `row-selected` id (which
   * aria-activedescendant names) and no index for a click to resolve. It renders afresh when it is shown again.
   */
  private clearRow(el: HTMLElement): void {
    this.rowKeys.delete(el);
    delete el.dataset.index;
    delete el.dataset.seq;
    el.removeAttribute('aria-rowindex');
    el.removeAttribute('aria-selected');
    if (el.id) el.removeAttribute('id');
    el.className = 'row grid-cols';
    const cells = el.children as HTMLCollectionOf<HTMLElement>;
    for (let i = 0; i < cells.length; i++) {
      cells[i].textContent = '';
      cells[i].title = '';
    }
  }

  private renderRow(el: HTMLElement, index: number): void {
    const item = this.itemAt(index);
    if (!item) return;
    const { row, part } = item;
    const isSel = row === this.src.selected && part === 'main';
    const isExp = row === this.src.expanded;
    const key = `${index}|${row.seq}|${row.v}|${part}|${isSel ? 1 : 0}|${isExp ? 1 : 0}`;
    if (this.rowKeys.get(el) === key) return;
    this.rowKeys.set(el, key);
    el.dataset.index = String(index);
    el.dataset.seq = String(row.seq);
    el.setAttribute('aria-rowindex', String(index + 2));
    el.setAttribute('aria-selected', String(isSel));
    if (isSel) el.id = 'row-selected'; else if (el.id) el.removeAttribute('id');
    const cells = el.children as HTMLCollectionOf<HTMLElement>;
    const cls = part === 'main' ? this.renderMain(cells, row, isSel, isExp) : this.renderSub(cells, row, part);
    if (el.className !== cls) el.className = cls;
  }

  private renderMain(cells: HTMLCollectionOf<HTMLElement>, row: Row, isSel: boolean, isExp: boolean): string {
    const m = row.main;
    const status = rowStatus(row);
    let cls = `row grid-cols kind-${m.kind}`;
    if (status) cls += ` status-${status}`;
    if (status === 'error' || status === 'timeout' || m.kind === 'error') cls += ' is-error';
    if (isSel) cls += ' is-selected';
    if (isExp) cls += ' is-expanded';
    const expandable = Boolean(row.res);
    setText(cells[0], expandable ? (isExp ? '▾' : '▸') : '');
    cells[0].title = expandable ? (isExp ? 'Collapse' : 'Expand') : '';
    setText(cells[1], formatTime(m.time));
    setText(cells[2], m.server);
    cells[2].title = m.server;
    setText(cells[3], DIR_GLYPH[m.direction]);
    cells[3].title = DIR_LABEL[m.direction];
    setText(cells[4], m.kind);
    const method = rowMethod(row);
    const tool = rowTool(row);
    const label = method !== undefined ? (tool !== undefined ? `${method} · ${tool}` : method) : m.text !== undefined ? firstLine(m.text) : '';
    setText(cells[5], label);
    cells[5].title = method === undefined && m.text !== undefined ? firstLine(m.text, 2000) : label;
    setText(cells[6], m.id !== undefined ? String(m.id) : '');
    setText(cells[7], status ?? '');
    const lat = rowLatency(row);
    setText(cells[8], lat !== undefined ? formatMs(lat) : status === 'pending' ? '…' : '');
    setText(cells[9], formatBytes(m.size + (row.res?.size ?? 0)));
    return cls;
  }

  private renderSub(cells: HTMLCollectionOf<HTMLElement>, row: Row, part: 'req' | 'res'): string {
    const rec = part === 'req' ? row.main : row.res!;
    const status = rowStatus(row);
    setText(cells[0], '');
    setText(cells[1], formatTime(rec.time));
    setText(cells[2], '');
    setText(cells[3], DIR_GLYPH[rec.direction]);
    cells[3].title = DIR_LABEL[rec.direction];
    setText(cells[4], `↳ ${rec.kind}`);
    setText(cells[5], rec.method ?? '');
    cells[5].title = '';
    setText(cells[6], rec.id !== undefined ? String(rec.id) : '');
    setText(cells[7], part === 'res' ? (status ?? '') : '');
    setText(cells[8], part === 'res' && rec.durationMs !== undefined ? formatMs(rec.durationMs) : '');
    setText(cells[9], formatBytes(rec.size));
    return `row grid-cols is-sub kind-${rec.kind}${rec.kind === 'error' ? ' is-error' : ''}`;
  }
}
