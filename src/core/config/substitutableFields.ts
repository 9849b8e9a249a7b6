import type { ServerConfig } from './schema';

export interface FieldString { path: (string | number)[]; value: string }

/** The strings of a server definition in which `${...}` variables are substituted. */
export function substitutableStrings(config: ServerConfig): FieldString[] {
  const strings: FieldString[] = [];
  if (config.command !== undefined) strings.push({ path: ['command'], value: config.command });
  config.args?.forEach((value, i) => strings.push({ path: ['args', i], value }));
  if (config.cwd !== undefined) strings.push({ path: ['cwd'], value: config.cwd });
  for (const [key, value] of Object.entries(config.env ?? {})) {
    if (typeof value === 'string') strings.push({ path: ['env', key], value });
  }
  if (config.envFile !== undefined) strings.push({ path: ['envFile'], value: config.envFile });
  if (config.url !== undefined) strings.push({ path: ['url'], value: config.url });
  for (const [key, value] of Object.entries(config.headers ?? {})) strings.push({ path: ['headers', key], value });
  if (config.oauth?.clientId !== undefined) strings.push({ path: ['oauth', 'clientId'], value: config.oauth.clientId });
  if (config.oauth?.clientSecret !== undefined) strings.push({ path: ['oauth', 'clientSecret'], value: config.oauth.clientSecret });
  return strings;
}
