/** The top bar (tabs, imported-capture banner, pause/clear/newest/auto-scroll, export and import) and the status line. */
import type { ExportFormat, InspectorTab } from '../src/shared/inspectorProtocol';
import { append, button, clear, h, setText } from './dom';
import type { FilteredView } from './filters';
import { formatCount } from './format';
import type { TrafficModel } from './model';

const NOTICE_MS = 6000;

export interface ToolbarActions {
  setTab(tab: InspectorTab): void;
  togglePause(): void;
  clearAll(): void;
  jumpToNewest(): void;
  setAutoScroll(on: boolean): void;
  exportRecords(format: ExportFormat): void;
  importFile(): void;
  backToLive(): void;
}

/** What the status line and the buttons show. */
export interface ToolbarStatus {
  model: TrafficModel;
  view: FilteredView;
  searching: boolean;
  paused: boolean;
  pendingRows: number;
  /** Live view not following new rows. */
  behind: boolean;
  importedFile: string | undefined;
}

export class Toolbar {
  readonly topbar: HTMLElement;
  readonly statusBar: HTMLElement;
  readonly tabButtons: Record<InspectorTab, HTMLButtonElement>;
  readonly autoScrollBox: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly noticeEl: HTMLElement;
  private readonly sourceBanner: HTMLElement;
  private readonly pauseBtn: HTMLButtonElement;
  private readonly newestBtn: HTMLButtonElement;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly actions: ToolbarActions, autoScroll: boolean) {
    this.tabButtons = {
      messages: h('button', { id: 'tab-messages', className: 'tab', text: 'Messages', attrs: { type: 'button', role: 'tab', 'aria-controls': 'panel-messages' } }),
      metrics: h('button', { id: 'tab-metrics', className: 'tab', text: 'Metrics', attrs: { type: 'button', role: 'tab', 'aria-controls': 'panel-metrics' } }),
    };
    const tabs = h('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Inspector views' } }, this.tabButtons.messages, this.tabButtons.metrics);
    tabs.addEventListener('click', e => {
      const t = (e.target as HTMLElement).closest('.tab');
      if (t) actions.setTab(t.id === 'tab-metrics' ? 'metrics' : 'messages');
    });
    tabs.addEventListener('keydown', e => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        actions.setTab(this.tabButtons.messages.getAttribute('aria-selected') === 'true' ? 'metrics' : 'messages');
      }
    });
    this.sourceBanner = h('span', { className: 'source-banner', attrs: { 'aria-live': 'polite' } });
    this.pauseBtn = button('‖ Pause', () => actions.togglePause(), { className: 'btn-secondary', id: 'btn-pause', title: 'Pause the live view (recording continues)', attrs: { 'aria-pressed': 'false' } });
    this.newestBtn = button('⤓ Newest', () => actions.jumpToNewest(), { className: 'btn-secondary', id: 'btn-newest', title: 'Jump to the newest message and follow new ones' });
    this.autoScrollBox = h('input', { id: 'chk-autoscroll', attrs: { type: 'checkbox' } });
    this.autoScrollBox.checked = autoScroll;
    this.autoScrollBox.addEventListener('change', () => actions.setAutoScroll(this.autoScrollBox.checked));
    const controls = h('div', { className: 'controls' },
      this.pauseBtn,
      button('⌫ Clear', () => actions.clearAll(), { className: 'btn-secondary', id: 'btn-clear', title: 'Clear the recorded traffic' }),
      this.newestBtn,
      h('label', { className: 'check', title: 'Follow new messages; scrolling up turns this off' }, this.autoScrollBox, ' Auto-scroll'),
      h('span', { className: 'sep', attrs: { 'aria-hidden': 'true' } }),
      button('⇩ JSONL', () => actions.exportRecords('jsonl'), { className: 'btn-secondary', id: 'btn-export-jsonl', title: 'Export the filtered records as JSON Lines' }),
      button('⇩ HAR', () => actions.exportRecords('har'), { className: 'btn-secondary', id: 'btn-export-har', title: 'Export the filtered records as HAR-like JSON' }),
      button('⇧ Import', () => actions.importFile(), { className: 'btn-secondary', id: 'btn-import', title: 'Open a JSON Lines or HAR capture' }));
    this.topbar = h('header', { className: 'topbar' }, tabs, this.sourceBanner, h('span', { className: 'spacer' }), controls);

    this.status = h('span', { className: 'status-text', id: 'status' });
    this.noticeEl = h('span', { className: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.statusBar = h('div', { className: 'statusbar' }, this.status, h('span', { className: 'spacer' }), this.noticeEl);
  }

  showTab(tab: InspectorTab, focus: boolean): void {
    for (const [t, b] of Object.entries(this.tabButtons) as Array<[InspectorTab, HTMLButtonElement]>) {
      const on = t === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      b.classList.toggle('is-active', on);
    }
    if (focus) this.tabButtons[tab].focus();
  }

  render(s: ToolbarStatus): void {
    setText(this.status, statusLine(s));
    this.pauseBtn.textContent = s.paused ? `▶ Resume${s.pendingRows ? ` (${formatCount(s.pendingRows)})` : ''}` : '‖ Pause';
    this.pauseBtn.setAttribute('aria-pressed', String(s.paused));
    this.newestBtn.classList.toggle('is-attention', s.behind);
    if (s.importedFile !== undefined) {
      if (!this.sourceBanner.firstChild || this.sourceBanner.dataset.file !== s.importedFile) {
        clear(this.sourceBanner);
        this.sourceBanner.dataset.file = s.importedFile;
        append(this.sourceBanner, h('span', { className: 'badge badge-import', text: 'Imported' }), ' ',
          h('span', { className: 'file', text: s.importedFile }), ' ',
          button('Back to live', () => this.actions.backToLive(), { className: 'btn-link', id: 'btn-live' }));
      }
    } else if (this.sourceBanner.firstChild) {
      clear(this.sourceBanner);
      delete this.sourceBanner.dataset.file;
    }
  }

  notice(text: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.noticeEl.textContent = text;
    this.noticeEl.className = `notice notice-${level}`;
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.noticeEl.textContent = ''; }, level === 'error' ? NOTICE_MS * 2 : NOTICE_MS);
  }
}

function statusLine(s: ToolbarStatus): string {
  const { model, view } = s;
  const parts: string[] = [];
  parts.push(view.filtering ? `${formatCount(view.size)} of ${formatCount(model.size)} rows match` : `${formatCount(model.size)} rows`);
  parts.push(`${formatCount(model.recordCount)} / ${formatCount(model.capacity)} records`);
  if (view.filtering && s.searching) parts.push(`search ${view.lastFilterMs.toFixed(0)} ms`);
  if (s.paused) parts.push(`‖ paused · ${formatCount(s.pendingRows)} new`);
  if (s.behind) parts.push('auto-scroll off');
  return parts.join(' · ');
}
