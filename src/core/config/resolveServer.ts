import type { PlatformPath } from 'node:path';
import type { HttpTarget, ServerTarget } from '../connection/types';
import { invalidUrlMessage, isAbsoluteHttpUrl } from './checkServer';
import { loadEnvFile, type ReadTextFile } from './envFile';
import { fieldLabel } from './issues';
import type { ServerConfig } from './schema';
import { secretArgValues, urlSecrets } from '../secrets/secretNames';
import { isSecretEnvName, isSecretHeaderName, SecretCollector } from './secrets';
import { substituteVariables, type InputLookup, type VariableContext } from './variables';

/** A field that could not be resolved; `needs-input` when only a user-supplied value is missing. */
export interface FieldFailure {
  path: (string | number)[];
  message: string;
  reason: 'config-error' | 'needs-input';
  /** The `${...}` reference that failed, to underline it. */
  variable?: string;
}

/** What resolving one server needs from its file's context. */
export interface ServerScope {
  variables: Omit<VariableContext, 'lookupInput'>;
  lookupInput(id: string): Promise<InputLookup>;
  isPasswordInput(id: string): boolean;
  paths: PlatformPath;
  /** Relative `cwd` and `envFile` resolve against this directory. */
  baseDir?: string;
  /** Used when the definition has no `cwd` (the workspace folder for workspace files). */
  defaultCwd?: string;
  /** Workspace files may only read an `envFile` inside this folder (a repository must not point it at `~/.ssh`). */
  envFileRoot?: string;
  readTextFile: ReadTextFile;
}

export interface ResolvedServer {
  target?: ServerTarget;
  secrets: string[];
  /** Values of password `${input:}`s (a subset of `secrets`). */
  inputSecrets: string[];
  failures: FieldFailure[];
  notes: string[];
}

class Resolution {
  readonly failures: FieldFailure[] = [];
  readonly notes: string[] = [];
  readonly secrets = new SecretCollector();
  readonly inputSecrets = new Set<string>();
  private readonly variables: VariableContext;

  constructor(readonly scope: ServerScope) {
    this.variables = {
      ...scope.variables,
      lookupInput: async id => {
        const found = await scope.lookupInput(id);
        if ('value' in found && scope.isPasswordInput(id)) {
          this.secrets.add(found.value);
          if (found.value !== '') this.inputSecrets.add(found.value);
        }
        return found;
      },
    };
  }

  async substitute(path: (string | number)[], value: string): Promise<string | undefined> {
    const result = await substituteVariables(value, fieldLabel(path), this.variables);
    if (result.ok) return result.value;
    this.failures.push({ path, message: result.message, reason: result.reason, variable: result.variable });
    return undefined;
  }

  async substituteRecord(field: 'headers', record: Record<string, string>): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      const resolved = await this.substitute([field, key], value);
      if (resolved !== undefined) out[key] = resolved;
    }
    return out;
  }

  absolute(path: string): string {
    const { paths, baseDir } = this.scope;
    return baseDir === undefined || paths.isAbsolute(path) ? path : paths.resolve(baseDir, path);
  }
}

async function envFileValues(r: Resolution, envFile: string): Promise<Record<string, string>> {
  const path = await r.substitute(['envFile'], envFile);
  if (path === undefined) return {};
  const absolute = r.absolute(path);
  const { envFileRoot, paths } = r.scope;
  if (envFileRoot !== undefined && !isInside(paths, envFileRoot, absolute)) {
    r.failures.push({ path: ['envFile'], message: `envFile \`${path}\` is outside the workspace folder; a workspace config may only read env files inside it`, reason: 'config-error' });
    return {};
  }
  const loaded = await loadEnvFile(absolute, r.scope.readTextFile);
  if (!loaded.ok) {
    r.failures.push({ path: ['envFile'], message: loaded.message, reason: 'config-error' });
    return {};
  }
  for (const problem of loaded.contents.problems) r.notes.push(`envFile line ${problem.line + 1} ignored: ${problem.message}`);
  return loaded.contents.values;
}

function isInside(paths: PlatformPath, root: string, path: string): boolean {
  const rel = paths.relative(paths.resolve(root), paths.resolve(path));
  return rel === '' || (!rel.startsWith('..') && !paths.isAbsolute(rel));
}

async function environment(r: Resolution, config: ServerConfig): Promise<Record<string, string | null> | undefined> {
  if (config.env === undefined && config.envFile === undefined) return undefined;
  const merged: Record<string, string | null> = config.envFile !== undefined ? await envFileValues(r, config.envFile) : {};
  for (const [key, value] of Object.entries(config.env ?? {})) {
    merged[key] = typeof value === 'string' ? (await r.substitute(['env', key], value)) ?? '' : value === null ? null : String(value);
  }
  for (const [key, value] of Object.entries(merged)) {
    if (value !== null && isSecretEnvName(key)) r.secrets.addHeuristic(value);
  }
  return merged;
}

async function stdioTarget(r: Resolution, config: ServerConfig): Promise<ServerTarget> {
  const command = (await r.substitute(['command'], config.command ?? '')) ?? '';
  const args: string[] = [];
  for (const [i, arg] of (config.args ?? []).entries()) args.push((await r.substitute(['args', i], arg)) ?? '');
  const cwd = config.cwd !== undefined ? await r.substitute(['cwd'], config.cwd) : r.scope.defaultCwd;
  const env = await environment(r, config);
  for (const value of secretArgValues(args)) r.secrets.addHeuristic(value);
  return {
    type: 'stdio', command, args,
    ...(cwd !== undefined ? { cwd: r.absolute(cwd) } : {}),
    ...(env !== undefined ? { env } : {}),
  };
}

/** The pre-registered OAuth client; its secret is redacted everywhere like any other secret. */
async function oauthClient(r: Resolution, config: ServerConfig): Promise<HttpTarget['oauth']> {
  if (!config.oauth) return undefined;
  const clientId = (await r.substitute(['oauth', 'clientId'], config.oauth.clientId)) ?? '';
  const clientSecret = config.oauth.clientSecret === undefined ? undefined : await r.substitute(['oauth', 'clientSecret'], config.oauth.clientSecret);
  if (clientSecret) r.secrets.addHeuristic(clientSecret);
  return { clientId, ...(clientSecret ? { clientSecret } : {}), ...(config.oauth.scopes ? { scopes: config.oauth.scopes } : {}) };
}

async function remoteTarget(r: Resolution, config: ServerConfig, type: 'http' | 'sse'): Promise<ServerTarget> {
  const url = (await r.substitute(['url'], config.url ?? '')) ?? '';
  if (!r.failures.some(f => f.path[0] === 'url') && !isAbsoluteHttpUrl(url)) {
    r.failures.push({ path: ['url'], message: invalidUrlMessage(r.secrets.redact(url)), reason: 'config-error' });
  }
  for (const secret of urlSecrets(url)) r.secrets.addHeuristic(secret);
  const oauth = await oauthClient(r, config);
  if (config.headers === undefined) return { type, url, ...(oauth ? { oauth } : {}) };
  const headers = await r.substituteRecord('headers', config.headers);
  for (const [name, value] of Object.entries(headers)) if (isSecretHeaderName(name)) r.secrets.addHeuristic(value);
  return { type, url, headers, ...(oauth ? { oauth } : {}) };
}

/** Substitutes variables, loads the envFile and builds the target; every failure is collected, not just the first. */
export async function resolveServer(config: ServerConfig, scope: ServerScope): Promise<ResolvedServer> {
  const r = new Resolution(scope);
  const target = config.type === 'stdio' ? await stdioTarget(r, config) : await remoteTarget(r, config, config.type === 'sse' ? 'sse' : 'http');
  return { target: r.failures.length === 0 ? target : undefined, secrets: r.secrets.list(), inputSecrets: [...r.inputSecrets].sort(), failures: r.failures, notes: r.notes };
}
