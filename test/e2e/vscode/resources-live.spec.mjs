// Issue 10 item 8: a resource open as a document is subscribed to, and notifications/resources/updated refreshes it.
// The server is the 2026-07-28 modern fixture (a subscriptions/listen stream per resource); its touch_readme tool
// edits modern://readme and announces the update.
import { fileURLToPath } from 'node:url';
import { withServersInMcpJson, CONTAINER, contextMenu, expandTools } from '../harness/switchboard.mjs';

export const name = 'Resources: an open resource document refreshes when the server announces an update';

const modernFixture = fileURLToPath(new URL('../../fixtures/servers/modern.mjs', import.meta.url));

export async function run({ page, vscode, workspaceDir, screenshot, log }) {
  await withServersInMcpJson({ page, vscode, workspaceDir }, { live: { type: 'stdio', command: 'node', args: [modernFixture, '--name', 'live-fixture'] } }, async () => {
    await vscode.openViewContainer(CONTAINER);
    await vscode.waitForRow('live', { level: 1 });
    const { rowOf } = await expandTools(vscode, 'live', { tool: /^\s*touch_readme\s*$/ });
    await vscode.expand(/^\s*Resources\b/, { level: 2 });
    await vscode.row(/^\s*readme\s*$/, { level: 3 }).click();
    const editor = page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: 'modern fixture' }).first().waitFor({ timeout: 15_000 });
    // Keep the tab: the tool result below must open in a tab of its own, not replace this preview tab.
    await vscode.runCommand('View: Keep Editor');

    await contextMenu(page, rowOf(/^\s*touch_readme\s*$/), 'Call Tool…');
    await page.locator('.tabs-container .tab', { hasText: /touch_readme/ }).first().waitFor({ timeout: 15_000 });
    await page.locator('.tabs-container .tab', { hasText: /^\s*readme/ }).first().click();
    await editor.filter({ hasText: 'modern fixture (edit 1)' }).first().waitFor({ timeout: 15_000 });
    log('the open resource document shows the edit');
    await screenshot('resource-refreshed');
    // Leave the workbench as found for the next scenario (they share one user-data-dir).
    await vscode.runCommand('View: Close All Editors');
  });
}
