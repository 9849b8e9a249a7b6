import type { ServerSpec } from '../connection/types';
import { isSecretName, redactUrlSecretsInText, secretFlag } from '../secrets/secretNames';

export const REDACTED = '«redacted»';

/** Shorter values would redact ordinary words and numbers all over the traffic. */
const MIN_SECRET_LENGTH = 4;

const ALWAYS_SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
const AUTH_SCHEME_PATTERN = /^([A-Za-z][A-Za-z0-9._-]*)(\s+)\S/;

/** Replaces known secret values (from SecretStorage, `${input:...}` answers, env) wherever they appear. */
export class Redactor {
  readonly active: boolean;
  /** Matches a secret as written in plain text. */
  private readonly plain: RegExp | undefined;
  /** Matches a secret as written in plain text or inside a JSON string literal (quotes, backslashes escaped). */
  private readonly inJson: RegExp | undefined;
  /** The secrets in plain and JSON-escaped form. */
  private readonly needles: readonly string[] = [];

  constructor(secrets: readonly string[]) {
    const usable = [...new Set(secrets.filter(s => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))]
      // Longest first so a secret that contains another is replaced whole.
      .sort((a, b) => b.length - a.length);
    this.active = usable.length > 0;
    if (!this.active) return;
    this.plain = alternation(usable);
    const escaped = usable.map(s => JSON.stringify(s).slice(1, -1));
    this.needles = [...new Set([...usable, ...escaped])].sort((a, b) => b.length - a.length);
    this.inJson = alternation(this.needles);
  }

  /** True when the text holds a secret in plain or JSON-escaped form. */
  containsSecret(text: string): boolean {
    // A loop of includes() beats one alternation regex on the hot path: V8 searches plain substrings much faster.
    for (const needle of this.needles) if (text.includes(needle)) return true;
    return false;
  }

  redactString(s: string): string {
    return this.plain ? s.replace(this.plain, REDACTED) : s;
  }

  /** Redacts secrets in serialized JSON value by value, so the result is valid JSON with the same structure. */
  redactJson(json: string): string {
    if (!this.containsSecret(json)) return json;
    try {
      return JSON.stringify(this.redactValue(JSON.parse(json)));
    } catch {
      return json.replace(this.inJson!, REDACTED);
    }
  }

  /** A copy of a JSON value with secrets replaced in every string and key. */
  redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (Array.isArray(value)) return value.map(v => this.redactValue(v));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.redactString(k)] = this.redactValue(v);
      return out;
    }
    return value;
  }

  /** Credential headers are always hidden (keeping an auth scheme such as `Bearer ` visible); others lose known secrets. */
  redactHeaders(h: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) {
      out[name] = isSecretHeader(name) ? redactCredential(name, value) : this.redactString(value);
    }
    return out;
  }
}

/**
 * Command-line parts safe to show: known secrets, values of secret-looking flags (`--token x`, `--api-key=x`),
 * secret-looking assignments (`GITHUB_TOKEN=x`) and passwords in URLs are replaced.
 */
export function redactCommandLine(parts: readonly string[], secrets: readonly string[]): string[] {
  const redactor = new Redactor(secrets);
  const out: string[] = [];
  let nextIsSecret = false;
  for (const part of parts) {
    if (nextIsSecret) {
      out.push(REDACTED);
      nextIsSecret = false;
      continue;
    }
    const flag = secretFlag(part);
    if (flag) {
      if (flag.inlineValue === undefined) nextIsSecret = true;
      out.push(flag.inlineValue === undefined ? part : `${flag.flag}=${REDACTED}`);
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(part);
    if (assignment && isSecretName(assignment[1])) {
      out.push(`${assignment[1]}=${REDACTED}`);
      continue;
    }
    out.push(redactUrlSecretsInText(redactor.redactString(part), REDACTED));
  }
  return out;
}

/**
 * Whether each header name seen so far is a secret: every HTTP call's record carries the same few names, and splitting
 * a name into words took a quarter of the tap's time per HTTP call in a profile. Bounded for servers that invent names.
 */
const secretHeaderNames = new Map<string, boolean>();
const SECRET_HEADER_NAMES_LIMIT = 512;

function isSecretHeader(name: string): boolean {
  let secret = secretHeaderNames.get(name);
  if (secret === undefined) {
    secret = ALWAYS_SECRET_HEADERS.has(name.toLowerCase()) || isSecretName(name);
    if (secretHeaderNames.size >= SECRET_HEADER_NAMES_LIMIT) secretHeaderNames.clear();
    secretHeaderNames.set(name, secret);
  }
  return secret;
}

function redactCredential(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'cookie' || lower === 'set-cookie') {
    return value.replace(/(^|;\s*)([^=;\s]+)=[^;]*/g, (_m, sep: string, cookie: string) => `${sep}${cookie}=${REDACTED}`);
  }
  if (lower.endsWith('authorization')) {
    const scheme = AUTH_SCHEME_PATTERN.exec(value);
    if (scheme) return `${scheme[1]}${scheme[2]}${REDACTED}`;
  }
  return REDACTED;
}

function alternation(values: readonly string[]): RegExp {
  return new RegExp(values.map(escapeRegExp).join('|'), 'g');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A server's command line or URL for logs, with its secrets redacted. */
export function describeTarget(spec: ServerSpec): string {
  const t = spec.target;
  return t.type === 'stdio' ? redactCommandLine([t.command, ...t.args], spec.secrets).join(' ') : `${t.type} ${redactCommandLine([t.url], spec.secrets)[0]}`;
}
