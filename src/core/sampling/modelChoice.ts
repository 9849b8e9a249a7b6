import type { ModelPreferences } from './types';

/** What sampling needs to know of a chat model the user has (vscode.lm's `LanguageModelChat`, without vscode). */
export interface ChatModelInfo {
  vendor: string;
  id: string;
  family: string;
  name: string;
  maxInputTokens: number;
}

export const modelLabel = (m: ChatModelInfo): string => `${m.vendor}/${m.id}`;

const matchesPattern = (m: ChatModelInfo, pattern: string): boolean => {
  const p = pattern.trim().toLowerCase();
  return [m.id, m.family, m.name, modelLabel(m)].some(v => v.toLowerCase() === p);
};

/** The models the `allowedModels` setting lets sampling use; an empty list allows every model. */
export function allowedModels(models: ChatModelInfo[], patterns: string[]): ChatModelInfo[] {
  return patterns.length ? models.filter(m => patterns.some(p => matchesPattern(m, p))) : models;
}

const clamp01 = (n: number | undefined): number => (typeof n === 'number' && Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/**
 * Maps MCP model preferences onto the models the user has. Hints come first, in the server's order: the first hint
 * that is a substring of a model's id, family or name picks among the matching models. Priorities then rank: the
 * context window stands in for capability (no cost or speed figures exist in vscode.lm), so intelligence favours the
 * largest window and cost or speed the smallest. Without preferences the first model (VS Code's order) wins.
 */
export function chooseModel(models: ChatModelInfo[], prefs: ModelPreferences | undefined): ChatModelInfo | undefined {
  if (!models.length) return undefined;
  let candidates = models;
  for (const hint of prefs?.hints ?? []) {
    const needle = hint.name?.trim().toLowerCase();
    if (!needle) continue;
    const hit = models.filter(m => [m.id, m.family, m.name].some(v => v.toLowerCase().includes(needle)));
    if (hit.length) { candidates = hit; break; }
  }
  const smart = clamp01(prefs?.intelligencePriority);
  const cheap = Math.max(clamp01(prefs?.costPriority), clamp01(prefs?.speedPriority));
  if (smart === cheap) return candidates[0];
  const windows = candidates.map(m => m.maxInputTokens);
  const lo = Math.min(...windows), span = Math.max(...windows) - lo || 1;
  const score = (m: ChatModelInfo) => { const size = (m.maxInputTokens - lo) / span; return smart * size + cheap * (1 - size); };
  return candidates.reduce((best, m) => (score(m) > score(best) ? m : best));
}
