import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OAuthStore } from '../core/oauth/oauthStore';

/** The user's config directory: %APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere. */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

export function defaultTokenCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userConfigDir(env), 'mcp-switchboard', 'oauth-tokens.json');
}

/** The CLI's token cache: one JSON file readable and writable only by the user (0600), in a 0700 directory. */
export class FileOAuthStore implements OAuthStore {
  constructor(readonly file: string) {}

  private read(): Record<string, string> {
    try { return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>; } catch { return {}; }
  }

  private write(values: Record<string, string>): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(values), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  async get(key: string): Promise<string | undefined> { return this.read()[key]; }
  async set(key: string, value: string): Promise<void> { this.write({ ...this.read(), [key]: value }); }
  async delete(key: string): Promise<void> { const values = this.read(); delete values[key]; this.write(values); }
  async keys(): Promise<string[]> { return Object.keys(this.read()); }
}
