import * as vscode from 'vscode';
import { createEngine } from './mcp/createEngine';
import type { Engine } from './core/connection/engine';
import type { ServersTreeProvider } from './views/serversTreeProvider';
import { createSidebar, type Sidebar } from './views/sidebar';
import { registerCommands } from './commands';
import { enabledChoicesKey } from './commands/serverCommands';
import { ConfigurationService } from './workspace/configurationService';
import { registerConfigurationCommands } from './workspace/configCommands';
import { openServerDefinition } from './workspace/openConfiguration';
import { registerChat, type ChatIntegration } from './chat';
import { TokenMeter } from './chat/tokenMeter';
import { readChatSettings } from './chat/settings';
import { toolCostMarkdown } from './views/toolCostReport';
import { WalkthroughProgress } from './views/walkthroughProgress';
import { registerInspector } from './inspector';
import { bindTrafficCapacity, configuredTrafficCapacity } from './inspector/trafficCapacity';
import { Commands } from './common/ids';
import { registerCommand } from './common/commands';
import { persistedEras } from './workspace/persistedEras';
import type { ProtocolVersionChoice } from './core/connection/types';

import { createSampling, registerRevokeSamplingConsent } from './chat/sampling';
import { elicitationHandler } from './commands/elicitation';
import { urlElicitationDoneHandler } from './commands/urlElicitationDone';
import { workspaceRoots } from './workspace/workspaceRoots';
import { registerVSCodeServersOwner } from './workspace/vscodeServersOwner';
import { createPublicApi, registerTestInternals, type SwitchboardPublicApi } from './publicApi';
import { SecretOAuthStore } from './workspace/secretOAuthStore';
import { AuthStatus } from './views/authStatus';
import { registerOAuthCommands } from './commands/oauthCommands';
import { oauthStepRecord } from './core/oauth/flowSteps';

/** The internals integration tests reach through the test-only command (see publicApi.ts); not exported. */
export interface SwitchboardInternals { engine: Engine; tree: ServersTreeProvider; sidebar: Sidebar; chat: ChatIntegration; config: ConfigurationService }

let engine: Engine | undefined;

/** Composition root: build the parts, wire them, push disposables. */
export async function activate(context: vscode.ExtensionContext): Promise<SwitchboardPublicApi> {
  const log = vscode.window.createOutputChannel('MCP Switchboard', { log: true });
  context.subscriptions.push(log);
  const sampling = createSampling(context.globalState, log);
  context.subscriptions.push(registerRevokeSamplingConsent(context.globalState, sampling.policy));
  const oauthStore = new SecretOAuthStore(context.secrets);
  const clientMetadataUrl = () => vscode.workspace.getConfiguration('mcpSwitchboard').get<string>('oauth.clientMetadataUrl') || undefined;
  engine = createEngine({
    trafficCapacity: configuredTrafficCapacity(),
    sdk: {
      oauth: { store: oauthStore, clientMetadataUrl },
      eras: persistedEras(context.globalState),
      sampler: sampling.sampler,
      protocolVersion: () => vscode.workspace.getConfiguration('mcpSwitchboard').get<ProtocolVersionChoice>('protocolVersion', 'auto'),
      clientRequests: {
        elicit: elicitationHandler(),
        urlElicitationDone: urlElicitationDoneHandler(),
        roots: workspaceRoots(),
        onElicitationRefused: (_server, message) => { void vscode.window.showWarningMessage(message); },
      },
    },
  });
  context.subscriptions.push(bindTrafficCapacity(engine));
  engine.restoreEnabledChoices(context.workspaceState.get<Record<string, boolean>>(enabledChoicesKey, {}));
  const tokens = new TokenMeter(engine);
  context.subscriptions.push(tokens);
  const sidebar = createSidebar(engine, context.globalState, tokens);
  const config = new ConfigurationService({ context, engine, log, serverLog: (server, level, message) => sidebar.logs.channel(server)[level](message) });
  context.subscriptions.push(sidebar, ...registerCommands(context, engine, sidebar, {
    approve: name => config.approve(name),
    enterInputs: name => config.enterInputs(name),
    openDefinition: name => openServerDefinition(config, name),
  }));
  const authStatus = new AuthStatus(engine, oauthStore);
  sidebar.tree.setAuthStatus(authStatus);
  const signedInEngine = engine;
  context.subscriptions.push(authStatus, ...registerOAuthCommands({
    engine, store: oauthStore, clientMetadataUrl,
    redirectPort: () => vscode.workspace.getConfiguration('mcpSwitchboard').get<number>('oauth.redirectPort') ?? 0,
    onStep: (server, step) => {
      const record = signedInEngine.traffic.append(oauthStepRecord(server, step));
      sidebar.logs.channel(server).info(`[sign-in] ${record.method}: ${record.text}`);
    },
    onDidChangeAuth: server => void (server ? authStatus.refresh(signedInEngine.get(server)) : authStatus.refreshAll()),
  }));
  const walkthrough = new WalkthroughProgress(context.globalState, engine);
  const inspector = registerInspector(context, engine);
  context.subscriptions.push(walkthrough, registerCommand(Commands.openInspector, (filter?: { server?: string; tool?: string }) => {
    walkthrough.mark('openedInspector');
    return inspector.open(filter);
  }));
  const chat = registerChat(context, engine, log, tokens);
  context.subscriptions.push(chat.participant.onDidFinishRequest(() => walkthrough.mark('usedChat')), registerCommand(Commands.showToolCosts, async () => {
    const markdown = toolCostMarkdown(engine!.tools(), t => tokens.count(t), readChatSettings().tokenBudget);
    await sidebar.results.show(sidebar.results.create('tokens', 'tool token costs', markdown));
  }));
  context.subscriptions.push(config, registerConfigurationCommands(config, context), registerVSCodeServersOwner(context.globalState, engine));
  void config.start();
  const internals: SwitchboardInternals = { engine, tree: sidebar.tree, sidebar, chat, config };
  const testOnly = registerTestInternals(internals);
  if (testOnly) context.subscriptions.push(testOnly);
  const publicApi = createPublicApi(engine);
  context.subscriptions.push(publicApi);
  return publicApi.api;
}

export async function deactivate(): Promise<void> {
  await engine?.dispose();
  engine = undefined;
}
