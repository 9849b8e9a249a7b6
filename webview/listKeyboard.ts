/**
 * Input on the message grid: arrows, pages, Home/End, Enter and ←/→ to expand or collapse, clicks and double-clicks;
 * and the page-wide keys: / to search, Escape to collapse, deselect, then clear the search.
 */
import { isTextInput } from './dom';
import type { FilterState, InspectorTab } from '../src/shared/inspectorProtocol';
import type { FilteredView } from './filters';
import type { MessageGrid } from './messageGrid';
import type { Row } from './model';
import type { DetailPane } from './detail';

export interface KeyboardTarget {
  readonly view: FilteredView;
  readonly grid: MessageGrid;
  readonly detail: DetailPane;
  readonly selected: Row | undefined;
  readonly expanded: Row | undefined;
  readonly tab: InspectorTab;
  readonly filters: FilterState;
  select(row: Row | undefined, scroll: 'nearest' | 'center' | false, user: boolean): void;
  selectIndex(i: number, scroll: 'nearest' | 'center'): void;
  setFilters(f: FilterState): void;
  focusSearch(): void;
  toggleExpanded(row: Row, force?: boolean): void;
  setAutoScroll(on: boolean, fromControl: boolean): void;
}

export class ListKeyboard {
  constructor(private readonly t: KeyboardTarget) {}

  attachMouse(): void {
    const t = this.t;
    const vp = t.grid.list.viewport;
    vp.addEventListener('click', e => {
      const item = t.grid.itemFromEvent(e) ?? t.grid.itemAtPoint(e.clientX, e.clientY);
      if (!item) return;
      if ((e.target as HTMLElement).closest('.c0') && item.part === 'main' && item.row.res) t.toggleExpanded(item.row);
      t.select(item.row, false, true);
      t.grid.el.focus({ preventScroll: true });
    });
    vp.addEventListener('dblclick', e => {
      const item = t.grid.itemFromEvent(e) ?? t.grid.itemAtPoint(e.clientX, e.clientY);
      if (item) t.toggleExpanded(item.row);
    });
  }

  onGlobalKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = this.t;
    if (e.key === '/' && !isTextInput(e.target)) {
      e.preventDefault();
      t.focusSearch();
    } else if (e.key === 'Escape' && !isTextInput(e.target) && t.tab === 'messages') {
      if (t.expanded) t.toggleExpanded(t.expanded, false);
      else if (t.selected) t.select(undefined, false, true);
      else if (t.filters.text) t.setFilters({ ...t.filters, text: '' });
    }
  }

  onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = this.t;
    const list = t.grid.list;
    const cur = t.selected ? t.view.indexOf(t.selected) : -1;
    const page = Math.max(1, list.pageSize - 1);
    let next: number;
    switch (e.key) {
      case 'ArrowDown': next = cur < 0 ? list.topIndex() : cur + 1; break;
      case 'ArrowUp': next = cur < 0 ? list.bottomIndex() : cur - 1; break;
      case 'PageDown': next = (cur < 0 ? list.topIndex() : cur) + page; break;
      case 'PageUp': next = (cur < 0 ? list.bottomIndex() : cur) - page; break;
      case 'Home': next = 0; break;
      case 'End': next = t.view.size - 1; break;
      case 'Enter':
        if (t.selected) {
          e.preventDefault();
          t.toggleExpanded(t.selected);
          if (!t.selected.res) t.detail.el.focus();
        }
        return;
      case 'ArrowRight':
        if (t.selected?.res) { e.preventDefault(); t.toggleExpanded(t.selected, true); }
        return;
      case 'ArrowLeft':
        if (t.selected && t.expanded === t.selected) { e.preventDefault(); t.toggleExpanded(t.selected, false); }
        return;
      default: return;
    }
    e.preventDefault();
    if (!t.view.size) return;
    t.selectIndex(next, 'nearest');
    if (e.key === 'End') t.setAutoScroll(true, false);
  }
}
