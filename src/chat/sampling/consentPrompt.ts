import * as vscode from 'vscode';
import type { ConsentAnswer } from '../../core/sampling/samplingPolicy';
import type { SamplingRequest } from '../../core/sampling/types';
import { consentDetail } from '../../core/sampling/consentText';

export const consentButtons = { allow: 'Allow', once: 'Allow Once', deny: 'Deny' } as const;

/**
 * Asks the user with a modal; "Allow Once" is the default button (the least lasting grant). "Allow" and "Deny" are
 * remembered for the server; "Allow Once" and closing the dialog are not. A server that cancels meanwhile gets its
 * answer at once; the dialog stays until the user closes it (VS Code cannot close a modal from code).
 */
export async function askSamplingConsent(request: SamplingRequest, signal: AbortSignal): Promise<ConsentAnswer> {
  const message = `MCP server "${request.server}" wants to use your language model (sampling). Allow it?`;
  const cancelled = new Promise<undefined>(resolve => signal.addEventListener('abort', () => resolve(undefined), { once: true }));
  const choice = await Promise.race([
    vscode.window.showWarningMessage(message, { modal: true, detail: consentDetail(request) }, consentButtons.once, consentButtons.allow, consentButtons.deny),
    cancelled,
  ]);
  switch (choice) {
    case consentButtons.allow: return 'allow-always';
    case consentButtons.once: return 'allow-once';
    case consentButtons.deny: return 'deny-always';
    default: return 'dismissed';
  }
}
