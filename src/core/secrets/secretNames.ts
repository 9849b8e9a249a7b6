/**
 * The one definition of a secret-looking name, shared by config env/header detection, the traffic redactor,
 * command-line flags, URL query parameters and export scrubbing.
 *
 * A name is split into words (`apiToken` → api, token; `AWS_ACCESS_KEY_ID` → aws, access, key, id). It is secret
 * when a word ends in token/secret/password (`accessToken`, `client_secret`), or is one of the credential words
 * below (a bare `key` counts: `OPENAI_KEY`). Whole words only for short ones, so `keyboard`, `author` and
 * `max_tokens` stay readable.
 */
const SECRET_WORD = /^(?:\w*token|\w*secrets?|\w*passw(?:or)?d|passphrase|pwd|credentials?|auth|authorization|cookie|key|\w*apikey|accesskey|privatekey|sig)$/;

export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export function isSecretName(name: string): boolean {
  return nameWords(name).some(word => SECRET_WORD.test(word));
}

/** `--api-key`, `-token`, `--client-secret` (a flag whose value is a secret). */
const FLAG = /^(--?[A-Za-z0-9][\w.-]*)(?:=([\s\S]*))?$/;

export interface SecretFlag { flag: string; inlineValue?: string }

/** The flag when `arg` is a secret-named flag (`--token` or `--token=value`), else undefined. */
export function secretFlag(arg: string): SecretFlag | undefined {
  const match = FLAG.exec(arg);
  if (!match || !isSecretName(match[1])) return undefined;
  return match[2] === undefined ? { flag: match[1] } : { flag: match[1], inlineValue: match[2] };
}

/** The values of secret-named flags (`--api-key X`, `--token=X`) and assignments (`GITHUB_TOKEN=X`) in an argument list. */
export function secretArgValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = secretFlag(args[i]);
    if (flag) {
      if (flag.inlineValue !== undefined) out.push(flag.inlineValue);
      else if (i + 1 < args.length && !args[i + 1].startsWith('-')) out.push(args[++i]);
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(args[i]);
    if (assignment && isSecretName(assignment[1])) out.push(assignment[2]);
  }
  return out;
}

/** Secret parts of a URL: userinfo (user and password) and the values of secret-named query parameters, raw and decoded. */
export function urlSecrets(url: string): string[] {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return []; }
  const out = new Set<string>();
  const add = (raw: string) => {
    if (!raw) return;
    out.add(raw);
    try { out.add(decodeURIComponent(raw)); } catch { /* keep the raw form */ }
  };
  add(parsed.password);
  if (parsed.password || isSecretLookingUser(parsed.username)) add(parsed.username);
  for (const [name, value] of parsed.searchParams) {
    if (!isSecretName(name)) continue;
    add(value);
    const raw = new RegExp(`[?&]${escapeRegExp(encodeURIComponent(name))}=([^&#]*)`).exec(parsed.search)?.[1];
    if (raw) add(raw);
  }
  return [...out];
}

/** A user name with no password is often the token itself (`https://ghp_x@github.com`). */
function isSecretLookingUser(user: string): boolean {
  return user.length >= 16;
}

/** Replaces secret-named query values and URL passwords in free text (exports, error messages). */
export function redactUrlSecretsInText(text: string, replacement: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^/\s@]+@/gi, `$1${replacement}@`)
    .replace(/([?&;])([^=&#\s"'?;]+)=([^&#\s"';]*)/g, (whole, sep: string, name: string, value: string) => {
      let decoded = name;
      try { decoded = decodeURIComponent(name); } catch { /* keep the raw name */ }
      return value && value !== replacement && isSecretName(decoded) ? `${sep}${name}=${replacement}` : whole;
    });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
