// Preloaded (`node --require`) into code-server builds whose command line lacks `--vscode-option` (4.105, see
// scripts/host-versions.json "missingOptions"). Their CLI rejects unknown flags, yet hands every parsed flag on to
// the VS Code server, which does know `enable-smoke-test-driver` (the switch that makes the workbench run the test
// `payload`). Declaring the flag in code-server's option table is all it takes. No effect in any other process.
'use strict';
const { join } = require('node:path');

const entry = process.argv[1] ?? '';
if (entry.endsWith(join('code-server', 'out', 'node', 'entry.js'))) {
  const cli = require(join(entry, '..', 'cli.js'));
  cli.options['enable-smoke-test-driver'] ??= { type: 'boolean', description: 'Added by MCP Switchboard tests.' };
}
