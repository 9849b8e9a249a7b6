import { assertNever } from '../../shared/assertNever';

/** One message of a `sampling/createMessage` request, reduced to what a chat model takes: text. */
export interface SamplingMessage {
  role: 'user' | 'assistant';
  text: string;
}

/** The server's advisory model choice (MCP `ModelPreferences`); priorities are 0..1. */
export interface ModelPreferences {
  hints?: { name?: string }[];
  costPriority?: number;
  speedPriority?: number;
  intelligencePriority?: number;
}

/** A sampling request as the policy and the model adapter see it (SDK-free). */
export interface SamplingRequest {
  /** The server definition's name (the one the user sees in the tree). */
  server: string;
  messages: SamplingMessage[];
  systemPrompt?: string;
  maxTokens: number;
  temperature?: number;
  stopSequences?: string[];
  modelPreferences?: ModelPreferences;
}

export type SamplingStopReason = 'endTurn' | 'maxTokens' | 'stopSequence';

export interface SamplingResponse {
  /** The model that answered, as `vendor/id`. */
  model: string;
  text: string;
  stopReason: SamplingStopReason;
}

/** Why a sampling request was not answered; src/mcp maps each kind to the JSON-RPC error the server receives. */
export type SamplingRefusalKind =
  /** The user (or a remembered choice) refused this server. */
  | 'denied'
  /** The server sent more requests in the last minute than `sampling.maxRequestsPerMinute` allows. */
  | 'rate-limited'
  /** No language model is available (none installed, none allowed, or the CLI, which has none). */
  | 'no-model'
  /** The request asks for something this client does not do (tool use, non-text content). */
  | 'unsupported'
  /** The server cancelled the request, or the user closed the consent without answering. */
  | 'cancelled'
  /** The model failed to answer. */
  | 'model-error';

export class SamplingRefusal extends Error {
  constructor(readonly kind: SamplingRefusalKind, message: string) {
    super(message);
    this.name = 'SamplingRefusal';
  }
}

/** JSON-RPC error code a server receives for each refusal (-1 is the spec's "user rejected sampling request"). */
export function refusalCode(kind: SamplingRefusalKind): number {
  switch (kind) {
    case 'denied': case 'rate-limited': case 'cancelled': return -1;
    case 'unsupported': return -32602;
    case 'no-model': case 'model-error': return -32603;
    default: return assertNever(kind);
  }
}

/** Answers `sampling/createMessage` for one client; wired into src/mcp only where a model exists. */
export interface Sampler {
  createMessage(request: SamplingRequest, signal: AbortSignal): Promise<SamplingResponse>;
}
