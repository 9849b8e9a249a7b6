import * as vscode from 'vscode';
import type { ChatModels } from '../../core/sampling/samplingService';
import type { ChatModelInfo } from '../../core/sampling/modelChoice';
import type { SamplingRequest } from '../../core/sampling/types';

const key = (m: { vendor: string; id: string }) => `${m.vendor}/${m.id}`;

/** The user's chat models through vscode.lm. vscode.lm has no system role: the system prompt goes first as a user message. */
export class LanguageModels implements ChatModels {
  private readonly byKey = new Map<string, vscode.LanguageModelChat>();

  async list(): Promise<ChatModelInfo[]> {
    const models = await vscode.lm.selectChatModels();
    this.byKey.clear();
    for (const m of models) this.byKey.set(key(m), m);
    return models.map(m => ({ vendor: m.vendor, id: m.id, family: m.family, name: m.name, maxInputTokens: m.maxInputTokens }));
  }

  async generate(info: ChatModelInfo, request: SamplingRequest, onText: (chunk: string) => boolean, signal: AbortSignal): Promise<void> {
    const model = this.byKey.get(key(info));
    if (!model) throw new Error(`the model ${key(info)} is no longer available`);
    const messages = request.messages.map(m => (m.role === 'user' ? vscode.LanguageModelChatMessage.User(m.text) : vscode.LanguageModelChatMessage.Assistant(m.text)));
    if (request.systemPrompt) messages.unshift(vscode.LanguageModelChatMessage.User(request.systemPrompt));
    const cts = new vscode.CancellationTokenSource();
    const onAbort = () => cts.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await model.sendRequest(messages, { justification: `The MCP server "${request.server}" asks for a completion (sampling).` }, cts.token);
      for await (const chunk of response.text) {
        if (!onText(chunk)) { cts.cancel(); break; }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      cts.dispose();
    }
  }
}
