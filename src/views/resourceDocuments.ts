import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { ResourceContents } from '../core/connection/catalog';
import { Schemes } from '../common/ids';
import { formatBytes } from '../shared/format';
import { base64Size } from './markdown';
import { isTextMime, languageForMime } from './mimeLanguages';
import { ResourceSubscriptions } from '../core/resources/resourceSubscriptions';

const MAX_CACHED = 50;

/** A content entry is binary when it is a blob of a non-text MIME type. */
export function isBinary(c: ResourceContents): boolean {
  return c.text === undefined && c.blob !== undefined && !isTextMime(c.mimeType);
}

/** Text of one resource read: text entries as they are, text blobs decoded, binary blobs described. */
export function resourceText(contents: readonly ResourceContents[]): string {
  if (!contents.length) return '';
  const one = (c: ResourceContents): string => {
    if (c.text !== undefined) return c.text;
    if (c.blob === undefined) return '';
    if (isTextMime(c.mimeType)) return Buffer.from(c.blob, 'base64').toString('utf8');
    return `Binary content (${c.mimeType ?? 'unknown type'}, ${formatBytes(base64Size(c.blob))}) from ${c.uri}.\nUse "MCP Switchboard: Read Resource" and choose "Save As…" to write it to a file.\n`;
  };
  if (contents.length === 1) return one(contents[0]);
  return contents.map(c => `${'='.repeat(8)} ${c.uri}${c.mimeType ? ` (${c.mimeType})` : ''}\n${one(c)}`).join('\n\n');
}

/**
 * The `mcpsb-resource:` scheme (see Schemes in ids.ts): `mcpsb-resource:/<server>/<readable path>.<ext>?server=…&uri=…`. The path only names
 * the tab and selects the language; server and resource URI travel in the query. Contents come from a small cache
 * filled by the Read Resource command, else from `resources/read`.
 */
export class ResourceDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly cache = new Map<string, ResourceContents[]>();
  private readonly registration: vscode.Disposable;
  readonly subscriptions: ResourceSubscriptions;
  /** Open resource documents, by document URI, with their subscription (servers declaring resources.subscribe). */
  private readonly watches = new Map<string, { server: string; resourceUri: string; uri: vscode.Uri; watch: vscode.Disposable }>();
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly engine: EngineApi, onError: (message: string) => void = () => {}) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(Schemes.resource, this);
    this.subscriptions = new ResourceSubscriptions(engine, onError);
    this.listeners = [
      vscode.workspace.onDidOpenTextDocument(d => this.opened(d.uri)),
      vscode.workspace.onDidCloseTextDocument(d => this.closed(d.uri)),
      // A closed tab's document may stay loaded for a while: the tab going away is what the user did.
      vscode.window.tabGroups.onDidChangeTabs(e => { for (const tab of e.closed) this.tabClosed(tab); }),
      this.subscriptions.onDidUpdate(e => this.updated(e.server, e.uri)),
    ];
    for (const d of vscode.workspace.textDocuments) this.opened(d.uri);
  }

  /** The resources open as documents and subscribed to (tests read it). */
  get watched(): { server: string; resourceUri: string }[] {
    return [...this.watches.values()].map(({ server, resourceUri }) => ({ server, resourceUri }));
  }

  private opened(uri: vscode.Uri): void {
    if (uri.scheme !== Schemes.resource || this.watches.has(uri.toString())) return;
    const target = ResourceDocuments.parse(uri);
    if (!target) return;
    this.watches.set(uri.toString(), { ...target, uri, watch: this.subscriptions.watch(target.server, target.resourceUri) });
  }

  private closed(uri: vscode.Uri): void {
    const w = this.watches.get(uri.toString());
    if (!w) return;
    this.watches.delete(uri.toString());
    w.watch.dispose();
  }

  private tabClosed(tab: vscode.Tab): void {
    const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
    if (!uri || uri.scheme !== Schemes.resource) return;
    const stillShown = vscode.window.tabGroups.all.some(g => g.tabs.some(t => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
    if (!stillShown) this.closed(uri);
  }

  /** notifications/resources/updated: the open documents of that resource read it again. */
  private updated(server: string, resourceUri: string): void {
    for (const w of this.watches.values()) {
      if (w.server !== server || w.resourceUri !== resourceUri) continue;
      this.cache.delete(w.uri.toString());
      this.changeEmitter.fire(w.uri);
    }
  }

  static uriFor(server: string, resourceUri: string, mimeType?: string): vscode.Uri {
    const readable = resourceUri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '').replace(/[?#].*$/, '').replace(/[\\%]/g, '_') || 'resource';
    const ext = languageForMime(mimeType)?.ext;
    const path = `/${server.replace(/[/\\%]/g, '_')}/${readable}${ext && !readable.toLowerCase().endsWith(`.${ext}`) ? `.${ext}` : ''}`;
    const query = new URLSearchParams({ server, uri: resourceUri }).toString();
    return vscode.Uri.from({ scheme: Schemes.resource, path, query });
  }

  static parse(uri: vscode.Uri): { server: string; resourceUri: string } | undefined {
    const q = new URLSearchParams(uri.query);
    const server = q.get('server');
    const resourceUri = q.get('uri');
    return server && resourceUri ? { server, resourceUri } : undefined;
  }

  /** Reads the resource now (replacing any cached contents) and refreshes an open document. */
  async read(server: string, resourceUri: string, signal?: AbortSignal): Promise<{ contents: ResourceContents[]; uri: vscode.Uri }> {
    const contents = await this.engine.readResource(server, resourceUri, { signal });
    const uri = ResourceDocuments.uriFor(server, resourceUri, contents[0]?.mimeType);
    this.cache.set(uri.toString(), contents);
    while (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.changeEmitter.fire(uri);
    return { contents, uri };
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const cached = this.cache.get(uri.toString());
    if (cached) return resourceText(cached);
    const target = ResourceDocuments.parse(uri);
    if (!target) return `Not an MCP resource URI: ${uri.toString()}\n`;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const contents = await this.engine.readResource(target.server, target.resourceUri, { signal: abort.signal });
      this.cache.set(uri.toString(), contents);
      return resourceText(contents);
    } catch (e) {
      return `Could not read ${target.resourceUri} from ${target.server}: ${(e as Error).message}\n`;
    } finally {
      sub.dispose();
    }
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    for (const w of this.watches.values()) w.watch.dispose();
    this.watches.clear();
    this.subscriptions.dispose();
    this.registration.dispose();
    this.changeEmitter.dispose();
    this.cache.clear();
  }
}
