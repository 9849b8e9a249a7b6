/**
 * Requests to the host with replies matched by the protocol: every request carries a fresh id in the envelope and
 * the promise settles with the host's `response` of the same id. A dropped page never leaks: `rejectAll` settles
 * whatever is still waiting.
 */
import type { InspectorRequestMethod, RequestMessage, RequestParams, RequestResult, ResponseMessage } from '../src/shared/inspectorProtocol';

interface Waiter { resolve(result: unknown): void; reject(error: Error): void }

export class HostRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();

  constructor(private readonly post: (msg: RequestMessage) => void) {}

  request<M extends InspectorRequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
    const id = this.nextId++;
    return new Promise<RequestResult<M>>((resolve, reject) => {
      this.waiting.set(id, { resolve: r => resolve(r as RequestResult<M>), reject });
      this.post({ type: 'request', id, method, params } as RequestMessage);
    });
  }

  /** Settles the request `msg.id`; a response nobody waits for (a reloaded page's) is ignored. */
  onResponse(msg: ResponseMessage): void {
    const waiter = this.waiting.get(msg.id);
    if (!waiter) return;
    this.waiting.delete(msg.id);
    if (msg.ok) waiter.resolve(msg.result);
    else waiter.reject(new Error(msg.error));
  }

  rejectAll(reason: string): void {
    for (const w of this.waiting.values()) w.reject(new Error(reason));
    this.waiting.clear();
  }
}
