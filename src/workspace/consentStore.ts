import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import type { ServerSpec } from '../core/connection/types';
import { commandLineFingerprint } from '../core/config/consent';

/**
 * What the user allowed workspace-defined servers to run (stdio) or connect to (http/sse), per workspace
 * (workspaceState), keyed by `commandLineFingerprint`. The fingerprint's HMAC key is created once per install and
 * kept in SecretStorage. Declines are remembered for this window only, so reloads do not ask again.
 */
export class ConsentStore {
  private static readonly key = 'mcpSwitchboard.approvedCommandLines';
  private static readonly hmacKeyName = 'mcpSwitchboard.consentKey';
  private readonly declined = new Set<string>();
  private hmacKey?: string;
  private loading?: Promise<void>;

  constructor(private readonly workspaceState: vscode.Memento, private readonly secrets: vscode.SecretStorage, private readonly globalState: vscode.Memento) {}

  /** Loads (or creates) the per-install key; call before any other method. */
  ready(): Promise<void> {
    this.loading ??= this.loadKey();
    return this.loading;
  }

  private async loadKey(): Promise<void> {
    const stored = await Promise.resolve(this.secrets.get(ConsentStore.hmacKeyName)).catch(() => undefined);
    if (stored) { this.hmacKey = stored; return; }
    const created = randomBytes(32).toString('hex');
    try {
      await this.secrets.store(ConsentStore.hmacKeyName, created);
    } catch {
      // No usable secret storage (a keyring-less Linux): the global state still keeps the key per install.
      const fallback = this.globalState.get<string>(ConsentStore.hmacKeyName);
      if (fallback) { this.hmacKey = fallback; return; }
      await this.globalState.update(ConsentStore.hmacKeyName, created);
    }
    this.hmacKey = created;
  }

  fingerprint(spec: ServerSpec): string {
    if (this.hmacKey === undefined) throw new Error('ConsentStore used before ready()');
    return commandLineFingerprint(spec, this.hmacKey);
  }

  isApproved(spec: ServerSpec): boolean {
    return this.workspaceState.get<string[]>(ConsentStore.key, []).includes(this.fingerprint(spec));
  }

  async approve(spec: ServerSpec): Promise<void> {
    const fingerprint = this.fingerprint(spec);
    this.declined.delete(fingerprint);
    const approved = this.workspaceState.get<string[]>(ConsentStore.key, []);
    if (!approved.includes(fingerprint)) await this.workspaceState.update(ConsentStore.key, [...approved, fingerprint]);
  }

  decline(spec: ServerSpec): void { this.declined.add(this.fingerprint(spec)); }
  wasDeclined(spec: ServerSpec): boolean { return this.declined.has(this.fingerprint(spec)); }
}
