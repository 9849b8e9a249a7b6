/**
 * A fixed-row-height virtualized list: only the rows in (and just around) the viewport exist in the DOM; a pool of
 * row elements is reused as the user scrolls. Very long lists are scaled so the sizer stays under the browser's
 * maximum element height.
 */
import { h } from './dom';

export interface VirtualListOptions {
  rowHeight: number;
  count(): number;
  createRow(): HTMLElement;
  renderRow(el: HTMLElement, index: number): void;
  /** Called when a pooled row is hidden (the list got shorter): clear what it showed, so no stale row lingers. */
  hideRow?(el: HTMLElement): void;
  /** Called after every render, e.g. to update aria-activedescendant. */
  afterRender?(first: number, last: number): void;
}

const MAX_PX = 8_000_000;
const OVERSCAN = 4;

export class VirtualList {
  readonly viewport: HTMLDivElement;
  private readonly sizer: HTMLDivElement;
  private readonly pool: HTMLElement[] = [];
  private scheduled = false;
  private lastCount = -1;
  private _first = 0;
  private _last = -1;
  /** The scrollTop we last set ourselves, to tell our scrolls from the user's. */
  private expectedTop = -1;
  /** Called on scroll events the user caused (wheel, scrollbar, touch, keys). */
  onUserScroll: ((atBottom: boolean) => void) | undefined;

  constructor(parent: HTMLElement, private readonly opts: VirtualListOptions) {
    this.sizer = h('div', { className: 'vl-sizer', attrs: { 'aria-hidden': 'true' } });
    this.viewport = h('div', { className: 'vl-viewport' }, this.sizer);
    parent.appendChild(this.viewport);
    this.viewport.addEventListener('scroll', () => {
      const top = this.viewport.scrollTop;
      const ours = this.expectedTop >= 0 && Math.abs(top - this.expectedTop) <= 1;
      this.expectedTop = -1;
      if (!ours) this.onUserScroll?.(this.isAtBottom());
      this.render();
    }, { passive: true });
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(entries => {
        this.cachedHeight = Math.round(entries[entries.length - 1].contentRect.height);
        this.schedule();
      }).observe(this.viewport);
    }
  }

  /** The viewport's height from the ResizeObserver, so rendering never forces a layout just to read it. */
  private cachedHeight = -1;

  get rowHeight(): number { return this.opts.rowHeight; }
  get first(): number { return this._first; }
  get last(): number { return this._last; }

  /** Renders on the next animation frame. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => { this.scheduled = false; this.render(); });
  }

  private get viewportHeight(): number {
    return (this.cachedHeight >= 0 ? this.cachedHeight : this.viewport.clientHeight) || 1;
  }

  /** Number of rows that fit in the viewport. */
  get pageSize(): number { return Math.max(1, Math.floor(this.viewportHeight / this.opts.rowHeight)); }

  private geometry(n: number) {
    const rh = this.opts.rowHeight;
    const content = n * rh;
    const vh = this.viewportHeight;
    const scaled = content > MAX_PX;
    const sizerPx = scaled ? MAX_PX : content;
    const maxScroll = Math.max(0, sizerPx - vh);
    const maxFirst = Math.max(0, n - vh / rh);
    return { rh, vh, scaled, sizerPx, maxScroll, maxFirst };
  }

  /** The fractional index of the row at the top of the viewport. */
  private firstFloat(n: number, top = this.viewport.scrollTop): number {
    const g = this.geometry(n);
    if (!g.scaled) return top / g.rh;
    return g.maxScroll > 0 ? (top / g.maxScroll) * g.maxFirst : 0;
  }

  private topFor(n: number, firstFloat: number): number {
    const g = this.geometry(n);
    if (!g.scaled) return firstFloat * g.rh;
    return g.maxFirst > 0 ? (firstFloat / g.maxFirst) * g.maxScroll : 0;
  }

  private setTop(top: number): void {
    const max = Math.max(0, this.geometry(this.lastCount < 0 ? 0 : this.lastCount).maxScroll);
    const t = Math.max(0, Math.min(max, Math.round(top)));
    if (Math.abs(this.viewport.scrollTop - t) < 1) return;
    this.expectedTop = t;
    this.viewport.scrollTop = t;
  }

  private syncSizer(n: number): void {
    if (n === this.lastCount) return;
    this.lastCount = n;
    this.sizer.style.height = `${this.geometry(n).sizerPx}px`;
  }

  render(): void {
    const n = this.opts.count();
    this.syncSizer(n);
    const rh = this.opts.rowHeight;
    const top = this.viewport.scrollTop;
    const ff = this.firstFloat(n, top);
    const first = Math.max(0, Math.floor(ff) - OVERSCAN);
    const visible = Math.ceil(this.viewportHeight / rh) + 1;
    const last = Math.min(n - 1, Math.floor(ff) + visible + OVERSCAN);
    const need = Math.max(0, last - first + 1);
    while (this.pool.length < need) {
      const el = this.opts.createRow();
      el.style.height = `${rh}px`;
      this.pool.push(el);
      this.viewport.appendChild(el);
    }
    const scaled = this.geometry(n).scaled;
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k];
      if (k >= need) {
        if (!el.hidden) {
          el.hidden = true;
          this.opts.hideRow?.(el);
        }
        continue;
      }
      const i = first + k;
      if (el.hidden) el.hidden = false;
      const y = scaled ? top + (i - ff) * rh : i * rh;
      el.style.transform = `translateY(${y}px)`;
      this.opts.renderRow(el, i);
    }
    this._first = first;
    this._last = last;
    this.opts.afterRender?.(first, last);
  }

  /** Index of the first row fully in view. */
  topIndex(): number {
    const n = this.opts.count();
    return Math.max(0, Math.min(n - 1, Math.ceil(this.firstFloat(n) - 0.01)));
  }

  /** Index of the last row fully in view. */
  bottomIndex(): number {
    const n = this.opts.count();
    return Math.max(0, Math.min(n - 1, this.topIndex() + this.pageSize - 1));
  }

  isAtBottom(): boolean {
    return this.viewport.scrollTop >= this.geometry(Math.max(0, this.lastCount)).maxScroll - this.opts.rowHeight / 2;
  }

  scrollToBottom(): void {
    const n = this.opts.count();
    this.syncSizer(n);
    this.setTop(this.geometry(n).maxScroll);
  }

  /** Keeps the scroll position on the same rows after `removed` rows were dropped from the top. */
  shiftUp(removed: number): void {
    if (removed <= 0) return;
    const n = this.opts.count();
    const ff = this.firstFloat(this.lastCount < 0 ? n : this.lastCount);
    this.syncSizer(n);
    this.setTop(this.topFor(n, Math.max(0, ff - removed)));
  }

  /** Scrolls so row `index` is visible (`nearest`) or centred. */
  scrollToIndex(index: number, align: 'nearest' | 'center' = 'nearest'): void {
    const n = this.opts.count();
    if (index < 0 || index >= n) return;
    this.syncSizer(n);
    const page = this.viewportHeight / this.opts.rowHeight;
    const ff = this.firstFloat(n);
    let target = ff;
    if (align === 'center') target = index - page / 2 + 0.5;
    else if (index < ff) target = index;
    else if (index + 1 > ff + page) target = index + 1 - page;
    else return;
    this.setTop(this.topFor(n, Math.max(0, target)));
  }

  /** The pooled element showing row `index`, if it is rendered. */
  elementFor(index: number): HTMLElement | undefined {
    if (index < this._first || index > this._last) return undefined;
    return this.pool[index - this._first];
  }
}
