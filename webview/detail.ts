/** The detail pane: metadata, timing, HTTP details, request/response JSON trees with copy, and replay. */
import type { TrafficRecord } from '../src/shared/traffic';
import { payloadOf, type WireRecord } from '../src/shared/inspectorProtocol';
import { button, clear, h } from './dom';
import { formatBytes, formatDateTime, formatMs } from './format';
import { JsonTree } from './jsonTree';
import { type Row, rowLatency, rowMethod, rowStatus, rowTool } from './model';

export interface DetailHost {
  copy(text: string, what: string): void;
  /** Sends a replay; settles with the line to show under the editor. */
  replay(row: Row, method: string, params: unknown): Promise<{ text: string; ok: boolean }>;
  /** Why the row cannot be replayed, or undefined when it can. */
  replayBlocker(row: Row): string | undefined;
}

const DIRECTION_LABEL: Record<TrafficRecord['direction'], string> = { out: '→ client to server', in: '← server to client', none: '• local' };

function pretty(x: unknown): string {
  try { return JSON.stringify(x, null, 2) ?? String(x); } catch { return String(x); }
}

export class DetailPane {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private row: Row | undefined;
  private version = -1;
  private readonly drafts = new Map<number, string>();
  private replayOut: HTMLElement | undefined;

  constructor(private readonly host: DetailHost) {
    this.body = h('div', { className: 'detail-body' });
    this.el = h('aside', { className: 'detail', attrs: { 'aria-label': 'Message details', tabindex: -1 } }, this.body);
    this.renderEmpty();
  }

  get current(): Row | undefined { return this.row; }

  /** Shows `row`; re-renders only when the row or its version changed. */
  show(row: Row | undefined, force = false): void {
    if (!force && row === this.row && (row?.v ?? -1) === this.version) return;
    const sameRow = row === this.row;
    const scroll = sameRow ? this.el.scrollTop : 0;
    this.row = row;
    this.version = row?.v ?? -1;
    if (!row) this.renderEmpty(); else this.render(row);
    this.el.scrollTop = scroll;
  }

  private renderEmpty(): void {
    clear(this.body);
    this.body.appendChild(h('div', { className: 'detail-empty' },
      h('p', { text: 'Select a message to see its details.' }),
      h('p', { className: 'hint', text: '↑/↓ move · Enter expands · / search · Esc clears' })));
  }

  private render(row: Row): void {
    clear(this.body);
    this.replayOut = undefined;
    const m = row.main, r = row.res;
    const status = rowStatus(row);
    const latency = rowLatency(row);
    const method = rowMethod(row);
    const title = method ?? (m.kind === 'stderr' ? 'stderr' : m.kind === 'lifecycle' ? 'lifecycle event' : m.kind === 'auth' ? 'sign-in step' : m.kind);
    this.body.appendChild(h('header', { className: 'detail-head' },
      h('h2', { className: 'detail-title', text: title }),
      status ? h('span', { className: `badge status-${status}`, text: status }) : null,
      latency !== undefined ? h('span', { className: 'badge badge-latency', text: formatMs(latency) }) : null,
      h('span', { className: 'detail-server', text: m.server })));

    const meta: Array<[string, string | undefined]> = [
      ['Kind', r ? `${m.kind} → ${r.kind}` : m.kind],
      ['Direction', DIRECTION_LABEL[m.direction]],
      ['ID', m.id !== undefined ? String(m.id) : undefined],
      ['Tool', rowTool(row)],
      ['Protocol', m.protocolVersion ?? r?.protocolVersion],
      ['Status', status],
      ['Seq', r ? `${m.seq} → ${r.seq}` : String(m.seq)],
    ];
    const timing: Array<[string, string | undefined]> = [
      [r ? 'Sent' : 'Time', formatDateTime(m.time)],
      ['Received', r ? formatDateTime(r.time) : undefined],
      ['Latency', latency !== undefined ? formatMs(latency) : m.kind === 'request' ? 'awaiting response' : undefined],
      ['Size', r ? `${formatBytes(m.size)} → ${formatBytes(r.size)}` : formatBytes(m.size)],
    ];
    const http = r?.http ?? m.http;
    const httpRows: Array<[string, string | undefined]> = [
      ['Session id', r?.http?.sessionId ?? m.http?.sessionId],
      ['HTTP status', http?.status !== undefined ? String(http.status) : undefined],
      // The request headers that carry MCP meaning, as sent (credentials are never recorded).
      ...Object.entries(http?.headers ?? {}).map(([name, value]): [string, string] => [name, String(value)]),
    ];
    this.body.appendChild(this.dl('Message', meta));
    this.body.appendChild(this.dl('Timing', timing));
    if (httpRows.some(([, v]) => v !== undefined)) this.body.appendChild(this.dl('HTTP', httpRows));

    this.body.appendChild(this.recordSection(m.kind === 'request' ? 'Request' : m.kind === 'notification' ? 'Notification' : m.kind === 'error' ? 'Error' : m.kind === 'response' ? 'Response' : 'Text', m));
    if (r) this.body.appendChild(this.recordSection(r.kind === 'error' ? 'Error' : 'Response', r));
    if (m.kind === 'request' && m.direction === 'out') this.body.appendChild(this.replaySection(row));
  }

  private dl(title: string, items: Array<[string, string | undefined]>): HTMLElement {
    const dl = h('dl', { className: 'meta' });
    for (const [k, v] of items) {
      if (v === undefined || v === '') continue;
      dl.appendChild(h('dt', { text: k }));
      dl.appendChild(h('dd', { text: v }));
    }
    return h('section', { className: 'detail-section is-meta' }, h('h3', { text: title }), dl);
  }

  private recordSection(title: string, rec: WireRecord): HTMLElement {
    const section = h('section', { className: 'detail-section is-payload' });
    const tools = h('span', { className: 'section-tools' });
    section.appendChild(h('h3', {}, h('span', { text: title }), tools));
    if (rec.truncated) section.appendChild(h('p', { className: 'note', text: `Payload truncated (${formatBytes(rec.size)}); showing a preview.` }));
    const payload = payloadOf(rec);
    if (payload !== undefined) {
      const tree = new JsonTree(payload, { expandDepth: 3 });
      const text = pretty(payload);
      tools.append(
        button('Copy', () => this.host.copy(text, title), { className: 'btn-link', attrs: { 'aria-label': `Copy ${title} JSON` } }),
        button('Expand all', () => tree.expandAll(), { className: 'btn-link' }),
        button('Collapse', () => tree.collapseAll(), { className: 'btn-link' }));
      section.appendChild(tree.el);
    }
    if (rec.text !== undefined) {
      const text = rec.text;
      if (payload === undefined) tools.append(button('Copy', () => this.host.copy(text, title), { className: 'btn-link', attrs: { 'aria-label': `Copy ${title}` } }));
      section.appendChild(h('pre', { className: 'detail-text', text }));
    }
    if (payload === undefined && rec.text === undefined) section.appendChild(h('p', { className: 'note', text: 'No payload recorded.' }));
    return section;
  }

  private replaySection(row: Row): HTMLElement {
    const m = row.main;
    const p = payloadOf(m);
    const payload = (typeof p === 'object' && p !== null ? p : {}) as { method?: unknown; params?: unknown };
    const initial = this.drafts.get(row.seq) ?? pretty({ method: typeof payload.method === 'string' ? payload.method : m.method, params: payload.params ?? {} });
    const area = h('textarea', {
      className: 'replay-edit',
      attrs: { spellcheck: 'false', rows: Math.min(16, Math.max(4, initial.split('\n').length + 1)), 'aria-label': `Request to replay to ${m.server}` },
    });
    area.value = initial;
    area.addEventListener('input', () => this.drafts.set(row.seq, area.value));
    const out = h('div', { className: 'replay-out', attrs: { 'aria-live': 'polite' } });
    this.replayOut = out;
    const blocker = this.host.replayBlocker(row);
    const send = button('▶ Send', () => {
      let parsed: unknown;
      try { parsed = JSON.parse(area.value); } catch (e) {
        out.textContent = `Invalid JSON: ${(e as Error).message}`;
        out.className = 'replay-out err';
        return;
      }
      const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { method?: unknown; params?: unknown };
      const method = typeof o.method === 'string' && o.method ? o.method : m.method;
      if (!method) {
        out.textContent = 'The request needs a "method".';
        out.className = 'replay-out err';
        return;
      }
      out.textContent = `Sending ${method} to ${m.server}…`;
      out.className = 'replay-out';
      void this.host.replay(row, method, o.params ?? {}).then(({ text, ok }) => {
        // The pane may have been re-rendered meanwhile (the response joined the row): write to its current output.
        const target = this.row === row ? this.replayOut : undefined;
        if (!target) return;
        target.textContent = text;
        target.className = `replay-out ${ok ? 'ok' : 'err'}`;
      });
    }, { className: 'btn-primary', title: blocker ?? `Send this request to ${m.server} again`, attrs: { disabled: blocker !== undefined } });
    const reset = button('Reset', () => {
      this.drafts.delete(row.seq);
      area.value = pretty({ method: typeof payload.method === 'string' ? payload.method : m.method, params: payload.params ?? {} });
    }, { className: 'btn-secondary' });
    return h('section', { className: 'detail-section replay' },
      h('h3', { text: 'Replay' }),
      h('p', { className: 'hint', text: blocker ?? `Edit the request and send it to ${m.server} again; the new exchange appears in the list.` }),
      area,
      h('div', { className: 'replay-actions' }, send, reset),
      out);
  }
}
