import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { DisposableBase } from '../core/events';

/** Paths compare case-insensitively on Windows (the drive letter of a document's fsPath is lower case). */
const watchKey = (file: string) => (process.platform === 'win32' ? file.toLowerCase() : file);

/**
 * Watches a set of config files (existing or not) and calls `onChange` once per burst of changes.
 * Files inside a workspace folder use the workspace watcher; files elsewhere (the user mcp.json, other clients'
 * files) get a non-recursive watcher on their folder. Saves of open documents count too (faster than the watcher).
 */
export class ConfigWatcher extends DisposableBase {
  private readonly watchers = new Map<string, vscode.Disposable>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onChange: (files: string[]) => void, private readonly debounceMs = 150) {
    super();
    this._registerAll(
      vscode.workspace.onDidSaveTextDocument(doc => this.changed(doc.uri.fsPath)),
    );
  }

  private changedFiles = new Set<string>();

  private changed(file: string): void {
    if (!this.watchers.has(watchKey(file))) return;
    this.changedFiles.add(file);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const files = [...this.changedFiles];
      this.changedFiles.clear();
      this.onChange(files);
    }, this.debounceMs);
  }

  /** Watches exactly these files from now on. */
  watch(files: string[]): void {
    const wanted = new Map(files.map(file => [watchKey(file), file]));
    for (const [key, watcher] of this.watchers) {
      if (wanted.has(key)) continue;
      watcher.dispose();
      this.watchers.delete(key);
    }
    for (const [key, file] of wanted) {
      if (this.watchers.has(key)) continue;
      this.watchers.set(key, this.createWatcher(file));
    }
  }

  private createWatcher(file: string): vscode.Disposable {
    const uri = vscode.Uri.file(file);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const pattern = folder
      ? new vscode.RelativePattern(folder, nodePath.relative(folder.uri.fsPath, file).split(nodePath.sep).join('/'))
      : new vscode.RelativePattern(vscode.Uri.file(nodePath.dirname(file)), nodePath.basename(file));
    try {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const fire = () => this.changed(file);
      const subscriptions = [watcher.onDidCreate(fire), watcher.onDidChange(fire), watcher.onDidDelete(fire)];
      return { dispose: () => { for (const s of subscriptions) s.dispose(); watcher.dispose(); } };
    } catch {
      return { dispose: () => undefined };
    }
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
  }
}
