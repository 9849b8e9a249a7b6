/**
 * The questions the configuration layer asks after a reload: the inputs a starting server needs, then consent for
 * new workspace command lines. One question on screen at a time (PromptQueue); an input the user cancelled is not
 * asked again in this window until "Enter Inputs" forces it.
 */
import type { ServerEntry } from '../core/connection/types';
import { resolveConfig, type InputResolver, type ResolveContext } from '../core/config/resolve';
import type { InputDefinition, ServerConfig } from '../core/config/schema';
import type { ParsedConfig } from '../core/config/types';
import type { GateContext } from './consentGate';
import type { ConsentStore } from './consentStore';
import { inputStorageKey } from './inputKeys';
import type { InputStore } from './inputStore';
import { PromptQueue } from './promptQueue';
import type { ConfigPrompts } from './prompts';

/** The result of the last reload. */
export interface ConfigSnapshot {
  /** Every parsed source, before precedence. */
  parsed: ParsedConfig[];
  /** The sources in precedence order, each with the servers it wins. */
  configs: ParsedConfig[];
  /** What was handed to the engine. */
  entries: ServerEntry[];
  /** The config each entry comes from. */
  configOf: Map<string, ParsedConfig>;
}

export const startsByItself = (config: ServerConfig | undefined) => config !== undefined && config.disabled !== true && config.autoStart !== false;

export interface ConfigQuestionsDeps {
  inputs: InputStore;
  consent: ConsentStore;
  /** Read on every question: tests replace the service's prompts. */
  prompts(): ConfigPrompts;
  resolveContext(): ResolveContext;
}

export type ConsentAnswer = 'approved' | 'declined' | 'skipped';

export class ConfigQuestions {
  private readonly queue = new PromptQueue();
  /** Storage keys of inputs the user cancelled in this window: not asked again until "Enter Inputs". */
  private readonly cancelledInputs = new Set<string>();
  /** Stored inputs a remote server at another origin wants: asked again, then tied to that origin. */
  readonly staleInputs: GateContext['staleInputs'] = new Map();

  constructor(private readonly deps: ConfigQuestionsDeps) {}

  /** Asks what the servers that start by themselves still need; true when an answer calls for another reload. */
  async afterReload(snapshot: ConfigSnapshot): Promise<boolean> {
    let reload = false;
    const startsAlone = (entry: ServerEntry, config: ParsedConfig | undefined) => startsByItself(config?.servers.find(s => s.name === entry.name)?.config);
    for (const config of snapshot.configs) {
      const waiting = snapshot.entries.filter(e => e.blocked?.reason === 'needs-input' && snapshot.configOf.get(e.name) === config && startsAlone(e, config)).map(e => e.name);
      if (waiting.length && await this.askInputs(config, waiting, false)) reload = true;
    }
    for (const entry of snapshot.entries) {
      const config = snapshot.configOf.get(entry.name);
      if (entry.blocked?.reason !== 'needs-consent' || !startsAlone(entry, config)) continue;
      if (await this.askConsent(entry, config, false) !== 'skipped') reload = true;
    }
    return reload;
  }

  /** Prompts for the inputs of these servers of one config; true when a value was entered. */
  async askInputs(config: ParsedConfig, names: string[], force: boolean): Promise<boolean> {
    const servers = config.servers.filter(s => names.includes(s.name));
    if (!servers.length) return false;
    const answered = { value: false };
    await resolveConfig({ ...config, servers, notes: [] }, { ...this.deps.resolveContext(), resolveInput: this.inputAsker(config, names, force, answered) });
    return answered.value;
  }

  async askConsent(entry: ServerEntry, config: ParsedConfig | undefined, force: boolean): Promise<ConsentAnswer> {
    const spec = entry.spec;
    if (!spec) return 'skipped';
    const { consent } = this.deps;
    await consent.ready();
    const settled = () => consent.isApproved(spec) || (!force && consent.wasDeclined(spec));
    if (settled()) return 'skipped';
    // A reload computed before another prompt's answer may ask about the same command line: ask only once.
    return this.queue.run(`consent:${consent.fingerprint(spec)}`, async () => {
      if (settled()) return 'skipped';
      const allowed = await this.deps.prompts().confirmCommandLine(spec, { source: config?.source.label ?? entry.origin?.label ?? 'the workspace' });
      if (allowed) await consent.approve(spec);
      else consent.decline(spec);
      return allowed ? 'approved' : 'declined';
    });
  }

  /** Stored inputs were cleared: every input may be asked again. */
  forgetAnswers(): void {
    this.cancelledInputs.clear();
    this.staleInputs.clear();
  }

  private inputAsker(config: ParsedConfig, servers: string[], force: boolean, answered: { value: boolean }): InputResolver {
    const { inputs } = this.deps;
    return async (input: InputDefinition) => {
      const key = inputStorageKey(config.source, input.id);
      const stale = this.staleInputs.get(key);
      const stored = await inputs.get(config.source, input);
      if (stored !== undefined && !stale) return stored;
      if (force) this.cancelledInputs.delete(key);
      if (this.cancelledInputs.has(key)) return undefined;
      return this.queue.run(`input:${key}`, async () => {
        const again = await inputs.get(config.source, input);
        if (again !== undefined && !this.staleInputs.has(key)) return again;
        const value = await this.deps.prompts().promptForInput(input, { source: config.source.label, servers });
        if (value === undefined) {
          this.cancelledInputs.add(key);
          return undefined;
        }
        await inputs.store(config.source, input, value);
        const entered = this.staleInputs.get(key);
        if (entered) await inputs.bindOrigin(config.source, input.id, entered.origin).then(() => this.staleInputs.delete(key));
        answered.value = true;
        return value;
      });
    };
  }
}
