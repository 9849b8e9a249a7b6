import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthFailure } from '../../core/oauth/oauthFailure';

const CALLBACK_PATH = '/callback';

const PAGE = (title: string) => `<!doctype html><meta charset="utf-8"><title>${title}</title>`
  + `<body style="font-family:sans-serif"><h1>${title}</h1><p>You can close this tab and return to your editor.</p></body>`;

export interface LoopbackRedirect {
  /** `http://127.0.0.1:PORT/callback`: loopback redirects may use any port (RFC 8252 §7.3). */
  readonly redirectUrl: string;
  /** The callback's query parameters, once the browser arrives; rejects `cancelled` when `signal` aborts. */
  waitForCallback(signal?: AbortSignal): Promise<URLSearchParams>;
  close(): void;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => { server.off('listening', onListening); reject(e); };
    const onListening = () => { server.off('error', onError); resolve((server.address() as AddressInfo).port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/**
 * Listens on 127.0.0.1 for the authorization server's redirect. A `preferredPort` that is busy is not an error: any
 * free port works, so the redirect never breaks because another program holds a fixed port.
 */
export async function startLoopbackRedirect(preferredPort = 0): Promise<LoopbackRedirect> {
  let deliver: (params: URLSearchParams) => void = () => undefined;
  const arrived = new Promise<URLSearchParams>(resolve => { deliver = resolve; });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A proxy may keep its own prefix (code-server's /absproxy/PORT/callback): only the last segment is ours.
    if (!url.pathname.endsWith(CALLBACK_PATH)) { res.writeHead(404).end(); return; }
    const failed = url.searchParams.has('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(PAGE(failed ? 'Sign-in did not complete' : 'Signed in'));
    deliver(url.searchParams);
  });
  let port: number;
  try {
    port = await listen(server, preferredPort);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || preferredPort === 0) throw e;
    port = await listen(server, 0);
  }
  const close = () => { server.closeAllConnections(); server.close(); };
  return {
    redirectUrl: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    waitForCallback(signal) {
      if (!signal) return arrived;
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(new OAuthFailure('cancelled', 'Sign-in was cancelled before the browser came back.'));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        arrived.then(p => { signal.removeEventListener('abort', onAbort); resolve(p); }, reject);
      });
    },
    close,
  };
}
