// The inspector panel's VS Code side in a real workbench: the command opens one webview panel, a second open
// reveals it instead of opening another, and closing it lets the next open create a fresh one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { INSPECTOR_VIEW_TYPE } from '../../../src/shared/inspectorProtocol';
import { treeApi, waitFor } from './helpers';

function inspectorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs)
    .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(INSPECTOR_VIEW_TYPE));
}

describe('Traffic inspector panel', function () {
  this.timeout(60_000);

  before(async () => { await treeApi(); });
  after(async () => { await vscode.commands.executeCommand('workbench.action.closeAllEditors'); });

  it('opens one panel; opening again reveals it; after closing, opening creates a new one', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mcpSwitchboard.openInspector', { server: 'echo' });
    const [first] = await waitFor(() => inspectorTabs().length === 1 && inspectorTabs(), { message: 'the inspector tab' });
    assert.equal(first.label, 'MCP Traffic Inspector');
    // Another editor in front, then open again: the same panel comes back to the front.
    const [file] = await vscode.workspace.findFiles('**/*', undefined, 1);
    await vscode.window.showTextDocument(file, { viewColumn: first.group.viewColumn });
    await waitFor(() => !inspectorTabs()[0]?.isActive, { message: 'the inspector behind another editor' });
    await vscode.commands.executeCommand('mcpSwitchboard.openInspector', { server: 'echo', tool: 'echo' });
    await waitFor(() => inspectorTabs()[0]?.isActive, { message: 'the inspector revealed' });
    assert.equal(inspectorTabs().length, 1, 'a second open reveals the same panel');
    await vscode.window.tabGroups.close(inspectorTabs());
    await waitFor(() => inspectorTabs().length === 0, { message: 'the inspector closed' });
    await vscode.commands.executeCommand('mcpSwitchboard.openInspector');
    await waitFor(() => inspectorTabs().length === 1, { message: 'a new inspector tab after closing the old one' });
  });
});
