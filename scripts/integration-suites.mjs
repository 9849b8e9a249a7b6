// Registry of extension-host test suites run by scripts/run-integration.mjs.
//
// Each suite gets its own generated workspace folder (in a temp dir) and its own code-server /
// VS Code instance. Its tests are the compiled files out/test/integration/<name>/**/*.test.js
// (sources: test/integration/<name>/**/*.test.ts); the name reaches them as env MCPSB_SUITE.
//
//   name       folder under test/integration, and the suite's id (`--suite <name>`)
//   workspace  async (dir, ctx) => void: write the workspace files (ctx: see scripts/lib/workspaces.mjs)
//   trust      true: --disable-workspace-trust; false: workspace trust stays on and the folder is untrusted
//   env        extra environment for the host (the extension host inherits it)
//   grep       mocha grep for this suite
//   timeoutMs  whole-suite timeout (default 120 s)
//   settings   extra VS Code user settings
//   extraExtensions  test-only extensions (folders, relative to the repo) loaded next to the extension under test
import { basicServers, writeBasicWorkspace } from './lib/workspaces.mjs';
import { writeChatWorkspace } from '../test/integration/chat/workspace.mjs';
import { writeConfigWorkspace } from '../test/integration/config/workspace.mjs';
import { fileURLToPath } from 'node:url';

/** A server that speaks only MCP 2026-07-28. Given in user settings, so VS Code's own client does not try it itself. */
const modernFixture = fileURLToPath(new URL('../test/fixtures/servers/modern.mjs', import.meta.url));
/** server-everything (a devDependency), the 2025-11-25 peer with a sampling tool. */
const everythingServer = fileURLToPath(new URL('../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url));

/**
 * server-everything (2025-11-25) from the workspace mcp.json and the modern fixture (2026-07-28) from user settings, both
 * pre-approved, with the scripted test model for @mcp; VS Code's own MCP client stays off.
 */
const everythingAndModern = {
  trust: true,
  workspace: async (dir, ctx) => {
    ctx.writeMcpJson(dir, { servers: { everything: { type: 'stdio', command: 'node', args: [everythingServer, 'stdio'], approval: 'never' } } });
  },
  requires: () => [everythingServer, modernFixture],
  extraExtensions: ['test/fixtures/scripted-model'],
  settings: {
    'chat.mcp.autostart': 'never', 'chat.mcp.discovery.enabled': false,
    'mcpSwitchboard.servers': { modern: { type: 'stdio', command: 'node', args: [modernFixture], approval: 'never' } },
  },
};

/** @type {Array<{name: string, workspace: (dir: string, ctx: any) => Promise<void>, trust: boolean, env?: Record<string,string>, grep?: string, timeoutMs?: number, settings?: Record<string, unknown>}>} */
export const suites = [
  {
    name: 'basic',
    trust: true,
    workspace: writeBasicWorkspace,
    requires: ctx => [ctx.fixture('echo.mjs'), ctx.demoServer],
  },
  {
    // Workspace trust on and the folder untrusted: the extension must not spawn workspace-configured servers.
    // Runs when test/integration/untrusted/ has tests.
    name: 'untrusted',
    trust: false,
    workspace: async (dir, ctx) => {
      ctx.writeMcpJson(dir, { servers: { echo: basicServers(ctx).echo } });
    },
  },
  {
    // Chat integration: @mcp, the static language-model tools, the gateway. Loads the test-only scripted model
    // (test/fixtures/scripted-model) as a second extension under development; it never ships in the VSIX.
    name: 'chat',
    trust: true,
    workspace: writeChatWorkspace,
    requires: ctx => [ctx.fixture('echo.mjs'), ctx.fixture('many-tools.mjs'), ctx.demoServer],
    extraExtensions: ['test/fixtures/scripted-model'],
    settings: {
      'chat.mcp.autostart': 'never', 'chat.mcp.discovery.enabled': false,
      'mcpSwitchboard.servers': { modern: { type: 'stdio', command: 'node', args: [modernFixture], approval: 'never' } },
    },
    timeoutMs: 240_000,
  },
  {
    // Sidebar and command palette (issue 5): the Servers tree per state, live updates, Call Tool / Read Resource /
    // Get Prompt through their commands, the status bar. Fixture servers over stdio with absolute paths.
    name: 'tree',
    trust: true,
    workspace: async (dir, ctx) => {
      const node = (fixture, ...args) => ({ type: 'stdio', command: 'node', args: [ctx.fixture(fixture), ...args] });
      ctx.writeMcpJson(dir, {
        servers: {
          echo: node('echo.mjs'),
          changing: node('changing.mjs'),
          many: node('many-tools.mjs', '--count', '1000'),
          slow: node('slow.mjs'),
          broken: node('exit-at-start.mjs'),
          missing: { type: 'stdio', command: 'definitely-not-a-command-xyz', args: [] },
        },
      });
    },
    requires: ctx => ['echo.mjs', 'changing.mjs', 'many-tools.mjs', 'slow.mjs', 'exit-at-start.mjs'].map(f => ctx.fixture(f)),
    settings: { 'chat.mcp.autostart': 'never', 'chat.mcp.discovery.enabled': false },
    timeoutMs: 180_000,
  },
  {
    // Configuration (issue 4): Problems diagnostics, live reload restarting only what changed, secret inputs,
    // consent for workspace command lines, Add Server / Import / Open Configuration, settings and discovery.
    name: 'config',
    trust: true,
    workspace: writeConfigWorkspace,
    requires: ctx => [ctx.fixture('echo.mjs')],
    settings: { 'chat.mcp.autostart': 'never', 'chat.mcp.discovery.enabled': false },
    timeoutMs: 180_000,
  },
  {
    // One truth next to VS Code's own MCP client (issue 14 item 6): with the default settings the demo server in
    // .vscode/mcp.json runs once (VS Code's copy), and the one-click switch moves it to Switchboard and back.
    name: 'coexist',
    trust: true,
    workspace: async (dir, ctx) => {
      ctx.writeMcpJson(dir, { servers: { demo: { type: 'stdio', command: 'node', args: [ctx.demoServer] } } });
    },
    requires: ctx => [ctx.demoServer],
    settings: { 'mcpSwitchboard.vscodeServers': undefined, 'chat.mcp.autostart': undefined, 'chat.mcp.discovery.enabled': false },
  },
  {
    // Sampling (issue 10 item 4): server-everything's sampling tool (2025-11-25) and the modern fixture's
    // input_required sampling round, answered by the scripted test model through vscode.lm, called from the palette and @mcp.
    // Both servers are pre-allowed (the consent modal cannot be answered from the extension host: the UI spec does that).
    name: 'sampling',
    ...everythingAndModern,
    settings: {
      ...everythingAndModern.settings,
      'mcpSwitchboard.sampling.allowedServers': ['everything', 'modern'],
      'mcpSwitchboard.sampling.allowedModels': ['mcpsb-test/scripted'],
    },
  },
  {
    // Servers that ask back (issue 10): server-everything's roots and elicitation tools and the modern fixture's
    // input_required question, called from the Servers tree and from @mcp (the scripted model makes the tool call);
    // the tests answer the extension's own quick inputs through the workbench (test/integration/harness/quickInputs.ts).
    name: 'asking',
    ...everythingAndModern,
    timeoutMs: 240_000,
  },
];
