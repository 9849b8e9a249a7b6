import { UriTemplate } from '@modelcontextprotocol/client';

/** RFC 6570 URI templates, as MCP resource templates use them: the SDK's implementation, for expanding and matching. */

const parsed = new Map<string, UriTemplate | Error>();

function compile(template: string): UriTemplate {
  let t = parsed.get(template);
  if (!t) {
    try { t = new UriTemplate(template); } catch (e) { t = new Error(`Invalid URI template "${template}": ${(e as Error).message}`); }
    if (parsed.size > 1000) parsed.clear();
    parsed.set(template, t);
  }
  if (t instanceof Error) throw t;
  return t;
}

/** The variables of a template in order, with whether they are query-style (optional by nature). */
export function templateVariables(template: string): { name: string; optional: boolean }[] {
  const optional = new Set<string>();
  for (const m of template.matchAll(/\{([?&;])([^}]*)\}/g)) for (const name of m[2].split(',')) optional.add(name.replace(/[*:].*$/, '').trim());
  return compile(template).variableNames.map(name => ({ name, optional: optional.has(name) }));
}

/** Expands a template; variables without a value are left out, as RFC 6570 says. */
export function expandTemplate(template: string, values: Record<string, string | undefined>): string {
  const defined: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) defined[k] = v;
  return compile(template).expand(defined);
}

/** True when `uri` is an expansion of `template`; false for an invalid template. */
export function templateMatches(template: string, uri: string): boolean {
  try { return compile(template).match(uri) !== null; } catch { return false; }
}
