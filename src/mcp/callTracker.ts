import type { CallAsker } from '../core/clientRequests/types';
import type { PausableDeadline } from '../core/resilience/pausableDeadline';

interface TrackedCall {
  asker?: CallAsker;
  deadline?: PausableDeadline;
}

/**
 * The requests of a session that may ask back (tools/call, prompts/get, resources/read). A 2025-era elicitation does
 * not say which call it belongs to, so its UI closes once every call that was in flight when it came has ended
 * (cancelled from chat, timed out, or answered), and the timeouts of all those calls pause while it is open.
 */
export class CallTracker {
  private readonly inFlight = new Map<Promise<unknown>, TrackedCall>();

  /**
   * `asker`: who answers this call's questions instead of the local UI (the gateway client that made the call).
   * `deadline`: the call's timeout, paused while a question to the user is open.
   */
  track<T>(pending: Promise<T>, asker?: CallAsker, deadline?: PausableDeadline): Promise<T> {
    this.inFlight.set(pending, { asker, deadline });
    const forget = () => { this.inFlight.delete(pending); };
    pending.then(forget, forget);
    return pending;
  }

  /**
   * The asker of the calls in flight now when they all have the same one. A question does not say which call asked, so
   * with calls of different askers (or any of the local UI's) in flight it goes to the local UI.
   */
  currentAsker(): CallAsker | undefined {
    const askers = new Set([...this.inFlight.values()].map(c => c.asker));
    return askers.size === 1 ? askers.values().next().value : undefined;
  }

  /** Aborts when all calls in flight now have settled; never aborts when there are none. */
  whenCurrentCallsEnd(): AbortSignal {
    const controller = new AbortController();
    const current = [...this.inFlight.keys()];
    if (current.length) void Promise.allSettled(current).then(() => controller.abort(new Error('The call that asked for input has ended')));
    return controller.signal;
  }

  /**
   * Runs `waitOnUser` (a question to the user) with the timeouts of the calls in flight now paused: the time the
   * user takes to answer is not the server's. Each call's own cap on paused time still ends it.
   */
  async whileWaitingOnUser<T>(waitOnUser: () => Promise<T>): Promise<T> {
    const deadlines = [...this.inFlight.values()].flatMap(c => (c.deadline ? [c.deadline] : []));
    for (const d of deadlines) d.pause();
    try {
      return await waitOnUser();
    } finally {
      for (const d of deadlines) d.resume();
    }
  }
}
