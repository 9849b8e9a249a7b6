import type { FetchLike } from '@modelcontextprotocol/client';
import { classifyOAuthRequest, redactOAuthUrl, type OAuthFlowStep } from '../../core/oauth/flowSteps';

function formOf(body: unknown): URLSearchParams | undefined {
  if (body instanceof URLSearchParams) return body;
  if (typeof body === 'string' && !body.trimStart().startsWith('{')) return new URLSearchParams(body);
  return undefined;
}

/** The OAuth `error` code of a failed answer (RFC 6749 §5.2 / RFC 7591 §3.2.2), read from a clone. */
async function errorCodeOf(response: Response): Promise<string | undefined> {
  if (response.ok) return undefined;
  try {
    const code: unknown = (await response.clone().json() as { error?: unknown }).error;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Reports each HTTP step of a sign-in (URL redacted, method, status, OAuth error code); never bodies or headers. */
export function recordingFetch(base: FetchLike, onStep?: (step: OAuthFlowStep) => void): FetchLike {
  if (!onStep) return base;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const kind = classifyOAuthRequest(url, method, formOf(init?.body));
    const at = Date.now();
    try {
      const response = await base(input, init);
      const recordedKind = kind === 'other' && response.status === 401 ? 'resource-challenge' : kind;
      onStep({ kind: recordedKind, url: redactOAuthUrl(url), method, status: response.status, error: await errorCodeOf(response), at });
      return response;
    } catch (e) {
      onStep({ kind, url: redactOAuthUrl(url), method, error: 'network', at });
      throw e;
    }
  };
}
