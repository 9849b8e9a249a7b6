import { isSecretName } from '../secrets/secretNames';
import { REDACTED } from '../traffic/redact';
import type { TrafficRecord } from '../../shared/traffic';

/** Each HTTP step of a sign-in, as its own kind (the inspector shows them as a timeline). */
export type OAuthStepKind =
  | 'resource-challenge'
  | 'resource-metadata'
  | 'authorization-server-metadata'
  | 'registration'
  | 'authorization-preflight'
  | 'authorization-request'
  | 'authorization-response'
  | 'token-request'
  | 'token-refresh'
  | 'client-credentials'
  | 'other';

export interface OAuthFlowStep {
  kind: OAuthStepKind;
  /** The URL with every secret parameter replaced by "«redacted»". */
  url: string;
  method: string;
  status?: number;
  /** The OAuth `error` code an answer carried, when it carried one. */
  error?: string;
  at: number;
}

/** OAuth parameters that are secrets although their names do not say so. */
const OAUTH_SECRET_PARAMS = new Set(['code', 'code_verifier', 'state', 'assertion', 'client_assertion', 'id_token_hint', 'login_hint_token']);

export function isOAuthSecretParam(name: string): boolean {
  return OAUTH_SECRET_PARAMS.has(name) || isSecretName(name);
}

/** A URL safe to show: secret query parameters (code, state, tokens, client secrets) redacted. */
export function redactOAuthUrl(url: string): string {
  let parsed: URL;
  try { parsed = new URL(url); } catch { return url; }
  for (const name of [...parsed.searchParams.keys()]) if (isOAuthSecretParam(name)) parsed.searchParams.set(name, REDACTED);
  parsed.username = '';
  parsed.password = '';
  return parsed.href.replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/** Which step a request is, from its URL path and form body (the SDK's requests follow the RFCs' well-known shapes). */
export function classifyOAuthRequest(url: string, method: string, form?: URLSearchParams): OAuthStepKind {
  let path: string;
  try { path = new URL(url).pathname; } catch { return 'other'; }
  if (path.includes('/.well-known/oauth-protected-resource')) return 'resource-metadata';
  if (path.includes('/.well-known/oauth-authorization-server') || path.includes('/.well-known/openid-configuration')) return 'authorization-server-metadata';
  const grant = form?.get('grant_type');
  if (method === 'POST' && grant === 'refresh_token') return 'token-refresh';
  if (method === 'POST' && grant === 'client_credentials') return 'client-credentials';
  if (method === 'POST' && grant) return 'token-request';
  if (method === 'POST' && /\/(reg|register|registration|clients)\/?$/.test(path)) return 'registration';
  return 'other';
}

/** A sign-in step as an inspector record of its own kind: `oauth/<step>` with the redacted URL, status and OAuth error. */
export function oauthStepRecord(server: string, step: OAuthFlowStep): Omit<TrafficRecord, 'seq'> {
  const text = `${step.method} ${step.url}${step.status ? ` → HTTP ${step.status}` : ''}${step.error ? ` (${step.error})` : ''}`;
  // The resource's 401 (with its `invalid_token` body) is the challenge that starts a sign-in, not a failure.
  const failed = step.kind !== 'resource-challenge' && (step.error !== undefined || (step.status !== undefined && step.status >= 400));
  return {
    time: step.at, server, direction: step.kind === 'authorization-response' ? 'in' : 'out', kind: 'auth', method: `oauth/${step.kind}`,
    size: text.length, text, ...(failed ? { status: 'error' as const } : {}),
  };
}
