/** Loading and validating the state the UI saves with `vscode.setState`. */
import { restoreColumnWidths } from './columns';
import { EMPTY_FILTERS, INSPECTOR_STATE_VERSION, type FilterState, type InspectorUiState, type MetricsScope } from '../src/shared/inspectorProtocol';

const DIRECTIONS = new Set(['', 'out', 'in', 'none']);
const KINDS = new Set(['', 'request', 'response', 'notification', 'log', 'error', 'stderr', 'lifecycle', 'auth']);

export function defaultState(): InspectorUiState {
  return { v: INSPECTOR_STATE_VERSION, tab: 'messages', filters: { ...EMPTY_FILTERS }, autoScroll: true };
}

function str(x: unknown): string { return typeof x === 'string' ? x : ''; }

export function restoreFilters(x: unknown): FilterState {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  return {
    server: str(o.server),
    method: str(o.method),
    tool: str(o.tool),
    direction: DIRECTIONS.has(str(o.direction)) ? str(o.direction) as FilterState['direction'] : '',
    kind: KINDS.has(str(o.kind)) ? str(o.kind) as FilterState['kind'] : '',
    protocol: str(o.protocol),
    errorsOnly: o.errorsOnly === true,
    minLatency: typeof o.minLatency === 'number' && o.minLatency > 0 ? o.minLatency : 0,
    text: str(o.text),
  };
}

/** A valid state from whatever was saved (older or foreign shapes fall back to defaults). */
export function restoreState(raw: unknown): InspectorUiState {
  const s = defaultState();
  if (typeof raw !== 'object' || raw === null) return s;
  const o = raw as Record<string, unknown>;
  if (o.v !== INSPECTOR_STATE_VERSION) return s;
  s.tab = o.tab === 'metrics' ? 'metrics' : 'messages';
  s.filters = restoreFilters(o.filters);
  if (typeof o.selectedSeq === 'number') s.selectedSeq = o.selectedSeq;
  if (typeof o.expandedSeq === 'number') s.expandedSeq = o.expandedSeq;
  s.autoScroll = o.autoScroll !== false;
  const ms = o.metricsSelection as Record<string, unknown> | undefined;
  if (ms && typeof ms.server === 'string') s.metricsSelection = typeof ms.tool === 'string' ? { server: ms.server, tool: ms.tool } : { server: ms.server };
  if (typeof o.detailWidth === 'number' && o.detailWidth >= 200) s.detailWidth = o.detailWidth;
  if (o.metricsScope === 'internal' || o.metricsScope === 'all') s.metricsScope = o.metricsScope;
  const widths = restoreColumnWidths(o.columnWidths);
  if (Object.keys(widths).length) s.columnWidths = widths;
  return s;
}

/** The state to save: only what differs from the defaults is written. */
export function captureState(p: Omit<InspectorUiState, 'v' | 'metricsScope'> & { metricsScope: MetricsScope }): InspectorUiState {
  const s: InspectorUiState = { v: INSPECTOR_STATE_VERSION, tab: p.tab, filters: { ...p.filters }, autoScroll: p.autoScroll };
  if (p.selectedSeq !== undefined) s.selectedSeq = p.selectedSeq;
  if (p.expandedSeq !== undefined) s.expandedSeq = p.expandedSeq;
  if (p.metricsSelection) s.metricsSelection = p.metricsSelection;
  if (p.metricsScope !== 'user') s.metricsScope = p.metricsScope;
  if (p.detailWidth) s.detailWidth = p.detailWidth;
  if (p.columnWidths && Object.keys(p.columnWidths).length) s.columnWidths = p.columnWidths;
  return s;
}
