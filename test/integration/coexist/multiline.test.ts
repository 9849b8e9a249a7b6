// Issue 14 item 9: a string argument can be entered over several lines in an editor, taken exactly as typed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { waitFor } from '../harness';
import { editStringInEditor } from '../../../src/commands/multilineEditor';

const editorOf = (name: string) => vscode.window.visibleTextEditors.find(e => e.document.uri.fsPath.endsWith(`${name}.txt`));

describe('multi-line string arguments', function () {
  this.timeout(60_000);

  it('takes the saved text with its line breaks and backslashes as they are, and removes the temp file', async () => {
    const pending = editStringInEditor('message', 'first line');
    const editor = await waitFor(() => editorOf('message'), { message: 'the editor for "message"' });
    assert.equal(editor.document.getText(), 'first line', 'starts from the current value');
    const text = 'first line\nC:\\new\\table\n\n  indented last line';
    await editor.edit(b => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
    await editor.document.save();
    assert.equal(await pending, text);
    assert.equal(fs.existsSync(editor.document.uri.fsPath), false);
    await waitFor(() => !editorOf('message'), { message: 'the editor closed' });
  });

  it('keeps the previous value when the editor is closed without saving', async () => {
    const pending = editStringInEditor('notes', 'kept');
    const editor = await waitFor(() => editorOf('notes'), { message: 'the editor for "notes"' });
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(await pending, undefined);
  });
});
