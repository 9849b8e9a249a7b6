import * as os from 'node:os';
import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { ProtocolVersionChoice, ServerEntry } from '../core/connection/types';
import { withProtocolDefault } from '../core/config/protocolDefault';
import { originOf, remoteInputIds } from '../core/config/consent';
import { parseConfigText } from '../core/config/parse';
import { mergeSources } from '../core/config/precedence';
import { resolveConfig, type ResolveContext } from '../core/config/resolve';
import { type ConfigDiagnostic, type ConfigNote, type ConfigSource, type ParsedConfig } from '../core/config/types';
import { ConfigDiagnostics } from './configDiagnostics';
import { ConfigQuestions, startsByItself, type ConfigSnapshot, type ConsentAnswer } from './configQuestions';
import { ConfigWatcher } from './configWatcher';
import { gateEntry, type GateContext } from './consentGate';
import { ConsentStore } from './consentStore';
import { InputStore } from './inputStore';
import { defaultPrompts, type ConfigPrompts } from './prompts';
import { ConfigSettings } from './settingsKeys';
import { readSettingServers } from './readSettingServers';
import { describeShadowing, withShadowingLabel } from './shadowing';
import { locateSources, locateUserData } from './sourceLocator';
import type { UserDataPaths } from './userDataPaths';
import { readSources } from './sourceReader';
import { handOverToVSCode } from '../core/config/coexistence';
import { readVSCodeServersOwner } from './vscodeServersOwner';
import { CoalescingRunner } from '../core/serialRunner';
import { DisposableBase } from '../core/events';

export type { ConfigSnapshot };

export interface ConfigurationServiceOptions {
  context: vscode.ExtensionContext;
  engine: Pick<EngineApi, 'apply' | 'get' | 'start'>;
  /** The extension's main log. */
  log: vscode.LogOutputChannel;
  /** Writes a line into one server's own log (config notes: assumptions, shadowed definitions). */
  serverLog(server: string, level: 'info' | 'warn', message: string): void;
  debounceMs?: number;
}

const emptySnapshot: ConfigSnapshot = { parsed: [], configs: [], entries: [], configOf: new Map() };

/**
 * The configuration layer in VS Code: finds the sources, reads and validates them (Problems view), applies
 * precedence, resolves variables and inputs, enforces workspace trust and command-line consent, hands the
 * entries to the engine, and does it again whenever a source changes.
 */
export class ConfigurationService extends DisposableBase {
  /** The questions asked of the user; tests replace them. */
  prompts: ConfigPrompts = { ...defaultPrompts };
  readonly inputs: InputStore;
  readonly consent: ConsentStore;
  private readonly diagnostics = new ConfigDiagnostics();
  private readonly watcher: ConfigWatcher;
  private readonly questions: ConfigQuestions;
  private readonly loggedNotes = new Map<string, string>();
  private readonly reloadEmitter = new vscode.EventEmitter<ConfigSnapshot>();
  readonly onDidReload = this.reloadEmitter.event;
  private current: ConfigSnapshot = emptySnapshot;
  /** Reloads run one at a time; requests during a reload coalesce into one more. */
  private readonly reloads = new CoalescingRunner(() => this.reloadOnce());
  private settingsTimer?: ReturnType<typeof setTimeout>;
  private disposed = false;

  constructor(private readonly opts: ConfigurationServiceOptions) {
    super();
    const { context } = opts;
    this.inputs = new InputStore(context.secrets, context.workspaceState, context.globalState);
    this.consent = new ConsentStore(context.workspaceState, context.secrets, context.globalState);
    this.questions = new ConfigQuestions({ inputs: this.inputs, consent: this.consent, prompts: () => this.prompts, resolveContext: () => this.resolveContext() });
    this.watcher = new ConfigWatcher(files => {
      opts.log.debug(`Config changed: ${files.join(', ')}`);
      void this.reload();
    }, opts.debounceMs);
  }

  get snapshot(): ConfigSnapshot { return this.current; }

  /** Where this editor keeps the user's mcp.json and settings.json (undefined when not on this file system). */
  get userData(): UserDataPaths | undefined { return locateUserData(this.opts.context); }

  /** Subscribes to settings, trust and folder changes, and loads the configuration. */
  start(): Promise<void> {
    this._registerAll(
      vscode.workspace.onDidChangeConfiguration(e => {
        const keys = [ConfigSettings.servers, ConfigSettings.confirmWorkspaceServers, ConfigSettings.discoveryPrefix, ConfigSettings.vscodeServers, ConfigSettings.protocolVersion];
        if (keys.some(key => e.affectsConfiguration(`${ConfigSettings.section}.${key}`))) this.reloadSoon();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.opts.log.info('Workspace trusted: starting workspace servers');
        void this.reload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
    return this.reload();
  }

  private reloadSoon(): void {
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    this.settingsTimer = setTimeout(() => { this.settingsTimer = undefined; void this.reload(); }, this.opts.debounceMs ?? 150);
  }

  /** Re-reads every source and applies the result; calls during a reload coalesce into one more. */
  reload(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return this.reloads.run();
  }

  /** Resolves when the engine has taken the last entries (the starts it launched may still be running). */
  whenApplied(): Promise<void> {
    return this.reloads.idle();
  }

  private resolveContext(): ResolveContext {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return {
      env: process.env,
      userHome: os.homedir(),
      workspaceFolder: folders[0]?.uri.fsPath,
      workspaceFolders: Object.fromEntries(folders.map(f => [f.name, f.uri.fsPath])),
      workspaceTrusted: vscode.workspace.isTrusted,
    };
  }

  private async reloadOnce(): Promise<void> {
    try {
      const { log } = this.opts;
      const located = locateSources(this.opts.context);
      const read = await readSources(located.files);
      for (const { source, message } of read.unreadable) log.warn(`Cannot read ${source.label} config ${source.file}: ${message}`);
      const setting = await readSettingServers(located.settingsFiles, this.opts.log);
      const parsed = setting ? [...read.parsed, setting] : read.parsed;
      const merged = mergeSources(parsed);
      const shadowing = describeShadowing(merged.shadowed);
      const owner = readVSCodeServersOwner();
      const protocolChoice = vscode.workspace.getConfiguration(ConfigSettings.section).get<ProtocolVersionChoice>(ConfigSettings.protocolVersion, 'auto');
      const ctx = this.resolveContext();
      await this.consent.ready();
      this.questions.staleInputs.clear();
      const gate = this.gateContext();

      const problems = new Map<string, ConfigDiagnostic[]>();
      const addProblems = (file: string | undefined, diagnostics: ConfigDiagnostic[]) => {
        if (!file) return;
        problems.set(file, [...(problems.get(file) ?? []), ...diagnostics]);
      };
      for (const p of parsed) if (p.source.file) addProblems(p.source.file, p.diagnostics);

      const entries: ServerEntry[] = [];
      const configOf = new Map<string, ParsedConfig>();
      const notes: ConfigNote[] = [...shadowing.notes];
      for (const config of merged.configs) {
        const resolved = await resolveConfig(config, { ...ctx, resolveInput: input => this.inputs.get(config.source, input) });
        addProblems(config.source.file, resolved.diagnostics);
        notes.push(...resolved.notes);
        const where = config.source.file ?? config.source.label;
        for (const d of [...config.servers.flatMap(server => server.diagnostics), ...resolved.diagnostics]) {
          if (d.server) notes.push({ server: d.server, message: `${d.severity} at ${where}:${d.line + 1}:${d.column + 1}: ${d.message}` });
        }
        for (const entry of resolved.entries) {
          const handedOver = handOverToVSCode(entry, owner);
          const gated = handedOver.blocked?.reason === 'run-by-vscode' ? handedOver : gateEntry(entry, config, gate);
          entries.push(withProtocolDefault(withShadowingLabel(gated, shadowing.labels), protocolChoice));
          configOf.set(entry.name, config);
        }
      }

      for (const bind of gate.pendingBindings) await bind();
      this.diagnostics.publish(problems, shadowing.hints);
      this.logNotes(notes, entries);
      this.watcher.watch(located.files.map(s => s.file!));
      this.current = { parsed, configs: merged.configs, entries, configOf };
      const blocked = entries.filter(e => e.blocked).length;
      const problemCount = [...problems.values()].reduce((n, list) => n + list.length, 0);
      log.info(`Configuration: ${entries.length} server(s) from ${parsed.length} source(s)${blocked ? `, ${blocked} blocked` : ''}${problemCount ? `, ${problemCount} problem(s)` : ''}`);
      // apply() returns once servers are launched, so a slow start never holds up the next reload.
      const applied = this.disposed ? undefined : this.opts.engine.apply(entries);
      this.reloadEmitter.fire(this.current);
      void this.followUp(this.current);
      await applied;
    } catch (e) {
      this.opts.log.error(e as Error);
    }
  }

  private gateContext(): GateContext {
    return {
      consent: this.consent,
      inputs: this.inputs,
      extensionPath: this.opts.context.extensionPath,
      confirmWorkspaceServers: vscode.workspace.getConfiguration(ConfigSettings.section).get<boolean>(ConfigSettings.confirmWorkspaceServers, true),
      startsByItself,
      staleInputs: this.questions.staleInputs,
      pendingBindings: [],
    };
  }

  private logNotes(notes: ConfigNote[], entries: ServerEntry[]): void {
    const byServer = new Map<string, string[]>();
    for (const note of notes) byServer.set(note.server, [...(byServer.get(note.server) ?? []), note.message]);
    for (const entry of entries) {
      const lines = byServer.get(entry.name) ?? [];
      const where = entry.origin?.file ? `${entry.origin.label ?? entry.origin.kind}: ${entry.origin.file}:${(entry.origin.line ?? 0) + 1}` : entry.origin?.label ?? '';
      const text = [where, entry.blocked ? `${entry.blocked.reason}: ${entry.blocked.message}` : '', ...lines].join('\n');
      if (this.loggedNotes.get(entry.name) === text) continue;
      this.loggedNotes.set(entry.name, text);
      this.opts.serverLog(entry.name, 'info', `[config] defined in ${where}`);
      for (const line of lines) this.opts.serverLog(entry.name, 'info', `[config] ${line}`);
      if (entry.blocked) this.opts.serverLog(entry.name, 'warn', `[config] not started (${entry.blocked.reason}): ${entry.blocked.message}`);
    }
  }

  /** Asks what the new snapshot's servers still need (inputs, consent); reloads when something was answered. */
  private async followUp(snapshot: ConfigSnapshot): Promise<void> {
    try {
      if (await this.questions.afterReload(snapshot) && !this.disposed) await this.reload();
    } catch (e) {
      this.opts.log.error(e as Error);
    }
  }

  // ---- Operations behind the commands.

  logToServer(server: string, level: 'info' | 'warn', message: string): void {
    this.opts.serverLog(server, level, `[config] ${message}`);
  }

  entry(name: string): ServerEntry | undefined {
    return this.current.entries.find(e => e.name === name);
  }

  /** Asks for a blocked server's inputs (even ones cancelled before), then reloads and starts it. */
  async enterInputs(name: string): Promise<boolean> {
    const config = this.current.configOf.get(name);
    if (!config) throw new Error(`No configured server named "${name}"`);
    const answered = await this.questions.askInputs(config, [name], true);
    await this.reloadAndStart(name);
    return answered;
  }

  /** Asks to allow a server's command line (the modal shows it), then reloads and starts it. */
  async approve(name: string, options: { confirmed?: boolean } = {}): Promise<'approved' | 'declined' | 'not-needed'> {
    const entry = this.entry(name);
    if (!entry) throw new Error(`No configured server named "${name}"`);
    if (entry.blocked?.reason !== 'needs-consent' || !entry.spec) return 'not-needed';
    let result: ConsentAnswer;
    if (options.confirmed) {
      await this.consent.ready();
      await this.consent.approve(entry.spec);
      result = 'approved';
    } else {
      result = await this.questions.askConsent(entry, this.current.configOf.get(name), true);
    }
    await this.reloadAndStart(name);
    return result === 'approved' ? 'approved' : 'declined';
  }

  /**
   * Approves the command line server `name` of `text` resolves to (a server the user just typed in or picked
   * for import), so writing it does not ask again.
   */
  async preApprove(source: ConfigSource, text: string, name: string): Promise<void> {
    const parsed = parseConfigText(text, source);
    const servers = parsed.servers.filter(s => s.name === name);
    const resolved = await resolveConfig({ ...parsed, servers, notes: [] }, { ...this.resolveContext(), resolveInput: input => this.inputs.get(source, input) });
    const spec = resolved.entries[0]?.spec;
    if (!spec) return;
    await this.consent.ready();
    await this.consent.approve(spec);
    // The user typed this address and its inputs: their stored values may go there.
    if (spec.target.type !== 'stdio') {
      const origin = originOf(spec.target.url);
      for (const server of servers) for (const id of server.config ? remoteInputIds(server.config) : []) await this.inputs.bindOrigin(source, id, origin);
    }
  }

  private async reloadAndStart(name: string): Promise<void> {
    await this.reload();
    await this.whenApplied();
    const entry = this.entry(name);
    const state = this.opts.engine.get(name)?.state.kind;
    if (entry?.spec && !entry.blocked && !entry.spec.options.disabled && (state === 'stopped' || state === 'error')) {
      await this.opts.engine.start(name).catch(e => this.opts.log.warn(`${name}: ${(e as Error).message}`));
    }
  }

  /** Forgets every stored input value (secrets included) and reloads; servers that need them ask again. */
  async clearStoredInputs(): Promise<number> {
    const removed = await this.inputs.clear();
    this.questions.forgetAnswers();
    await this.reload();
    return removed;
  }

  override dispose(): void {
    this.disposed = true;
    if (this.settingsTimer) clearTimeout(this.settingsTimer);
    super.dispose();
    this.watcher.dispose();
    this.diagnostics.dispose();
    this.reloadEmitter.dispose();
  }
}
