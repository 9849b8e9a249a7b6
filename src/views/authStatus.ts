import * as vscode from 'vscode';
import type { EngineApi, ServerSnapshot } from '../core/engineApi';
import { tokenStatus, type OAuthStore } from '../core/oauth/oauthStore';

/** "needs sign-in" / "signed in · token expires in 12 min" for the Servers view, from the engine state and the token store. */
export class AuthStatus implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly status = new Map<string, { signedIn: boolean; expiresAt?: number }>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly engine: EngineApi, private readonly store: OAuthStore, private readonly now: () => number = Date.now) {
    this.subscriptions = [engine.onDidChangeServer(s => void this.refresh(s)), this.changed];
    // The minutes count down while nothing else changes.
    this.timer = setInterval(() => { for (const name of this.status.keys()) this.changed.fire(name); }, 60_000);
    this.timer.unref?.();
  }

  async refresh(snap: ServerSnapshot | undefined): Promise<void> {
    const target = snap?.spec?.target;
    if (!snap || !target || target.type === 'stdio') return;
    const next = await tokenStatus(this.store, target.url);
    const previous = this.status.get(snap.name);
    this.status.set(snap.name, next);
    if (previous?.signedIn !== next.signedIn || previous?.expiresAt !== next.expiresAt) this.changed.fire(snap.name);
  }

  async refreshAll(): Promise<void> {
    for (const snap of this.engine.list()) await this.refresh(snap);
  }

  describe(snap: ServerSnapshot): string | undefined {
    if (snap.state.kind === 'error' && snap.state.failure === 'needs-sign-in') return 'needs sign-in';
    const status = this.status.get(snap.name);
    if (!status?.signedIn) return undefined;
    if (status.expiresAt === undefined) return 'signed in';
    const minutes = Math.round((status.expiresAt - this.now()) / 60_000);
    return minutes > 0 ? `signed in · token expires in ${minutes} min` : 'signed in · token expired (refreshed on the next request)';
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
