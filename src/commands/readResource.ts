import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { ResourceContents } from '../core/connection/catalog';
import { isBinary, type ResourceDocuments } from '../views/resourceDocuments';
import { formatBytes, errorMessage } from '../shared/format';
import { base64Size } from '../views/markdown';
import { extensionForMime, languageForMime } from '../views/mimeLanguages';
import { askArgument } from './argumentInput';
import { Commands } from '../common/ids';
import { pickResource } from './pickers';
import { withRequestProgress } from './progress';
import { expandTemplate, templateVariables } from '../mcp/uriTemplate';
import { runCommand } from '../common/commands';
import { isCancellation } from '../common/cancellation';

/** `mcpSwitchboard.readResource` without UI: `{ server, uri }`, or `{ server, uriTemplate, params }`. */
export interface ReadResourceRequest {
  server: string;
  uri?: string;
  uriTemplate?: string;
  params?: Record<string, string>;
  /** Open the document (default true). */
  open?: boolean;
}

export interface ReadResourceOutcome { server: string; resourceUri: string; uri: vscode.Uri; contents: ResourceContents[]; document?: vscode.TextDocument }

function isRequest(arg: unknown): arg is ReadResourceRequest {
  if (!arg || typeof arg !== 'object' || 'kind' in arg) return false;
  const r = arg as ReadResourceRequest;
  return typeof r.server === 'string' && (typeof r.uri === 'string' || typeof r.uriTemplate === 'string');
}

/** Read Resource: opens the content as an `mcpsb-resource:` document; templates ask for their parameters (with completions). */
export class ResourceReader {
  constructor(private readonly engine: EngineApi, private readonly docs: ResourceDocuments) {}

  async command(arg?: unknown): Promise<ReadResourceOutcome | undefined> {
    if (isRequest(arg)) {
      const uri = arg.uri ?? expandTemplate(arg.uriTemplate!, arg.params ?? {});
      return this.read(arg.server, uri, arg.open !== false);
    }
    const target = await pickResource(this.engine, arg);
    if (!target) return undefined;
    if ('resource' in target) return this.read(target.server, target.resource.uri, true);
    const template = target.template.uriTemplate;
    const canComplete = !!this.engine.get(target.server)?.info?.capabilities.completions;
    const params: Record<string, string> = {};
    for (const v of templateVariables(template)) {
      const value = await askArgument({
        title: `Read ${target.template.title ?? target.template.name}: ${template}`,
        name: v.name,
        required: !v.optional,
        complete: canComplete
          ? value => this.engine.complete(target.server, { type: 'ref/resource', uri: template }, { name: v.name, value })
          : undefined,
      });
      if (value === undefined) return undefined;
      if (value !== '') params[v.name] = value;
    }
    return this.read(target.server, expandTemplate(template, params), true);
  }

  async read(server: string, resourceUri: string, open: boolean): Promise<ReadResourceOutcome | undefined> {
    let read: { contents: ResourceContents[]; uri: vscode.Uri };
    try {
      read = await withRequestProgress(`Reading ${resourceUri}`, signal => this.docs.read(server, resourceUri, signal));
    } catch (e) {
      if (!isCancellation(e)) {
        void vscode.window.showErrorMessage(`Could not read ${resourceUri} from ${server}: ${errorMessage(e)}`, 'Show Log').then(a => a && runCommand(Commands.showLog, server));
      }
      return undefined;
    }
    const outcome: ReadResourceOutcome = { server, resourceUri, uri: read.uri, contents: read.contents };
    const binary = read.contents.filter(isBinary);
    const allBinary = binary.length > 0 && binary.length === read.contents.length;
    if (open && !allBinary) {
      const doc = await vscode.workspace.openTextDocument(read.uri);
      const language = languageForMime(read.contents[0]?.mimeType)?.language;
      outcome.document = language && doc.languageId !== language ? await vscode.languages.setTextDocumentLanguage(doc, language).then(d => d, () => doc) : doc;
      await vscode.window.showTextDocument(outcome.document, { preview: true });
    }
    if (open && binary.length) void this.offerSave(resourceUri, binary);
    return outcome;
  }

  private async offerSave(resourceUri: string, binary: ResourceContents[]): Promise<void> {
    const size = binary.reduce((n, c) => n + base64Size(c.blob ?? ''), 0);
    const kinds = [...new Set(binary.map(c => c.mimeType ?? 'unknown type'))].join(', ');
    const choice = await vscode.window.showInformationMessage(`${resourceUri} has binary content (${kinds}, ${formatBytes(size)}).`, 'Save As…');
    if (choice !== 'Save As…') return;
    for (const c of binary) {
      const base = (c.uri.split(/[/\\]/).filter(Boolean).pop() ?? 'resource').replace(/[?#].*$/, '').replace(/[^\w.-]/g, '_') || 'resource';
      const name = /\.[a-z0-9]{1,8}$/i.test(base) ? base : `${base}.${extensionForMime(c.mimeType)}`;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, title: `Save ${c.uri}` });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, Buffer.from(c.blob ?? '', 'base64'));
      void vscode.window.setStatusBarMessage(`$(check) Saved ${formatBytes(base64Size(c.blob ?? ''))} to ${target.fsPath}`, 5000);
    }
  }
}

