/**
 * What the gateway serves: the tools, resources, resource templates and prompts of the exposed managed servers,
 * under names unique across servers, and the routes back to the server that owns each one. SDK-free.
 *
 * - Tools use the engine's qualified names (`server__tool`); disabled tools (allowedTools/excludedTools) are left out.
 * - Prompts are named like tools: `server__prompt`.
 * - Resources keep their URIs (clients open them by URI); when two servers list the same URI, the later one (by
 *   server name) is served as `mcpsb-gateway://<server>/<encoded uri>`. Templates keep their URI templates and a read
 *   is routed to the first exposed server whose template matches.
 * - Names and titles are prefixed with the server so a user can tell them apart.
 */
import type { EngineApi, ServerSnapshot } from '../../core/engineApi';
import type { CatalogListKind, McpPrompt, McpResource, McpResourceTemplate, McpTool, QualifiedTool, ToolAnnotations } from '../../core/connection/catalog';
import { qualifiedToolName } from '../../core/connection/qualifiedNames';
import { templateMatches } from '../uriTemplate';

export interface GatewayCatalogOptions {
  /** Whether a server's tools, resources and prompts are served (the duplicates decision). */
  isExposed(server: ServerSnapshot): boolean;
  /**
   * True when calls of this tool must be confirmed by the user. The gateway cannot show a confirmation itself, so it
   * drops `readOnlyHint` from such tools: VS Code's agent then asks before running them.
   */
  requiresApproval?(tool: QualifiedTool): boolean;
}

export interface GatewayTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: McpTool['inputSchema'];
  outputSchema?: McpTool['outputSchema'];
  annotations?: ToolAnnotations;
}

export const GATEWAY_URI_SCHEME = 'mcpsb-gateway';

export interface ResourceRoute { server: string; uri: string }

const SKIP_STATES = new Set(['disabled', 'blocked']);

export class GatewayCatalog {
  constructor(private readonly engine: EngineApi, private readonly opts: GatewayCatalogOptions) {}

  /** Exposed servers that are not disabled or blocked, by name. */
  servers(): ServerSnapshot[] {
    return this.engine.list()
      .filter(s => !SKIP_STATES.has(s.state.kind) && this.opts.isExposed(s))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Refetches the exposed servers' lists whose lifetime (2026-07-28 `ttlMs`) ran out, before a client lists them. */
  fresh(): Promise<void> {
    return this.engine.freshCatalog(this.servers().map(s => s.name));
  }

  /**
   * The caching hints of the gateway's own list of `kind`: it lives as long as the shortest-lived upstream list and is
   * private when any upstream list is (or said nothing: the 2025 era gives no hints, so nothing may be promised).
   */
  cacheHint(kind: CatalogListKind, now = Date.now()): { ttlMs: number; cacheScope: 'public' | 'private' } {
    const freshness = this.servers().map(s => s.catalog.freshness?.[kind]);
    if (!freshness.every(f => f !== undefined)) return { ttlMs: 0, cacheScope: 'private' };
    const ttlMs = Math.max(0, Math.min(...freshness.map(f => f.expiresAt - now)));
    return { ttlMs: Number.isFinite(ttlMs) ? ttlMs : 0, cacheScope: freshness.every(f => f.scope === 'public') ? 'public' : 'private' };
  }

  /** Names of the servers the duplicates decision hides. */
  hiddenServers(): string[] {
    return this.engine.list().filter(s => !this.opts.isExposed(s)).map(s => s.name).sort();
  }

  private exposedNames(): Set<string> {
    return new Set(this.servers().map(s => s.name));
  }

  qualifiedTools(): QualifiedTool[] {
    const names = this.exposedNames();
    return this.engine.tools().filter(t => t.enabled && names.has(t.server));
  }

  tools(): GatewayTool[] {
    return this.qualifiedTools().map(t => {
      const ask = this.opts.requiresApproval?.(t) ?? false;
      const annotations = t.tool.annotations ? { ...t.tool.annotations } : undefined;
      if (ask && annotations?.readOnlyHint) annotations.readOnlyHint = false;
      return {
        name: t.qualifiedName,
        title: t.tool.title ? `${t.tool.title} (${t.server})` : undefined,
        description: `[${t.server}] ${t.tool.description ?? t.tool.name}`,
        inputSchema: { ...t.tool.inputSchema, type: 'object' as const },
        ...(t.tool.outputSchema ? { outputSchema: t.tool.outputSchema } : {}),
        ...(annotations ? { annotations } : {}),
      };
    });
  }

  findTool(name: string): QualifiedTool | undefined {
    const t = this.engine.findTool(name);
    return t && t.enabled && this.exposedNames().has(t.server) ? t : undefined;
  }

  /** Resources of every exposed server, with the URIs the gateway serves them under. */
  resources(): Array<McpResource & { route: ResourceRoute }> {
    const claimed = new Set<string>();
    const out: Array<McpResource & { route: ResourceRoute }> = [];
    for (const s of this.servers()) {
      for (const r of s.catalog.resources) {
        const uri = claimed.has(r.uri) ? gatewayUri(s.name, r.uri) : r.uri;
        claimed.add(uri);
        out.push({ ...r, uri, name: `${s.name}/${r.name}`, ...(r.title ? { title: `${r.title} (${s.name})` } : {}), route: { server: s.name, uri: r.uri } });
      }
    }
    return out;
  }

  resourceTemplates(): Array<McpResourceTemplate & { server: string }> {
    const out: Array<McpResourceTemplate & { server: string }> = [];
    for (const s of this.servers()) {
      for (const t of s.catalog.resourceTemplates) out.push({ ...t, name: `${s.name}/${t.name}`, ...(t.title ? { title: `${t.title} (${s.name})` } : {}), server: s.name });
    }
    return out;
  }

  /** The server and original URI behind a URI a client asks for. */
  resolveResource(uri: string): ResourceRoute | undefined {
    const own = parseGatewayUri(uri);
    if (own) return this.exposedNames().has(own.server) ? own : undefined;
    const listed = this.resources().find(r => r.uri === uri);
    if (listed) return listed.route;
    for (const t of this.resourceTemplates()) if (templateMatches(t.uriTemplate, uri)) return { server: t.server, uri };
    return undefined;
  }

  prompts(): Array<McpPrompt & { server: string; original: string }> {
    const out: Array<McpPrompt & { server: string; original: string }> = [];
    for (const s of this.servers()) {
      for (const p of s.catalog.prompts) {
        out.push({
          ...p, name: qualifiedToolName(s.name, p.name), server: s.name, original: p.name,
          description: `[${s.name}] ${p.description ?? p.name}`, ...(p.title ? { title: `${p.title} (${s.name})` } : {}),
        });
      }
    }
    return out;
  }

  findPrompt(name: string): { server: string; name: string } | undefined {
    const p = this.prompts().find(x => x.name === name);
    return p ? { server: p.server, name: p.original } : undefined;
  }

  /** The server of a template a `completion/complete` names, with the template as that server knows it. */
  findTemplateOwner(uriTemplate: string): string | undefined {
    return this.resourceTemplates().find(t => t.uriTemplate === uriTemplate)?.server;
  }
}

export function gatewayUri(server: string, uri: string): string {
  return `${GATEWAY_URI_SCHEME}://${encodeURIComponent(server)}/${encodeURIComponent(uri)}`;
}

export function parseGatewayUri(uri: string): ResourceRoute | undefined {
  const m = new RegExp(`^${GATEWAY_URI_SCHEME}://([^/]+)/(.*)$`).exec(uri);
  if (!m) return undefined;
  try { return { server: decodeURIComponent(m[1]), uri: decodeURIComponent(m[2]) }; } catch { return undefined; }
}
