// An HTTP server nobody listens on: the Servers view shows why, in plain words (host, port, ECONNREFUSED), and keeps
// the reason visible in the server's state instead of a bare "fetch failed". Screenshot: tree-http-unreachable.png.
import { createServer } from 'node:net';
import { withServersInMcpJson, CONTAINER, until } from '../harness/switchboard.mjs';

export const name = 'Servers tree: an unreachable HTTP server shows host, port and ECONNREFUSED';

const freePort = () => new Promise(resolve => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

export async function run({ page, vscode, workspaceDir, screenshot, assert }) {
  const port = await freePort();
  await withServersInMcpJson({ page, vscode, workspaceDir }, { unreachable: { type: 'http', url: `http://127.0.0.1:${port}/mcp` } }, async () => {
    await vscode.openViewContainer(CONTAINER);
    await vscode.waitForRow('unreachable', { level: 1, timeoutMs: 30_000 });
    // The row changes from starting to error (then retries with backoff); a refresh can render it collapsed again.
    const reason = vscode.row(/ECONNREFUSED/, { level: 2 });
    await until(page, 'the ECONNREFUSED reason under the server', async () => {
      if (await reason.isVisible()) return true;
      await vscode.expand('unreachable', { level: 1, timeoutMs: 3000 });
      return reason.isVisible();
    }, 45_000);
    const text = (await vscode.describeRow(reason)).text;
    assert.match(text, new RegExp(`127\\.0\\.0\\.1:${port}`), `the reason names host and port: ${text}`);
    assert.match(text, /connection refused/i, `in plain words: ${text}`);
    assert.doesNotMatch(text, /^fetch failed$/);
    await reason.hover();
    await screenshot('tree-http-unreachable');
  });
}
