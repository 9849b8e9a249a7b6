/**
 * The Messages tab: the message grid with its keyboard and mouse input, the splitter and the detail pane (with
 * replay), side by side in a wide panel and stacked in a narrow one.
 */
import type { InspectorSettings, InspectorUiState, ServerSummary } from '../src/shared/inspectorProtocol';
import type { ColumnWidths } from './columns';
import { DetailPane } from './detail';
import { append, h } from './dom';
import type { HostRequests } from './hostRequests';
import { type KeyboardTarget, ListKeyboard } from './listKeyboard';
import { MessageGrid } from './messageGrid';
import { Replay } from './replay';
import { createSplitter } from './splitter';
import { postToHost } from './vscodeApi';

/** Below this panel width the detail pane goes under the list (VS Code's panel with chat open is often narrower). */
const STACK_BELOW_PX = 760;

export interface MessagesHost extends Omit<KeyboardTarget, 'grid' | 'detail'> {
  readonly autoScroll: boolean;
  readonly settings: InspectorSettings;
  readonly servers: readonly ServerSummary[];
  isImported(): boolean;
  setAutoScroll(on: boolean, fromControl: boolean): void;
  notice(text: string, level?: 'info' | 'warn' | 'error'): void;
  showReplayedRequest(seq: number): void;
  /** Layout (detail width, column widths) changed: persist it. */
  layoutChanged(layout: { detailWidth?: number; columnWidths?: ColumnWidths }): void;
  /** After every grid render. */
  rendered(): void;
}

export class MessagesPanel {
  readonly el: HTMLElement;
  readonly grid: MessageGrid;
  readonly detail: DetailPane;

  constructor(host: MessagesHost, requests: HostRequests, state: InspectorUiState) {
    this.grid = new MessageGrid(host, state.columnWidths ?? {}, w => host.layoutChanged({ columnWidths: w }), () => host.rendered());
    const replay = new Replay(requests, {
      settings: () => host.settings,
      isImported: () => host.isImported(),
      servers: () => host.servers,
      notice: (text, level) => host.notice(text, level),
      showRequest: seq => host.showReplayedRequest(seq),
    });
    this.detail = new DetailPane({
      copy: (text, what) => { postToHost({ type: 'copy', text }); host.notice(`Copied ${what} to the clipboard`); },
      replay: (row, method, params) => replay.send(row, method, params),
      replayBlocker: row => replay.blocker(row),
    });
    if (state.detailWidth) this.detail.el.style.width = `${state.detailWidth}px`;
    const input = new ListKeyboard(bind(host, this.grid, this.detail));
    this.grid.el.addEventListener('keydown', e => input.onKey(e));
    input.attachMouse();
    document.addEventListener('keydown', e => input.onGlobalKey(e));
    this.grid.list.onUserScroll = atBottom => {
      if (atBottom !== host.autoScroll) host.setAutoScroll(atBottom, false);
    };
    this.el = h('main', { className: 'messages', id: 'panel-messages', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-messages' } });
    append(this.el, this.grid.el, createSplitter(this.el, this.detail.el, w => host.layoutChanged({ detailWidth: w })), this.detail.el);
  }

  /** Call once in the document: measures the TIME column and stacks the panes in narrow panels from now on. */
  attached(root: HTMLElement): void {
    this.grid.measure();
    const apply = (width: number) => {
      const stacked = width > 0 && width < STACK_BELOW_PX;
      root.classList.toggle('is-stacked', stacked);
      this.grid.columns.setStacked(stacked);
    };
    apply(root.clientWidth || window.innerWidth);
    if (typeof ResizeObserver === 'function') new ResizeObserver(entries => apply(entries[entries.length - 1].contentRect.width)).observe(root);
  }
}

/** The host's keyboard-facing members as a live view (getters, so the input always sees the current state). */
function bind(host: MessagesHost, grid: MessageGrid, detail: DetailPane): KeyboardTarget {
  return {
    grid,
    detail,
    get view() { return host.view; },
    get selected() { return host.selected; },
    get expanded() { return host.expanded; },
    get tab() { return host.tab; },
    get filters() { return host.filters; },
    select: (row, scroll, user) => host.select(row, scroll, user),
    selectIndex: (i, scroll) => host.selectIndex(i, scroll),
    toggleExpanded: (row, force) => host.toggleExpanded(row, force),
    setAutoScroll: (on, fromControl) => host.setAutoScroll(on, fromControl),
    setFilters: f => host.setFilters(f),
    focusSearch: () => host.focusSearch(),
  };
}
