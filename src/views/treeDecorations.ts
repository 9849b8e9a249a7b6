import * as vscode from 'vscode';
import { Schemes } from '../common/ids';

/**
 * Label colours for tree items, through FileDecorations on a private URI scheme: a server's label takes its state's
 * colour and a filtered-out tool's label is greyed. The colour is encoded in the URI, so a state change is a new URI
 * and no change event is needed.
 */
export class TreeDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.window.registerFileDecorationProvider(this);
  }

  static uri(kind: 'server' | 'tool', id: string, color: string | undefined, tooltip?: string): vscode.Uri {
    const query = new URLSearchParams();
    if (color) query.set('color', color);
    if (tooltip) query.set('tooltip', tooltip);
    return vscode.Uri.from({ scheme: Schemes.treeItem, path: `/${kind}/${encodeURIComponent(id)}`, query: query.toString() });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== Schemes.treeItem) return undefined;
    const query = new URLSearchParams(uri.query);
    const color = query.get('color');
    if (!color) return undefined;
    const decoration = new vscode.FileDecoration(undefined, query.get('tooltip') ?? undefined, new vscode.ThemeColor(color));
    decoration.propagate = false;
    return decoration;
  }

  dispose(): void { this.registration.dispose(); }
}
