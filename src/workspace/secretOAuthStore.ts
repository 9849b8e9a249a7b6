import type * as vscode from 'vscode';
import type { OAuthStore } from '../core/oauth/oauthStore';

const INDEX_KEY = 'mcpSwitchboard.oauth.index';

/** OAuth state in VS Code's SecretStorage (the OS keychain). SecretStorage cannot list keys, so an index is kept too. */
export class SecretOAuthStore implements OAuthStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Index updates run one at a time: two sign-ins finishing together must not lose a key. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async keys(): Promise<string[]> {
    const raw = await this.secrets.get(INDEX_KEY);
    try { return raw ? JSON.parse(raw) as string[] : []; } catch { return []; }
  }

  async get(key: string): Promise<string | undefined> { return this.secrets.get(key); }

  set(key: string, value: string): Promise<void> {
    return this.serial(async () => {
      await this.secrets.store(key, value);
      const keys = await this.keys();
      if (!keys.includes(key)) await this.secrets.store(INDEX_KEY, JSON.stringify([...keys, key]));
    });
  }

  delete(key: string): Promise<void> {
    return this.serial(async () => {
      await this.secrets.delete(key);
      await this.secrets.store(INDEX_KEY, JSON.stringify((await this.keys()).filter(k => k !== key)));
    });
  }
}
