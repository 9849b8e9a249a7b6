import { defaultServerOptions, type ServerEntry, type ServerOptions, type ServerTarget } from '../../../src/core/connection/types';
import type { Engine } from '../../../src/core/connection/engine';
import { createEngine } from '../../../src/mcp/createEngine';
import type { ConnectionStateKind } from '../../../src/core/connection/state';

export function entry(name: string, target: ServerTarget, options: Partial<ServerOptions> = {}, secrets: string[] = []): ServerEntry {
  return { name, spec: { name, target, options: { ...defaultServerOptions, healthCheckIntervalMs: 0, ...options }, secrets } };
}

/** An engine with fast shutdown and retry timings, so tests stay quick. */
export function testEngine(overrides: Parameters<typeof createEngine>[0] = {}): Engine {
  return createEngine({
    sdk: { shutdown: { stdinGraceMs: 300, termGraceMs: 500 } },
    backoff: { initialDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 },
    stableAfterMs: 60_000,
    listChangedDebounceMs: 20,
    random: () => 1,
    ...overrides,
  });
}

export function waitForState(engine: Engine, server: string, kind: ConnectionStateKind | ConnectionStateKind[], timeoutMs = 10_000): Promise<void> {
  const kinds = Array.isArray(kind) ? kind : [kind];
  return new Promise((resolve, reject) => {
    const check = () => { const s = engine.get(server)?.state; if (s && kinds.includes(s.kind)) { sub.dispose(); clearTimeout(t); resolve(); return true; } return false; };
    const sub = engine.onDidChangeServer(() => check());
    const t = setTimeout(() => { sub.dispose(); reject(new Error(`${server} did not reach ${kinds.join('|')} within ${timeoutMs} ms; it is ${JSON.stringify(engine.get(server)?.state)}`)); }, timeoutMs);
    check();
  });
}

/** Resolves once the server's catalog satisfies `ok` (checked now and on every catalog change). */
export function waitForCatalog(engine: Engine, server: string, ok: (s: NonNullable<ReturnType<Engine['get']>>) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => { const s = engine.get(server); if (s && ok(s)) { sub.dispose(); clearTimeout(t); resolve(); } };
    const sub = engine.onDidChangeCatalog(e => { if (e.server === server) check(); });
    const t = setTimeout(() => { sub.dispose(); reject(new Error(`${server}: ${what} did not happen within ${timeoutMs} ms: ${JSON.stringify(engine.get(server)?.state)} ${JSON.stringify(engine.get(server)?.catalog).slice(0, 300)}`)); }, timeoutMs);
    check();
  });
}

export async function timed<T>(p: Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const t0 = Date.now();
  try { const value = await p; return { ms: Date.now() - t0, value }; } catch (e) { return { ms: Date.now() - t0, error: e as Error }; }
}

/** Resolves once the engine's traffic store holds a record matching `match` (checked on every appended batch). */
export function waitForRecord(engine: Engine, match: (r: ReturnType<Engine['traffic']['records']>[number]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => { if (!engine.traffic.records().some(match)) return; sub.dispose(); clearTimeout(timer); resolve(); };
    const sub = engine.traffic.onDidAppend(check);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`${what} was not recorded within ${timeoutMs} ms`)); }, timeoutMs);
    check();
  });
}
