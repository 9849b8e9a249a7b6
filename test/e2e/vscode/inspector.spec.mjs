// The traffic inspector inside VS Code: a tool call made from the tree appears as one paired row with its latency,
// and replaying it from the detail pane adds a new, completed exchange. Screenshots: inspector-vscode-row.png, inspector-vscode-replay.png.
import { contextMenu, CONTAINER, expandTools, openInspector, previewFrame, until, untilText } from '../harness/switchboard.mjs';

export const name = 'Traffic inspector: a tool call shows as a paired row with latency, and replays';

export async function run({ page, vscode, screenshot, assert }) {
  await vscode.openViewContainer(CONTAINER);
  await vscode.waitForRow('echo', { level: 1 });
  const { rowOf } = await expandTools(vscode, 'echo', { tool: 'echo' });
  await contextMenu(page, rowOf('echo'), 'Call Tool…');
  // The argument step of Call Tool…: wait until it is interactive (the cause of a flaky fill under load).
  await vscode.fillQuickInput('seen by the inspector', { expect: 'text (string, required)' });
  await page.keyboard.press('Enter');
  // The call ends by opening its result document, which takes focus: wait for it, or it closes the next palette.
  await page.locator('.tabs-container .tab.active', { hasText: /\becho\.md\b/ }).waitFor({ state: 'visible', timeout: 20_000 });
  // The preview takes focus once it has rendered: wait for that before opening the palette, or it closes it.
  await previewFrame(page, 'seen by the inspector', 20_000);

  const frame = await openInspector(page, vscode);
  await frame.locator('#f-text').fill('seen by the inspector');
  const callRows = frame.locator('.row:not([hidden])', { hasText: 'tools/call' });
  const row = callRows.first();
  await untilText(page, 'the paired tools/call row of echo with its latency', row, t => /echo/.test(t) && /\d+(\.\d+)?\s*ms/.test(t));
  await row.click();
  await screenshot('inspector-vscode-row');

  await frame.locator('button', { hasText: 'Send' }).first().click();
  // echo is not read-only and the default approval is readOnly: the host asks before replaying a tool call.
  const runTool = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Run Tool' });
  await runTool.waitFor({ state: 'visible', timeout: 20_000 });
  await runTool.click();
  await until(page, 'the replayed exchange', async () => (await callRows.count()) >= 2);
  // The new exchange is selected: its own row is paired (ok, with a latency) like the original.
  const replayed = await untilText(page, 'the replayed exchange to complete', callRows.nth(1), t => /\bok\b/.test(t) && /\d+(\.\d+)?\s*ms/.test(t));
  assert.match(replayed, /tools\/call · echo/);
  await screenshot('inspector-vscode-replay');

  // Metrics: the user's calls by default (the handshake and list refreshes are internal), both on demand.
  await frame.locator('#tab-metrics').click();
  const echoRow = frame.locator('.mt-row.mt-server[data-server="echo"]');
  // The tab first shows the last snapshot it had (a restored panel may have one from before the call), then the
  // host's fresh one: wait for the fresh figures.
  const userCallsOf = async () => Number((await echoRow.locator('td').first().innerText({ timeout: 2000 })).replace(/,/g, ''));
  const userCalls = await until(page, 'the tool call and its replay counted as the user\'s calls', async () => { const n = await userCallsOf(); return n >= 2 ? n : undefined; });
  await screenshot('inspector-vscode-metrics');
  await frame.locator('#mt-scope').selectOption('all');
  const allCalls = await until(page, 'all calls counted', async () => {
    const n = await userCallsOf();
    return n > userCalls ? n : undefined;
  });
  assert.ok(allCalls > userCalls, `internal calls (initialize, tools/list) are added: ${allCalls} > ${userCalls}`);
}
