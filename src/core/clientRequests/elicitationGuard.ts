import { validate } from '../schema/validator';
import type { ClientRequestContext, Elicitation, ElicitationAnswer, ClientRequestHandlers } from './types';

export interface ElicitationLimits {
  /** Questions one server may ask within `windowMs`; the next ones are refused until the window moves on. */
  maxPerWindow: number;
  windowMs: number;
}

export const defaultElicitationLimits: ElicitationLimits = { maxPerWindow: 10, windowMs: 60_000 };

export type ElicitationRefusal = 'loop' | 'invalid-request' | 'invalid-answer';

/** Why an elicitation was answered with an error; the server receives the message. */
export class ElicitationRefused extends Error {
  constructor(readonly reason: ElicitationRefusal, message: string) {
    super(message);
    this.name = 'ElicitationRefused';
  }
}

export interface ElicitationGuardOptions {
  limits?: ElicitationLimits;
  now?: () => number;
  /** Tells the user once per burst that a server was capped. */
  onRefused?(server: string, message: string): void;
}

/** Form schemas are flat: each property a string, number, integer, boolean or an array of enum strings (multi-select). */
export function elicitationSchemaProblem(request: Elicitation): string | undefined {
  if (request.mode === 'url') {
    try {
      const url = new URL(request.url);
      return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : `URL elicitation needs an http(s) URL; got ${url.protocol}`;
    } catch {
      return `URL elicitation has no valid URL: "${String(request.url).slice(0, 200)}"`;
    }
  }
  const schema = request.requestedSchema;
  if (!schema || typeof schema !== 'object' || schema.type !== 'object') return 'requestedSchema must be an object schema ({"type":"object",...})';
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const type = prop?.type;
    const flat = type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || (type === 'array' && typeof prop.items === 'object');
    if (!flat) return `requestedSchema property "${name}" must be a string, number, integer, boolean or multi-select array (elicitation forms are flat)`;
  }
  return undefined;
}

/**
 * Wraps the user-facing elicit handler: refuses malformed requests, caps a server that keeps asking (a loop would
 * otherwise pin the user in dialogs), and checks accepted answers against the requested schema before they are sent.
 */
export function guardElicitation(elicit: NonNullable<ClientRequestHandlers['elicit']>, opts: ElicitationGuardOptions = {}): NonNullable<ClientRequestHandlers['elicit']> {
  const limits = opts.limits ?? defaultElicitationLimits;
  const now = opts.now ?? Date.now;
  const asked = new Map<string, number[]>();
  const cappedUntil = new Map<string, number>();
  return async (request: Elicitation, ctx: ClientRequestContext): Promise<ElicitationAnswer> => {
    const problem = elicitationSchemaProblem(request);
    if (problem) throw new ElicitationRefused('invalid-request', problem);
    const t = now();
    const recent = (asked.get(ctx.server) ?? []).filter(at => t - at < limits.windowMs);
    if (recent.length >= limits.maxPerWindow) {
      const message = `${ctx.server} asked for input more than ${limits.maxPerWindow} times within ${Math.round(limits.windowMs / 1000)} s: refusing further questions (elicitation loop)`;
      if ((cappedUntil.get(ctx.server) ?? 0) <= t) opts.onRefused?.(ctx.server, message);
      cappedUntil.set(ctx.server, recent[0] + limits.windowMs);
      asked.set(ctx.server, recent);
      throw new ElicitationRefused('loop', message);
    }
    recent.push(t);
    asked.set(ctx.server, recent);
    const answer = await elicit(request, ctx);
    if (answer.action === 'accept' && request.mode === 'form') {
      const errors = validate(answer.content ?? {}, request.requestedSchema);
      if (errors.length) throw new ElicitationRefused('invalid-answer', `The answer does not match the requested schema: ${errors.join('; ')}`);
    }
    return answer;
  };
}
