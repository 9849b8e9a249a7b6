import { findNodeAtLocation, getNodeValue, parseTree, type JSONPath } from 'jsonc-parser';
import type { ServerSnapshot } from '../core/engineApi';
import type { ServerSpec } from '../core/connection/types';
import { isSecretName } from '../core/secrets/secretNames';
import { REDACTED, Redactor } from '../core/traffic/redact';

/** Where server entries live in the config formats we read. */
const CONTAINERS: JSONPath[] = [['servers'], ['mcpServers'], ['mcpSwitchboard.servers'], ['mcp', 'servers']];

/** A server's entry as written in a config file's text (comments dropped), or undefined when the file has none. */
export function configEntryFromText(text: string, name: string): unknown {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return undefined;
  for (const container of CONTAINERS) {
    const node = findNodeAtLocation(root, [...container, name]);
    if (node) return getNodeValue(node);
  }
  return undefined;
}


/** An mcp.json-style entry rebuilt from the resolved spec, with secret values and secret-looking env/headers hidden. */
export function configEntryFromSpec(spec: ServerSpec): Record<string, unknown> {
  const redactor = new Redactor(spec.secrets);
  const t = spec.target;
  const hide = (record: Record<string, string | null> | undefined) => record && Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, v === null ? null : isSecretName(k) ? REDACTED : redactor.redactString(v)]));
  if (t.type === 'stdio') {
    return { type: 'stdio', command: redactor.redactString(t.command), args: t.args.map(a => redactor.redactString(a)), ...(t.cwd ? { cwd: t.cwd } : {}), ...(t.env && Object.keys(t.env).length ? { env: hide(t.env) } : {}) };
  }
  return { type: t.type, url: redactor.redactString(t.url), ...(t.headers && Object.keys(t.headers).length ? { headers: redactor.redactHeaders(t.headers) } : {}) };
}

/**
 * The server's config entry as pasteable JSON (`{ "name": { ... } }`): from its config file when it has one (as the
 * user wrote it, `${input:...}` references kept), else rebuilt from the resolved spec. Known secrets are redacted.
 */
export function serverConfigJson(snap: ServerSnapshot, fileText: string | undefined): string | undefined {
  const secrets = snap.spec?.secrets ?? [];
  const fromFile = fileText !== undefined ? configEntryFromText(fileText, snap.name) : undefined;
  const entry = fromFile !== undefined ? new Redactor(secrets).redactValue(fromFile) : snap.spec ? configEntryFromSpec(snap.spec) : undefined;
  return entry === undefined ? undefined : JSON.stringify({ [snap.name]: entry }, null, 2);
}
