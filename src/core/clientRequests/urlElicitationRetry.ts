import { McpFailure } from '../connection/failure';
import type { CallAsker, ClientRequestHandlers, UrlElicitation } from './types';
import { originsOf } from './urlElicitations';

export interface UrlElicitationRetryDeps {
  server: string;
  serverTitle?: string;
  handlers: Pick<ClientRequestHandlers, 'elicit' | 'urlElicitationDone'>;
  /** Resolves once the server reported every one of these elicitations complete (never rejects). */
  whenCompleted(elicitationIds: readonly string[], signal: AbortSignal): Promise<void>;
  signal?: AbortSignal;
  ask?: CallAsker;
  /** How long the prompts and the wait for "done" may take in all before the call ends with a timeout. */
  maxWaitOnUserMs: number;
}

const isUrlElicitationRequired = (e: unknown): e is McpFailure => e instanceof McpFailure && e.kind === 'url-elicitation-required';

function cancelled(server: string, signal: AbortSignal): McpFailure {
  return new McpFailure('cancelled', `The call to ${server} was cancelled`, { cause: signal.reason });
}

/** Aborted with this reason when the user took longer than maxWaitOnUserMs. */
class UserWaitExpired extends Error {}

function ended(server: string, signal: AbortSignal): McpFailure {
  return signal.reason instanceof UserWaitExpired ? new McpFailure('timeout', `${server}: ${signal.reason.message}`) : cancelled(server, signal);
}

/** Settles with `work`, or rejects as cancelled (or timed out) as soon as `signal` aborts: a pending call always ends. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, server: string): Promise<T> {
  if (signal.aborted) return Promise.reject(ended(server, signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(ended(server, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Makes a call that the server may answer with -32042 ("open these URLs first"): each URL is put to the user through the
 * elicit handler (its consent UI and rate limit), then the call is retried once. A second -32042 ends the call.
 */
export async function callWithUrlElicitations<T>(call: () => Promise<T>, deps: UrlElicitationRetryDeps): Promise<T> {
  const elicit = deps.handlers.elicit;
  try {
    return await call();
  } catch (e) {
    if (!isUrlElicitationRequired(e) || !elicit || !e.elicitations?.length) throw e;
    const elicitations = e.elicitations;
    const { server } = deps;
    const userWait = new AbortController();
    const timer = setTimeout(() => userWait.abort(new UserWaitExpired(`no answer within ${Math.ceil(deps.maxWaitOnUserMs / 1000)} s to open ${originsOf(elicitations)}`)), deps.maxWaitOnUserMs);
    const signal = deps.signal ? AbortSignal.any([deps.signal, userWait.signal]) : userWait.signal;
    try {
      for (const elicitation of elicitations) {
        const answer = await untilAborted(elicit(elicitation, { server, serverTitle: deps.serverTitle, signal, ask: deps.ask }), signal, server);
        if (answer.action !== 'accept') {
          const verb = answer.action === 'decline' ? 'declined' : 'cancelled';
          throw new McpFailure('url-elicitation-required', `${server} needs you to open ${originsOf([elicitation])}; you ${verb}.`, { cause: e, code: e.code, data: e.data, elicitations });
        }
      }
      await waitUntilDone(elicitations, deps, signal);
    } finally {
      clearTimeout(timer);
    }
    try {
      return await call();
    } catch (again) {
      if (!isUrlElicitationRequired(again)) throw again;
      const origins = originsOf(again.elicitations?.length ? again.elicitations : elicitations);
      throw new McpFailure('url-elicitation-required', `${server} still needs you to open ${origins} after the retry; not retrying again. Finish there, then call again.`, { cause: again, code: again.code, data: again.data, elicitations: again.elicitations });
    }
  }
}

async function waitUntilDone(elicitations: readonly UrlElicitation[], deps: UrlElicitationRetryDeps, signal: AbortSignal): Promise<void> {
  const done = deps.handlers.urlElicitationDone;
  if (!done) return;
  const stopWaiting = new AbortController();
  const waitSignal = AbortSignal.any([signal, stopWaiting.signal]);
  try {
    const completed = deps.whenCompleted(elicitations.map(e => e.elicitationId), waitSignal);
    const proceed = await untilAborted(done(deps.server, elicitations, completed, waitSignal), signal, deps.server);
    if (!proceed) throw new McpFailure('cancelled', `The call to ${deps.server} was not retried: you cancelled after opening ${originsOf(elicitations)}.`);
  } finally {
    stopWaiting.abort();
  }
}
