import { STATUS_CODES } from 'node:http';

/** A request the server answered with an HTTP error status, in plain words; `status` is the typed value. */
export class HttpStatusError extends Error {
  constructor(readonly status: number, body: string) {
    super(HttpStatusError.describe(status, body));
  }

  static describe(status: number, body: string): string {
    const words = `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
    const detail = body.replace(/^(Streamable HTTP error:\s*)?(Error POSTing to endpoint:\s*)?/, '').trim().slice(0, 300);
    const advice = status === 401 || status === 403 ? ': the server refused the credentials. Check the Authorization header or token input.'
      : status === 404 ? ': the server does not know this endpoint or session.'
      : status >= 500 ? ': the server failed to handle the request.'
      : '.';
    return `The server answered ${words}${advice}${detail ? ` Response: ${detail}` : ''}`;
  }
}

/** The SDK's "status" -1 means the answer was not HTTP-level wrong but had an unexpected Content-Type. */
export function describeNonStatusHttpError(url: string, message: string): string {
  return `${url} did not answer like an MCP server (${message}). Check that the URL is the server's MCP endpoint.`;
}
