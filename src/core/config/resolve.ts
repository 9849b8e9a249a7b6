import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { ServerEntry } from '../connection/types';
import type { ReadTextFile } from './envFile';
import { toServerOptions } from './options';
import { filePath } from './parseServer';
import { LineIndex } from './positions';
import { resolveServer, type FieldFailure, type ServerScope } from './resolveServer';
import type { InputDefinition } from './schema';
import { isWorkspaceControlled, originOf, type ConfigDiagnostic, type ConfigNote, type ParsedConfig, type ParsedServer } from './types';
import type { InputLookup } from './variables';

/** Asks the user (or secret storage) for an input's value; `undefined` means the user cancelled. */
export type InputResolver = (input: InputDefinition) => Promise<string | undefined>;

export interface ResolveContext {
  /** The environment `${env:NAME}` and `${NAME}` read. */
  env: Record<string, string | undefined>;
  userHome: string;
  /** Decides path syntax, `${pathSeparator}` and case-insensitive env names on Windows; defaults to this process's platform. */
  platform?: NodeJS.Platform;
  /** Used when the source has no folder of its own (a user-level file in a single-folder window). */
  workspaceFolder?: string;
  /** Folder path by name, for `${workspaceFolder:name}`. */
  workspaceFolders?: Record<string, string>;
  /** Without it, servers using `${input:...}` are blocked with `needs-input`. */
  resolveInput?: InputResolver;
  /** Reads envFiles; defaults to the file system. */
  readTextFile?: ReadTextFile;
  /** `false` blocks servers from workspace-controlled files as `untrusted`, before any input prompt or file read. Default true. */
  workspaceTrusted?: boolean;
}

export interface ResolveResult {
  entries: ServerEntry[];
  /** Positioned problems found while substituting (undefined variables, missing envFile...). */
  diagnostics: ConfigDiagnostic[];
  notes: ConfigNote[];
}

const readFromDisk: ReadTextFile = path => fs.readFile(path, 'utf8');

function envReader(env: Record<string, string | undefined>, platform: NodeJS.Platform): (name: string) => string | undefined {
  if (platform !== 'win32') return name => env[name];
  const byUpperName = new Map(Object.entries(env).map(([k, v]) => [k.toUpperCase(), v]));
  return name => env[name] ?? byUpperName.get(name.toUpperCase());
}

/** Memoized per id, so several servers sharing an input prompt once. */
function inputLookup(inputs: InputDefinition[], resolver: InputResolver | undefined): (id: string) => Promise<InputLookup> {
  const pending = new Map<string, Promise<InputLookup>>();
  return id => {
    const input = inputs.find(i => i.id === id);
    if (!input) return Promise.resolve({ missing: 'undeclared' });
    if (!resolver) return Promise.resolve({ missing: 'no-resolver' });
    let lookup = pending.get(id);
    if (!lookup) {
      lookup = resolver(input).then(value => (value === undefined ? { missing: 'cancelled' as const } : { value }));
      pending.set(id, lookup);
    }
    return lookup;
  };
}

function scopeFor(parsed: ParsedConfig, ctx: ResolveContext): ServerScope {
  const platform = ctx.platform ?? process.platform;
  const paths = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const workspaceFolder = parsed.source.workspaceFolder ?? ctx.workspaceFolder;
  const passwordInputs = new Set(parsed.inputs.filter(i => i.type === 'promptString' && i.password).map(i => i.id));
  return {
    variables: { getEnv: envReader(ctx.env, platform), userHome: ctx.userHome, pathSeparator: paths.sep, workspaceFolder, workspaceFolders: ctx.workspaceFolders },
    lookupInput: inputLookup(parsed.inputs, ctx.resolveInput),
    isPasswordInput: id => passwordInputs.has(id),
    paths,
    baseDir: workspaceFolder ?? (parsed.source.file ? paths.dirname(parsed.source.file) : undefined),
    defaultCwd: parsed.source.workspaceFolder,
    envFileRoot: isWorkspaceControlled(parsed.source) ? workspaceFolder ?? (parsed.source.file ? paths.dirname(paths.dirname(parsed.source.file)) : undefined) : undefined,
    readTextFile: ctx.readTextFile ?? readFromDisk,
  };
}

function describeErrors(diagnostics: ConfigDiagnostic[]): string {
  return diagnostics.filter(d => d.severity === 'error').map(d => `line ${d.line + 1}: ${d.message}`).join('; ');
}

/** Underlines the failing `${...}` when the JSON string has no escapes (so offsets map 1:1), else the whole value. */
function failureDiagnostic(failure: FieldFailure, server: ParsedServer, parsed: ParsedConfig, root: Node | undefined, lines: LineIndex): ConfigDiagnostic {
  const fallback = { offset: server.position.offset, length: JSON.stringify(server.name).length };
  const node = root && findNodeAtLocation(root, [...server.path, ...filePath(failure.path, server.renamedFields)]);
  let range = node ? { offset: node.offset, length: node.length } : fallback;
  if (node && failure.variable && typeof node.value === 'string' && parsed.text.slice(node.offset, node.offset + node.length) === JSON.stringify(node.value)) {
    const at = node.value.indexOf(failure.variable);
    if (at >= 0) range = { offset: node.offset + 1 + at, length: failure.variable.length };
  }
  return lines.diagnostic('error', failure.message, range.offset, range.length, server.name);
}

/** Resolves every server of one parsed config: variables, inputs, envFile, defaults. Invalid servers come back blocked. */
export async function resolveConfig(parsed: ParsedConfig, ctx: ResolveContext): Promise<ResolveResult> {
  const scope = scopeFor(parsed, ctx);
  const lines = new LineIndex(parsed.text);
  let tree: { root?: Node } | undefined;
  const root = () => (tree ??= { root: parseTree(parsed.text, [], { allowTrailingComma: true }) }).root;
  const result: ResolveResult = { entries: [], diagnostics: [], notes: [...parsed.notes] };
  const untrusted = ctx.workspaceTrusted === false && isWorkspaceControlled(parsed.source);

  for (const server of parsed.servers) {
    const origin = originOf(parsed.source, server);
    if (!server.config) {
      result.entries.push({ name: server.name, origin, blocked: { reason: 'config-error', message: describeErrors(server.diagnostics) } });
      continue;
    }
    if (untrusted) {
      result.entries.push({ name: server.name, origin, blocked: { reason: 'untrusted', message: `${parsed.source.label} servers do not start until you trust this workspace` } });
      continue;
    }
    const resolved = await resolveServer(server.config, scope);
    result.notes.push(...resolved.notes.map(message => ({ server: server.name, message })));
    if (!resolved.target) {
      const configErrors = resolved.failures.filter(f => f.reason === 'config-error');
      const reason = configErrors.length > 0 ? 'config-error' : 'needs-input';
      result.diagnostics.push(...configErrors.map(f => failureDiagnostic(f, server, parsed, root(), lines)));
      const message = (configErrors.length > 0 ? configErrors : resolved.failures).map(f => f.message).join('; ');
      result.entries.push({ name: server.name, origin, blocked: { reason, message } });
      continue;
    }
    result.entries.push({
      name: server.name,
      origin,
      spec: { name: server.name, target: resolved.target, options: toServerOptions(server.config), secrets: resolved.secrets, ...(resolved.inputSecrets.length ? { inputSecrets: resolved.inputSecrets } : {}), origin },
    });
  }
  return result;
}

export async function resolveServers(parsed: ParsedConfig, ctx: ResolveContext): Promise<ServerEntry[]> {
  return (await resolveConfig(parsed, ctx)).entries;
}
