import type { Event } from '../events';
import type { JsonSchema } from '../schema/jsonSchema';

/**
 * What a server may ask of the client (server->client requests in the 2025 era, `input_required` rounds in 2026).
 * The engine hands these handlers to every session; src/mcp registers them with the SDK and declares exactly the
 * capabilities of the handlers that are present.
 */

/** A flat answer: the only shapes an elicitation schema allows. */
export type ElicitationContent = Record<string, string | number | boolean | string[]>;

export interface FormElicitation {
  mode: 'form';
  message: string;
  requestedSchema: JsonSchema;
}

export interface UrlElicitation {
  mode: 'url';
  message: string;
  url: string;
  elicitationId: string;
}

export type Elicitation = FormElicitation | UrlElicitation;

export type ElicitationAnswer =
  | { action: 'accept'; content?: ElicitationContent }
  | { action: 'decline' }
  | { action: 'cancel' };

/** Who asks, and when the question stops mattering (the server cancelled it, the call it belongs to ended). */
export interface ClientRequestContext {
  server: string;
  /** The server's own display name from its handshake, when it gave one. */
  serverTitle?: string;
  signal: AbortSignal;
  /** Set when the calls in flight were made by a gateway client that answers questions itself. */
  ask?: CallAsker;
}

/**
 * Who answers one call's questions instead of the local UI: the gateway's downstream client that made the call. Each
 * method is present only when that client declared the capability.
 */
export interface CallAsker {
  elicit?(request: Elicitation, signal: AbortSignal): Promise<ElicitationAnswer>;
  /** `sampling/createMessage` params and result, passed through unchanged (the downstream client validates them). */
  sample?(params: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>>;
}

export interface ClientRoot {
  uri: string;
  name?: string;
}

/** The roots offered to servers without their own `roots` in the config (the workspace folders, or the CLI's). */
export interface RootsSource {
  roots(): ClientRoot[];
  readonly onDidChange?: Event<void>;
}

export interface ClientRequestHandlers {
  elicit?(request: Elicitation, ctx: ClientRequestContext): Promise<ElicitationAnswer>;
  roots?: RootsSource;
  /** A server was refused further questions (it asked in a loop): tell the user once per burst. */
  onElicitationRefused?(server: string, message: string): void;
  /**
   * A call failed with -32042 and the user accepted opening its URLs: resolves true once the user says they are done
   * in the browser (or `completed` resolves: the server sent `notifications/elicitation/complete` for every one), false
   * to give up. Without it the call is retried right after the user accepted.
   */
  urlElicitationDone?(server: string, elicitations: readonly UrlElicitation[], completed: Promise<void>, signal: AbortSignal): Promise<boolean>;
}
