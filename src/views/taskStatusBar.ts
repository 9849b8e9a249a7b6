import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import { DisposableBase } from '../core/events';
import { ViewIds } from '../common/ids';
import { escapeMarkdown } from './markdown';
import { taskStateLabel } from './taskItems';

/** "$(sync~spin) 2 MCP tasks" while task-augmented tool calls run; hidden otherwise. Click shows them in the Servers view. */
export class TaskStatusBar extends DisposableBase {
  readonly item: vscode.StatusBarItem;

  constructor(private readonly engine: EngineApi) {
    super();
    this.item = vscode.window.createStatusBarItem('mcpSwitchboard.tasks', vscode.StatusBarAlignment.Left, 49);
    this.item.name = 'MCP Switchboard Tasks';
    this.item.command = `${ViewIds.servers}.focus`;
    this._register(engine.tasks.onDidChange(() => this.update()));
    this.update();
  }

  /** What the item shows now (tests read it). */
  get state(): { visible: boolean; text: string } {
    return { visible: this.engine.tasks.running().length > 0, text: this.item.text };
  }

  update(): void {
    const running = this.engine.tasks.running();
    if (!running.length) { this.item.hide(); return; }
    this.item.text = `$(sync~spin) ${running.length} MCP task${running.length === 1 ? '' : 's'}`;
    const lines = running.map(t => {
      const message = 'message' in t.state ? t.state.message : undefined;
      return `**${escapeMarkdown(t.server)} / ${escapeMarkdown(t.tool)}**: ${taskStateLabel(t.state)}${message ? ` (${escapeMarkdown(message)})` : ''}`;
    });
    this.item.tooltip = new vscode.MarkdownString(`${lines.join('\n\n')}\n\n_Click to see them in the Servers view, where each can be cancelled._`);
    this.item.accessibilityInformation = { label: `${running.length} MCP task${running.length === 1 ? '' : 's'} running` };
    this.item.show();
  }

  override dispose(): void {
    super.dispose();
    this.item.dispose();
  }
}
