/** The filter bar: free-text search, server/method/tool/direction/kind pickers, errors only and minimum latency. */
import { EMPTY_FILTERS, type FilterState, type ServerSummary } from '../src/shared/inspectorProtocol';
import type { TrafficKind } from '../src/shared/traffic';
import { button, clear, h } from './dom';
import type { TrafficModel } from './model';

const KINDS: TrafficKind[] = ['request', 'response', 'notification', 'log', 'error', 'stderr', 'lifecycle', 'auth'];

function option(value: string, label: string): HTMLOptionElement {
  const o = h('option', { text: label });
  o.value = value;
  return o;
}

function select(id: string, label: string, opts: Array<[string, string]>): HTMLSelectElement {
  const s = h('select', { id, attrs: { 'aria-label': label } });
  for (const [v, l] of opts) s.appendChild(option(v, l));
  return s;
}

export interface FilterBarActions {
  setFilters(f: FilterState): void;
  /** Escape in an empty search box, or ArrowDown/Enter: hand the keyboard to the grid. */
  toGrid(selectFirst: boolean): void;
}

export class FilterBar {
  readonly el: HTMLElement;
  readonly text: HTMLInputElement;
  private readonly f: {
    server: HTMLSelectElement; method: HTMLSelectElement; tool: HTMLSelectElement; protocol: HTMLSelectElement; direction: HTMLSelectElement; kind: HTMLSelectElement;
    errorsOnly: HTMLInputElement; minLatency: HTMLInputElement; text: HTMLInputElement;
  };
  private vocabSeen = -1;
  private serversSeen = '';

  constructor(actions: FilterBarActions) {
    this.f = {
      server: select('f-server', 'Server', [['', 'All servers']]),
      method: select('f-method', 'Method', [['', 'All methods']]),
      tool: select('f-tool', 'Tool', [['', 'All tools']]),
      protocol: select('f-protocol', 'MCP protocol version', [['', 'All protocols'], ['2025-11-25', '2025-11-25'], ['2026-07-28', '2026-07-28']]),
      direction: select('f-direction', 'Direction', [['', 'Both directions'], ['out', '→ Outgoing'], ['in', '← Incoming'], ['none', '• Local']]),
      kind: select('f-kind', 'Kind', [['', 'All kinds'], ...KINDS.map((k): [string, string] => [k, k])]),
      errorsOnly: h('input', { id: 'f-errors', attrs: { type: 'checkbox' } }),
      minLatency: h('input', { id: 'f-latency', className: 'num-input', attrs: { type: 'number', min: 0, step: 10, placeholder: 'min ms', 'aria-label': 'Minimum latency in milliseconds' } }),
      text: h('input', { id: 'f-text', className: 'search', attrs: { type: 'search', placeholder: 'Search payloads  ( / )', 'aria-label': 'Search the JSON payloads', spellcheck: 'false' } }),
    };
    this.text = this.f.text;
    const reset = button('✕', () => actions.setFilters({ ...EMPTY_FILTERS }), { className: 'btn-icon', id: 'f-reset', title: 'Reset all filters', attrs: { 'aria-label': 'Reset all filters' } });
    this.el = h('div', { className: 'filters', attrs: { role: 'search', 'aria-label': 'Filters' } },
      this.f.text, this.f.server, this.f.method, this.f.tool, this.f.protocol, this.f.direction, this.f.kind,
      h('label', { className: 'check' }, this.f.errorsOnly, ' Errors only'),
      h('label', { className: 'check' }, 'Latency ≥ ', this.f.minLatency),
      reset);
    const onInput = () => actions.setFilters(this.read());
    for (const el of [this.f.server, this.f.method, this.f.tool, this.f.protocol, this.f.direction, this.f.kind, this.f.errorsOnly]) el.addEventListener('change', onInput);
    this.f.minLatency.addEventListener('input', onInput);
    this.f.text.addEventListener('input', onInput);
    this.f.text.addEventListener('keydown', e => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        if (this.f.text.value) { this.f.text.value = ''; onInput(); } else actions.toGrid(false);
      } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
        e.preventDefault();
        actions.toGrid(true);
      }
    });
  }

  read(): FilterState {
    const min = Number(this.f.minLatency.value);
    return {
      server: this.f.server.value,
      method: this.f.method.value,
      tool: this.f.tool.value,
      protocol: this.f.protocol.value,
      direction: this.f.direction.value as FilterState['direction'],
      kind: this.f.kind.value as FilterState['kind'],
      errorsOnly: this.f.errorsOnly.checked,
      minLatency: Number.isFinite(min) && min > 0 ? min : 0,
      text: this.f.text.value,
    };
  }

  write(f: FilterState): void {
    this.ensureOption(this.f.server, f.server);
    this.ensureOption(this.f.method, f.method);
    this.ensureOption(this.f.tool, f.tool);
    this.f.server.value = f.server;
    this.f.method.value = f.method;
    this.f.tool.value = f.tool;
    this.ensureOption(this.f.protocol, f.protocol);
    this.f.protocol.value = f.protocol;
    this.f.direction.value = f.direction;
    this.f.kind.value = f.kind;
    this.f.errorsOnly.checked = f.errorsOnly;
    this.f.minLatency.value = f.minLatency > 0 ? String(f.minLatency) : '';
    if (this.f.text.value !== f.text) this.f.text.value = f.text;
    for (const [k, el] of Object.entries(this.f)) {
      const active = k === 'errorsOnly' ? f.errorsOnly : k === 'minLatency' ? f.minLatency > 0 : Boolean((f as unknown as Record<string, unknown>)[k]);
      (el as HTMLElement).classList.toggle('is-active', active);
      (el as HTMLElement).closest('label')?.classList.toggle('is-active', active);
    }
  }

  /** Refills the server/method/tool pickers when the model learned new values or a server changed state. */
  renderVocabulary(model: TrafficModel, servers: readonly ServerSummary[], f: FilterState): void {
    const serverKey = servers.map(s => s.name + ':' + s.state).join(',');
    if (model.vocabVersion === this.vocabSeen && serverKey === this.serversSeen) return;
    this.vocabSeen = model.vocabVersion;
    this.serversSeen = serverKey;
    const names = new Set<string>([...servers.map(s => s.name), ...model.servers]);
    const states = new Map(servers.map(s => [s.name, s.state]));
    this.fill(this.f.server, 'All servers', [...names].sort(), f.server, n => (states.has(n) && states.get(n) !== 'running' ? `${n} (${states.get(n)})` : n));
    this.fill(this.f.method, 'All methods', [...model.methods].sort(), f.method);
    this.fill(this.f.tool, 'All tools', [...model.tools].sort(), f.tool);
  }

  /** Forces the next `renderVocabulary` to refill (the model was swapped). */
  invalidate(): void { this.vocabSeen = -1; }

  private fill(sel: HTMLSelectElement, allLabel: string, values: string[], current: string, label: (v: string) => string = v => v): void {
    if (current && !values.includes(current)) values.push(current);
    clear(sel);
    sel.appendChild(option('', allLabel));
    for (const v of values) sel.appendChild(option(v, label(v)));
    sel.value = current;
  }

  private ensureOption(sel: HTMLSelectElement, value: string): void {
    if (!value) return;
    for (const o of Array.from(sel.options)) if (o.value === value) return;
    sel.appendChild(option(value, value));
  }
}
