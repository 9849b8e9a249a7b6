/** Replay: whether a row can be sent again, sending it through a host request, and reporting the outcome. */
import type { InspectorSettings, ServerSummary } from '../src/shared/inspectorProtocol';
import { formatMs } from './format';
import type { HostRequests } from './hostRequests';
import type { Row } from './model';

export interface ReplayContext {
  settings(): InspectorSettings;
  isImported(): boolean;
  servers(): readonly ServerSummary[];
  notice(text: string, level: 'info' | 'error'): void;
  /** Select and expand the replayed request's row once it arrives. */
  showRequest(seq: number): void;
}

export class Replay {
  constructor(private readonly requests: HostRequests, private readonly ctx: ReplayContext) {}

  /** Why `row` cannot be replayed, or undefined when it can. */
  blocker(row: Row): string | undefined {
    if (!this.ctx.settings().replayEnabled) return 'Replay is not available here.';
    if (this.ctx.isImported()) return 'Replay is available for live traffic only.';
    if (row.main.method === 'initialize') return 'initialize cannot be replayed on a running session.';
    const servers = this.ctx.servers();
    if (servers.length && !servers.some(s => s.name === row.main.server)) return `Server "${row.main.server}" is not configured.`;
    return undefined;
  }

  /** Sends `method` with `params` to the row's server; settles with the line to show (never rejects). */
  async send(row: Row, method: string, params: unknown): Promise<{ text: string; ok: boolean }> {
    const what = `${method} → ${row.main.server}`;
    let text: string, ok: boolean;
    try {
      const r = await this.requests.request('replay', { server: row.main.server, method, params });
      ok = r.ok;
      text = r.ok ? `✓ ${what}: ok in ${formatMs(r.durationMs)}` : `✗ ${what}: ${r.error ?? 'failed'}`;
      if (r.requestSeq !== undefined && !this.ctx.isImported()) this.ctx.showRequest(r.requestSeq);
    } catch (e) {
      ok = false;
      text = `✗ ${what}: ${(e as Error).message}`;
    }
    this.ctx.notice(text, ok ? 'info' : 'error');
    return { text, ok };
  }
}
