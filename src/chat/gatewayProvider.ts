/**
 * Hands VS Code's own agent one MCP server, "MCP Switchboard": the loopback gateway (src/mcp/gateway), through
 * `vscode.lm.registerMcpServerDefinitionProvider` (contribution `mcpServerDefinitionProviders`). Starts and stops the
 * gateway with `mcpSwitchboard.gateway.enabled`, and re-announces its lists when
 * `mcpSwitchboard.gateway.exposeServersFromVSCodeConfig` or the approval default changes.
 */
import * as vscode from 'vscode';
import type { EngineApi } from '../core/engineApi';
import type { Logger } from '../core/logger';
import { McpGateway, type GatewayInfo } from '../mcp/gateway/gateway';
import { decideApproval } from './approvalPolicy';
import { exposedThroughGateway } from './exposure';
import { affects, ChatSettings, type ChatSettingsValues } from './settings';
import type { GatewayStatusSource } from './participant';
import { DisposableBase } from '../core/events';
import type { TokenMeter } from './tokenMeter';

export const GATEWAY_PROVIDER_ID = 'mcpSwitchboard.gateway';
export const GATEWAY_LABEL = 'MCP Switchboard';

export class GatewayController extends DisposableBase implements GatewayStatusSource {
  readonly gateway: McpGateway;
  private readonly changed = new vscode.EventEmitter<void>();
  private generation = 0;
  private transition: Promise<void> = Promise.resolve();

  private warnedAbout?: string;

  constructor(private readonly engine: EngineApi, private readonly settings: () => ChatSettingsValues, private readonly log: Logger, version: string, private readonly tokens?: TokenMeter) {
    super();
    this.gateway = new McpGateway(engine, {
      isExposed: s => exposedThroughGateway(s, this.settings().exposeServersFromVSCodeConfig),
      requiresApproval: t => decideApproval({ policy: engine.get(t.server)?.spec?.options.approval, toolName: t.tool.name, annotations: t.tool.annotations, defaultMode: this.settings().defaultApproval }).ask,
      logger: log,
      version,
    });
  }

  /** Registers the provider, starts the gateway when enabled, and follows the settings. */
  register(): vscode.Disposable {
    this._registerAll(this.changed);
    this._registerAll(vscode.lm.registerMcpServerDefinitionProvider(GATEWAY_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: this.changed.event,
      provideMcpServerDefinitions: async () => {
        await this.transition;
        const info = this.gateway.info;
        return info ? [this.definition(info)] : [];
      },
      resolveMcpServerDefinition: async server => {
        await this.transition;
        if (!this.settings().gatewayEnabled) return undefined;
        const info = await this.gateway.start();
        this.warnIfOverBudget();
        return this.definition(info) ?? server;
      },
    }));
    this._registerAll(vscode.workspace.onDidChangeConfiguration(e => {
      if (affects(e, ChatSettings.gatewayEnabled)) void this.apply();
      else if (affects(e, ChatSettings.exposeServersFromVSCodeConfig) || affects(e, ChatSettings.vscodeServers) || affects(e, ChatSettings.defaultApproval)) this.gateway.notifyListChanged();
    }));
    void this.apply();
    return { dispose: () => this.dispose() };
  }

  /** Starts or stops the gateway to match `mcpSwitchboard.gateway.enabled`. */
  apply(): Promise<void> {
    this.transition = this.transition.then(async () => {
      const want = this.settings().gatewayEnabled;
      const running = !!this.gateway.info;
      if (want === running) return;
      try {
        if (want) await this.gateway.start(); else await this.gateway.stop();
      } catch (e) {
        this.log.error(`MCP gateway could not ${want ? 'start' : 'stop'}: ${(e as Error)?.message ?? e}`);
      }
      this.generation++;
      this.changed.fire();
    });
    return this.transition;
  }

  /** Waits for a pending start/stop. */
  whenSettled(): Promise<void> { return this.transition; }

  get info(): GatewayInfo | undefined { return this.gateway.info; }

  isExposed(server: string): boolean | undefined {
    if (!this.gateway.info) return undefined;
    const s = this.engine.get(server);
    return s ? exposedThroughGateway(s, this.settings().exposeServersFromVSCodeConfig) : undefined;
  }

  /** When VS Code's agent starts the gateway: a warning if the tools it serves cost more than the token budget. */
  warnIfOverBudget(): string | undefined {
    const exposed = this.engine.tools().filter(t => t.enabled && this.isExposed(t.server) !== false);
    const warning = this.tokens?.warning(this.settings().tokenBudget, exposed);
    if (!warning || warning === this.warnedAbout) return warning;
    this.warnedAbout = warning;
    this.log.warn(`gateway: ${warning}`);
    void vscode.window.showWarningMessage(`MCP Switchboard gateway: ${warning}`, 'Show Token Costs')
      .then(a => a && vscode.commands.executeCommand('mcpSwitchboard.showToolCosts'));
    return warning;
  }

  private definition(info: GatewayInfo): vscode.McpHttpServerDefinition {
    return new vscode.McpHttpServerDefinition(GATEWAY_LABEL, vscode.Uri.parse(info.url), { ...info.headers }, `gateway-${info.port}-${this.generation}`);
  }

  override dispose(): void {
    super.dispose();
    void this.gateway.stop();
  }

  /** Stops the gateway and waits for it (deactivate). */
  async stop(): Promise<void> {
    await this.transition.catch(() => undefined);
    await this.gateway.stop();
  }
}
