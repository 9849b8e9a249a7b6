import type { JSONPath } from 'jsonc-parser';
import type { ServerOrigin } from '../connection/types';
import type { InputDefinition, ServerConfig } from './schema';

/** A problem in a config file, positioned for an editor diagnostic. Lines and columns are 0-based (UTF-16 units). */
export interface ConfigDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  /** The server the problem belongs to; absent for file-level problems. */
  server?: string;
}

/** An assumption made while reading a server, worth a line in that server's log. */
export interface ConfigNote { server: string; message: string }

export type ConfigFormat = 'vscode' | 'setting' | 'claude-desktop' | 'claude-code' | 'copilot' | 'cursor' | 'windsurf' | 'cline' | 'roo';

export type SourceKind = 'workspace' | 'user' | 'setting' | 'discovered';

/** One place servers can be defined in: a file (or the setting) and how to read it. */
export interface ConfigSource {
  kind: SourceKind;
  format: ConfigFormat;
  /** Human label, e.g. "Workspace", "User", "Settings", "Claude Desktop". */
  label: string;
  /** Absolute path; absent for the setting when it is read as a value. */
  file?: string;
  /** The workspace folder the file belongs to: `${workspaceFolder}` and relative paths resolve against it. */
  workspaceFolder?: string;
  /** Where the config sits inside the file, e.g. `['mcpSwitchboard.servers']` in settings.json. */
  rootPath?: JSONPath;
}

/** Position of a server's key in its file, for "Open Configuration". */
export interface KeyPosition { line: number; column: number; offset: number }

export interface ParsedServer {
  name: string;
  position: KeyPosition;
  /** The definition in canonical (mcp.json) shape, variables not yet substituted; absent when it has errors. */
  config?: ServerConfig;
  /** Errors and warnings of this server (also included in `ParsedConfig.diagnostics`). */
  diagnostics: ConfigDiagnostic[];
  notes: string[];
  /** Canonical field → key actually used in the file (e.g. Windsurf's `serverUrl` for `url`). */
  renamedFields: Partial<Record<keyof ServerConfig, string>>;
  /** JSON path of the server's value in the file, to position problems found later (while substituting variables). */
  path: JSONPath;
}

export interface ParsedConfig {
  source: ConfigSource;
  inputs: InputDefinition[];
  servers: ParsedServer[];
  /** Every diagnostic of the file: syntax, file-level and per-server. */
  diagnostics: ConfigDiagnostic[];
  notes: ConfigNote[];
  /** The parsed text, kept to position problems found while resolving. */
  text: string;
}

export function originOf(source: ConfigSource, server: ParsedServer): ServerOrigin {
  return { kind: source.kind, file: source.file, line: server.position.line, column: server.position.column, label: source.label };
}

/** Discovered servers belong to another client's file: show them, never edit them. */
export function isReadOnlyOrigin(origin: ServerOrigin | undefined): boolean {
  return origin?.kind === 'discovered';
}

/** Files that come with the workspace (its `.vscode/mcp.json`, `.cursor/mcp.json`...): they must not run in an untrusted workspace. */
export function isWorkspaceControlled(source: ConfigSource): boolean {
  return source.kind === 'workspace' || source.workspaceFolder !== undefined;
}
