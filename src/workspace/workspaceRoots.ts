import * as vscode from 'vscode';
import type { ClientRoot, RootsSource } from '../core/clientRequests/types';
import type { Event } from '../core/events';

/** The local workspace folders as MCP roots; remote (non-file) folders are not offered: servers run on this machine. */
export function workspaceRoots(): RootsSource {
  const onDidChange: Event<void> = listener => vscode.workspace.onDidChangeWorkspaceFolders(() => listener());
  return {
    roots: (): ClientRoot[] => (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => ({ uri: f.uri.toString(), name: f.name })),
    onDidChange,
  };
}
