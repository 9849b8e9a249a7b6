/**
 * The inspector UI controller: owns the sources (live and imported traffic), the filters, selection and expansion,
 * and wires the components together (toolbar, filter bar, message grid, detail pane, metrics tab).
 */
import {
  EMPTY_FILTERS, assertNever, batchRecords, isHostToUiMessage,
  type ExportFormat, type FilterState, type HostToUiMessage, type InspectorSettings, type InspectorTab, type InspectorUiState,
  type RecordBatch, type ServerSummary, type WireRecord,
} from '../src/shared/inspectorProtocol';
import type { ColumnWidths } from './columns';
import { append, clear } from './dom';
import type { DetailPane } from './detail';
import type { MessageGrid } from './messageGrid';
import { recordsOf } from './exportRecords';
import { FilterBar } from './filterBar';
import { FilteredView } from './filters';
import { formatCount } from './format';
import { HostRequests } from './hostRequests';
import { MessagesPanel } from './messagesPanel';
import { MetricsController } from './metricsController';
import { type Row, TrafficModel } from './model';
import { Selection } from './selection';
import { captureState, restoreState } from './state';
import { Toolbar } from './toolbar';
import { loadState, postToHost, saveState } from './vscodeApi';

const DEFAULT_CAPACITY = 10_000;

interface Source { kind: 'live' | 'imported'; model: TrafficModel; fileName?: string }

export class InspectorApp {
  private readonly live: Source = { kind: 'live', model: new TrafficModel(DEFAULT_CAPACITY) };
  private imported: Source | undefined;
  readonly view = new FilteredView();
  filters: FilterState;
  private state: InspectorUiState;
  tab: InspectorTab;
  autoScroll: boolean;
  paused = false;
  /** Rows that arrived while the view was paused. */
  private pendingRows = 0;
  private readonly selection: Selection;
  servers: ServerSummary[] = [];
  settings: InspectorSettings = { batchIntervalMs: 50, replayEnabled: true };
  private capacity = DEFAULT_CAPACITY;
  private initialized = false;
  private frameRequested = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly root: HTMLElement;
  private readonly toolbar: Toolbar;
  private readonly filterBar: FilterBar;
  readonly grid: MessageGrid;
  readonly detail: DetailPane;
  private readonly metrics: MetricsController;
  private readonly messages: MessagesPanel;
  private readonly requests = new HostRequests(m => postToHost(m));

  constructor(root: HTMLElement) {
    this.root = root;
    this.state = restoreState(loadState());
    this.filters = { ...this.state.filters };
    this.tab = this.state.tab;
    this.autoScroll = this.state.autoScroll;
    this.selection = new Selection(this, this.state.selectedSeq, this.state.expandedSeq);

    this.toolbar = new Toolbar({
      setTab: tab => this.setTab(tab, true),
      togglePause: () => this.setPaused(!this.paused),
      clearAll: () => this.clearAll(),
      jumpToNewest: () => this.jumpToNewest(),
      setAutoScroll: on => this.setAutoScroll(on, true),
      exportRecords: format => this.exportRecords(format),
      importFile: () => postToHost({ type: 'importRequest' }),
      backToLive: () => this.backToLive(),
    }, this.autoScroll);
    this.filterBar = new FilterBar({
      setFilters: f => this.setFilters(f),
      toGrid: selectFirst => {
        this.grid.el.focus();
        if (selectFirst && !this.selected && this.view.size) this.selectIndex(this.autoScroll ? this.view.size - 1 : this.grid.list.topIndex(), 'nearest');
      },
    });

    this.messages = new MessagesPanel(this, this.requests, this.state);
    this.grid = this.messages.grid;
    this.detail = this.messages.detail;

    this.metrics = new MetricsController(this.state.metricsSelection, this.state.metricsScope, {
      isImported: () => this.isImported(), model: () => this.model, servers: () => this.servers, selectionChanged: () => this.saveSoon(),
    });

    clear(root);
    append(root, this.toolbar.topbar, this.filterBar.el, this.toolbar.statusBar, this.messages.el, this.metrics.el);
    this.filterBar.write(this.filters);
    this.setTab(this.tab, false);
    this.messages.attached(root);

    window.addEventListener('message', e => this.onMessage(e.data));
    new MutationObserver(() => this.metrics.redraw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    this.view.setFilters(this.model, this.filters);
    this.requestFrame();
  }

  /** Tells the host the UI is listening. */
  start(): void { postToHost({ type: 'ready' }); }

  private get source(): Source { return this.imported ?? this.live; }
  get selected(): Row | undefined { return this.selection.selected; }
  get expanded(): Row | undefined { return this.selection.expanded; }
  changed(): void { this.saveSoon(); this.requestFrame(); }
  select(row: Row | undefined, scroll: 'nearest' | 'center' | false, user: boolean): void { this.selection.select(row, scroll, user); }
  selectIndex(i: number, scroll: 'nearest' | 'center'): void { this.selection.selectIndex(i, scroll); }
  toggleExpanded(row: Row, force?: boolean): void { this.selection.toggleExpanded(row, force); }
  get model(): TrafficModel { return this.source.model; }

  // -------------------------------------------------------------------------------------------------------------
  // Host messages

  private onMessage(data: unknown): void {
    if (!isHostToUiMessage(data)) return;
    const msg: HostToUiMessage = data;
    switch (msg.type) {
      case 'init': this.onInit(this.records(msg), msg.servers, msg.settings, msg.capacity); return;
      case 'append': this.ingest(this.records(msg)); return;
      case 'clear': this.onClear(); return;
      case 'metrics': this.metrics.onLiveSnapshot(msg.snapshot); return;
      case 'response': this.requests.onResponse(msg); return;
      case 'servers':
        this.servers = msg.servers;
        this.metrics.onServers();
        this.requestFrame();
        return;
      case 'filterPreset': this.applyPreset(msg.server, msg.tool); return;
      case 'imported': this.onImported(msg.fileName, this.records(msg), msg.warnings); return;
      case 'notice': this.notice(msg.text, msg.level); return;
      case 'capacity': this.setCapacity(msg.capacity); return;
      default: assertNever(msg, 'host message');
    }
  }

  private onInit(records: WireRecord[], servers: ServerSummary[], settings: InspectorSettings, capacity: number): void {
    this.servers = servers;
    this.settings = settings;
    this.capacity = Math.max(1, capacity);
    const keepSel = this.initialized && this.source.kind === 'live' ? this.selected?.seq : undefined;
    const keepExp = this.initialized && this.source.kind === 'live' ? this.expanded?.seq : undefined;
    this.pendingRows = 0;
    this.live.model.reset(records, this.capacity);
    if (this.source.kind === 'live') {
      this.selection.clear();
      this.selection.later(keepSel, keepExp);
      this.view.rescan(this.live.model);
      this.selection.resolvePending(true);
      if (this.autoScroll) this.grid.list.scrollToBottom();
    }
    this.initialized = true;
    this.refreshMetricsIfShown();
    this.requestFrame();
  }

  private records(batch: RecordBatch): WireRecord[] {
    try {
      return batchRecords(batch);
    } catch (e) {
      this.notice(`Dropped a malformed batch from the host: ${(e as Error).message}`, 'error');
      return [];
    }
  }

  /**
   * Records always go into the (bounded) model, so memory stays bounded and recording continues while paused; only
   * the view is frozen then, and catches up on resume.
   */
  private ingest(records: readonly WireRecord[]): void {
    const res = this.live.model.add(records);
    if (this.source.kind === 'live') {
      if (this.paused) {
        this.pendingRows += res.added.length;
      } else {
        const removedTop = this.view.apply(res, this.live.model);
        this.selection.dropGone(false);
        if (removedTop && !this.autoScroll) this.grid.list.shiftUp(removedTop);
        if (this.selection.waiting) this.selection.resolvePending(false);
      }
    }
    this.requestFrame();
  }

  private onClear(): void {
    this.live.model.clear();
    this.pendingRows = 0;
    if (this.source.kind === 'live') {
      this.view.clear();
      this.selection.clear();
    }
    this.requestFrame();
  }

  private setCapacity(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    if (this.live.model.setCapacity(this.capacity) && this.source.kind === 'live') { this.view.rescan(this.live.model); this.selection.dropGone(false); }
    this.requestFrame();
  }

  private onImported(fileName: string, records: WireRecord[], warnings: string[]): void {
    const model = new TrafficModel(this.capacity);
    model.add(records);
    this.imported = { kind: 'imported', model, fileName };
    this.switchedSource();
    this.setAutoScroll(false, true);
    this.grid.list.scrollToIndex(0);
    this.notice(`Imported ${formatCount(model.recordCount)} records from ${fileName}${warnings.length ? ` · ${warnings.join('; ')}` : ''}`, warnings.length ? 'warn' : 'info');
  }

  private backToLive(): void {
    if (!this.imported) return;
    this.imported = undefined;
    this.switchedSource();
    this.setAutoScroll(true, true);
  }

  private switchedSource(): void {
    this.selection.clear();
    this.view.rescan(this.model);
    this.filterBar.invalidate();
    this.refreshMetricsIfShown();
    this.requestFrame();
  }

  private applyPreset(server: string | undefined, tool: string | undefined): void {
    if (this.imported) this.backToLive();
    this.setFilters({ ...EMPTY_FILTERS, server: server ?? '', tool: tool ?? '' });
    this.setTab('messages', false);
    if (server) this.metrics.preset(tool ? { server, tool } : { server });
    this.notice(`Showing ${[server, tool].filter(Boolean).join(' › ')}`);
  }

  setFilters(f: FilterState): void {
    this.filters = { ...f };
    this.view.setFilters(this.model, this.filters);
    this.filterBar.write(this.filters);
    this.selection.dropGone(true);
    if (this.selected) this.grid.list.scrollToIndex(this.grid.itemIndexOf(this.selected), 'center');
    else if (this.autoScroll) this.grid.list.scrollToBottom();
    this.saveSoon();
    this.requestFrame();
  }

  isImported(): boolean { return this.imported !== undefined; }

  layoutChanged(layout: { detailWidth?: number; columnWidths?: ColumnWidths }): void {
    if (layout.detailWidth !== undefined) this.state.detailWidth = layout.detailWidth;
    if (layout.columnWidths) this.state.columnWidths = layout.columnWidths as Record<string, number>;
    this.saveSoon();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Rendering

  /** Counters the tests and benchmarks read from the page. */
  rendered(): void {
    this.root.dataset.rows = String(this.view.size);
    this.root.dataset.records = String(this.live.model.recordCount);
    this.root.dataset.lastSeq = String(this.live.model.lastSeq);
  }

  requestFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.renderFrame();
    });
  }

  private renderFrame(): void {
    if (this.tab === 'messages') {
      if (this.autoScroll && !this.paused) this.grid.list.scrollToBottom();
      this.grid.list.render();
      this.detail.show(this.selected);
    } else {
      this.rendered();
    }
    this.filterBar.renderVocabulary(this.model, this.servers, this.filters);
    this.renderStatus();
  }

  private renderStatus(): void {
    this.root.classList.toggle('is-paused', this.paused);
    this.toolbar.render({
      model: this.model, view: this.view, searching: this.filters.text.trim() !== '', paused: this.paused, pendingRows: this.pendingRows,
      behind: !this.autoScroll && this.source.kind === 'live', importedFile: this.imported ? this.imported.fileName ?? '' : undefined,
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Selection, expansion, scrolling

  showReplayedRequest(seq: number): void {
    if (this.paused) this.setPaused(false);
    this.selection.later(seq, seq);
    this.selection.resolvePending(false);
    this.requestFrame();
  }

  setAutoScroll(on: boolean, fromControl: boolean): void {
    if (this.autoScroll === on && !fromControl) return;
    this.autoScroll = on;
    this.toolbar.autoScrollBox.checked = on;
    if (on) this.grid.list.scrollToBottom();
    this.saveSoon();
    this.requestFrame();
  }

  private jumpToNewest(): void {
    if (this.paused) this.setPaused(false);
    this.setAutoScroll(true, true);
    this.grid.el.focus();
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (!paused) {
      this.pendingRows = 0;
      if (this.source.kind === 'live') {
        this.view.rescan(this.live.model);
        this.selection.dropGone(true);
        this.selection.resolvePending(false);
      }
    }
    this.requestFrame();
  }

  private clearAll(): void {
    if (this.imported) { this.backToLive(); return; }
    this.onClear();
    postToHost({ type: 'clear' });
    this.notice('Cleared');
  }

  // -------------------------------------------------------------------------------------------------------------
  // Tabs, export, notices, state

  focusSearch(): void {
    if (this.tab !== 'messages') this.setTab('messages', true);
    this.filterBar.text.focus();
    this.filterBar.text.select();
  }

  private setTab(tab: InspectorTab, user: boolean): void {
    this.tab = tab;
    this.toolbar.showTab(tab, user);
    this.messages.el.hidden = tab !== 'messages';
    this.metrics.el.hidden = tab !== 'metrics';
    this.root.dataset.tab = tab;
    if (tab === 'metrics') this.metrics.refresh();
    // A tab the user picked is saved at once: a reload or a closed window right after the click still restores it.
    if (user) this.saveNow(); else this.saveSoon();
    this.requestFrame();
  }

  private refreshMetricsIfShown(): void {
    if (this.tab === 'metrics') this.metrics.refresh();
  }

  private exportRecords(format: ExportFormat): void {
    const records = recordsOf(this.view.rows);
    if (!records.length) { this.notice('Nothing to export: no rows match the filters', 'warn'); return; }
    postToHost({ type: 'export', format, records });
    this.notice(`Exporting ${formatCount(records.length)} records as ${format === 'jsonl' ? 'JSON Lines' : 'HAR'}…`);
  }

  notice(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.toolbar.notice(text, level);
  }

  saveSoon(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.saveNow(), 150);
  }

  private saveNow(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const s = captureState({
      tab: this.tab, filters: this.filters, autoScroll: this.autoScroll,
      selectedSeq: this.selected?.seq ?? this.selection.selectWhenSeen, expandedSeq: this.expanded?.seq ?? this.selection.expandWhenSeen,
      metricsSelection: this.metrics.selection, metricsScope: this.metrics.scope,
      detailWidth: this.state.detailWidth, columnWidths: this.state.columnWidths,
    });
    this.state = s;
    saveState(s);
    postToHost({ type: 'setState', state: s });
  }
}
