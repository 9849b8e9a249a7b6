import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'src/core, src/mcp, src/shared and the inspector host logic stay vscode-free so they run in plain Node.' };
const noSdk = { group: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*', '@modelcontextprotocol/client', '@modelcontextprotocol/server', '@modelcontextprotocol/core', '@modelcontextprotocol/client/*', '@modelcontextprotocol/server/*', '@modelcontextprotocol/core/*'], message: 'Only src/mcp imports the MCP SDK.' };
const noCommands = { group: ['**/commands', '**/commands/*'], message: 'views/ must not import commands/: shared pieces live in src/common, src/core or src/mcp.' };
/** One no-restricted-imports rule per folder (flat config does not merge two of them for the same file). */
const layer = (files, { vscode = true, sdk = false, extra = [] } = {}) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: vscode ? [] : [noVscode], patterns: [...(sdk ? [] : [noSdk]), ...extra] }] },
});
// SDK v1 is the benchmark baseline and a legacy test peer: a dev dependency that must not reach the bundle.
const sdkV1IsDevOnly = { group: ['@modelcontextprotocol/sdk', '@modelcontextprotocol/sdk/*'], message: 'SDK v1 is a dev dependency (benchmark baseline); use @modelcontextprotocol/client or /server (v2).' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', '.xdg/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', structuredClone: 'readonly', performance: 'readonly', globalThis: 'readonly', Headers: 'readonly', Request: 'readonly', Response: 'readonly', ReadableStream: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // Layering: the SDK stays in src/mcp; core, mcp and shared stay vscode-free; views never import commands.
  layer(['src/**/*.ts', 'webview/**/*.ts']),
  layer(['src/core/**', 'src/shared/**', 'webview/**'], { vscode: false }),
  layer(['src/mcp/**'], { vscode: false, sdk: true, extra: [sdkV1IsDevOnly] }),
  layer(['src/views/**'], { extra: [noCommands] }),
  // The inspector's host logic, pump and formats are unit-tested in plain Node; only the panel adapter touches vscode.
  { ...layer(['src/inspector/**'], { vscode: false }), ignores: ['src/inspector/inspectorPanel.ts', 'src/inspector/trafficCapacity.ts', 'src/inspector/index.ts'] },
  {
    files: ['webview/**'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly', requestAnimationFrame: 'readonly', navigator: 'readonly', HTMLElement: 'readonly', Blob: 'readonly' } },
  },
);
