import * as vscode from 'vscode';
import { suggestServerName } from '../core/config/serverName';
import type { InputDefinition, ServerConfig } from '../core/config/schema';
import type { ConfigurationService } from './configurationService';
import { chooseTarget, writeServers, type TargetArg } from './configTargets';
import { declaredInputIds, extractSecrets, parseAssignment, splitCommandLine } from './serverDefinition';
import { openServerDefinition } from './openConfiguration';

/** Arguments that skip the UI, e.g. `addServer({ target: 'workspace', name: 'x', server: { command: 'node', args: [...] } })`. */
export interface AddServerArgs {
  target?: TargetArg;
  /** Workspace folder (name or path) when `target` is `'workspace'` in a multi-root window. */
  folder?: string;
  name?: string;
  server?: ServerConfig | Record<string, unknown>;
  /** Inputs to declare next to the server. */
  inputs?: InputDefinition[];
  /** Input id → value, kept in SecretStorage. */
  secrets?: Record<string, string>;
  /** Open the file at the new server afterwards (default: only when the wizard ran). */
  open?: boolean;
}

export interface AddServerResult { name: string; file: string }

const title = 'MCP Switchboard: Add Server';

const quoteArg = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg));

async function askLines(prompt: string, placeHolder: string, parse: (text: string) => [string, string] | undefined, invalid: string, password = false): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  for (;;) {
    const text = await vscode.window.showInputBox({
      title, prompt: `${prompt}${Object.keys(values).length ? ` (added: ${Object.keys(values).join(', ')})` : ''}`, placeHolder, ignoreFocusOut: true, password,
      validateInput: v => (v.trim() === '' || parse(v) ? undefined : invalid),
    });
    if (text === undefined) return undefined;
    if (text.trim() === '') return values;
    const [key, value] = parse(text)!;
    values[key] = value;
  }
}

async function askStdio(): Promise<{ config: ServerConfig; suggestedName: string } | undefined> {
  const line = await vscode.window.showInputBox({
    title, prompt: 'Command that starts the server (you can type the whole command line)', placeHolder: 'npx -y @modelcontextprotocol/server-everything', ignoreFocusOut: true,
    validateInput: v => {
      try { return splitCommandLine(v).length ? undefined : 'Enter a command'; } catch (e) { return (e as Error).message; }
    },
  });
  if (line === undefined) return undefined;
  const [command, ...rest] = splitCommandLine(line);
  const argsText = await vscode.window.showInputBox({
    title, prompt: `Arguments for ${command}, separated by spaces (quote an argument that contains spaces)`, value: rest.map(quoteArg).join(' '), ignoreFocusOut: true,
    validateInput: v => { try { splitCommandLine(v); return undefined; } catch (e) { return (e as Error).message; } },
  });
  if (argsText === undefined) return undefined;
  const env = await askLines('Environment variable as NAME=value; press Enter on an empty box to finish. Tokens are moved to secret storage.', 'GITHUB_TOKEN=…', t => parseAssignment(t, '='), 'Use NAME=value');
  if (env === undefined) return undefined;
  const args = splitCommandLine(argsText);
  const suggestedName = suggestServerName(command, args);
  return { config: { type: 'stdio', command, args, ...(Object.keys(env).length ? { env } : {}) }, suggestedName };
}

async function askRemote(type: 'http' | 'sse'): Promise<{ config: ServerConfig; suggestedName: string } | undefined> {
  const url = await vscode.window.showInputBox({
    title, prompt: `URL of the ${type === 'http' ? 'streamable HTTP' : 'SSE'} endpoint`, placeHolder: 'https://example.com/mcp', ignoreFocusOut: true,
    validateInput: v => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : 'Enter an http:// or https:// URL'),
  });
  if (url === undefined) return undefined;
  const token = await vscode.window.showInputBox({
    title, prompt: 'Bearer token, if the server needs one (kept in secret storage, never written to the file); leave empty for none', password: true, ignoreFocusOut: true,
  });
  if (token === undefined) return undefined;
  const headers = await askLines('Other HTTP header as Name: value; press Enter on an empty box to finish', 'X-Api-Version: 2', t => parseAssignment(t, ':'), 'Use Name: value');
  if (headers === undefined) return undefined;
  if (token.trim()) headers.Authorization = `Bearer ${token.trim()}`;
  const suggestedName = new URL(url.trim()).hostname.split('.').filter(p => p !== 'www' && p !== 'mcp')[0] ?? 'remote';
  return { config: { type, url: url.trim(), ...(Object.keys(headers).length ? { headers } : {}) }, suggestedName };
}

async function askServer(): Promise<{ config: ServerConfig; suggestedName: string } | undefined> {
  const kind = await vscode.window.showQuickPick([
    { label: '$(terminal) Local command (stdio)', description: 'npx, uvx, node, docker, a binary…', transport: 'stdio' as const },
    { label: '$(globe) Remote server (HTTP)', description: 'streamable HTTP, falls back to SSE', transport: 'http' as const },
    { label: '$(radio-tower) Remote server (legacy SSE)', description: 'Server-Sent Events only', transport: 'sse' as const },
  ], { title, placeHolder: 'How is the server reached?', ignoreFocusOut: true });
  if (!kind) return undefined;
  return kind.transport === 'stdio' ? askStdio() : askRemote(kind.transport);
}

/** `mcpSwitchboard.addServer`: the guided QuickPick, or straight from arguments. */
export async function addServer(service: ConfigurationService, context: vscode.ExtensionContext, args: AddServerArgs = {}): Promise<AddServerResult | undefined> {
  const interactive = args.server === undefined;
  const asked = interactive ? await askServer() : { config: args.server as ServerConfig, suggestedName: args.name ?? 'server' };
  if (!asked) return undefined;
  const name = args.name ?? await vscode.window.showInputBox({
    title, prompt: 'Name of the server (shown in the tree and used to qualify its tools)', value: asked.suggestedName, ignoreFocusOut: true,
    validateInput: v => (v.trim() ? undefined : 'Enter a name'),
  });
  if (!name?.trim()) return undefined;
  const target = await chooseTarget(context, args.target, args.folder, title);
  if (!target?.file) return undefined;

  let text = '';
  try { text = (await vscode.workspace.fs.readFile(vscode.Uri.file(target.file))).toString(); } catch { /* a new file */ }
  if (interactive && service.snapshot.parsed.find(p => p.source.file === target.file)?.servers.some(s => s.name === name.trim())) {
    const replace = await vscode.window.showWarningMessage(`"${name}" is already defined in ${target.file}. Replace it?`, { modal: true }, 'Replace');
    if (replace !== 'Replace') return undefined;
  }
  const taken = new Set([...declaredInputIds(text), ...(args.inputs ?? []).map(i => i.id)]);
  const extracted = extractSecrets(name.trim(), asked.config, taken);
  await writeServers(service, target, [{
    name: name.trim(),
    server: extracted.config,
    inputs: [...(args.inputs ?? []), ...extracted.inputs],
    secrets: { ...extracted.secrets, ...args.secrets },
  }]);
  await service.reload();
  if (args.open ?? interactive) await openServerDefinition(service, name.trim());
  if (interactive) void vscode.window.showInformationMessage(`Added the MCP server "${name.trim()}" to ${target.label === 'User' ? 'your user configuration' : target.file}.`);
  return { name: name.trim(), file: target.file };
}
