import { toRoot } from '../clientRequests/roots';
import type { FormatRules } from './formats';
import type { PathProblem } from './issues';
import type { ServerConfig } from './schema';

const hasVariable = (value: string) => value.includes('${');

export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}

export function invalidUrlMessage(value: string): string {
  return `\`url\` must be an absolute http(s) URL; found \`${value}\``;
}

const stdioOnlyFields = ['command', 'args', 'cwd', 'env', 'envFile'] as const;
const remoteOnlyFields = ['url', 'headers', 'oauth'] as const;

export interface CheckedServer { config: ServerConfig; problems: PathProblem[]; notes: string[] }

function inferType(config: ServerConfig, rules: FormatRules, problems: PathProblem[], notes: string[]): ServerConfig['type'] {
  if (config.type) return config.type;
  const hasCommand = config.command !== undefined;
  const hasUrl = config.url !== undefined;
  if (hasCommand && hasUrl) {
    problems.push({ path: [], severity: 'error', message: 'Both `command` and `url` are set; add `"type": "stdio"` to spawn `command`, or `"type": "http"` / `"sse"` to connect to `url`' });
    return undefined;
  }
  if (hasCommand) return 'stdio';
  if (hasUrl) {
    const meaning = rules.urlWithoutType === 'http' ? 'streamable HTTP, falling back to SSE' : 'legacy SSE';
    notes.push(`No \`type\` next to \`url\`: assumed \`${rules.urlWithoutType}\` (${meaning}), as ${rules.client} does`);
    return rules.urlWithoutType;
  }
  problems.push({ path: [], severity: 'error', message: 'A server needs `command` (a local stdio server) or `url` (a remote http/sse server); found neither' });
  return undefined;
}

/** Cross-field rules zod's per-field schema cannot express. Returns the config with `type` made explicit. */
export function checkServer(input: ServerConfig, rules: FormatRules): CheckedServer {
  const problems: PathProblem[] = [];
  const notes: string[] = [];
  const type = inferType(input, rules, problems, notes);
  const config: ServerConfig = type ? { ...input, type } : input;

  if (type === 'stdio') {
    if (config.command === undefined) problems.push({ path: ['command'], severity: 'error', message: '`command` is required for a stdio server' });
    for (const field of remoteOnlyFields) {
      if (config[field] !== undefined) problems.push({ path: [field], atKey: true, severity: 'warning', message: `\`${field}\` is ignored for a stdio server` });
    }
  } else if (type === 'http' || type === 'sse') {
    if (config.url === undefined) problems.push({ path: ['url'], severity: 'error', message: `\`url\` is required for ${type === 'http' ? 'an http' : 'an sse'} server` });
    else if (!hasVariable(config.url) && !isAbsoluteHttpUrl(config.url)) problems.push({ path: ['url'], severity: 'error', message: invalidUrlMessage(config.url) });
    for (const field of stdioOnlyFields) {
      if (config[field] !== undefined) problems.push({ path: [field], atKey: true, severity: 'warning', message: `\`${field}\` is ignored for ${type === 'http' ? 'an http' : 'an sse'} server` });
    }
  }

  config.roots?.forEach((root, i) => {
    // Relative roots resolve against a stdio server's cwd; a remote server has none.
    try { toRoot(root, type === 'stdio' ? '/' : undefined); } catch (e) { problems.push({ path: ['roots', i], severity: 'error', message: (e as Error).message }); }
  });
  const overlap = (config.allowedTools ?? []).filter(tool => config.excludedTools?.includes(tool));
  if (overlap.length > 0) {
    problems.push({ path: ['excludedTools'], severity: 'warning', message: `${overlap.map(t => `\`${t}\``).join(', ')} ${overlap.length === 1 ? 'is' : 'are'} both allowed and excluded; excluded wins` });
  }
  return { config, problems, notes };
}
