import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { DisposableBase } from '../core/events';

/**
 * Notifications only for what the user must act on. The configuration layer asks for missing `${input:...}` values and
 * for consent to run workspace command lines itself (once per server until answered), so this class covers the rest:
 * servers held back because the workspace is not trusted, in one notification for all of them, shown again only after
 * the workspace was trusted and became untrusted again. Crashes and errors never notify: the tree, its badge and the
 * status bar show them, so a flapping server cannot flood the notification area.
 */
export class ActionNotifications extends DisposableBase {
  private untrustedNotified = false;
  /** Every notification shown, for tests: `{ server, message }` (`server` is `*` for workspace-wide ones). */
  readonly shown: { server: string; message: string }[] = [];

  constructor(private readonly engine: EngineApi) {
    super();
    this._registerAll(engine.onDidChangeServer(() => this.check()), engine.onDidChangeServers(() => this.check()));
    this.check();
  }

  private check(): void {
    const untrusted = this.engine.list().filter(s => s.state.kind === 'blocked' && s.state.blockedBy === 'untrusted').map(s => s.name);
    if (!untrusted.length) { this.untrustedNotified = false; return; }
    if (this.untrustedNotified) return;
    this.untrustedNotified = true;
    const list = untrusted.length <= 3 ? untrusted.map(n => `"${n}"`).join(', ') : `${untrusted.length} servers`;
    const message = `This workspace is not trusted, so its MCP servers (${list}) were not started.`;
    this.shown.push({ server: '*', message });
    void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then(picked => {
      if (picked) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }

  override dispose(): void {
    super.dispose();
  }
}
