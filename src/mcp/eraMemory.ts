import type { Client, ConnectOptions, PriorDiscovery, VersionNegotiationOptions } from '@modelcontextprotocol/client';
import type { ProtocolVersionChoice, ServerTarget } from '../core/connection/types';
import { stableStringify } from '../core/stableJson';

export type PriorEra = PriorDiscovery;

/** Where remembered eras live; the extension may back it with its global state so a restart of VS Code skips the probe too. */
export interface EraStore {
  get(key: string): PriorEra | undefined;
  set(key: string, era: PriorEra | undefined): void;
}

export class InMemoryEraStore implements EraStore {
  private readonly eras = new Map<string, PriorEra>();
  get(key: string): PriorEra | undefined { return this.eras.get(key); }
  set(key: string, era: PriorEra | undefined): void { if (era) this.eras.set(key, era); else this.eras.delete(key); }
}

/** An era belongs to what we connect to, not to the server's name: a changed command or URL is probed again. */
export function eraKey(target: ServerTarget): string {
  return target.type === 'stdio'
    ? stableStringify({ type: 'stdio', command: target.command, args: target.args, cwd: target.cwd ?? '' })
    : stableStringify({ type: target.type, url: target.url });
}

/** A silent legacy stdio server must not hold the connection for the SDK's 60 s default before we fall back. */
export const defaultProbeTimeoutMs = 5_000;

export function negotiationFor(choice: ProtocolVersionChoice, probeTimeoutMs: number): VersionNegotiationOptions {
  if (choice === '2025-11-25') return { mode: 'legacy' };
  if (choice === '2026-07-28') return { mode: { pin: '2026-07-28' } };
  return { mode: 'auto', probe: { timeoutMs: probeTimeoutMs } };
}

/** The connect options for one attempt: a remembered era skips the probe, only in `auto` mode. */
export function connectOptionsFor(choice: ProtocolVersionChoice, prior: PriorEra | undefined, timeout: number): ConnectOptions {
  return choice === 'auto' && prior ? { timeout, prior } : { timeout };
}

/** What to remember after a successful connect. */
export function verdictOf(client: Client): PriorEra | undefined {
  const era = client.getProtocolEra();
  if (era === 'legacy') return { kind: 'legacy' };
  const discover = client.getDiscoverResult();
  return era === 'modern' && discover ? { kind: 'modern', discover } : undefined;
}
