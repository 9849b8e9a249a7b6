import type { ConfigFormat } from './types';

/** How one config format is laid out and which of its conventions need mapping. */
export interface FormatRules {
  /** Client name for labels and notes. */
  client: string;
  /** The object holding the servers; `undefined` when the servers object is the root (the setting). */
  containerKey: 'servers' | 'mcpServers' | undefined;
  /** VS Code's `inputs` array is read. */
  hasInputs: boolean;
  /** Uses the `mcpServers` dialect: type aliases, `serverUrl`, `autoApprove`... */
  foreign: boolean;
  /** What a `url` without `type` means. */
  urlWithoutType: 'http' | 'sse';
  /** Unit of a server's `timeout`. */
  timeoutUnit: 'ms' | 's';
  /** Warn about unknown top-level keys (other clients keep unrelated settings in the same file). */
  strictTopLevel: boolean;
}

const mcpServersFormat = (client: string, extra: Partial<FormatRules> = {}): FormatRules => ({
  client, containerKey: 'mcpServers', hasInputs: false, foreign: true, urlWithoutType: 'http', timeoutUnit: 'ms', strictTopLevel: false, ...extra,
});

export const formatRules: Record<ConfigFormat, FormatRules> = {
  vscode: { client: 'VS Code', containerKey: 'servers', hasInputs: true, foreign: false, urlWithoutType: 'http', timeoutUnit: 'ms', strictTopLevel: true },
  setting: { client: 'MCP Switchboard settings', containerKey: undefined, hasInputs: false, foreign: false, urlWithoutType: 'http', timeoutUnit: 'ms', strictTopLevel: false },
  'claude-desktop': mcpServersFormat('Claude Desktop'),
  'claude-code': mcpServersFormat('Claude Code'),
  copilot: mcpServersFormat('Copilot CLI'),
  cursor: mcpServersFormat('Cursor'),
  windsurf: mcpServersFormat('Windsurf'),
  cline: mcpServersFormat('Cline', { urlWithoutType: 'sse', timeoutUnit: 's' }),
  roo: mcpServersFormat('Roo Code', { timeoutUnit: 's' }),
};

/** Guesses a file's format from its name and content, for files opened by hand (CLI `--config`, "Import from file"). */
export function detectFormat(file: string, text: string): ConfigFormat {
  const normalized = file.replace(/\\/g, '/');
  const name = normalized.split('/').pop() ?? '';
  if (name === 'claude_desktop_config.json') return 'claude-desktop';
  if (name === 'mcp-config.json' && normalized.includes('/.copilot/')) return 'copilot';
  if (name === 'cline_mcp_settings.json') return 'cline';
  if (name === 'mcp_settings.json' || normalized.includes('/.roo/')) return 'roo';
  if (name === 'mcp_config.json' && normalized.includes('/.codeium/')) return 'windsurf';
  if (normalized.includes('/.cursor/')) return 'cursor';
  if (/"servers"\s*:/.test(text)) return 'vscode';
  if (/"mcpServers"\s*:/.test(text)) return 'claude-code';
  return 'vscode';
}
