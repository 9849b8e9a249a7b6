import type { FetchLike } from '@modelcontextprotocol/client';
import type { HttpDetails } from '../shared/traffic';

type Id = string | number;

/** How many requests' details wait for their response at most (a request never answered must not grow the map). */
const pendingLimit = 1024;

/**
 * The JSON-RPC id of a POSTed request. The SDK serializes `{ method, params, jsonrpc, id }`, so the id ends the body:
 * reading the tail costs the same for a 10-byte and a 10-MB body. A body that does not end so (a batch, a
 * notification) gets no details.
 */
export function requestIdOf(body: unknown): Id | undefined {
  if (typeof body !== 'string') return undefined;
  const m = /"id":(-?\d+|"(?:[^"\\]|\\.)*")\}$/.exec(body.slice(-200));
  if (!m) return undefined;
  if (!m[1].startsWith('"')) return Number(m[1]);
  try { return JSON.parse(m[1]) as string; } catch { return undefined; }
}

/** `mcp-param-region` → `Mcp-Param-Region`, as the spec writes the header names. */
function canonical(name: string): string {
  return name.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('-');
}

/** The standard headers, as read (lower case) and as shown. */
const standardNames = [['mcp-protocol-version', 'MCP-Protocol-Version'], ['mcp-method', 'Mcp-Method'], ['mcp-name', 'Mcp-Name'], ['mcp-session-id', 'Mcp-Session-Id']] as const;

/**
 * The request headers that carry MCP meaning: `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`, `Mcp-Session-Id`,
 * and `Mcp-Param-*` when `withParams`. Only `mcp-` headers are kept, so `Authorization`, cookies and custom credential
 * headers never leave here; the tap still redacts the kept values with the server's secrets. The standard names are
 * read one by one: walking undici's Headers sorts them, which costs ten times as much, so only a call that can carry
 * `Mcp-Param-*` headers pays for it.
 */
export function meaningfulHeaders(headers: RequestInit['headers'], withParams: (method: string | null, name: string | null) => boolean = () => false): Record<string, string> {
  const all = headers instanceof Headers ? headers : new Headers(headers ?? {});
  const out: Record<string, string> = {};
  for (const [name, shown] of standardNames) {
    const value = all.get(name);
    if (value !== null) out[shown] = value;
  }
  if (withParams(all.get('mcp-method'), all.get('mcp-name'))) {
    for (const [name, value] of all) if (name.startsWith('mcp-param-')) out[canonical(name)] = value;
  }
  return out;
}

/**
 * Records what HTTP carried for each request (its meaningful headers, the status, the session id) so the tap can put
 * it on the record that ends the exchange. Sits on the transport's fetch: the JSON-RPC layer never sees headers.
 */
export class HttpDetailsRecorder {
  private readonly byId = new Map<Id, HttpDetails>();
  private paramTools: ReadonlySet<string> = new Set();
  private readonly withParams = (method: string | null, name: string | null) => method === 'tools/call' && name !== null && this.paramTools.has(name);

  /** The tools with parameters marked `x-mcp-header`: only their calls carry `Mcp-Param-*` headers. */
  setParamHeaderTools(names: ReadonlySet<string>): void {
    this.paramTools = names;
  }

  wrap(base: FetchLike): FetchLike {
    return async (url, init) => {
      const id = init?.method === 'POST' ? requestIdOf(init.body) : undefined;
      if (id === undefined) return base(url, init);
      const headers = meaningfulHeaders(init!.headers, this.withParams);
      try {
        const response = await base(url, init);
        const sessionId = headers['Mcp-Session-Id'] ?? response.headers.get('mcp-session-id') ?? undefined;
        this.remember(id, { headers, status: response.status, ...(sessionId ? { sessionId } : {}) });
        return response;
      } catch (e) {
        this.remember(id, { headers });
        throw e;
      }
    };
  }

  /** The details of request `id`, once: the record that ends the exchange takes them. */
  take(id: Id): HttpDetails | undefined {
    const details = this.byId.get(id);
    if (details) this.byId.delete(id);
    return details;
  }

  private remember(id: Id, details: HttpDetails): void {
    this.byId.set(id, details);
    if (this.byId.size > pendingLimit) this.byId.delete(this.byId.keys().next().value!);
  }
}
