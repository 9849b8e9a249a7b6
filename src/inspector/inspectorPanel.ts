/**
 * The traffic inspector's VS Code side: a WebviewPanel with a strict CSP, restored by a serializer. Everything it
 * does with messages lives in the vscode-free InspectorHost; this file only connects it to the panel and to VS Code's
 * dialogs, clipboard and settings.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { EngineApi } from '../core/engineApi';
import { DisposableStore } from '../core/events';
import { INSPECTOR_VIEW_TYPE } from '../shared/inspectorProtocol';
import { inspectorHtml } from './html';
import { defaultExportName } from './exportFormats';
import { InspectorHost, type ExportFormat, type ExportTarget, type ImportSource, type InspectorFilter, type InspectorPort } from './inspectorHost';
import { readChatSettings } from '../chat/settings';

export type { InspectorFilter };

const EXTENSION_ID = 'mcp-switchboard.mcp-switchboard';

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: false,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

async function pickExportTarget(format: ExportFormat): Promise<ExportTarget | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: format === 'jsonl' ? 'Export MCP traffic as JSON Lines' : 'Export MCP traffic as HAR',
    defaultUri: base ? vscode.Uri.joinPath(base, defaultExportName(format)) : undefined,
    saveLabel: 'Export',
    filters: format === 'jsonl' ? { 'JSON Lines': ['jsonl', 'ndjson'] } : { 'HAR (JSON)': ['har', 'json'] },
  });
  if (!uri) return undefined;
  return { label: uri.fsPath || uri.toString(), write: async text => { await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8')); } };
}

async function pickImportSource(): Promise<ImportSource | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import MCP traffic', canSelectMany: false, openLabel: 'Import',
    filters: { 'Traffic (JSON Lines, HAR)': ['jsonl', 'ndjson', 'json', 'har'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (!uri) return undefined;
  return {
    name: uri.path.split('/').pop() ?? uri.toString(),
    size: async () => (await vscode.workspace.fs.stat(uri)).size,
    read: async () => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'),
  };
}

function portFor(panel: vscode.WebviewPanel): InspectorPort {
  return {
    post: msg => { panel.webview.postMessage(msg).then(undefined, () => { /* the webview went away; ready → init resyncs */ }); },
    isVisible: () => panel.visible,
    confirmToolCall: async (message, detail) => {
      const run = 'Run Tool';
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, run)) === run;
    },
    defaultApproval: () => readChatSettings().defaultApproval,
    pickExportTarget,
    pickImportSource,
    copyToClipboard: text => Promise.resolve(vscode.env.clipboard.writeText(text)),
    extensionVersion: String((vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version?: string } | undefined)?.version ?? '0.0.0'),
  };
}

export class InspectorPanel {
  private readonly host: InspectorHost;
  private readonly subs = new DisposableStore();
  private readonly disposeListeners: Array<() => void> = [];
  private disposed = false;

  static create(extensionUri: vscode.Uri, engine: EngineApi, preset?: InspectorFilter): InspectorPanel {
    const panel = vscode.window.createWebviewPanel(
      INSPECTOR_VIEW_TYPE, 'MCP Traffic Inspector', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, webviewOptions(extensionUri));
    return new InspectorPanel(panel, extensionUri, engine, undefined, preset);
  }

  constructor(readonly panel: vscode.WebviewPanel, private readonly extensionUri: vscode.Uri, engine: EngineApi, restoredState?: unknown, preset?: InspectorFilter) {
    panel.webview.options = webviewOptions(extensionUri);
    this.host = new InspectorHost(portFor(panel), engine, { restoredState, preset });
    this.subs.add(panel.onDidChangeViewState(() => this.host.visibilityChanged()));
    this.subs.add(panel.webview.onDidReceiveMessage(m => this.host.receive(m)));
    this.subs.add(panel.onDidDispose(() => this.dispose()));
    panel.webview.html = this.html();
  }

  onDidDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  /** Brings the panel to the front; with a filter, the UI applies it as a preset. */
  reveal(filter?: InspectorFilter): void {
    if (filter) this.host.preset(filter);
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host.dispose();
    this.subs.dispose();
    try { this.panel.dispose(); } catch { /* already disposed */ }
    for (const l of this.disposeListeners.splice(0)) { try { l(); } catch { /* keep going */ } }
  }

  private html(): string {
    const webview = this.panel.webview;
    return inspectorHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'inspector.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'inspector.css')).toString(),
    });
  }
}

/**
 * Registers the serializer that restores the inspector after a reload and returns the handle the extension uses to
 * open it (command `mcpSwitchboard.openInspector`).
 */
export function registerInspector(context: vscode.ExtensionContext, engine: EngineApi): { open(filter?: InspectorFilter): void; dispose(): void } {
  let current: InspectorPanel | undefined;
  const track = (p: InspectorPanel) => {
    current = p;
    p.onDidDispose(() => { if (current === p) current = undefined; });
  };
  const serializer = vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
      if (current) {
        // Only one inspector: keep the restored one.
        const old = current;
        current = undefined;
        old.dispose();
      }
      track(new InspectorPanel(panel, context.extensionUri, engine, state));
    },
  });
  const handle = {
    open(filter?: InspectorFilter) {
      if (current) current.reveal(filter);
      else track(InspectorPanel.create(context.extensionUri, engine, filter));
    },
    dispose() {
      serializer.dispose();
      current?.dispose();
      current = undefined;
    },
  };
  context.subscriptions.push({ dispose: () => handle.dispose() });
  return handle;
}
