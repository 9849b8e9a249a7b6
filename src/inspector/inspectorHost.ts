/**
 * The traffic inspector's host logic, free of `vscode`: the ready handshake, batching through the TrafficPump, the
 * server list and metrics pushes, and the UI's replay/export/import/copy requests. InspectorPanel (inspectorPanel.ts)
 * is the thin VS Code adapter that gives it a webview and dialogs through an InspectorPort.
 */
import type { EngineApi } from '../core/engineApi';
import { DisposableStore } from '../core/events';
import type { ApprovalMode } from '../core/connection/types';
import type { TrafficRecord } from '../shared/traffic';
import { errorMessage } from '../shared/format';
import {
  assertNever, encodeRecords, isUiToHostMessage,
  type HostToUiMessage, type InspectorRequestMethod, type InspectorUiState, type MetricsScope, type MetricsSelection, type ReplayResult,
  type RequestMessage, type RequestResult, type ServerSummary, type UiToHostMessage,
} from '../shared/inspectorProtocol';
import { realTimers, TrafficPump, type PumpTimers } from './trafficPump';
import { toHar, toJsonl } from './exportFormats';
import { importTooLargeMessage, MAX_IMPORT_BYTES, parseImport } from './importFormats';
import { snapshotMetrics } from './metricsSnapshot';
import { checkReplayedToolCall } from './replayPolicy';
import { findReplayedRequest, lastSeq } from './replayedRequest';

export interface InspectorFilter { server?: string; tool?: string }

export type ExportFormat = 'jsonl' | 'har';

/** Where an export goes, once the user picked it. */
export interface ExportTarget {
  /** How the notice names it (a file path). */
  readonly label: string;
  write(text: string): Promise<void>;
}

/** A file the user picked to import. */
export interface ImportSource {
  readonly name: string;
  size(): Promise<number>;
  read(): Promise<string>;
}

/** What the host needs from VS Code: the webview, its visibility, dialogs, the clipboard and settings. */
export interface InspectorPort {
  post(msg: HostToUiMessage): void;
  isVisible(): boolean;
  /** A modal that asks whether to run a replayed tool call; true when the user chose to run it. */
  confirmToolCall(message: string, detail: string): Promise<boolean>;
  /** The approval mode for tools the server did not configure (setting `chat.defaultApproval`). */
  defaultApproval(): ApprovalMode;
  pickExportTarget(format: ExportFormat): Promise<ExportTarget | undefined>;
  pickImportSource(): Promise<ImportSource | undefined>;
  copyToClipboard(text: string): Promise<void>;
  /** For the HAR `creator` field. */
  readonly extensionVersion: string;
}

export interface InspectorHostOptions {
  /** The UI state VS Code saved for a restored panel (`vscode.setState`). */
  restoredState?: unknown;
  preset?: InspectorFilter;
  timers?: PumpTimers;
}

export const BATCH_INTERVAL_MS = 50;
const METRICS_INTERVAL_MS = 1000;
const SERVERS_INTERVAL_MS = 250;
/** Requests that would break a running session if sent again. */
const NOT_REPLAYABLE = new Set(['initialize']);

export class InspectorHost {
  private readonly subs = new DisposableStore();
  private readonly pump: TrafficPump;
  private readonly timers: PumpTimers;
  private uiState: InspectorUiState | undefined;
  private pendingPreset: InspectorFilter | undefined;
  private ready = false;
  private disposed = false;
  private lastCapacity: number;
  private metricsTimer: unknown;
  private serversTimer: unknown;
  private metricsSelection: MetricsSelection | undefined;
  private metricsScope: MetricsScope = 'user';

  constructor(private readonly port: InspectorPort, private readonly engine: EngineApi, opts: InspectorHostOptions = {}) {
    const restored = opts.restoredState;
    this.uiState = typeof restored === 'object' && restored !== null ? restored as InspectorUiState : undefined;
    this.metricsSelection = this.uiState?.metricsSelection;
    this.metricsScope = this.uiState?.metricsScope ?? 'user';
    this.pendingPreset = opts.preset;
    this.lastCapacity = engine.traffic.capacity;
    this.timers = opts.timers ?? realTimers;
    this.pump = new TrafficPump({
      send: records => this.post({ type: 'append', recordsJson: encodeRecords(records) }),
      resync: () => this.sendInit(),
      capacity: () => this.engine.traffic.capacity,
      intervalMs: BATCH_INTERVAL_MS,
      timers: this.timers,
    });
    this.pump.setVisible(port.isVisible());
    for (const d of [
      engine.traffic.onDidAppend(records => {
        this.checkCapacity();
        this.pump.push(records);
      }),
      engine.traffic.onDidClear(() => {
        this.pump.reset();
        if (this.ready) this.post({ type: 'clear' });
      }),
      engine.onDidChangeServers(() => this.scheduleServers()),
      engine.onDidChangeServer(() => this.scheduleServers()),
      engine.traffic.onDidChangeCapacity(() => this.checkCapacity()),
      engine.metrics.onDidChange(() => this.scheduleMetrics()),
    ]) this.subs.add(d);
  }

  /** The panel was shown or hidden. */
  visibilityChanged(): void {
    const visible = this.port.isVisible();
    this.pump.setVisible(visible);
    if (visible) this.scheduleMetrics();
  }

  /** Applies a filter preset now, or once the UI is ready. */
  preset(filter: InspectorFilter): void {
    if (!filter.server && !filter.tool) return;
    if (this.ready) this.post({ type: 'filterPreset', ...filter });
    else this.pendingPreset = filter;
  }

  /** A message from the webview; anything that is not a valid UiToHostMessage is ignored. */
  receive(raw: unknown): void {
    if (this.disposed || !isUiToHostMessage(raw)) return;
    const msg: UiToHostMessage = raw;
    switch (msg.type) {
      case 'ready': {
        this.sendInit();
        this.ready = true;
        this.pump.setReady(true);
        if (this.pendingPreset) {
          this.post({ type: 'filterPreset', ...this.pendingPreset });
          this.pendingPreset = undefined;
        }
        return;
      }
      case 'request': void this.answer(msg); return;
      case 'export': void this.exportRecords(msg.format, msg.records); return;
      case 'importRequest': void this.importFile(); return;
      case 'clear': this.engine.traffic.clear(); return;
      case 'requestMetrics':
        this.metricsSelection = msg.selection;
        if (msg.scope) this.metricsScope = msg.scope;
        this.sendMetrics();
        return;
      case 'setState':
        this.uiState = msg.state;
        if (msg.state.metricsSelection) this.metricsSelection = msg.state.metricsSelection;
        return;
      case 'copy': void this.port.copyToClipboard(msg.text); return;
      default: assertNever(msg, 'inspector message');
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pump.dispose();
    if (this.metricsTimer !== undefined) this.timers.clearTimeout(this.metricsTimer);
    if (this.serversTimer !== undefined) this.timers.clearTimeout(this.serversTimer);
    this.subs.dispose();
  }

  private post(msg: HostToUiMessage): void {
    if (!this.disposed) this.port.post(msg);
  }

  private servers(): ServerSummary[] {
    return this.engine.list().map(s => ({ name: s.name, state: s.state.kind }));
  }

  private scheduleServers(): void {
    if (this.serversTimer !== undefined || this.disposed) return;
    this.serversTimer = this.timers.setTimeout(() => {
      this.serversTimer = undefined;
      if (this.ready) this.post({ type: 'servers', servers: this.servers() });
    }, SERVERS_INTERVAL_MS);
  }

  private sendInit(): void {
    this.lastCapacity = this.engine.traffic.capacity;
    this.post({
      type: 'init',
      recordsJson: encodeRecords(this.engine.traffic.records()),
      servers: this.servers(),
      settings: { batchIntervalMs: BATCH_INTERVAL_MS, replayEnabled: true },
      capacity: this.lastCapacity,
    });
  }

  private checkCapacity(): void {
    if (this.disposed) return;
    const cap = this.engine.traffic.capacity;
    if (cap !== this.lastCapacity && this.ready) {
      this.lastCapacity = cap;
      this.post({ type: 'capacity', capacity: cap });
    }
  }

  private scheduleMetrics(): void {
    if (this.metricsTimer !== undefined || !this.ready || !this.port.isVisible() || this.uiState?.tab !== 'metrics') return;
    this.metricsTimer = this.timers.setTimeout(() => {
      this.metricsTimer = undefined;
      if (this.port.isVisible() && this.uiState?.tab === 'metrics') this.sendMetrics();
    }, METRICS_INTERVAL_MS);
  }

  private sendMetrics(): void {
    try {
      this.post({ type: 'metrics', snapshot: snapshotMetrics(this.engine.metrics, this.metricsSelection, this.timers.now(), this.metricsScope) });
    } catch (e) {
      this.post({ type: 'notice', level: 'error', text: `Metrics unavailable: ${errorMessage(e)}` });
    }
  }

  /** Answers a UI request exactly once: its result, or the error that kept it from being handled. */
  private async answer(msg: RequestMessage): Promise<void> {
    try {
      const result = await this.handle(msg);
      this.post({ type: 'response', id: msg.id, ok: true, result });
    } catch (e) {
      this.post({ type: 'response', id: msg.id, ok: false, error: errorMessage(e) });
    }
  }

  private handle(msg: RequestMessage): Promise<RequestResult<InspectorRequestMethod>> {
    switch (msg.method) {
      case 'replay': return this.replay(msg.params.server, msg.params.method, msg.params.params);
      default: return assertNever(msg.method, 'inspector request');
    }
  }

  private async replay(server: string, method: string, params: unknown): Promise<ReplayResult> {
    const started = this.timers.now();
    if (NOT_REPLAYABLE.has(method) || method.startsWith('notifications/')) return { ok: false, error: `${method} cannot be replayed`, durationMs: 0 };
    const snapshot = this.engine.get(server);
    if (!snapshot) return { ok: false, error: `Unknown server "${server}"`, durationMs: 0 };
    if (method === 'tools/call') {
      const refused = await this.confirmReplayedToolCall(snapshot, params);
      if (refused) return { ok: false, error: refused, durationMs: 0 };
    }
    const before = lastSeq(this.engine.traffic, server);
    let ok = true;
    let result: unknown;
    let error: string | undefined;
    try {
      result = await this.engine.request(server, method, params);
    } catch (e) {
      ok = false;
      error = errorMessage(e);
    }
    const durationMs = this.timers.now() - started;
    // The tap recorded the exchange; send it now so the UI can select the new row when the result arrives.
    const requestSeq = findReplayedRequest(this.engine.traffic, server, method, before);
    (this.engine.traffic as { flush?: () => void }).flush?.();
    this.pump.flush();
    return { ok, result, error, durationMs, requestSeq };
  }

  /** Undefined when the replayed tools/call may run; else why not. */
  private async confirmReplayedToolCall(snapshot: NonNullable<ReturnType<EngineApi['get']>>, params: unknown): Promise<string | undefined> {
    const check = checkReplayedToolCall(snapshot, this.engine.tools(), params, this.port.defaultApproval());
    if (!check.ok) return check.error;
    if (!check.ask) return undefined;
    const args = JSON.stringify((params as { arguments?: unknown }).arguments ?? {}, null, 2).slice(0, 2000);
    const run = await this.port.confirmToolCall(`Replay the tool call "${check.tool}" on ${snapshot.name}?`, `${check.reason}\n\nArguments:\n${args}`);
    return run ? undefined : 'Replay cancelled: the tool call was not confirmed';
  }

  private async exportRecords(format: ExportFormat, records: TrafficRecord[]): Promise<void> {
    if (records.length === 0) {
      this.post({ type: 'notice', level: 'warn', text: 'Nothing to export: no records match the filters.' });
      return;
    }
    const target = await this.port.pickExportTarget(format);
    if (!target) return;
    try {
      const text = format === 'jsonl' ? toJsonl(records) : JSON.stringify(toHar(records, this.port.extensionVersion), null, 1);
      await target.write(text);
      this.post({ type: 'notice', level: 'info', text: `Exported ${records.length} records to ${target.label}` });
    } catch (e) {
      this.post({ type: 'notice', level: 'error', text: `Export failed: ${errorMessage(e)}` });
    }
  }

  private async importFile(): Promise<void> {
    const source = await this.port.pickImportSource();
    if (!source) return;
    try {
      const size = await source.size();
      if (size > MAX_IMPORT_BYTES) throw new Error(importTooLargeMessage(size));
      const parsed = parseImport(await source.read(), this.engine.traffic.capacity);
      this.post({ type: 'imported', fileName: source.name, recordsJson: encodeRecords(parsed.records), warnings: parsed.warnings });
    } catch (e) {
      this.post({ type: 'notice', level: 'error', text: `Import failed: ${errorMessage(e)}` });
    }
  }
}
