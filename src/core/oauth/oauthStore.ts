/**
 * Where sign-in state lives: VS Code's SecretStorage in the extension, a 0600 file in the CLI, memory in tests.
 * Values are JSON strings; every value may hold a secret (tokens, client secrets), so stores never log them.
 */
export interface OAuthStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export class MemoryOAuthStore implements OAuthStore {
  private readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> { return this.values.get(key); }
  async set(key: string, value: string): Promise<void> { this.values.set(key, value); }
  async delete(key: string): Promise<void> { this.values.delete(key); }
  async keys(): Promise<string[]> { return [...this.values.keys()]; }
}

const PREFIX = 'mcpSwitchboard.oauth';

/** Tokens are bound to the authorization server that issued them, the client they were issued to and the resource. */
export function tokenKey(issuer: string, clientId: string, resource: string): string {
  return `${PREFIX}.tokens|${issuer}|${clientId}|${resource}`;
}

/** A dynamically registered client, remembered per authorization server (and per redirect style). */
export function registrationKey(issuer: string): string {
  return `${PREFIX}.client|${issuer}`;
}

/** Which token key a resource last signed in with (the transport's per-request read has no issuer at hand). */
export function currentKey(resource: string): string {
  return `${PREFIX}.current|${resource}`;
}

/** The scope a 403 insufficient_scope asked for, until the next sign-in asks for it (step-up, once). */
export function stepUpKey(resource: string): string {
  return `${PREFIX}.stepUp|${resource}`;
}

/** Every token key for a resource, whichever issuer and client: what Sign Out removes. */
export function isTokenKeyFor(key: string, resource: string): boolean {
  return key.startsWith(`${PREFIX}.tokens|`) && key.endsWith(`|${resource}`);
}

export function isOAuthKey(key: string): boolean {
  return key.startsWith(`${PREFIX}.`);
}

/** Stored tokens plus when we got them: `expires_in` is relative to that moment. */
export interface StoredTokenRecord {
  tokens: { access_token: string; token_type: string; refresh_token?: string; expires_in?: number; scope?: string; issuer?: string };
  obtainedAt: number;
}

export function expiresAt(record: StoredTokenRecord): number | undefined {
  return record.tokens.expires_in === undefined ? undefined : record.obtainedAt + record.tokens.expires_in * 1000;
}

/** Milliseconds until the token of a resource expires: undefined when not signed in or when it never expires. */
export async function tokenStatus(store: OAuthStore, resource: string): Promise<{ signedIn: boolean; expiresAt?: number }> {
  const key = await store.get(currentKey(resource));
  const raw = key ? await store.get(key) : undefined;
  if (!raw) return { signedIn: false };
  const record = JSON.parse(raw) as StoredTokenRecord;
  return { signedIn: true, expiresAt: expiresAt(record) };
}

/** Every token of every server: what Sign Out of All removes. Registrations stay. */
export async function signOutOfAll(store: OAuthStore): Promise<number> {
  const keys = (await store.keys()).filter(k => k.startsWith(`${PREFIX}.tokens|`) || k.startsWith(`${PREFIX}.current|`));
  for (const key of keys) await store.delete(key);
  return keys.filter(k => k.startsWith(`${PREFIX}.tokens|`)).length;
}
