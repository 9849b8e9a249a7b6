import type * as vscode from 'vscode';
import type { EraStore, PriorEra } from '../mcp/eraMemory';

const stateKey = 'mcpSwitchboard.protocolEras';
/** A remembered 2025 verdict never fails (an upgraded server still answers `initialize`): ask again after a week. */
const maxAgeMs = 7 * 24 * 60 * 60 * 1000;

interface Stored { era: PriorEra; at: number }

/** Eras learned by probing, kept in global state so the next window skips the probe too. */
export function persistedEras(state: vscode.Memento, now: () => number = Date.now): EraStore {
  const all = (): Record<string, Stored> => state.get<Record<string, Stored>>(stateKey, {});
  return {
    get(key) {
      const stored = all()[key];
      return stored && now() - stored.at < maxAgeMs ? stored.era : undefined;
    },
    set(key, era) {
      const next = { ...all() };
      if (era) next[key] = { era, at: now() }; else delete next[key];
      for (const [k, v] of Object.entries(next)) if (now() - v.at >= maxAgeMs) delete next[k];
      void state.update(stateKey, next);
    },
  };
}
