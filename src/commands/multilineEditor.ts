import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Edits one string argument in a real editor, for values an InputBox cannot hold (several lines). The text is taken
 * exactly as typed when the file is saved: no escape parsing, so `C:\new` stays a backslash and an `n`. Closing the
 * editor without saving keeps the previous value (undefined). The temp file is removed afterwards.
 */
export async function editStringInEditor(name: string, current: string): Promise<string | undefined> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mcpsb-arg-'));
  const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '_') || 'value'}.txt`);
  await fs.writeFile(file, current, 'utf8');
  const uri = vscode.Uri.file(file);
  const same = (doc: vscode.TextDocument) => doc.uri.fsPath === uri.fsPath;
  const doc = await vscode.workspace.openTextDocument(uri);
  try {
    return await new Promise<string | undefined>(resolve => {
      let shown = false;
      const subscriptions = [
        vscode.workspace.onDidSaveTextDocument(saved => { if (same(saved)) finish(saved.getText()); }),
        vscode.workspace.onDidCloseTextDocument(closed => { if (same(closed)) finish(undefined); }),
        vscode.window.tabGroups.onDidChangeTabs(() => { if (shown && !isOpenInTab(uri)) finish(undefined); }),
      ];
      function finish(value: string | undefined) {
        subscriptions.forEach(s => s.dispose());
        resolve(value);
      }
      void vscode.window.showTextDocument(doc, { preview: false }).then(() => {
        shown = true;
        void vscode.window.setStatusBarMessage(`Editing "${name}": save (Ctrl+S) to use this text; close the tab to keep the previous value`, 15_000);
      });
    });
  } finally {
    await closeTab(uri);
    await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function tabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === uri.fsPath);
}

function isOpenInTab(uri: vscode.Uri): boolean {
  return tabsOf(uri).length > 0;
}

async function closeTab(uri: vscode.Uri): Promise<void> {
  const tabs = tabsOf(uri);
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
}
