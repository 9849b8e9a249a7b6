/**
 * Export formats of the traffic inspector (their import is importFormats.ts), free of `vscode` so they are
 * unit-tested in plain Node.
 *
 * - JSON Lines: one `TrafficRecord` per line; the same format the CLI's `record` command writes.
 * - HAR-like JSON: `{ log: { version, creator, entries[] } }`, one entry per exchange (a request and its response) or
 *   per standalone message, with `request`, `response`, `timings` and `_server`/`_kind`/… extension fields that make
 *   the round trip lossless. Other HAR readers see `mcp://<server>/<method>` POSTs with JSON bodies.
 *
 * Records in the traffic store are already redacted. As defence in depth, exports also replace the values of
 * secret-named keys and secret-named URL query values and passwords in strings, with the same definition of a
 * secret name as the live redactor (`isSecretName`), so an imported, unredacted capture cannot leak through an export.
 */
import { payloadOf, type ExchangeStatus, type TrafficDirection, type TrafficKind, type TrafficRecord } from '../shared/traffic';
import { stringEntries } from './recordHeaders';
import { isSecretName, redactUrlSecretsInText } from '../core/secrets/secretNames';
import { REDACTED } from '../core/traffic/redact';
import { stringifySafely } from '../shared/safeJson';

export { REDACTED };
/** The record fields' allowed values, shared with importFormats.ts. */
export { KINDS, DIRECTIONS, STATUSES };
/** Protocol fields whose names look secret but are not (`_meta.progressToken` is a request correlation id). */
const PROTOCOL_KEYS = new Set(['progressToken']);

/** Imports larger than this are refused before they are read: parsing costs about four times the file size in heap. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export function importTooLargeMessage(bytes: number): string {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return `The file is ${mb(bytes)}; the inspector imports at most ${mb(MAX_IMPORT_BYTES)}. Split it (for example \`split -l 100000 file.jsonl\`) or filter it first.`;
}

const KINDS: ReadonlySet<string> = new Set<TrafficKind>(['request', 'response', 'notification', 'log', 'error', 'stderr', 'lifecycle', 'auth']);
const DIRECTIONS: ReadonlySet<string> = new Set<TrafficDirection>(['out', 'in', 'none']);
const STATUSES: ReadonlySet<string> = new Set<ExchangeStatus>(['pending', 'ok', 'error', 'cancelled', 'timeout']);

// ---------------------------------------------------------------------------------------------------------------
// Sanitizing

/** Replaces the values of credential-looking keys, recursively; returns the input when nothing changed. */
export function scrubSecrets<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (depth > 64 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = scrubSecrets(value[i], depth + 1);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const secret = isSecretName(k) && !PROTOCOL_KEYS.has(k) && v !== null && v !== undefined && v !== ''
      && !(typeof v === 'string' && v.includes(REDACTED));
    const nv = secret ? REDACTED : scrubSecrets(v, depth + 1);
    if (nv !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = nv;
  }
  return (out ?? value) as T;
}

/** Keeps only the known `TrafficRecord` fields with the right types; `undefined` when the input is not a record. */
export function sanitizeRecord(x: unknown): TrafficRecord | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Record<string, unknown>;
  if (typeof o.seq !== 'number' || !Number.isFinite(o.seq)) return undefined;
  if (typeof o.time !== 'number' || !Number.isFinite(o.time)) return undefined;
  if (typeof o.server !== 'string' || typeof o.kind !== 'string' || !KINDS.has(o.kind)) return undefined;
  const r: TrafficRecord = {
    seq: o.seq,
    time: o.time,
    server: o.server,
    direction: typeof o.direction === 'string' && DIRECTIONS.has(o.direction) ? o.direction as TrafficDirection : 'none',
    kind: o.kind as TrafficKind,
    size: typeof o.size === 'number' && Number.isFinite(o.size) ? o.size : 0,
  };
  if (typeof o.method === 'string') r.method = o.method;
  if (typeof o.id === 'string' || typeof o.id === 'number') r.id = o.id;
  // A live record may hold its payload as JSON text: exports and imports carry it as an object.
  const payload = o.payload !== undefined ? o.payload : typeof o.payloadJson === 'string' ? payloadOf({ ...r, payloadJson: o.payloadJson }) : undefined;
  if (payload !== undefined) r.payload = payload;
  if (typeof o.text === 'string') r.text = o.text;
  if (o.truncated === true) r.truncated = true;
  if (typeof o.requestSeq === 'number') r.requestSeq = o.requestSeq;
  if (typeof o.durationMs === 'number') r.durationMs = o.durationMs;
  if (typeof o.status === 'string' && STATUSES.has(o.status)) r.status = o.status as ExchangeStatus;
  if (typeof o.tool === 'string') r.tool = o.tool;
  if (typeof o.http === 'object' && o.http !== null) {
    const h = o.http as Record<string, unknown>;
    const http: NonNullable<TrafficRecord['http']> = {};
    if (typeof h.sessionId === 'string') http.sessionId = h.sessionId;
    if (typeof h.status === 'number') http.status = h.status;
    if (stringEntries(h.headers)) http.headers = stringEntries(h.headers);
    if (http.sessionId !== undefined || http.status !== undefined || http.headers) r.http = http;
  }
  return r;
}

/** Secret-named query values and URL passwords in free text (`?access_token=…`, `https://u:p@…`). */
function scrubText(text: string): string {
  return text.includes('=') || text.includes('@') ? redactUrlSecretsInText(text, REDACTED) : text;
}

function forExport(r: TrafficRecord): TrafficRecord | undefined {
  const s = sanitizeRecord(r);
  if (!s) return undefined;
  if (s.payload !== undefined) s.payload = scrubSecrets(s.payload);
  if (s.text !== undefined) s.text = scrubText(s.text);
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Lines

export function toJsonl(records: readonly TrafficRecord[]): string {
  let out = '';
  for (const r of records) {
    const s = forExport(r);
    if (s) out += stringifySafely(s) + '\n';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// HAR-like

export interface HarHeader { name: string; value: string }
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string; url: string; httpVersion: string; headers: HarHeader[]; queryString: HarHeader[]; cookies: unknown[];
    headersSize: number; bodySize: number; postData?: { mimeType: string; text: string };
  };
  response: {
    status: number; statusText: string; httpVersion: string; headers: HarHeader[]; cookies: unknown[];
    content: { size: number; mimeType: string; text?: string }; redirectURL: string; headersSize: number; bodySize: number;
    _seq?: number; _time?: number; _kind?: TrafficKind; _direction?: TrafficDirection; _truncated?: boolean; _httpStatus?: number;
    _mcpHeaders?: Record<string, string>;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _server: string;
  _seq: number;
  _kind: TrafficKind;
  _direction: TrafficDirection;
  _method?: string;
  _id?: string | number;
  _tool?: string;
  _status?: ExchangeStatus;
  _truncated?: boolean;
}
export interface HarLog { log: { version: string; creator: { name: string; version: string }; pages: unknown[]; entries: HarEntry[] } }

const JSONRPC_VERSION = 'JSON-RPC/2.0';

function body(r: TrafficRecord): { mimeType: string; text: string } | undefined {
  if (r.payload !== undefined) return { mimeType: 'application/json', text: stringifySafely(r.payload) };
  if (r.text !== undefined) return { mimeType: 'text/plain', text: r.text };
  return undefined;
}

function urlFor(r: TrafficRecord): string {
  const path = r.method ?? r.kind;
  return `mcp://${encodeURIComponent(r.server)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export function toHar(records: readonly TrafficRecord[], creatorVersion = '0.0.0'): HarLog {
  const clean: TrafficRecord[] = [];
  for (const r of records) { const s = forExport(r); if (s) clean.push(s); }
  clean.sort((a, b) => a.seq - b.seq);
  // Pair each response/error with its request when both are exported.
  const responseFor = new Map<number, TrafficRecord>();
  const requestSeqs = new Set<number>();
  for (const r of clean) if (r.kind === 'request') requestSeqs.add(r.seq);
  for (const r of clean) {
    if ((r.kind === 'response' || r.kind === 'error') && r.requestSeq !== undefined && requestSeqs.has(r.requestSeq) && !responseFor.has(r.requestSeq)) {
      responseFor.set(r.requestSeq, r);
    }
  }
  const paired = new Set<TrafficRecord>(responseFor.values());
  const entries: HarEntry[] = [];
  for (const r of clean) {
    if (paired.has(r)) continue;
    const res = r.kind === 'request' ? responseFor.get(r.seq) : undefined;
    const reqBody = body(r);
    const headers: HarHeader[] = [{ name: 'Content-Type', value: reqBody?.mimeType ?? 'application/json' }];
    if (r.http?.sessionId) headers.push({ name: 'Mcp-Session-Id', value: r.http.sessionId });
    const resBody = res ? body(res) : undefined;
    const resHeaders: HarHeader[] = [];
    const sessionId = res?.http?.sessionId;
    if (sessionId) resHeaders.push({ name: 'Mcp-Session-Id', value: sessionId });
    const status = res?.http?.status ?? (res ? (res.kind === 'error' ? 500 : 200) : 0);
    const wait = res?.durationMs ?? 0;
    const entry: HarEntry = {
      startedDateTime: new Date(r.time).toISOString(),
      time: wait,
      request: {
        method: 'POST', url: urlFor(r), httpVersion: JSONRPC_VERSION, headers, queryString: [], cookies: [],
        headersSize: -1, bodySize: r.size,
        ...(reqBody ? { postData: reqBody } : {}),
      },
      response: {
        status, statusText: res?.status ?? r.status ?? (r.kind === 'request' ? 'pending' : ''), httpVersion: JSONRPC_VERSION,
        headers: resHeaders, cookies: [],
        content: { size: res?.size ?? 0, mimeType: resBody?.mimeType ?? 'application/json', ...(resBody ? { text: resBody.text } : {}) },
        redirectURL: '', headersSize: -1, bodySize: res?.size ?? 0,
        ...(res ? { _seq: res.seq, _time: res.time, _kind: res.kind, _direction: res.direction } : {}),
        ...(res?.truncated ? { _truncated: true } : {}),
        ...(res?.http?.status !== undefined ? { _httpStatus: res.http.status } : {}),
        ...(res?.http?.headers ? { _mcpHeaders: res.http.headers } : {}),
      },
      cache: {},
      timings: { send: 0, wait, receive: 0 },
      _server: r.server,
      _seq: r.seq,
      _kind: r.kind,
      _direction: r.direction,
    };
    if (r.method !== undefined) entry._method = r.method;
    if (r.id !== undefined) entry._id = r.id;
    const tool = r.tool ?? res?.tool;
    if (tool !== undefined) entry._tool = tool;
    const st = res?.status ?? r.status;
    if (st !== undefined) entry._status = st;
    if (r.truncated) entry._truncated = true;
    entries.push(entry);
  }
  return { log: { version: '1.2', creator: { name: 'MCP Switchboard', version: creatorVersion }, pages: [], entries } };
}

/** A file name like `mcp-traffic-20250101-120000.jsonl`. */
export function defaultExportName(format: 'jsonl' | 'har', now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `mcp-traffic-${stamp}.${format === 'jsonl' ? 'jsonl' : 'har.json'}`;
}
