import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { waitFor, waitForServer } from '../harness';
import { describeCommandLine, describeForConsent } from '../../../src/core/config/consent';
import type { InputDefinition } from '../../../src/core/config/schema';
import { configApi, echoFixture, echoPid, mcpJsonPath, readMcpJson, serverPids, setSetting } from './helpers';

describe('config: consent for workspace command lines (trusted workspace)', () => {
  it('asks once per command line, blocks a declined server with a way to approve it later, and asks again when it changes', async () => {
    const { engine, config } = await configApi();
    const asked: { name: string; commandLine: string }[] = [];
    let allowGated = false;
    const original = config.prompts.confirmCommandLine;
    config.prompts.confirmCommandLine = async spec => {
      asked.push({ name: spec.name, commandLine: describeCommandLine(spec) });
      return spec.name !== 'gated' || allowGated;
    };
    try {
      await setSetting('mcpSwitchboard.confirmWorkspaceServers', true);
      // The running workspace servers were never approved: each is asked about once, allowed, and runs again.
      await waitFor(() => asked.some(a => a.name === 'alpha'), { message: 'alpha asked about' });
      await waitForServer(engine, 'alpha', s => s.state.kind === 'running');
      const alphaAsks = asked.filter(a => a.name === 'alpha').length;
      assert.equal(alphaAsks, 1);
      assert.match(asked.find(a => a.name === 'alpha')!.commandLine, /^node \S*echo\.mjs --name alpha/);

      // A new server appears in the repository's file: asked, declined → blocked, no process.
      const echo = JSON.stringify(echoFixture());
      fs.writeFileSync(mcpJsonPath(), readMcpJson().replace('"servers": {', `"servers": {\n    "gated": { "command": "node", "args": [${echo}, "--name", "gated"] },`));
      const blocked = await waitForServer(engine, 'gated', s => s.state.kind === 'blocked' && /did not allow/.test(s.state.reason));
      assert.equal(blocked.state.kind === 'blocked' && blocked.state.blockedBy, 'needs-consent');
      assert.match(blocked.state.kind === 'blocked' ? blocked.state.reason : '', /node \S*echo\.mjs --name gated/);
      assert.deepEqual(serverPids('--name', 'gated'), []);
      assert.equal(asked.filter(a => a.name === 'gated').length, 1);

      // Reloads do not ask again.
      await config.reload();
      await config.whenApplied();
      assert.equal(asked.filter(a => a.name === 'gated').length, 1);
      assert.equal(asked.filter(a => a.name === 'alpha').length, alphaAsks);

      // Approve Server asks (showing the command line) and starts it.
      allowGated = true;
      assert.equal(await vscode.commands.executeCommand('mcpSwitchboard.approveServer', 'gated'), 'approved');
      await waitForServer(engine, 'gated', s => s.state.kind === 'running');
      const gatedPid = await echoPid('gated');

      // A changed command line is asked about again.
      fs.writeFileSync(mcpJsonPath(), readMcpJson().replace('"--name", "gated"]', '"--name", "gated", "--tools-prefix", "g_"]'));
      await waitForServer(engine, 'gated', s => s.state.kind === 'running' && s.catalog.tools.some(t => t.name === 'g_echo'));
      assert.equal(asked.filter(a => a.name === 'gated').length, 3);
      assert.match(asked.at(-1)!.commandLine, /--tools-prefix g_/);
      assert.notEqual(await echoPid('gated'), gatedPid);
    } finally {
      config.prompts.confirmCommandLine = original;
      await setSetting('mcpSwitchboard.confirmWorkspaceServers', false);
    }
  });

  it('asks again when only the environment changes, and shows it', async () => {
    const { engine, config } = await configApi();
    const asked: { name: string; shown: string }[] = [];
    const original = config.prompts.confirmCommandLine;
    config.prompts.confirmCommandLine = async spec => { asked.push({ name: spec.name, shown: describeForConsent(spec) }); return true; };
    try {
      await setSetting('mcpSwitchboard.confirmWorkspaceServers', true);
      const echo = JSON.stringify(echoFixture());
      fs.writeFileSync(mcpJsonPath(), readMcpJson().replace('"servers": {', `"servers": {\n    "envy": { "command": "node", "args": [${echo}, "--name", "envy"] },`));
      await waitForServer(engine, 'envy', s => s.state.kind === 'running');
      assert.equal(asked.filter(a => a.name === 'envy').length, 1);
      // Same command line, one new variable (it could be NODE_OPTIONS=--require ./x.cjs): asked again, shown with its value.
      fs.writeFileSync(mcpJsonPath(), readMcpJson().replace('"--name", "envy"] }', '"--name", "envy"], "env": { "SOME_TOKEN": "--require ./payload.cjs" } }'));
      await waitFor(() => asked.filter(a => a.name === 'envy').length === 2, { message: 'envy asked about again' });
      assert.match(asked.at(-1)!.shown, /with environment:\n {2}SOME_TOKEN="--require \.\/payload\.cjs"/, 'a secret-named variable is shown, not hidden');
      await waitForServer(engine, 'envy', s => s.state.kind === 'running' && s.spec?.target.type === 'stdio' && !!s.spec.target.env?.SOME_TOKEN);
    } finally {
      config.prompts.confirmCommandLine = original;
      await setSetting('mcpSwitchboard.confirmWorkspaceServers', false);
    }
  });

  it('gates workspace remote servers on their origin, and asks for a stored token again when the origin changes', async () => {
    const { engine, config } = await configApi();
    const consents: string[] = [];
    const inputs: string[] = [];
    let answerSecond: ((v: string) => void) | undefined;
    const originalConsent = config.prompts.confirmCommandLine;
    const originalInput = config.prompts.promptForInput;
    config.prompts.confirmCommandLine = async spec => { if (spec.name === 'origin-bound') consents.push(describeForConsent(spec)); return true; };
    config.prompts.promptForInput = async (input: InputDefinition) => {
      if (input.id !== 'originToken') return undefined;
      inputs.push(input.id);
      return inputs.length === 1 ? 'tok-first-origin-123' : new Promise<string>(resolve => { answerSecond = resolve; });
    };
    try {
      await setSetting('mcpSwitchboard.confirmWorkspaceServers', true);
      // An origin no other test approved (Add Server approved http://127.0.0.1:9 with an Authorization header).
      fs.writeFileSync(mcpJsonPath(), readMcpJson()
        .replace('"inputs": [', '"inputs": [\n    { "type": "promptString", "id": "originToken", "description": "Remote token", "password": true },')
        .replace('"servers": {', '"servers": {\n    "origin-bound": { "type": "http", "url": "http://127.0.0.1:19/mcp", "headers": { "Authorization": "Bearer ${input:originToken}" }, "restart": "never" },'));
      await waitFor(() => consents.length === 1, { message: 'consent asked for the remote server' })
        .catch(e => { throw new Error(`${(e as Error).message} (inputs asked: ${inputs.length}, state: ${JSON.stringify(engine.get('origin-bound')?.state)})`); });
      assert.match(consents[0], /HTTP server at http:\/\/127\.0\.0\.1:19\nURL: http:\/\/127\.0\.0\.1:19\/mcp\nHeaders sent: Authorization/);
      assert.doesNotMatch(consents[0], /tok-first-origin/);
      await waitForServer(engine, 'origin-bound', s => s.state.kind !== 'blocked');

      // A later commit points the URL at another origin: the stored token is not sent there; the user is asked again.
      fs.writeFileSync(mcpJsonPath(), readMcpJson().replace('"url": "http://127.0.0.1:19/mcp"', '"url": "http://localhost:19/mcp"'));
      const stale = await waitForServer(engine, 'origin-bound', s => s.state.kind === 'blocked' && s.state.blockedBy === 'needs-input');
      assert.match(stale.state.kind === 'blocked' ? stale.state.reason : '', /entered for another server address; enter it again to send it to http:\/\/localhost:19/);
      await waitFor(() => answerSecond, { message: 'the token asked for again' });
      answerSecond!('tok-second-origin-456');
      await waitFor(() => consents.length === 2, { message: 'consent asked for the new origin' });
      assert.match(consents[1], /HTTP server at http:\/\/localhost:19/);
      const running = await waitForServer(engine, 'origin-bound', s => s.state.kind !== 'blocked');
      assert.equal(running.spec?.target.type === 'http' && running.spec.target.headers?.Authorization, 'Bearer tok-second-origin-456');
      assert.equal(inputs.length, 2);
    } finally {
      config.prompts.confirmCommandLine = originalConsent;
      config.prompts.promptForInput = originalInput;
      await setSetting('mcpSwitchboard.confirmWorkspaceServers', false);
    }
  });
});
