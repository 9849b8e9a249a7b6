import type { SamplingRequest } from './types';

const maxMessagesShown = 10;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

/**
 * The consent text: who asks, the token budget, the system prompt and the messages (the last ten, each clipped, so a
 * hostile server cannot make the dialog unusable). Plain text: the modal renders no markup.
 */
export function consentDetail(request: SamplingRequest): string {
  const hidden = request.messages.length - maxMessagesShown;
  return [
    `Server: ${request.server}`,
    `Max tokens: ${request.maxTokens}`,
    `System prompt: ${request.systemPrompt ? clip(request.systemPrompt, 1000) : '(none)'}`,
    '',
    `Messages (${request.messages.length}):`,
    ...(hidden > 0 ? [`(${hidden} earlier messages not shown)`] : []),
    ...request.messages.slice(-maxMessagesShown).map(m => `[${m.role}] ${clip(m.text, 1500)}`),
  ].join('\n');
}
