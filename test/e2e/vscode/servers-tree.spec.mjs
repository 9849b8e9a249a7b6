// The Servers view lists the workspace's servers; expanding a running stdio server shows its tools.
import { CONTAINER, expandTools, showsError } from '../harness/switchboard.mjs';

export const name = 'Servers tree: a running server shows its tools';

export async function run({ vscode, screenshot, assert }) {
  await vscode.openViewContainer(CONTAINER);
  for (const server of ['echo', 'demo', 'missing']) await vscode.waitForRow(server, { level: 1 });

  await expandTools(vscode, 'echo', { tool: /^\s*echo\s*$/i }); // by name or title; fails with the tree it saw
  const server = await vscode.describeRow(vscode.row('echo', { level: 1 }));
  assert.ok(!showsError(server), `server echo shows an error: ${JSON.stringify(server)}`);
  await screenshot('tree-running');
}
