import { ProtocolError, type Client, type ClientCapabilities, type CreateMessageRequestParams, type CreateMessageResult } from '@modelcontextprotocol/client';
import type { CallTracker } from './callTracker';
import { refusalCode, SamplingRefusal, type Sampler, type SamplingMessage, type SamplingRequest } from '../core/sampling/types';

/** The `sampling` capability to declare: only when a sampler is wired, and without `tools` (tool use inside sampling is refused). */
export const samplingCapability = (sampler: Sampler | undefined): ClientCapabilities | undefined => (sampler ? { sampling: {} } : undefined);

/**
 * Answers `sampling/createMessage` (2025 requests and 2026 `input_required` rounds alike) through `sampler`. The request
 * ends (its consent stops waiting) when the server cancels it or when the calls in flight when it came have ended.
 * When those calls were made by a gateway client that samples, the request goes to that client unchanged.
 */
export function registerSampling(client: Client, server: string, sampler: Sampler | undefined, calls?: CallTracker): void {
  if (!sampler) return;
  client.setRequestHandler('sampling/createMessage', async (request, ctx): Promise<CreateMessageResult> => {
    try {
      const signal = calls ? AbortSignal.any([ctx.mcpReq.signal, calls.whenCurrentCallsEnd()]) : ctx.mcpReq.signal;
      const asker = calls?.currentAsker();
      // The calls' timeouts pause while the consent is open and the model answers: the server is waiting on us.
      const waitOnUser = <T>(answer: () => Promise<T>): Promise<T> => (calls ? calls.whileWaitingOnUser(answer) : answer());
      if (asker?.sample) return await waitOnUser(() => asker.sample!(request.params as Record<string, unknown>, signal)) as unknown as CreateMessageResult;
      const answer = await waitOnUser(() => sampler.createMessage(toSamplingRequest(server, request.params), signal));
      return { role: 'assistant', model: answer.model, stopReason: answer.stopReason, content: { type: 'text', text: answer.text } };
    } catch (e) {
      if (e instanceof SamplingRefusal) throw new ProtocolError(refusalCode(e.kind), e.message, { reason: e.kind });
      throw e;
    }
  });
}

/** The SDK-free request; tool use and non-text content are refused with the reason, not silently dropped. */
export function toSamplingRequest(server: string, params: CreateMessageRequestParams): SamplingRequest {
  if (params.tools?.length || params.toolChoice) {
    throw new SamplingRefusal('unsupported', 'MCP Switchboard does not support tool use inside sampling (sampling.tools is not declared): send the request without "tools" and "toolChoice".');
  }
  const messages: SamplingMessage[] = params.messages.map((m, i) => {
    const blocks = Array.isArray(m.content) ? m.content : [m.content];
    const texts = blocks.map(b => {
      if (b.type === 'text') return b.text;
      throw new SamplingRefusal('unsupported', `MCP Switchboard samples text only: message ${i + 1} carries "${b.type}" content.`);
    });
    return { role: m.role, text: texts.join('\n') };
  });
  return {
    server, messages, systemPrompt: params.systemPrompt, maxTokens: params.maxTokens, temperature: params.temperature,
    stopSequences: params.stopSequences, modelPreferences: params.modelPreferences,
  };
}
