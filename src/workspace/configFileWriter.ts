import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';

/**
 * Rewrites a config file through a text transform. The file on disk is the truth: an open document without unsaved
 * changes may lag behind it (VS Code reloads it from disk on its own), so the new text is written to disk. A document
 * with unsaved changes is edited in place and saved, so those changes are neither lost nor overwritten; if that save
 * fails the edit stays unsaved in the editor and the error says so. `beforeWrite` runs with the new text before
 * anything changes; a transform that changes nothing writes nothing. Returns the new text.
 */
export async function editConfigFile(file: string, transform: (text: string) => string, beforeWrite?: (next: string) => Promise<void>): Promise<string> {
  const dirty = vscode.workspace.textDocuments.find(doc => doc.uri.fsPath === file && !doc.isClosed && doc.isDirty);
  if (dirty) {
    const text = dirty.getText();
    const next = transform(text);
    if (next === text) return next;
    await beforeWrite?.(next);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(dirty.uri, new vscode.Range(dirty.positionAt(0), dirty.positionAt(text.length)), next);
    if (!await vscode.workspace.applyEdit(edit)) throw new Error(`Could not edit ${file}: it has unsaved changes in an editor. Save or revert them, then try again.`);
    if (!await dirty.save()) throw new Error(`Could not save ${file}: the change is in its editor, unsaved (the file may have changed on disk). Save it to apply the change.`);
    return next;
  }
  let text = '';
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const next = transform(text);
  if (next === text) return next;
  await beforeWrite?.(next);
  await fs.mkdir(nodePath.dirname(file), { recursive: true });
  await fs.writeFile(file, next, 'utf8');
  return next;
}

/** A new mcp.json starts with this, so the result has the usual layout. */
export const emptyMcpJson = '{\n  "servers": {},\n  "inputs": []\n}\n';
