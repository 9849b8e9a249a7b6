/**
 * Importing a traffic capture into the inspector: JSON Lines of `TrafficRecord`, a JSON array of them, or the HAR-like
 * JSON that exportFormats.ts writes. Every record is sanitized; a file over the size cap is refused before parsing.
 */
import type { ExchangeStatus, TrafficKind, TrafficRecord } from '../shared/traffic';
import { DIRECTIONS, KINDS, MAX_IMPORT_BYTES, STATUSES, importTooLargeMessage, sanitizeRecord, type HarEntry, type HarLog } from './exportFormats';

import { stringEntries } from './recordHeaders';
export { MAX_IMPORT_BYTES, importTooLargeMessage };

export interface ImportResult {
  format: 'jsonl' | 'har' | 'json';
  records: TrafficRecord[];
  warnings: string[];
}

function parseBody(text: string | undefined, mimeType: string | undefined): { payload?: unknown; text?: string } {
  if (text === undefined) return {};
  if (mimeType && !mimeType.includes('json')) return { text };
  try { return { payload: JSON.parse(text) }; } catch { return { text }; }
}

function serverFromUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url);
  if (!m) return undefined;
  try { return decodeURIComponent(m[1]); } catch { return m[1]; }
}

function rpcFields(payload: unknown): { method?: string; id?: string | number; isError?: boolean } {
  if (typeof payload !== 'object' || payload === null) return {};
  const p = payload as Record<string, unknown>;
  return {
    method: typeof p.method === 'string' ? p.method : undefined,
    id: typeof p.id === 'string' || typeof p.id === 'number' ? p.id : undefined,
    isError: p.error !== undefined,
  };
}

function statusFrom(x: unknown): ExchangeStatus | undefined {
  return typeof x === 'string' && STATUSES.has(x) ? x as ExchangeStatus : undefined;
}

export function fromHar(har: unknown): ImportResult {
  const warnings: string[] = [];
  const entries = (har as HarLog | undefined)?.log?.entries;
  if (!Array.isArray(entries)) return { format: 'har', records: [], warnings: ['No log.entries array'] };
  const records: TrafficRecord[] = [];
  let nextSeq = 1;
  for (const e of entries) if (typeof (e as HarEntry)?._seq === 'number') nextSeq = Math.max(nextSeq, (e as HarEntry)._seq + 1);
  for (const e of entries as HarEntry[]) {
    const bump = (n: number) => { nextSeq = Math.max(nextSeq, n + 1); return n; };
    const req = e?.request;
    if (typeof req !== 'object' || req === null) { warnings.push('Skipped an entry without a request'); continue; }
    const time = Date.parse(e.startedDateTime);
    const server = typeof e._server === 'string' ? e._server : serverFromUrl(req.url) ?? 'imported';
    const reqBody = parseBody(req.postData?.text, req.postData?.mimeType);
    const rpc = rpcFields(reqBody.payload);
    const kind: TrafficKind = typeof e._kind === 'string' && KINDS.has(e._kind) ? e._kind
      : rpc.method !== undefined ? (rpc.id !== undefined ? 'request' : 'notification') : 'request';
    const seq = typeof e._seq === 'number' ? bump(e._seq) : nextSeq++;
    const sessionId = req.headers?.find?.(h => h?.name?.toLowerCase() === 'mcp-session-id')?.value;
    const r: TrafficRecord = {
      seq, time: Number.isFinite(time) ? time : 0, server,
      direction: typeof e._direction === 'string' && DIRECTIONS.has(e._direction) ? e._direction : 'out',
      kind, size: typeof req.bodySize === 'number' && req.bodySize >= 0 ? req.bodySize : (req.postData?.text?.length ?? 0),
      ...reqBody,
    };
    const method = typeof e._method === 'string' ? e._method : rpc.method;
    if (method !== undefined) r.method = method;
    const id = e._id !== undefined ? e._id : rpc.id;
    if (id !== undefined) r.id = id;
    if (typeof e._tool === 'string') r.tool = e._tool;
    if (e._truncated) r.truncated = true;
    if (sessionId) r.http = { sessionId };
    if (kind !== 'request') {
      const st = statusFrom(e._status);
      if (st) r.status = st;
    }
    records.push(r);
    const res = e.response;
    const hasResponse = kind === 'request' && typeof res === 'object' && res !== null && (typeof res._seq === 'number' || (res.content?.text !== undefined && res.content.text !== ''));
    if (!hasResponse) continue;
    const resBody = parseBody(res.content?.text, res.content?.mimeType);
    const resRpc = rpcFields(resBody.payload);
    const duration = typeof e.time === 'number' && e.time >= 0 ? e.time : (e.timings?.wait ?? 0);
    const resKind: TrafficKind = typeof res._kind === 'string' && KINDS.has(res._kind) ? res._kind : resRpc.isError ? 'error' : 'response';
    const resSessionId = res.headers?.find?.(h => h?.name?.toLowerCase() === 'mcp-session-id')?.value;
    const out: TrafficRecord = {
      seq: typeof res._seq === 'number' ? bump(res._seq) : nextSeq++,
      time: typeof res._time === 'number' ? res._time : r.time + duration,
      server,
      direction: typeof res._direction === 'string' && DIRECTIONS.has(res._direction) ? res._direction : (r.direction === 'out' ? 'in' : 'out'),
      kind: resKind,
      size: typeof res.bodySize === 'number' && res.bodySize >= 0 ? res.bodySize : (res.content?.text?.length ?? 0),
      ...resBody,
      requestSeq: r.seq,
      durationMs: duration,
      status: statusFrom(e._status) ?? statusFrom(res.statusText) ?? (resKind === 'error' ? 'error' : 'ok'),
    };
    if (r.method !== undefined) out.method = r.method;
    const resId = resRpc.id ?? r.id;
    if (resId !== undefined) out.id = resId;
    if (r.tool !== undefined) out.tool = r.tool;
    if (res._truncated) out.truncated = true;
    // A foreign HAR's status is a real HTTP status; ours is synthetic unless `_httpStatus` says otherwise.
    const httpStatus = typeof res._httpStatus === 'number' ? res._httpStatus
      : res._seq === undefined && typeof res.status === 'number' && res.status > 0 ? res.status : undefined;
    const sent = stringEntries(res._mcpHeaders);
    if (resSessionId || httpStatus !== undefined || sent) {
      out.http = {};
      if (resSessionId) out.http.sessionId = resSessionId;
      if (httpStatus !== undefined) out.http.status = httpStatus;
      if (sent) out.http.headers = sent;
    }
    records.push(out);
  }
  records.sort((a, b) => a.seq - b.seq);
  return { format: 'har', records, warnings };
}

function fromRecordList(list: unknown[], format: ImportResult['format'], warnings: string[]): ImportResult {
  const records: TrafficRecord[] = [];
  let bad = 0;
  for (const x of list) {
    const r = sanitizeRecord(x);
    if (r) records.push(r); else bad++;
  }
  if (bad) warnings.push(bad === 1 ? 'Skipped 1 item that is not a traffic record' : `Skipped ${bad} items that are not traffic records`);
  records.sort((a, b) => a.seq - b.seq);
  return { format, records, warnings };
}

/**
 * Parses an inspector/CLI export: JSON Lines of `TrafficRecord`, a JSON array of them, or the HAR-like JSON.
 * `max` keeps only the newest records (the UI's capacity).
 */
export function parseImport(text: string, max = Infinity): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) throw new Error(importTooLargeMessage(text.length));
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = src.trim();
  let result: ImportResult;
  if (trimmed === '') {
    result = { format: 'jsonl', records: [], warnings: ['The file is empty'] };
  } else {
    let whole: unknown;
    let wholeOk = false;
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try { whole = JSON.parse(trimmed); wholeOk = true; } catch { /* JSON Lines */ }
    }
    if (wholeOk && Array.isArray(whole)) {
      result = fromRecordList(whole, 'json', []);
    } else if (wholeOk && typeof whole === 'object' && whole !== null && 'log' in whole) {
      result = fromHar(whole);
    } else {
      const warnings: string[] = [];
      const items: unknown[] = [];
      let badLines = 0;
      let firstBad = 0;
      const lines = src.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (!line) continue;
        try { items.push(JSON.parse(line)); } catch { badLines++; if (!firstBad) firstBad = i + 1; }
      }
      if (badLines) warnings.push(`Skipped ${badLines} line${badLines === 1 ? '' : 's'} that ${badLines === 1 ? 'is' : 'are'} not JSON (first: line ${firstBad})`);
      result = fromRecordList(items, 'jsonl', warnings);
    }
  }
  if (result.records.length > max) {
    const n = result.records.length - max;
    result.records = result.records.slice(n);
    result.warnings.push(`Kept the newest ${max} records; dropped ${n} older ones`);
  }
  return result;
}
