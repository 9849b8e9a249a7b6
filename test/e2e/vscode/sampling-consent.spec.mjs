// Sampling (issue 10 item 4), as a user sees it: a server added to .vscode/mcp.json (the 2026-07-28 fixture, whose
// `summarize` tool samples) runs from the tree; the consent modal names the server and shows the system prompt, the
// message and maxTokens; "Allow Once" lets the scripted test model answer, and the result names that model.
// The scenario removes the server again. Screenshots: sampling-consent.png, sampling-result.png.
import { fileURLToPath } from 'node:url';
import { withServersInMcpJson, CONTAINER, contextMenu, expandTools, previewFrame } from '../harness/switchboard.mjs';

export const name = 'Sampling: the consent shows server, system prompt, messages and maxTokens; Allow Once answers with the chat model';

const modernFixture = fileURLToPath(new URL('../../fixtures/servers/modern.mjs', import.meta.url));

export async function run({ page, vscode, workspaceDir, screenshot, assert }) {
  await withServersInMcpJson({ page, vscode, workspaceDir }, { sampler: { type: 'stdio', command: 'node', args: [modernFixture, '--name', 'sampler'] } }, async () => {
    await vscode.openViewContainer(CONTAINER);
    const { rowOf } = await expandTools(vscode, 'sampler', { tool: /^\s*summarize\s*$/ });
    await contextMenu(page, rowOf(/^\s*summarize\s*$/), 'Call Tool…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('a long story about sampling');
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box', { hasText: 'wants to use your language model' });
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await dialog.innerText();
    assert.match(text, /MCP server "sampler" wants to use your language model \(sampling\)/);
    assert.match(text, /Server: sampler/);
    assert.match(text, /Max tokens: 50/);
    assert.match(text, /System prompt: You summarize text for a test fixture\./);
    assert.match(text, /\[user\] Summarize: a long story about sampling/);
    for (const button of ['Allow', 'Allow Once', 'Deny']) assert.ok(await dialog.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).count(), `button ${button}`);
    await screenshot('sampling-consent');

    await dialog.locator('.monaco-button', { hasText: /^Allow Once$/ }).click();
    const result = await previewFrame(page, 'summary by', 45_000);
    const body = await result.evaluate(() => globalThis.document.body.innerText);
    assert.match(body, /summary by mcpsb-test\/scripted: Scripted model received: Summarize: a long story about sampling/);
    await screenshot('sampling-result');
  });
}
