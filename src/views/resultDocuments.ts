import * as vscode from 'vscode';
import { Schemes } from '../common/ids';

const MAX_DOCUMENTS = 50;

/**
 * Readonly Markdown documents under the `mcp-result:` scheme for tool results and prompt messages. They open rendered
 * in the Markdown preview (images inline, resource links clickable); the preview's "Open Source" button shows the
 * Markdown. The path names the tab (`<tool>.md`); a per-call id travels in the query, so tabs carry no counter.
 */
export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private counter = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(Schemes.result, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '_This result is no longer available: run the call again._\n';
  }

  /** Stores a document and returns its URI, e.g. `mcp-result:/echo/echo.md?call=3`. */
  create(server: string, name: string, markdown: string): vscode.Uri {
    const n = ++this.counter;
    const safe = (s: string) => s.replace(/[/\\?#%]/g, '_');
    const uri = vscode.Uri.from({ scheme: Schemes.result, path: `/${safe(server)}/${safe(name)}.md`, query: `call=${n}` });
    this.contents.set(uri.toString(), markdown);
    while (this.contents.size > MAX_DOCUMENTS) this.contents.delete(this.contents.keys().next().value as string);
    return uri;
  }

  /**
   * Shows the document rendered (the built-in Markdown preview); as Markdown source when `source` is set or the preview
   * is unavailable (the Markdown extension disabled). Returns the text document.
   */
  async show(uri: vscode.Uri, opts: { source?: boolean } = {}): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown').then(undefined, () => undefined);
    const rendered = !opts.source && await vscode.commands.executeCommand('markdown.showPreview', uri).then(() => true, () => false);
    if (!rendered) await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
    return doc;
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
