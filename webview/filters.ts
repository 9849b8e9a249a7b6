/** Filters and the filtered view (the rows the list shows), kept up to date incrementally as records arrive. */
import type { FilterState } from '../src/shared/inspectorProtocol';
import { type AddResult, type Row, type TrafficModel, rowIsError, rowLatency, rowMatchesText, rowMethod, rowTool } from './model';

export type RowPredicate = (row: Row) => boolean;

export function normalizeText(s: string): string {
  return s.trim().toLowerCase();
}

export function isEmptyFilter(f: FilterState): boolean {
  return !f.server && !f.method && !f.tool && !f.protocol && !f.direction && !f.kind && !f.errorsOnly && !(f.minLatency > 0) && !normalizeText(f.text);
}

/** Compiles the filters into one predicate; `undefined` means "everything matches". */
export function compileFilter(f: FilterState): RowPredicate | undefined {
  if (isEmptyFilter(f)) return undefined;
  const tests: RowPredicate[] = [];
  if (f.server) { const s = f.server; tests.push(r => r.main.server === s); }
  if (f.method) { const m = f.method; tests.push(r => rowMethod(r) === m); }
  if (f.tool) { const t = f.tool; tests.push(r => rowTool(r) === t); }
  if (f.protocol) { const p = f.protocol; tests.push(r => (r.main.protocolVersion ?? r.res?.protocolVersion) === p); }
  if (f.direction) { const d = f.direction; tests.push(r => r.main.direction === d); }
  if (f.kind) { const k = f.kind; tests.push(r => r.main.kind === k || r.res?.kind === k); }
  if (f.errorsOnly) tests.push(rowIsError);
  if (f.minLatency > 0) {
    const min = f.minLatency;
    tests.push(r => { const l = rowLatency(r); return l !== undefined && l >= min; });
  }
  const q = normalizeText(f.text);
  // The text test goes last: it is the most expensive.
  if (q) {
    const re = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    tests.push(r => rowMatchesText(r, re));
  }
  if (tests.length === 1) return tests[0];
  return r => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](r)) return false;
    return true;
  };
}

/** Whether `next` only narrows `prev` (same filters, search text extended), so filtering the current view suffices. */
function narrows(prev: FilterState, next: FilterState): boolean {
  const a = normalizeText(prev.text), b = normalizeText(next.text);
  return prev.server === next.server && prev.method === next.method && prev.tool === next.tool && prev.protocol === next.protocol
    && prev.direction === next.direction && prev.kind === next.kind && prev.errorsOnly === next.errorsOnly
    && prev.minLatency === next.minLatency && b.length > a.length && b.includes(a);
}

function lowerBound(rows: readonly Row[], seq: number): number {
  let lo = 0, hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].seq < seq) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export class FilteredView {
  rows: Row[] = [];
  private pred: RowPredicate | undefined;
  private filters: FilterState | undefined;
  /** Duration of the last full filter pass, for the status line and the benchmarks. */
  lastFilterMs = 0;

  get size(): number { return this.rows.length; }
  get filtering(): boolean { return this.pred !== undefined; }

  /** Applies new filters; narrows the current rows when possible, else rescans the model. */
  setFilters(model: TrafficModel, f: FilterState): void {
    const t0 = performance.now();
    const prev = this.filters;
    this.filters = { ...f };
    this.pred = compileFilter(f);
    if (prev && this.pred && narrows(prev, f)) {
      const pred = this.pred;
      const out: Row[] = [];
      for (const r of this.rows) {
        if (pred(r)) out.push(r); else r.m = false;
      }
      this.rows = out;
    } else {
      this.rescan(model);
    }
    this.lastFilterMs = performance.now() - t0;
    try { performance.measure('inspector:filter', { start: t0, end: t0 + this.lastFilterMs }); } catch { /* older engines */ }
  }

  rescan(model: TrafficModel): void {
    const pred = this.pred;
    const out: Row[] = new Array<Row>();
    if (!pred) {
      model.forEach(r => { r.m = true; out.push(r); });
    } else {
      model.forEach(r => { if ((r.m = pred(r))) out.push(r); });
    }
    this.rows = out;
  }

  /** Incorporates a batch the model just added; returns how many rows left the top of the view. */
  apply(res: AddResult, model: TrafficModel): number {
    const pred = this.pred;
    let removedTop = 0;
    if (res.dropped) {
      const first = model.size ? model.at(0).seq : Infinity;
      removedTop = lowerBound(this.rows, first);
      if (removedTop) this.rows.splice(0, removedTop);
    }
    for (const row of res.updated) {
      const now = pred ? pred(row) : true;
      if (now === row.m) continue;
      row.m = now;
      const i = lowerBound(this.rows, row.seq);
      if (now) this.rows.splice(i, 0, row);
      else if (this.rows[i] === row) this.rows.splice(i, 1);
    }
    for (const row of res.added) {
      if ((row.m = pred ? pred(row) : true)) this.rows.push(row);
    }
    return removedTop;
  }

  clear(): void { this.rows = []; }

  indexOf(row: Row | undefined): number {
    if (!row) return -1;
    const i = lowerBound(this.rows, row.seq);
    return this.rows[i] === row ? i : -1;
  }

  indexOfSeq(seq: number): number {
    const i = lowerBound(this.rows, seq);
    return this.rows[i]?.seq === seq ? i : -1;
  }
}
