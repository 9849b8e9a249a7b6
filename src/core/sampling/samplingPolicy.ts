import type { SamplingRequest } from './types';
import { SamplingRefusal } from './types';
import { RateWindow } from './rateWindow';

export type RememberedConsent = 'allow' | 'deny';
/** What the user chose in the consent prompt; `dismissed` (closed without a choice) refuses this request only. */
export type ConsentAnswer = 'allow-always' | 'allow-once' | 'deny-always' | 'dismissed';

/** Where remembered choices live (VS Code global state in the extension, a Map in tests). */
export interface ConsentMemory {
  get(server: string): RememberedConsent | undefined;
  set(server: string, choice: RememberedConsent | undefined): Promise<void> | void;
  servers(): string[];
}

export interface SamplingSettings {
  /** Servers allowed to sample without being asked. */
  allowedServers: string[];
  /** Models sampling may use (id, family, name or vendor/id); empty means any. */
  allowedModels: string[];
  /** Per-server cap on sampling requests in any one minute; 0 refuses every request. */
  maxRequestsPerMinute: number;
}

export const defaultSamplingSettings: SamplingSettings = { allowedServers: [], allowedModels: [], maxRequestsPerMinute: 10 };

export interface SamplingPolicyDeps {
  memory: ConsentMemory;
  settings: () => SamplingSettings;
  ask: (request: SamplingRequest, signal: AbortSignal) => Promise<ConsentAnswer>;
  now?: () => number;
}

/** Decides whether a server may sample now: the per-minute cap first (so a looping server cannot flood the user with prompts), then consent. */
export class SamplingPolicy {
  private readonly rate: RateWindow;
  /** One consent prompt per server at a time: concurrent requests wait for its answer. */
  private readonly asking = new Map<string, Promise<ConsentAnswer>>();

  constructor(private readonly deps: SamplingPolicyDeps) {
    this.rate = new RateWindow(deps.now);
  }

  async authorize(request: SamplingRequest, signal: AbortSignal): Promise<void> {
    const { server } = request;
    const settings = this.deps.settings();
    if (!this.rate.take(server, settings.maxRequestsPerMinute)) {
      const seconds = Math.ceil(this.rate.retryAfterMs(server) / 1000);
      throw new SamplingRefusal('rate-limited', `MCP Switchboard refused sampling: "${server}" reached its cap of ${settings.maxRequestsPerMinute} sampling requests per minute (setting mcpSwitchboard.sampling.maxRequestsPerMinute). Try again in ${seconds} s.`);
    }
    if (settings.allowedServers.includes(server)) return;
    for (;;) {
      const remembered = this.deps.memory.get(server);
      if (remembered === 'allow') return;
      if (remembered === 'deny') throw denied(server);
      const answer = await this.askOnce(request, signal);
      if (answer === 'allow-once') return;
      if (answer === 'dismissed') throw new SamplingRefusal('cancelled', `The user closed the sampling consent for "${server}" without allowing it.`);
      // allow-always / deny-always were stored by whoever asked: loop to read them back.
    }
  }

  /** Forgets the remembered choice of one server, or of all servers; they are asked again next time. */
  async revoke(server?: string): Promise<void> {
    for (const s of server === undefined ? this.deps.memory.servers() : [server]) await this.deps.memory.set(s, undefined);
  }

  private askOnce(request: SamplingRequest, signal: AbortSignal): Promise<ConsentAnswer> {
    const pending = this.asking.get(request.server);
    if (pending) return pending.then(a => (a === 'allow-once' || a === 'dismissed' ? this.askOnce(request, signal) : a));
    const asked = (async () => {
      const answer = await this.deps.ask(request, signal);
      if (answer === 'allow-always') await this.deps.memory.set(request.server, 'allow');
      if (answer === 'deny-always') await this.deps.memory.set(request.server, 'deny');
      return answer;
    })().finally(() => this.asking.delete(request.server));
    this.asking.set(request.server, asked);
    return asked;
  }
}

function denied(server: string): SamplingRefusal {
  return new SamplingRefusal('denied', `The user does not allow "${server}" to sample the language model (MCP Switchboard: run "Revoke Sampling Consent" to be asked again).`);
}
