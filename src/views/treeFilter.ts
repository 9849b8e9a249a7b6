import * as vscode from 'vscode';
import { ContextKeys, Settings } from '../common/ids';

const TOGGLE_KEY = 'mcpSwitchboard.tree.showFilteredTools';

/**
 * What the Servers tree shows: a text filter over tool, resource and prompt names, and whether tools that
 * allowedTools/excludedTools filter out are shown greyed out or hidden. The setting `tree.showFilteredTools` is the
 * default; the view's toggle overrides it and is remembered in global state (writing the setting from the toggle
 * would race with its own change events). Changing the setting drops the override.
 */
export class TreeFilter implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private _text = '';
  private _showFilteredTools: boolean;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: vscode.Memento) {
    this._showFilteredTools = state.get<boolean>(TOGGLE_KEY) ?? readShowFiltered();
    this.subscription = vscode.workspace.onDidChangeConfiguration(e => {
      if (!e.affectsConfiguration(`${Settings.section}.${Settings.showFilteredTools}`)) return;
      void state.update(TOGGLE_KEY, undefined);
      const value = readShowFiltered();
      if (value === this._showFilteredTools) return;
      this._showFilteredTools = value;
      this.publish();
    });
    this.publish(false);
  }

  get text(): string { return this._text; }
  get showFilteredTools(): boolean { return this._showFilteredTools; }
  get active(): boolean { return this._text.length > 0; }

  setText(text: string): void {
    const next = text.trim();
    if (next === this._text) return;
    this._text = next;
    this.publish();
  }

  /** The view's toggle; remembered across reloads. */
  async setShowFilteredTools(show: boolean): Promise<void> {
    if (show !== this._showFilteredTools) {
      this._showFilteredTools = show;
      this.publish();
    }
    await this.state.update(TOGGLE_KEY, show);
  }

  /** Case-insensitive substring match against any of the given strings. */
  matches(...fields: (string | undefined)[]): boolean {
    if (!this._text) return true;
    const needle = this._text.toLowerCase();
    return fields.some(f => f !== undefined && f.toLowerCase().includes(needle));
  }

  private publish(fire = true): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.treeFiltered, this.active);
    void vscode.commands.executeCommand('setContext', ContextKeys.showFilteredTools, this._showFilteredTools);
    if (fire) this.changeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function readShowFiltered(): boolean {
  return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.showFilteredTools, true);
}
