/**
 * The typed message protocol between the inspector's host side (src/inspector) and its webview UI (webview/).
 * Type-only plus two tiny guards: no runtime dependencies, so both bundles can import it.
 */
import type { TrafficDirection, TrafficKind, TrafficRecord } from './traffic';
import { stringifySafely } from './safeJson';
import type { MetricsScope } from './metrics/callOrigin';

export type { MetricsScope } from './metrics/callOrigin';

export const INSPECTOR_VIEW_TYPE = 'mcpSwitchboard.inspector';

/** Bumped when the saved UI state shape changes; older states are ignored. */
export const INSPECTOR_STATE_VERSION = 1;

// ---------------------------------------------------------------------------------------------------------------
// Shared shapes

export interface ServerSummary {
  name: string;
  /** The connection state's `kind` (running, stopped, error, …) for display only. */
  state: string;
}

export interface InspectorSettings {
  /** How often the host sends batches at most, in ms (informational). */
  batchIntervalMs: number;
  /** Whether replay is available (false for imported or read-only views). */
  replayEnabled: boolean;
}

/** Latency/count statistics of one server or tool, as the metrics tab shows them. */
export interface CallStatsView {
  /** Finished calls, whatever their outcome. */
  calls: number;
  errors: number;
  timeouts: number;
  cancelled: number;
  inFlight: number;
  /** Latency percentiles in ms over ok, error and timed-out calls (cancelled calls say nothing about the server). */
  p50: number;
  p95: number;
  p99: number;
}

export interface ServerStatsView extends CallStatsView {
  lastError?: string;
  connectAttempts: number;
  connectedSince?: number;
  uptimeMs: number;
  tools: Record<string, CallStatsView>;
}

export interface HistogramBucket {
  /** Upper bound in ms; `null` (JSON for Infinity) is the overflow bucket. */
  le: number | null;
  count: number;
}

export interface TimelinePoint {
  /** Bucket start, epoch ms. */
  t: number;
  calls: number;
  errors: number;
  p50: number;
  max: number;
}

export interface MetricsSelection {
  server: string;
  tool?: string;
}

export interface MetricsSnapshot {
  /** Epoch ms when the snapshot was taken. */
  at: number;
  /** Which calls the server rows and charts count (tool rows are always the user's calls). */
  scope: MetricsScope;
  servers: Record<string, ServerStatsView>;
  /** Charts for `selection` (or the first server when none was requested). */
  selection?: MetricsSelection;
  histogram?: HistogramBucket[];
  timeline?: TimelinePoint[];
}

export type ExportFormat = 'jsonl' | 'har';

export interface FilterState {
  server: string;
  method: string;
  tool: string;
  /** MCP revision of the connection (`2025-11-25`, `2026-07-28`); '' = any. */
  protocol: string;
  direction: '' | TrafficDirection;
  kind: '' | TrafficKind;
  errorsOnly: boolean;
  /** Minimum latency in ms; 0 = off. */
  minLatency: number;
  /** Free text, matched case-insensitively against the serialized payloads. */
  text: string;
}

export const EMPTY_FILTERS: Readonly<FilterState> = Object.freeze({
  server: '', method: '', tool: '', protocol: '', direction: '', kind: '', errorsOnly: false, minLatency: 0, text: '',
});

export type InspectorTab = 'messages' | 'metrics';

/** What the UI persists with `vscode.setState` (and mirrors to the host with `setState`). */
export interface InspectorUiState {
  v: typeof INSPECTOR_STATE_VERSION;
  tab: InspectorTab;
  filters: FilterState;
  selectedSeq?: number;
  expandedSeq?: number;
  autoScroll: boolean;
  metricsSelection?: MetricsSelection;
  /** Which calls the metrics tab shows (default: the user's). */
  metricsScope?: MetricsScope;
  /** Width of the detail pane in px. */
  detailWidth?: number;
  /** Message grid column widths in px the user dragged, by column id. */
  columnWidths?: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Host → UI

/**
 * A record as the host encodes it for the page: the payload travels as its JSON text (`payloadJson`) instead of an
 * object. The page searches that text directly (no re-serializing 100,000 payloads for the first search), keeps it as
 * one compact string instead of an object tree, and parses it only for the row being shown or exported.
 */
export type WireRecord = TrafficRecord;

/**
 * Records travel as objects or pre-serialized as a JSON array of WireRecord. The host sends strings: VS Code's webview
 * transport JSON-encodes messages in the extension host, decodes them on the window's UI thread and structured-clones
 * them into the webview, so one string crosses several times cheaper than thousands of small objects (measured: a
 * 5,000-record batch costs the page ~5 ms to parse as a string versus ~15–35 ms to clone as objects).
 */
export type RecordBatch = { records: TrafficRecord[]; recordsJson?: undefined } | { recordsJson: string; records?: undefined };

const unencodablePayload = '[payload could not be encoded as JSON]';

/** Encodes records for `recordsJson`: a JSON array of WireRecord. Never throws: a payload too deep is depth-capped. */
export function encodeRecords(records: readonly TrafficRecord[]): string {
  const out: WireRecord[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    // Records the tap kept as text travel as they are: nothing to serialize.
    if (r.payload === undefined) { out[i] = r; continue; }
    const { payload, ...rest } = r;
    let payloadJson: string | undefined;
    try { payloadJson = stringifySafely(payload); } catch { /* unserializable (a BigInt, a cycle): a placeholder below */ }
    out[i] = payloadJson === undefined ? { ...rest, truncated: true, text: unencodablePayload } : { ...rest, payloadJson };
  }
  return JSON.stringify(out);
}

export type InitMessage = RecordBatch & {
  type: 'init';
  servers: ServerSummary[];
  settings: InspectorSettings;
  /** The most records the UI keeps (the ring buffer's capacity, `mcpSwitchboard.inspector.maxMessages`). */
  capacity: number;
};
export type AppendMessage = RecordBatch & { type: 'append' };

/** The records of a batch, whichever way they travelled (payloads may still be JSON text: see `payloadOf`). */
export function batchRecords(m: RecordBatch): WireRecord[] {
  if (m.records !== undefined) return m.records;
  const parsed: unknown = JSON.parse(m.recordsJson);
  return Array.isArray(parsed) ? parsed as WireRecord[] : [];
}

export { decodeRecord, payloadOf } from './traffic';
export interface ClearMessage { type: 'clear' }
export interface MetricsMessage { type: 'metrics'; snapshot: MetricsSnapshot }
export interface ServersMessage { type: 'servers'; servers: ServerSummary[] }
export interface FilterPresetMessage { type: 'filterPreset'; server?: string; tool?: string }
export type ImportedMessage = RecordBatch & { type: 'imported'; fileName: string; warnings: string[] };
export interface NoticeMessage { type: 'notice'; level: 'info' | 'warn' | 'error'; text: string }
export interface CapacityMessage { type: 'capacity'; capacity: number }

export type HostToUiMessage =
  | InitMessage | AppendMessage | ClearMessage | MetricsMessage | ResponseMessage
  | ServersMessage | FilterPresetMessage | ImportedMessage | NoticeMessage | CapacityMessage;

// ---------------------------------------------------------------------------------------------------------------
// Requests: the UI asks, the host answers exactly once. The envelope carries the id, so replies are matched by the
// protocol (`InspectorRequestClient` in the page), never by ids each feature keeps by hand.

export interface ReplayResult {
  /** Whether the server answered with a result (false: it answered with an error, or the call failed). */
  ok: boolean;
  result?: unknown;
  error?: string;
  durationMs: number;
  /** Seq of the replayed request as the tap recorded it, so the UI can select the new row. */
  requestSeq?: number;
}

/** Every request the UI can make: its params and the result the host answers with. */
export interface InspectorRequests {
  replay: { params: { server: string; method: string; params: unknown }; result: ReplayResult };
}
export type InspectorRequestMethod = keyof InspectorRequests;
export type RequestParams<M extends InspectorRequestMethod> = InspectorRequests[M]['params'];
export type RequestResult<M extends InspectorRequestMethod> = InspectorRequests[M]['result'];

export type RequestMessage = {
  [M in InspectorRequestMethod]: { type: 'request'; id: number; method: M; params: RequestParams<M> }
}[InspectorRequestMethod];

/** The host's answer to `RequestMessage` `id`: its result, or why the request itself could not be handled. */
export type ResponseMessage = { type: 'response'; id: number } & ({ ok: true; result: unknown } | { ok: false; error: string });

// ---------------------------------------------------------------------------------------------------------------
// UI → host

export interface ReadyMessage { type: 'ready' }
export interface ExportMessage { type: 'export'; format: ExportFormat; records: TrafficRecord[] }
export interface ImportRequestMessage { type: 'importRequest' }
export interface ClearRequestMessage { type: 'clear' }
export interface RequestMetricsMessage { type: 'requestMetrics'; selection?: MetricsSelection; scope?: MetricsScope }
export interface SetStateMessage { type: 'setState'; state: InspectorUiState }
export interface CopyMessage { type: 'copy'; text: string }

export type UiToHostMessage =
  | ReadyMessage | RequestMessage | ExportMessage | ImportRequestMessage | ClearRequestMessage
  | RequestMetricsMessage | SetStateMessage | CopyMessage;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

export { assertNever } from './assertNever';

const UI_TYPES: ReadonlySet<string> = new Set<UiToHostMessage['type']>(['ready', 'request', 'export', 'importRequest', 'clear', 'requestMetrics', 'setState', 'copy']);
const HOST_TYPES: ReadonlySet<string> = new Set<HostToUiMessage['type']>(['init', 'append', 'clear', 'metrics', 'response', 'servers', 'filterPreset', 'imported', 'notice', 'capacity']);

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isRequestParams(method: unknown, p: unknown): boolean {
  switch (method as InspectorRequestMethod) {
    case 'replay': return isObj(p) && typeof p.server === 'string' && typeof p.method === 'string';
    default: return false;
  }
}

/** Shape check for messages from the webview (the host treats them as untrusted input). */
export function isUiToHostMessage(x: unknown): x is UiToHostMessage {
  if (!isObj(x) || typeof x.type !== 'string' || !UI_TYPES.has(x.type)) return false;
  switch (x.type as UiToHostMessage['type']) {
    case 'ready': case 'importRequest': case 'clear': return true;
    case 'request': return typeof x.id === 'number' && isRequestParams(x.method, x.params);
    case 'export': return (x.format === 'jsonl' || x.format === 'har') && Array.isArray(x.records);
    case 'requestMetrics': return (x.selection === undefined || (isObj(x.selection) && typeof x.selection.server === 'string'))
      && (x.scope === undefined || x.scope === 'user' || x.scope === 'internal' || x.scope === 'all');
    case 'setState': return isObj(x.state);
    case 'copy': return typeof x.text === 'string';
  }
}

/** Shape check for messages arriving in the webview. */
export function isHostToUiMessage(x: unknown): x is HostToUiMessage {
  return isObj(x) && typeof x.type === 'string' && HOST_TYPES.has(x.type);
}
