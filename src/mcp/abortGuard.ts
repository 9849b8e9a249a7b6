import type { FetchLike } from '@modelcontextprotocol/client';

/**
 * The SDK's HTTP transports pass one long-lived AbortSignal to every fetch, and each in-flight fetch adds an abort
 * listener to it: past 10 concurrent requests Node prints MaxListenersExceededWarning, and long SSE streams keep
 * theirs. This fetch gives every request its own controller and hangs a single listener on the shared signal.
 * `onBodyError` hears of a response body that failed mid-stream (a cut connection), from the same body wrapper.
 */
export function abortListenerGuard(base: FetchLike = fetch, onBodyError?: (init: RequestInit, error: unknown) => void): FetchLike {
  const children = new WeakMap<AbortSignal, Set<AbortController>>();
  const childrenOf = (shared: AbortSignal): Set<AbortController> => {
    let set = children.get(shared);
    if (!set) {
      const created = new Set<AbortController>();
      set = created;
      children.set(shared, created);
      shared.addEventListener('abort', () => { for (const c of created) c.abort(shared.reason); created.clear(); }, { once: true });
    }
    return set;
  };
  return async (url, init) => {
    const shared = init?.signal;
    if (!shared) return base(url, init);
    if (shared.aborted) return base(url, init);
    const own = new AbortController();
    const set = childrenOf(shared);
    set.add(own);
    const release = () => set.delete(own);
    try {
      const response = await base(url, { ...init, signal: own.signal });
      if (!response.body) { release(); return response; }
      // Keep the controller while the body streams (SSE), drop it when the body ends or is cancelled.
      const reader = response.body.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try { chunk = await reader.read(); } catch (e) { release(); controller.error(e); onBodyError?.(init, e); return; }
          try {
            if (chunk.done) { release(); controller.close(); } else controller.enqueue(chunk.value);
          } catch (e) { release(); controller.error(e); }
        },
        cancel(reason) { release(); return reader.cancel(reason); },
      });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (e) {
      release();
      throw e;
    }
  };
}
