// The traffic inspector survives a window reload as the user left it: VS Code restores the panel through the
// extension's serializer, on the Metrics tab with the filters that were set. Then the harness's openInspector brings
// it back to Messages with no filters (what every later scenario relies on, whatever tab an earlier one left).
// Screenshot: inspector-restored.png.
import { CONTAINER, openInspector, until } from '../harness/switchboard.mjs';

export const name = 'Traffic inspector: a window reload restores it on the tab and with the filters the user left';

export async function run({ page, vscode, screenshot, assert }) {
  await vscode.openViewContainer(CONTAINER);
  const before = await openInspector(page, vscode);
  await before.locator('#f-kind').selectOption('stderr');
  await before.locator('#tab-metrics').click();
  assert.equal(await before.locator('#app').getAttribute('data-tab'), 'metrics');

  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await vscode.runCommand('Developer: Reload Window');
  await reloaded;
  await vscode.ready();
  const frame = await until(page, 'the restored inspector', async () => {
    for (const f of await vscode.webviewFrames('#app')) if (await f.locator('#app').getAttribute('data-tab')) return f;
    return undefined;
  }, 60_000);
  assert.equal(await frame.locator('#app').getAttribute('data-tab'), 'metrics', 'the Metrics tab is restored');
  assert.equal(await frame.locator('#tab-metrics').getAttribute('aria-selected'), 'true');
  assert.equal(await frame.locator('#f-kind').inputValue(), 'stderr', 'the kind filter is restored');
  await until(page, 'the restored metrics table', async () => (await frame.locator('.mt-row.mt-server').count()) >= 1, 30_000);
  await screenshot('inspector-restored');

  const after = await openInspector(page, vscode);
  assert.equal(await after.locator('#app').getAttribute('data-tab'), 'messages');
  assert.equal(await after.locator('#f-kind').inputValue(), '');
  assert.equal(await vscode.webviewFrames('#app').then(f => f.length), 1, 'one inspector, the restored one');
}
