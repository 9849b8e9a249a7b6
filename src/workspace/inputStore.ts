import type * as vscode from 'vscode';
import type { InputDefinition } from '../core/config/schema';
import type { ConfigSource } from '../core/config/types';
import { inputStorageKey, isInputStorageKey } from './inputKeys';

/**
 * Values the user entered for `${input:id}`. Password inputs live in SecretStorage only; other values in the
 * workspace state (workspace files) or the global state (user-level files). Nothing is written to a file or setting.
 */
export class InputStore {
  /** Keys of plain values, per memento, so Clear Stored Inputs finds them. */
  private static readonly indexKey = 'mcpSwitchboard.inputKeys';
  /** Input storage key → the URL origins its value was entered for (remote servers only). */
  private static readonly originsKey = 'mcpSwitchboard.inputOrigins';

  constructor(private readonly secrets: vscode.SecretStorage, private readonly workspaceState: vscode.Memento, private readonly globalState: vscode.Memento) {}

  private mementoFor(source: ConfigSource): vscode.Memento {
    return source.kind === 'workspace' || source.workspaceFolder !== undefined ? this.workspaceState : this.globalState;
  }

  private static isSecret(input: InputDefinition): boolean {
    return input.type === 'promptString' && input.password === true;
  }

  async get(source: ConfigSource, input: InputDefinition): Promise<string | undefined> {
    const key = inputStorageKey(source, input.id);
    if (InputStore.isSecret(input)) return this.secrets.get(key);
    return this.mementoFor(source).get<string>(key);
  }

  async store(source: ConfigSource, input: InputDefinition, value: string): Promise<void> {
    const key = inputStorageKey(source, input.id);
    if (InputStore.isSecret(input)) {
      await this.secrets.store(key, value);
      return;
    }
    const memento = this.mementoFor(source);
    await memento.update(key, value);
    const index = new Set(memento.get<string[]>(InputStore.indexKey, []));
    if (!index.has(key)) await memento.update(InputStore.indexKey, [...index, key]);
  }

  /** Stores a password value for an input id of a file (Add Server and Import keep typed tokens this way). */
  async storeSecret(source: ConfigSource, inputId: string, value: string): Promise<void> {
    await this.secrets.store(inputStorageKey(source, inputId), value);
  }

  async getSecret(source: ConfigSource, inputId: string): Promise<string | undefined> {
    return this.secrets.get(inputStorageKey(source, inputId));
  }

  /** The origins the stored value of `inputId` may be sent to; undefined when it was never bound (nothing stored or not used remotely yet). */
  boundOrigins(source: ConfigSource, inputId: string): string[] | undefined {
    return this.mementoFor(source).get<Record<string, string[]>>(InputStore.originsKey, {})[inputStorageKey(source, inputId)];
  }

  /** Ties the stored value of `inputId` to `origin`; `replace` drops earlier origins (the value was entered again for this one). */
  async bindOrigin(source: ConfigSource, inputId: string, origin: string, replace = false): Promise<void> {
    const memento = this.mementoFor(source);
    const all = { ...memento.get<Record<string, string[]>>(InputStore.originsKey, {}) };
    const key = inputStorageKey(source, inputId);
    const current = replace ? [] : all[key] ?? [];
    if (current.includes(origin) && !replace) return;
    all[key] = [...current.filter(o => o !== origin), origin];
    await memento.update(InputStore.originsKey, all);
  }

  /** The plain (non-password) values kept in the mementos. */
  plainValues(): string[] {
    return [this.workspaceState, this.globalState].flatMap(m => m.get<string[]>(InputStore.indexKey, []).map(key => m.get<string>(key))).filter((v): v is string => v !== undefined);
  }

  /** Forgets every stored input value; returns how many were removed. */
  async clear(): Promise<number> {
    let removed = 0;
    const secretKeys = await Promise.resolve(this.secrets.keys()).catch(() => [] as string[]);
    for (const key of secretKeys.filter(isInputStorageKey)) {
      await this.secrets.delete(key);
      removed++;
    }
    for (const memento of [this.workspaceState, this.globalState]) {
      for (const key of memento.get<string[]>(InputStore.indexKey, [])) {
        if (memento.get(key) !== undefined) removed++;
        await memento.update(key, undefined);
      }
      await memento.update(InputStore.indexKey, undefined);
      await memento.update(InputStore.originsKey, undefined);
    }
    return removed;
  }
}
