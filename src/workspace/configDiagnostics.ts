import * as vscode from 'vscode';
import type { ConfigDiagnostic } from '../core/config/types';
import type { ShadowHint } from './shadowing';
import { DisposableBase } from '../core/events';

/**
 * Publishes config problems to the Problems view. Keyed by file path: when a config file is open under another
 * scheme (user files are `vscode-userdata:` in desktop VS Code), the diagnostics follow the open document's URI.
 */
export class ConfigDiagnostics extends DisposableBase {
  private readonly collection = vscode.languages.createDiagnosticCollection('mcpSwitchboard');
  private byFile = new Map<string, vscode.Diagnostic[]>();

  constructor() {
    super();
    this._registerAll(
      vscode.workspace.onDidOpenTextDocument(doc => this.republishIfTracked(doc.uri)),
      vscode.workspace.onDidCloseTextDocument(doc => this.republishIfTracked(doc.uri)),
    );
  }

  /** Replaces every published diagnostic. */
  publish(problems: Map<string, ConfigDiagnostic[]>, hints: ShadowHint[]): void {
    const next = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, d: vscode.Diagnostic) => {
      let list = next.get(file);
      if (!list) next.set(file, list = []);
      list.push(d);
    };
    for (const [file, diagnostics] of problems) for (const d of diagnostics) add(file, toDiagnostic(d));
    for (const hint of hints) {
      const d = new vscode.Diagnostic(new vscode.Range(hint.line, hint.column, hint.line, hint.endColumn), hint.message, vscode.DiagnosticSeverity.Information);
      d.source = 'MCP Switchboard';
      d.tags = [vscode.DiagnosticTag.Unnecessary];
      add(hint.file, d);
    }
    this.collection.clear();
    this.byFile = next;
    for (const [file, diagnostics] of next) this.collection.set(this.uriFor(file), diagnostics);
  }

  private uriFor(file: string): vscode.Uri {
    const open = vscode.workspace.textDocuments.find(doc => doc.uri.scheme !== 'file' && doc.uri.fsPath === file);
    return open?.uri ?? vscode.Uri.file(file);
  }

  private republishIfTracked(uri: vscode.Uri): void {
    if (uri.scheme === 'file' || !this.byFile.has(uri.fsPath)) return;
    this.collection.clear();
    for (const [file, diagnostics] of this.byFile) this.collection.set(this.uriFor(file), diagnostics);
  }

  override dispose(): void {
    super.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(d: ConfigDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.line, d.column, d.endLine, d.endColumn);
  const severity = d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, d.message, severity);
  diagnostic.source = d.server ? `MCP Switchboard (${d.server})` : 'MCP Switchboard';
  return diagnostic;
}
