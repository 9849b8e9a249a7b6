// Issue 10 item 9: a tool that requires task augmentation runs as a task, shows in the Servers view under its server
// (state, status message) and in the status bar while it runs, and Cancel in the tree cancels it on the server.
import { fileURLToPath } from 'node:url';
import { withServersInMcpJson, CONTAINER, contextMenu, expandTools } from '../harness/switchboard.mjs';

export const name = 'Tasks: a running task in the tree and the status bar, cancelled from the tree';

const tasksFixture = fileURLToPath(new URL('../../fixtures/servers/tasks.mjs', import.meta.url));

export async function run({ page, vscode, workspaceDir, screenshot, assert, log }) {
  await withServersInMcpJson({ page, vscode, workspaceDir }, { jobs: { type: 'stdio', command: 'node', args: [tasksFixture] } }, async () => {
    await vscode.openViewContainer(CONTAINER);
    await vscode.waitForRow('jobs', { level: 1 });
    const { rowOf } = await expandTools(vscode, 'jobs', { tool: /^\s*stuck_job\s*$/ });
    await contextMenu(page, rowOf(/^\s*stuck_job\s*$/), 'Call Tool…');

    const rowShows = async (re, what) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const row = await vscode.waitForRow(/^Task: stuck_job$/, { level: 2 });
        const seen = await vscode.describeRow(row);
        if (re.test(`${seen.description} ${seen.ariaLabel}`)) return { row, seen };
        if (Date.now() > deadline) assert.fail(`the task row does not show ${what}: ${JSON.stringify(seen)}`);
        await page.waitForTimeout(200);
      }
    };
    // The server's status message shows once the first poll answered.
    const { row: task, seen: running } = await rowShows(/working · .*Waiting forever/, 'working with the server\'s status message');
    log(`task row: ${JSON.stringify(running)}`);
    const status = page.locator('.statusbar-item', { hasText: /1 MCP task/ });
    await status.waitFor({ state: 'visible', timeout: 10_000 });
    await task.hover();
    await screenshot('task-running-tree');

    await task.locator('.action-label[aria-label="Cancel Task"]').click();
    const { seen: after } = await rowShows(/cancelled/, 'cancelled');
    log(`after Cancel: ${JSON.stringify(after)}`);
    await status.waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot('task-cancelled-tree');
  });
}
