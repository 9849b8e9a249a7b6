/**
 * Every command id in one typed place (mirrors package.json `contributes.commands`), plus the context keys and
 * settings the views and commands share.
 */
export const Commands = {
  // Views and palette (registered by src/commands)
  refresh: 'mcpSwitchboard.refresh',
  startServer: 'mcpSwitchboard.startServer',
  stopServer: 'mcpSwitchboard.stopServer',
  restartServer: 'mcpSwitchboard.restartServer',
  restartAll: 'mcpSwitchboard.restartAll',
  enableServer: 'mcpSwitchboard.enableServer',
  disableServer: 'mcpSwitchboard.disableServer',
  showLog: 'mcpSwitchboard.showLog',
  callTool: 'mcpSwitchboard.callTool',
  callToolWithJson: 'mcpSwitchboard.callToolWithJson',
  runToolCallFile: 'mcpSwitchboard.runToolCallFile',
  readResource: 'mcpSwitchboard.readResource',
  getPrompt: 'mcpSwitchboard.getPrompt',
  copyToolName: 'mcpSwitchboard.copyToolName',
  copyServerConfig: 'mcpSwitchboard.copyServerConfig',
  /** Tree/palette wrapper around `openInspector` that turns a tree node into `{ server, tool }`. */
  inspectItem: 'mcpSwitchboard.inspectItem',
  /** Tree/palette wrapper around `openConfiguration` that turns a tree node into a server name. */
  openServerConfiguration: 'mcpSwitchboard.openServerConfiguration',
  tryDemoServer: 'mcpSwitchboard.tryDemoServer',
  showStatus: 'mcpSwitchboard.showStatus',
  filterTree: 'mcpSwitchboard.filterTree',
  clearTreeFilter: 'mcpSwitchboard.clearTreeFilter',
  showFilteredTools: 'mcpSwitchboard.showFilteredTools',
  hideFilteredTools: 'mcpSwitchboard.hideFilteredTools',
  showTools: 'mcpSwitchboard.showTools',
  openChat: 'mcpSwitchboard.openChat',
  showToolCosts: 'mcpSwitchboard.showToolCosts',
  /** Tree: cancel a running task-augmented tool call (tasks/cancel); arg = task node or task id. */
  cancelTask: 'mcpSwitchboard.cancelTask',
  /** Tree: open a completed task's result in the result document; arg = task node or task id. */
  openTaskResult: 'mcpSwitchboard.openTaskResult',

  // Registered by other parts of the extension; the views and palette invoke them by id.
  /** Inspector: arg `{ server?: string; tool?: string }`. */
  openInspector: 'mcpSwitchboard.openInspector',
  /** Configuration layer. */
  addServer: 'mcpSwitchboard.addServer',
  importServers: 'mcpSwitchboard.importServers',
  /** Configuration layer: arg = server name. */
  openConfiguration: 'mcpSwitchboard.openConfiguration',
  clearStoredInputs: 'mcpSwitchboard.clearStoredInputs',
  /** Configuration layer (proposed): approve running a server blocked with `needs-consent`; arg = server name. */
  approveServer: 'mcpSwitchboard.approveServer',
  /** Configuration layer (proposed): ask for the `${input:...}` values a `needs-input` server lacks; arg = server name. */
  enterInputs: 'mcpSwitchboard.enterInputs',
  /** Configuration layer: who runs VS Code's own mcp.json servers (src/workspace/vscodeServersOwner.ts). */
  runVSCodeServersInSwitchboard: 'mcpSwitchboard.runVSCodeServersInSwitchboard',
  leaveVSCodeServersToVSCode: 'mcpSwitchboard.leaveVSCodeServersToVSCode',
  /** Sampling (src/chat/sampling): forget remembered sampling choices; arg = server name or tree node. */
  revokeSamplingConsent: 'mcpSwitchboard.revokeSamplingConsent',
  /** OAuth for remote servers (src/commands/oauthCommands.ts, wired by the composition root with the token store). */
  signIn: 'mcpSwitchboard.signIn',
  signOut: 'mcpSwitchboard.signOut',
  signOutAll: 'mcpSwitchboard.signOutAll',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Commands this folder does not register (another part of the extension does). */
export const externalCommands: ReadonlySet<CommandId> = new Set<CommandId>([
  Commands.openInspector, Commands.addServer, Commands.importServers, Commands.openConfiguration,
  Commands.clearStoredInputs, Commands.approveServer, Commands.enterInputs, Commands.runVSCodeServersInSwitchboard, Commands.leaveVSCodeServersToVSCode,
  Commands.revokeSamplingConsent,
  Commands.signIn, Commands.signOut, Commands.signOutAll,
]);

export const ViewIds = { servers: 'mcpSwitchboard.servers', container: 'mcpSwitchboard' } as const;

/** `when`-clause context keys set by the views. */
export const ContextKeys = {
  treeFiltered: 'mcpSwitchboard.treeFiltered',
  showFilteredTools: 'mcpSwitchboard.showFilteredTools',
  hasServers: 'mcpSwitchboard.hasServers',
} as const;

/** Settings owned by the views (`contributes.configuration`). */
export const Settings = {
  section: 'mcpSwitchboard',
  showFilteredTools: 'tree.showFilteredTools',
  statusBarEnabled: 'statusBar.enabled',
} as const;

/**
 * Virtual document schemes. Resources use `mcpsb-resource:`, not `mcp-resource:`: VS Code's own MCP support registers
 * a file system provider for `mcp-resource:` (its servers' resources), which would shadow ours.
 */
export const Schemes = {
  resource: 'mcpsb-resource',
  result: 'mcp-result',
  /** Only used for FileDecorations of tree items (label colours). */
  treeItem: 'mcp-switchboard-tree',
} as const;

/** Argument-file suffix of the JSON tool-call editor (`<tool>.mcp-call.jsonc`). */
export const TOOL_CALL_FILE_SUFFIX = '.mcp-call.jsonc';
