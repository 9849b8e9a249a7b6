import type * as vscode from 'vscode';
import type { ConsentMemory, RememberedConsent } from '../../core/sampling/samplingPolicy';

export const samplingConsentKey = 'mcpSwitchboard.samplingConsent';

/** Remembered sampling choices per server, in global state (they follow the user across workspaces). */
export class GlobalStateConsentMemory implements ConsentMemory {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, RememberedConsent> {
    return { ...this.state.get<Record<string, RememberedConsent>>(samplingConsentKey, {}) };
  }

  get(server: string): RememberedConsent | undefined {
    const v = this.all()[server];
    return v === 'allow' || v === 'deny' ? v : undefined;
  }

  async set(server: string, choice: RememberedConsent | undefined): Promise<void> {
    const all = this.all();
    if (choice) all[server] = choice; else delete all[server];
    await this.state.update(samplingConsentKey, all);
  }

  servers(): string[] {
    return Object.keys(this.all());
  }
}
