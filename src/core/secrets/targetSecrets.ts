import type { ServerTarget } from '../connection/types';
import { secretForms } from '../config/secrets';
import { isSecretName, secretArgValues, urlSecrets } from './secretNames';

/**
 * The secrets a resolved target shows by their names alone: secret-named env values and headers, `--api-key X`
 * style flag values, and secret-named URL query values and userinfo. For targets built without a config (the CLI).
 */
export function targetSecrets(target: ServerTarget): string[] {
  const out = new Set<string>();
  if (target.type === 'stdio') {
    for (const value of secretArgValues(target.args)) out.add(value);
    for (const [name, value] of Object.entries(target.env ?? {})) if (value && isSecretName(name)) out.add(value);
  } else {
    for (const value of urlSecrets(target.url)) out.add(value);
    for (const [name, value] of Object.entries(target.headers ?? {})) if (isSecretName(name)) for (const form of secretForms(value)) out.add(form);
  }
  return [...out].filter(s => s.length >= 4);
}
