/**
 * Sampling (`sampling/createMessage`) for the extension: consent modal, remembered choices in global state, the
 * application-scope settings and the user's vscode.lm models, in front of the vscode-free policy in src/core/sampling.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { SamplingPolicy } from '../../core/sampling/samplingPolicy';
import { SamplingService } from '../../core/sampling/samplingService';
import { SamplingRefusal, type Sampler } from '../../core/sampling/types';
import { Commands } from '../../common/ids';
import { registerCommand } from '../../common/commands';
import { askSamplingConsent } from './consentPrompt';
import { GlobalStateConsentMemory } from './consentMemory';
import { LanguageModels } from './lmModels';
import { readSamplingSettings } from './settings';

export interface SamplingIntegration {
  sampler: Sampler;
  policy: SamplingPolicy;
}

export function createSampling(globalState: vscode.Memento, log: Logger): SamplingIntegration {
  const memory = new GlobalStateConsentMemory(globalState);
  const policy = new SamplingPolicy({ memory, settings: readSamplingSettings, ask: askSamplingConsent });
  const service = new SamplingService(policy, new LanguageModels(), readSamplingSettings);
  const sampler: Sampler = {
    async createMessage(request, signal) {
      try {
        const answer = await service.createMessage(request, signal);
        log.info(`Sampling for ${request.server}: ${answer.model} answered (${answer.text.length} characters, ${answer.stopReason})`);
        return answer;
      } catch (e) {
        log.warn(`Sampling for ${request.server} refused: ${e instanceof SamplingRefusal ? `${e.kind}: ` : ''}${(e as Error)?.message ?? e}`);
        throw e;
      }
    },
  };
  return { sampler, policy };
}

const serverOf = (arg: unknown): string | undefined => {
  if (typeof arg === 'string') return arg;
  const o = arg as { server?: unknown; name?: unknown; kind?: unknown } | undefined;
  if (typeof o?.server === 'string') return o.server;
  return typeof o?.name === 'string' ? o.name : undefined;
};

/** "Revoke Sampling Consent": from a server's tree menu (that server) or the palette (pick one, or all). */
export function registerRevokeSamplingConsent(globalState: vscode.Memento, policy: SamplingPolicy): vscode.Disposable {
  const memory = new GlobalStateConsentMemory(globalState);
  return registerCommand(Commands.revokeSamplingConsent, async arg => {
    let server = serverOf(arg);
    if (server === undefined) {
      const remembered = memory.servers();
      if (!remembered.length) { void vscode.window.showInformationMessage('No server has a remembered sampling choice.'); return []; }
      const all = '$(clear-all) All servers';
      const picked = await vscode.window.showQuickPick([...remembered.map(s => ({ label: s, description: memory.get(s) === 'allow' ? 'allowed' : 'denied' })), { label: all }], { placeHolder: 'Forget the sampling choice of…' });
      if (!picked) return [];
      server = picked.label === all ? undefined : picked.label;
    }
    const forgotten = server === undefined ? memory.servers() : [server];
    await policy.revoke(server);
    void vscode.window.showInformationMessage(server === undefined
      ? 'Forgot every sampling choice: servers are asked again the next time they sample.'
      : `Forgot the sampling choice for "${server}": it is asked again the next time it samples.`);
    return forgotten;
  });
}
