/**
 * The selected and the expanded row, including the ones still to come: a restored selection or a replayed request
 * is selected as soon as its row arrives.
 */
import type { FilteredView } from './filters';
import type { MessageGrid } from './messageGrid';
import type { Row, TrafficModel } from './model';

export interface SelectionHost {
  readonly model: TrafficModel;
  readonly view: FilteredView;
  readonly grid: MessageGrid;
  readonly autoScroll: boolean;
  setAutoScroll(on: boolean, fromControl: boolean): void;
  /** Persist and repaint. */
  changed(): void;
}

export class Selection {
  selected: Row | undefined;
  expanded: Row | undefined;
  /** Select / expand this row as soon as it exists. */
  selectWhenSeen: number | undefined;
  expandWhenSeen: number | undefined;

  constructor(private readonly host: SelectionHost, selectSeq: number | undefined, expandSeq: number | undefined) {
    this.selectWhenSeen = selectSeq;
    this.expandWhenSeen = expandSeq;
  }

  get waiting(): boolean { return this.selectWhenSeen !== undefined || this.expandWhenSeen !== undefined; }

  /** Selects (and expands) `seq` once its row arrives. */
  later(seq: number | undefined, expandSeq: number | undefined): void {
    if (seq !== undefined) this.selectWhenSeen = seq;
    if (expandSeq !== undefined) this.expandWhenSeen = expandSeq;
  }

  clear(): void {
    this.selected = undefined;
    this.expanded = undefined;
  }

  resolvePending(center: boolean): void {
    const { model, grid } = this.host;
    if (this.selectWhenSeen !== undefined) {
      const row = model.findBySeq(this.selectWhenSeen);
      if (row) {
        this.selectWhenSeen = undefined;
        if (row.m) {
          this.selected = row;
          if (this.expandWhenSeen === row.seq && row.res) { this.expanded = row; this.expandWhenSeen = undefined; }
          this.host.setAutoScroll(false, false);
          grid.list.scrollToIndex(grid.itemIndexOf(row), center ? 'center' : 'nearest');
          this.host.changed();
        }
      }
    }
    if (this.expandWhenSeen !== undefined) {
      const row = model.findBySeq(this.expandWhenSeen);
      if (row?.res) { this.expanded = row; this.expandWhenSeen = undefined; }
    }
  }

  /** Forgets rows that were dropped (capacity) and, with `unmatched`, rows the filters now hide. */
  dropGone(unmatched: boolean): void {
    const model = this.host.model;
    const first = model.size ? model.at(0).seq : Infinity;
    const gone = (r: Row | undefined) => r !== undefined && (r.seq < first || (unmatched && !r.m));
    if (gone(this.selected)) this.selected = undefined;
    if (gone(this.expanded)) this.expanded = undefined;
  }

  select(row: Row | undefined, scroll: 'nearest' | 'center' | false, user: boolean): void {
    const { view, grid } = this.host;
    this.selected = row;
    this.selectWhenSeen = undefined;
    if (row && user && this.host.autoScroll && view.rows[view.size - 1] !== row) this.host.setAutoScroll(false, false);
    if (row && scroll) grid.list.scrollToIndex(grid.itemIndexOf(row), scroll);
    this.host.changed();
  }

  selectIndex(i: number, scroll: 'nearest' | 'center'): void {
    const view = this.host.view;
    if (!view.size) return;
    this.select(view.rows[Math.max(0, Math.min(view.size - 1, i))], scroll, true);
  }

  toggleExpanded(row: Row, force?: boolean): void {
    const want = force ?? this.expanded !== row;
    if (want && !row.res) return;
    this.expanded = want ? row : this.expanded === row ? undefined : this.expanded;
    this.expandWhenSeen = undefined;
    this.host.changed();
  }
}
