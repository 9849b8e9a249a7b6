import type { Sampler, SamplingRequest, SamplingResponse, SamplingStopReason } from './types';
import { SamplingRefusal } from './types';
import type { SamplingPolicy, SamplingSettings } from './samplingPolicy';
import { allowedModels, chooseModel, modelLabel, type ChatModelInfo } from './modelChoice';

/** The chat models the user has and a way to ask one (vscode.lm in the extension, a scripted stand-in in tests). */
export interface ChatModels {
  list(): Promise<ChatModelInfo[]>;
  /** Streams the answer; `onText` returning false stops the stream (the token budget is spent). */
  generate(model: ChatModelInfo, request: SamplingRequest, onText: (chunk: string) => boolean, signal: AbortSignal): Promise<void>;
}

/** Roughly four characters per token: vscode.lm takes no token limit, so the answer is cut at about `maxTokens`. */
const charsPerToken = 4;

/** Policy, model choice and the model call behind `sampling/createMessage`. */
export class SamplingService implements Sampler {
  constructor(private readonly policy: SamplingPolicy, private readonly models: ChatModels, private readonly settings: () => SamplingSettings) {}

  async createMessage(request: SamplingRequest, signal: AbortSignal): Promise<SamplingResponse> {
    await this.policy.authorize(request, signal);
    if (signal.aborted) throw new SamplingRefusal('cancelled', 'The server cancelled the sampling request.');
    const all = await this.models.list();
    const patterns = this.settings().allowedModels;
    const model = chooseModel(allowedModels(all, patterns), request.modelPreferences);
    if (!model) {
      throw new SamplingRefusal('no-model', all.length
        ? `No language model matches mcpSwitchboard.sampling.allowedModels (${patterns.join(', ')}); available: ${all.map(modelLabel).join(', ')}.`
        : 'No language model is available in VS Code for sampling: install or sign in to a chat model provider.');
    }
    const budget = Math.max(1, request.maxTokens) * charsPerToken;
    let text = '';
    let stopReason: SamplingStopReason = 'endTurn';
    try {
      await this.models.generate(model, request, chunk => {
        text += chunk;
        const stop = request.stopSequences?.find(s => s && text.includes(s));
        if (stop) { text = text.slice(0, text.indexOf(stop)); stopReason = 'stopSequence'; return false; }
        if (text.length >= budget) { text = text.slice(0, budget); stopReason = 'maxTokens'; return false; }
        return true;
      }, signal);
    } catch (e) {
      if (e instanceof SamplingRefusal) throw e;
      if (signal.aborted) throw new SamplingRefusal('cancelled', 'The server cancelled the sampling request.');
      throw new SamplingRefusal('model-error', `The language model ${modelLabel(model)} failed: ${(e as Error)?.message ?? String(e)}`);
    }
    return { model: modelLabel(model), text, stopReason };
  }
}
