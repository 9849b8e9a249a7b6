import { ProtocolError, type JSONRPCMessage, type Transport } from '@modelcontextprotocol/client';

type Id = string | number;

/** The `data` of the error a cut stream ends its request with: what tells it apart from a server's own -32000. */
const streamCut = { reason: 'stream-cut' } as const;

/** The request failed because its HTTP response stream was cut (by CutStreamGuard), not because the server said so. */
export function isCutStream(e: unknown): boolean {
  return e instanceof ProtocolError && e.code === -32000 && (e.data as { reason?: unknown } | undefined)?.reason === streamCut.reason;
}

/** How many answered request ids are remembered, so a stream cut just after its answer fails nothing. */
const answeredMemory = 1024;

/** The JSON-RPC request ids in a POST body (a message or a batch); none when it is not JSON. */
function requestIds(body: unknown): Id[] {
  if (typeof body !== 'string' || !body.includes('"method"')) return [];
  try {
    const parsed: unknown = JSON.parse(body);
    return (Array.isArray(parsed) ? parsed : [parsed])
      .filter((m): m is { id: Id } => typeof m === 'object' && m !== null && 'method' in m && (typeof m.id === 'string' || typeof m.id === 'number'))
      .map(m => m.id);
  } catch {
    return [];
  }
}

/**
 * Streamable HTTP answers a POST with an event stream. When that stream is cut before the answer (a proxy, a crash),
 * the SDK only reports the disconnect and the call waits out its timeout. This guard ends such calls at once with a
 * connection error (-32000), which the engine retries for idempotent requests (and SdkSession re-issues on a 2026-07-28
 * connection). Nothing is parsed on the hot path: the
 * POST body is read only when its response stream failed.
 */
export class CutStreamGuard {
  private readonly answered = new Set<Id>();
  private deliver?: (message: JSONRPCMessage) => void;

  /** For abortListenerGuard's onBodyError. */
  readonly onBodyError = (init: RequestInit, error: unknown): void => {
    if (init.method !== 'POST') return;
    const why = error instanceof Error ? error.message : String(error);
    for (const id of requestIds(init.body)) {
      if (this.answered.has(id)) continue;
      this.deliver?.({ jsonrpc: '2.0', id, error: { code: -32000, message: `The HTTP response stream was cut before the answer arrived (${why})`, data: streamCut } });
    }
  };

  /** Watches the transport's incoming messages (whoever sets onmessage later) to know which requests were answered. */
  attach(transport: Transport): void {
    let handler: Transport['onmessage'];
    const seen = (message: JSONRPCMessage) => {
      if (!('method' in message) && 'id' in message) this.remember(message.id as Id);
      handler?.(message);
    };
    this.deliver = seen;
    Object.defineProperty(transport, 'onmessage', { configurable: true, enumerable: true, get: () => seen, set: h => { handler = h; } });
  }

  private remember(id: Id): void {
    this.answered.add(id);
    if (this.answered.size > answeredMemory) this.answered.delete(this.answered.values().next().value!);
  }
}
