/** Which resolved values are secrets to redact from logs and traffic records. */
import { isSecretName } from '../secrets/secretNames';

/** Heuristic matches shorter than this are too likely to be ordinary words or numbers to redact everywhere. */
const minimumHeuristicLength = 4;

/** Headers, env variables, flags and query parameters share one definition of a secret name. */
export const isSecretHeaderName = isSecretName;
export const isSecretEnvName = isSecretName;

/** The value, plus its credential alone when it has an auth scheme (`Bearer abc` → `abc`), so either form is redacted. */
export function secretForms(value: string): string[] {
  const scheme = /^(?:Bearer|Basic|Token|Digest)\s+(\S.*)$/i.exec(value.trim());
  return scheme ? [value, scheme[1]] : [value];
}

/** Replaces every secret (longest first, so `Bearer abc` goes before `abc`) with `<secret>`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  return [...secrets].filter(Boolean).sort((a, b) => b.length - a.length).reduce((out, secret) => out.split(secret).join('<secret>'), text);
}

export class SecretCollector {
  private readonly values = new Set<string>();

  /** A value known to be secret (a password input): kept whatever its length. */
  add(value: string): void {
    if (value !== '') this.values.add(value);
  }

  /** A value secret by its name only (a header or variable called like a credential). */
  addHeuristic(value: string): void {
    for (const form of secretForms(value)) if (form.length >= minimumHeuristicLength) this.values.add(form);
  }

  /** For messages that quote a resolved value. */
  redact(text: string): string {
    return redactSecrets(text, this.values);
  }

  list(): string[] {
    return [...this.values].sort();
  }
}
