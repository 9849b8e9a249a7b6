/**
 * The UI's bounded record store: records joined into rows (a request and its response are one row), in seq order,
 * holding at most `capacity` records (the oldest rows are dropped first).
 */
import type { ExchangeStatus } from '../src/shared/traffic';
import type { WireRecord } from '../src/shared/inspectorProtocol';

export interface Row {
  /** Seq of the row's first record (the request, or the standalone message). */
  readonly seq: number;
  readonly main: WireRecord;
  /** The response or error joined to `main` (a request). */
  res?: WireRecord;
  /**
   * The `notifications/cancelled` that ended `main` early (cancelled or timed out). It stays a row of its own, and a
   * late response may still join as `res`.
   */
  end?: WireRecord;
  /** Server, method, tool and id in one string for the free-text search, built on the first search. */
  meta?: string;
  /** Whether the row matches the current filters (maintained by FilteredView). */
  m: boolean;
  /** Bumped when the row changes (a response joined). */
  v: number;
}

export interface AddResult {
  added: Row[];
  /** Rows that changed (a response joined) and were already present before this batch. */
  updated: Row[];
  /** How many of the oldest rows were dropped to stay within capacity. */
  dropped: number;
}

const COMPACT_AT = 4096;
/** Per-record cost besides its payload, mirroring the engine's TrafficStore accounting. */
const RECORD_OVERHEAD_BYTES = 200;
/**
 * Budget for the serialized size of the records the page holds. The engine's store keeps at most 32 MiB; the page
 * allows a little more so it never drops what the store still has, but a burst of huge payloads cannot exhaust it.
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function recordCost(r: WireRecord): number {
  return RECORD_OVERHEAD_BYTES + (r.payload !== undefined || r.payloadJson !== undefined ? r.size : 0) + (r.text?.length ?? 0);
}

export class TrafficModel {
  private rows: (Row | undefined)[] = [];
  private head = 0;
  /** Requests still waiting for their response, by seq. */
  private readonly open = new Map<number, Row>();
  private _records = 0;
  private _bytes = 0;
  private _lastSeq = -Infinity;
  readonly servers = new Set<string>();
  readonly methods = new Set<string>();
  readonly tools = new Set<string>();
  /** Bumped whenever the sets above gain a value. */
  vocabVersion = 0;

  constructor(private _capacity: number, private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  get capacity(): number { return this._capacity; }
  /** Approximate serialized size of the records held (see `recordCost`). */
  get bytes(): number { return this._bytes; }
  get size(): number { return this.rows.length - this.head; }
  get recordCount(): number { return this._records; }
  get lastSeq(): number { return this._lastSeq; }

  at(i: number): Row { return this.rows[this.head + i] as Row; }

  forEach(fn: (row: Row, index: number) => void): void {
    const rows = this.rows;
    for (let i = this.head, k = 0; i < rows.length; i++, k++) fn(rows[i] as Row, k);
  }

  /** Index of the row whose seq is `seq` (binary search), or -1. */
  indexOfSeq(seq: number): number {
    let lo = this.head, hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = (this.rows[mid] as Row).seq;
      if (s === seq) return mid - this.head;
      if (s < seq) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** The row whose main record is `seq`. */
  findBySeq(seq: number): Row | undefined {
    const i = this.indexOfSeq(seq);
    return i >= 0 ? this.at(i) : undefined;
  }

  clear(): void {
    this.rows = [];
    this.head = 0;
    this.open.clear();
    this._records = 0;
    this._bytes = 0;
    this._lastSeq = -Infinity;
    this.servers.clear();
    this.methods.clear();
    this.tools.clear();
    this.vocabVersion++;
  }

  /** Appends records in seq order. Records at or below the last seen seq are duplicates and skipped. */
  add(records: readonly WireRecord[]): AddResult {
    const added: Row[] = [];
    const updated: Row[] = [];
    const addedSet = new Set<Row>();
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (!(r.seq > this._lastSeq)) continue;
      this._lastSeq = r.seq;
      this.learn(r);
      if ((r.kind === 'response' || r.kind === 'error') && r.requestSeq !== undefined) {
        const row = this.open.get(r.requestSeq);
        if (row) {
          this.open.delete(r.requestSeq);
          row.res = r;
          row.meta = undefined;
          row.v++;
          this._records++;
          this._bytes += recordCost(r);
          if (!addedSet.has(row)) updated.push(row);
          continue;
        }
      }
      if (r.kind === 'notification' && r.requestSeq !== undefined && r.status !== undefined) {
        const ended = this.open.get(r.requestSeq);
        if (ended && !ended.end) {
          ended.end = r;
          ended.v++;
          if (!addedSet.has(ended)) updated.push(ended);
        }
      }
      const row: Row = { seq: r.seq, main: r, m: false, v: 0 };
      this.rows.push(row);
      this._records++;
      this._bytes += recordCost(r);
      if (r.kind === 'request') this.open.set(r.seq, row);
      added.push(row);
      addedSet.add(row);
    }
    const dropped = this.trim();
    if (dropped) {
      // Rows dropped from this very batch are not "added" any more.
      const first = this.size ? this.at(0).seq : Infinity;
      if (added.length && added[0].seq < first) {
        let k = 0;
        while (k < added.length && added[k].seq < first) k++;
        added.splice(0, k);
      }
      if (updated.length) {
        for (let k = updated.length - 1; k >= 0; k--) if (updated[k].seq < first) updated.splice(k, 1);
      }
    }
    return { added, updated, dropped };
  }

  /** Replaces the contents. */
  reset(records: readonly WireRecord[], capacity = this._capacity): AddResult {
    this._capacity = Math.max(1, capacity);
    this.clear();
    return this.add(records);
  }

  /** Changes the capacity; returns how many rows were dropped. */
  setCapacity(capacity: number): number {
    this._capacity = Math.max(1, capacity);
    return this.trim();
  }

  private learn(r: WireRecord): void {
    let changed = false;
    if (!this.servers.has(r.server)) { this.servers.add(r.server); changed = true; }
    if (r.method !== undefined && !this.methods.has(r.method)) { this.methods.add(r.method); changed = true; }
    if (r.tool !== undefined && !this.tools.has(r.tool)) { this.tools.add(r.tool); changed = true; }
    if (changed) this.vocabVersion++;
  }

  private trim(): number {
    let dropped = 0;
    while ((this._records > this._capacity || (this._bytes > this.maxBytes && this.size > 1)) && this.head < this.rows.length) {
      const row = this.rows[this.head] as Row;
      this.rows[this.head] = undefined;
      this.head++;
      this._records -= row.res ? 2 : 1;
      this._bytes -= recordCost(row.main) + (row.res ? recordCost(row.res) : 0);
      if (row.main.kind === 'request') this.open.delete(row.seq);
      dropped++;
    }
    if (this.head >= COMPACT_AT && this.head * 2 >= this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
    return dropped;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Row accessors shared by the list, the filters, the detail pane and the local metrics.

export function rowStatus(row: Row): ExchangeStatus | undefined {
  if (row.res) return row.res.status ?? (row.res.kind === 'error' ? 'error' : 'ok');
  if (row.end?.status) return row.end.status;
  if (row.main.kind === 'request') return 'pending';
  return row.main.status ?? (row.main.kind === 'error' ? 'error' : undefined);
}

export function rowLatency(row: Row): number | undefined {
  return row.res?.durationMs ?? row.end?.durationMs ?? row.main.durationMs;
}

export function rowMethod(row: Row): string | undefined {
  return row.main.method ?? row.res?.method;
}

export function rowTool(row: Row): string | undefined {
  return row.main.tool ?? row.res?.tool;
}

export function rowIsError(row: Row): boolean {
  const s = rowStatus(row);
  return s === 'error' || s === 'timeout' || row.main.kind === 'error' || row.res?.kind === 'error';
}

export function rowRecords(row: Row): WireRecord[] {
  return row.res ? [row.main, row.res] : [row.main];
}

/**
 * The payload's JSON text: as it travelled when the host encoded it; serialized (once) when it came as an object.
 */
function payloadText(r: WireRecord): string | undefined {
  if (r.payloadJson === undefined && r.payload !== undefined) {
    try { r.payloadJson = JSON.stringify(r.payload); } catch { r.payloadJson = String(r.payload); }
  }
  return r.payloadJson;
}

function recordMatches(r: WireRecord, re: RegExp): boolean {
  const json = payloadText(r);
  return (json !== undefined && re.test(json)) || (r.text !== undefined && re.test(r.text));
}

/**
 * Free-text search: a case-insensitive literal regex run over the payloads' JSON text as it arrived (no lower-cased
 * copies, so nothing to build or cache per row and the first search is as fast as the next), then over the names.
 */
export function rowMatchesText(row: Row, re: RegExp): boolean {
  if (recordMatches(row.main, re) || (row.res !== undefined && recordMatches(row.res, re))) return true;
  let meta = row.meta;
  if (meta === undefined) {
    const m = row.main;
    meta = row.meta = `${m.server}\n${m.method ?? row.res?.method ?? ''}\n${m.tool ?? row.res?.tool ?? ''}\n${m.id ?? ''}`;
  }
  return re.test(meta);
}
