import type { IncomingMessage, ServerResponse } from 'node:http';

/** A web-standard Request for the SDK's fetch-shaped server entries, from a Node request whose JSON body was already read. */
export function toWebRequest(req: IncomingMessage, port: number, body: unknown, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v); else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method === 'POST' && body !== undefined;
  return new Request(`http://127.0.0.1:${port}${req.url ?? '/'}`, { method, headers, body: hasBody ? JSON.stringify(body) : undefined, signal });
}

/** Writes a web Response to Node, streaming its body (SSE) until it ends or the client goes away. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => { headers[name] = value; });
  res.writeHead(response.status, headers);
  if (!response.body) { res.end(); return; }
  const reader = response.body.getReader();
  const stop = () => { reader.cancel().catch(() => undefined); };
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    // The client went away or the stream was cancelled: nothing left to write.
  } finally {
    res.off('close', stop);
    res.end();
  }
}
