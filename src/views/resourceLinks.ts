import * as vscode from 'vscode';
import { ResourceDocuments } from './resourceDocuments';

export const EXTENSION_ID = 'mcp-switchboard.mcp-switchboard';
const OPEN_RESOURCE_PATH = '/open-resource';

/**
 * Links in rendered result documents that open an MCP resource. The Markdown preview hands only http(s), mailto and
 * the product's own URI scheme to VS Code (it runs no `command:` links, and a link to a custom document scheme goes
 * nowhere), so resource links use the product scheme and come back through this extension's UriHandler.
 */
export function resourceLink(server: string, resourceUri: string, mimeType?: string): string {
  const query = new URLSearchParams({ server, uri: resourceUri, ...(mimeType ? { mime: mimeType } : {}) }).toString();
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: EXTENSION_ID, path: OPEN_RESOURCE_PATH, query }).toString(true);
}

/** A ResourceLinker for one server's results. */
export const resourceLinker = (server: string) => (uri: string, mime?: string) => resourceLink(server, uri, mime);

/** Opens the resources those links name, in the `mcpsb-resource:` document provider. */
export function registerResourceLinkHandler(): vscode.Disposable {
  return vscode.window.registerUriHandler({
    handleUri: async (uri: vscode.Uri) => {
      if (uri.path !== OPEN_RESOURCE_PATH) return;
      const q = new URLSearchParams(uri.query);
      const server = q.get('server');
      const resourceUri = q.get('uri');
      if (!server || !resourceUri) return;
      const doc = await vscode.workspace.openTextDocument(ResourceDocuments.uriFor(server, resourceUri, q.get('mime') ?? undefined));
      await vscode.window.showTextDocument(doc, { preview: true });
    },
  });
}
