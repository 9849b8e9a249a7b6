import { createHash, createHmac } from 'node:crypto';
import type { ServerEntry, ServerSpec, ServerTarget } from '../connection/types';
import type { ServerConfig } from './schema';
import { redactSecrets } from './secrets';
import { scanVariables } from './variables';

/**
 * Consent for workspace-defined servers. The fingerprint covers everything that decides what runs or where
 * secrets go:
 * - stdio: command, args, cwd, and every env name and value (the `envFile`'s included, merged into env);
 * - http/sse: the URL's origin and the header names.
 * Values of password `${input:}`s are covered by an HMAC under a per-install key, so a rotated password asks again
 * while the stored fingerprint never lets anyone test guesses without that key. Other secret-looking values are
 * fingerprinted as written: a `*_TOKEN` variable can no longer hide a changed payload.
 */
export function commandLineFingerprint(spec: ServerSpec, hmacKey: string): string {
  const keyed = (text: string) => replaceInputSecrets(text, spec.inputSecrets, secret => `\0input:${createHmac('sha256', hmacKey).update(secret).digest('hex')}\0`);
  const target = spec.target;
  const material = target.type === 'stdio'
    ? ['stdio', target.command, ...target.args, '\0cwd', target.cwd ?? '', '\0env', ...envLines(target.env)]
    : [target.type, originOf(target.url), '\0headers', ...Object.keys(target.headers ?? {}).map(h => h.toLowerCase()).sort()];
  return createHash('sha256').update(JSON.stringify(material.map(keyed))).digest('hex');
}

/** The command line (or URL) in one line, all known secrets as `<secret>`: for tree rows, logs and blocked reasons. */
export function describeCommandLine(spec: ServerSpec): string {
  const redact = (text: string) => redactSecrets(text, spec.secrets);
  const target = spec.target;
  if (target.type !== 'stdio') return redact(target.url);
  return [target.command, ...target.args].map(a => quote(redact(a))).join(' ') + (target.cwd ? `  (in ${redact(target.cwd)})` : '');
}

/**
 * Everything the consent prompt must show, matching what the fingerprint covers: the command line, cwd and every
 * env variable with its value (only password `${input:}` values are hidden); or the URL and its header names.
 */
export function describeForConsent(spec: ServerSpec): string {
  const hide = (text: string) => replaceInputSecrets(text, spec.inputSecrets, () => '<secret>');
  const target = spec.target;
  if (target.type !== 'stdio') {
    const headers = Object.keys(target.headers ?? {});
    return `${target.type === 'sse' ? 'SSE' : 'HTTP'} server at ${originOf(target.url)}\nURL: ${redactSecrets(target.url, spec.secrets)}`
      + `\nHeaders sent: ${headers.length ? headers.join(', ') : 'none'}`;
  }
  const lines = [[target.command, ...target.args].map(a => quote(hide(a))).join(' ')];
  if (target.cwd) lines.push(`in ${hide(target.cwd)}`);
  const env = Object.entries(target.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (env.length) lines.push('with environment:', ...env.map(([name, value]) => value === null ? `  ${name} (removed)` : `  ${name}=${quote(hide(value))}`));
  return lines.join('\n');
}

/** Blocks runnable workspace entries whose fingerprint is not approved yet; the spec stays so the prompt can show it. */
export function requireConsent(entries: ServerEntry[], isApproved: (spec: ServerSpec) => boolean): ServerEntry[] {
  return entries.map(entry => {
    if (!entry.spec || entry.blocked) return entry;
    if (isApproved(entry.spec)) return entry;
    const what = entry.spec.target.type === 'stdio' ? 'running' : 'connecting to';
    return { ...entry, blocked: { reason: 'needs-consent', message: `Allow ${what} \`${describeCommandLine(entry.spec)}\`?` } };
  });
}

/**
 * True when a workspace entry is exactly a generated one (the bundled demo server): same command, args and env after
 * resolution, and no cwd or envFile of its own. Anything added to it (an env variable, an envFile) needs consent.
 */
export function isExactly(target: ServerTarget, config: ServerConfig | undefined, generated: { command: string; args: string[]; env: Record<string, string> }): boolean {
  if (target.type !== 'stdio' || !config || config.cwd !== undefined || config.envFile !== undefined) return false;
  return target.command === generated.command && sameJson(target.args, generated.args) && sameJson(sortedEntries(target.env ?? {}), sortedEntries(generated.env));
}

/** The origin a remote server's secrets and consent are tied to (`https://host:port`); the text itself when not a URL. */
export function originOf(url: string): string {
  try { return new URL(url).origin; } catch { return url; }
}

/** The `${input:}` ids a remote server sends to its origin (in its URL or headers). */
export function remoteInputIds(config: ServerConfig): string[] {
  if (config.url === undefined) return [];
  const strings = [config.url, ...Object.values(config.headers ?? {})];
  return [...new Set(strings.flatMap(value => scanVariables(value).flatMap(ref => (ref.kind === 'input' ? [ref.id] : []))))];
}

function envLines(env: Record<string, string | null> | undefined): string[] {
  return sortedEntries(env ?? {}).map(([name, value]) => value === null ? `${name}\0unset` : `${name}=${value}`);
}

function sortedEntries<V>(record: Record<string, V>): [string, V][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function replaceInputSecrets(text: string, secrets: readonly string[] | undefined, by: (secret: string) => string): string {
  if (!secrets?.length) return text;
  return [...secrets].filter(Boolean).sort((a, b) => b.length - a.length).reduce((out, secret) => out.split(secret).join(by(secret)), text);
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg);
}
