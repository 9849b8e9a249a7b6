import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../core/engineApi';
import { isConnected } from '../core/connection/state';
import { Commands, Settings } from '../common/ids';
import { escapeMarkdown } from './markdown';
import { shortState } from './serverMarkdown';
import { stateCodicon } from './stateIcons';
import { DisposableBase } from '../core/events';

export interface StatusSummary { connected: number; total: number; errors: number; text: string }

/** Counts for the status bar: servers connected of those not disabled; errors include configuration errors. */
export function summarize(servers: readonly ServerSnapshot[]): StatusSummary {
  const active = servers.filter(s => s.state.kind !== 'disabled');
  const connected = active.filter(s => isConnected(s.state)).length;
  const errors = active.filter(s => s.state.kind === 'error' || (s.state.kind === 'blocked' && s.state.blockedBy === 'config-error')).length;
  return { connected, total: active.length, errors, text: `MCP ${connected}/${active.length}` };
}

const UPDATE_DELAY_MS = 50;

/** "MCP 4/5" in the status bar, with the warning background while any server is in error; click for the server QuickPick. */
export class ServersStatusBar extends DisposableBase {
  readonly item: vscode.StatusBarItem;
  private timer?: NodeJS.Timeout;
  private summary: StatusSummary = { connected: 0, total: 0, errors: 0, text: 'MCP 0/0' };
  private count = 0;

  constructor(private readonly engine: EngineApi) {
    super();
    this.item = vscode.window.createStatusBarItem('mcpSwitchboard.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'MCP Switchboard';
    this.item.command = Commands.showStatus;
    this._registerAll(
      engine.onDidChangeServer(() => this.schedule()),
      engine.onDidChangeServers(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration(`${Settings.section}.${Settings.statusBarEnabled}`)) this.update(); }),
    );
    this.update();
  }

  /** What the item shows now (tests read it). */
  get state(): StatusSummary & { visible: boolean; warning: boolean } {
    return { ...this.summary, visible: this.visible(), warning: this.summary.errors > 0 };
  }

  private visible(): boolean {
    const enabled = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.statusBarEnabled, true);
    return enabled && this.count > 0;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => { this.timer = undefined; this.update(); }, UPDATE_DELAY_MS);
  }

  update(): void {
    const servers = this.engine.list().sort((a, b) => a.name.localeCompare(b.name));
    const s = this.summary = summarize(servers);
    this.count = servers.length;
    this.item.text = `$(${s.errors ? 'warning' : 'plug'}) ${s.text}`;
    this.item.backgroundColor = s.errors ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const lines = servers.map(v => `$(${stateCodicon(v.state)}) **${escapeMarkdown(v.name)}** — ${escapeMarkdown(shortState(v.state))}`);
    const tooltip = new vscode.MarkdownString(`**MCP Switchboard**: ${s.connected} of ${s.total} server${s.total === 1 ? '' : 's'} connected${s.errors ? `, ${s.errors} in error` : ''}\n\n${lines.join('\n\n')}\n\n_Click for servers and actions._`, true);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `MCP servers: ${s.connected} of ${s.total} connected${s.errors ? `, ${s.errors} in error` : ''}` };
    if (this.visible()) this.item.show(); else this.item.hide();
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
    this.item.dispose();
  }
}
