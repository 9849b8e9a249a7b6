// @mcp in the chat view with the scripted test model (installed next to the VSIX by scripts/run-ui.mjs):
// a tool call that needs no confirmation and its answer, then a destructive tool with VS Code's confirmation.
// Screenshots: test-results/chat/*.png.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, testResults } from '../../../scripts/lib/paths.mjs';

export const name = 'Chat: @mcp calls an MCP tool with the scripted model and answers; destructive tools ask first';

const shotsDir = join(testResults, 'chat');

export async function run({ page, vscode, assert, log }) {
  mkdirSync(shotsDir, { recursive: true });
  const shot = async file => {
    const p = join(shotsDir, file);
    await page.screenshot({ path: p });
    log(`screenshot ${relative(repoRoot, p)}`);
  };
  const session = page.locator('.interactive-session').first();
  const chatText = async () => (await session.innerText().catch(() => '')).replace(/\s+/g, ' ');
  const waitForChatText = async (re, what, timeout = 30_000) => {
    try {
      await page.waitForFunction(([src, flags]) => new RegExp(src, flags).test((globalThis.document.querySelector('.interactive-session')?.innerText ?? '').replace(/\s+/g, ' ')), [re.source, re.flags], { timeout });
    } catch {
      assert.fail(`${what} did not appear in the chat view within ${timeout / 1000} s; it shows: ${(await chatText()).slice(-1500)}`);
    }
  };

  // The servers must be up before asking (the basic workspace: echo, demo, missing).
  await vscode.openViewContainer('MCP Switchboard');
  await vscode.waitForRow('demo', { level: 1 });

  // 1. Open chat with the scripted model and ask @mcp to use a read-only demo tool (no confirmation under the
  //    default readOnly approval).
  await vscode.runCommand('MCPSB Test: Ask Chat with the Scripted Model');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('@mcp call demo__word_count {"text": "MCP tools reach chat through the engine"}');
  await page.keyboard.press('Enter');
  await waitForChatText(/Result of demo__word_count: .*"words":\s*7/, 'the answer using the tool result');
  await waitForChatText(/What else can these tools do\?/, 'the follow-ups under the answer');
  await vscode.settled(session);
  const text = await chatText();
  assert.match(text, /call demo__word_count/, 'the question is shown');
  await shot('chat-mcp-answer.png');

  // 2. A destructive tool asks first: the confirmation shows the server, the tool and the arguments.
  // Typed into the chat input like a user (the model stays selected; @mcp is sticky, so replace the input's text).
  await page.locator('.interactive-input-part .monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('@mcp call demo__delete_note {"id": "welcome"}');
  await page.keyboard.press('Enter');
  await waitForChatText(/Run delete_note on demo\?/, 'the confirmation for delete_note');
  await waitForChatText(/"id": "welcome"/, 'the arguments in the confirmation');
  const more = page.locator('.interactive-session a', { hasText: /^Show More$/ }).last();
  if (await more.count()) {
    await more.click().catch(() => {});
    await more.waitFor({ state: 'detached', timeout: 5000 }).catch(() => log('"Show More" is still there after the click'));
  }
  await vscode.settled(session);
  await shot('chat-mcp-confirmation.png');
  const allow = page.locator('.interactive-session .chat-confirmation-widget .monaco-button, .interactive-session .monaco-button', { hasText: /^(Allow|Continue|Run)\b/ }).first();
  await allow.click();
  await waitForChatText(/Result of demo__delete_note: note welcome deleted/, 'the answer after confirming');
  await waitForChatText(/note welcome deleted.*What else can these tools do\?/, 'the follow-ups under the second answer');
  await vscode.settled(session);
  await shot('chat-mcp-confirmed.png');

  // Leave the layout as the other scenarios expect it (they share the user data dir).
  await vscode.runCommand('View: Hide Secondary Side Bar').catch(() => {});
}
