import { SdkError, SdkErrorCode, type RequestOptions as SdkRequestOptions } from '@modelcontextprotocol/client';
import type { RequestOptions } from '../core/connection/session';
import { PausableDeadline, type DeadlineClock, type DeadlineExpiry } from '../core/resilience/pausableDeadline';

export interface CallTimeouts {
  defaultTimeoutMs: number;
  maxTotalTimeoutMs: number;
  /** How long a call may wait on the user in all (its questions' time together); default defaultMaxWaitOnUserMs. */
  maxWaitOnUserMs?: number;
  /** Tests move time by hand. */
  clock?: DeadlineClock;
}

/** A question nobody answers ends its call after this long: 10 minutes, like the default maxTotalTimeout. */
export const defaultMaxWaitOnUserMs = 600_000;

/** The SDK's own timer is set out of reach: the deadline below aborts the request instead. */
const sdkTimerOutOfReach = 2_147_483_647;

/** The SDK's own typed errors and texts, so a call that runs out of time reads and classifies as before (`timeout`). */
function timeoutError(expiry: DeadlineExpiry, idleMs: number, totalMs: number, pausedMs: number): SdkError {
  switch (expiry) {
    case 'idle': return new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out', { timeout: idleMs });
    case 'total': return new SdkError(SdkErrorCode.RequestTimeout, 'Maximum total timeout exceeded', { maxTotalTimeout: totalMs });
    case 'paused': return new SdkError(SdkErrorCode.RequestTimeout, `Request timed out: the server's question to the user stayed unanswered for ${Math.round(pausedMs / 1000)} s`, { maxWaitOnUser: pausedMs });
  }
}

/**
 * A call that may ask the user a question owns its timeout instead of the SDK's timer, which cannot pause: `timeout`
 * (reset by progress, restarted when the user has answered), `maxTotalTimeout` not counting the time spent waiting on
 * the user, and `maxWaitOnUserMs` as the cap on that waiting, so a question nobody answers still ends the call.
 */
export function callDeadline(opts: RequestOptions | undefined, timeouts: CallTimeouts): { deadline: PausableDeadline; sdk: SdkRequestOptions; release: () => void } {
  const idleMs = opts?.timeoutMs ?? timeouts.defaultTimeoutMs;
  const totalMs = Math.max(timeouts.maxTotalTimeoutMs, idleMs);
  const pausedMs = timeouts.maxWaitOnUserMs ?? defaultMaxWaitOnUserMs;
  const deadline = new PausableDeadline({ idleMs, totalMs, maxPausedMs: pausedMs, reason: expiry => timeoutError(expiry, idleMs, totalMs, pausedMs), clock: timeouts.clock });
  const onProgress = opts?.onProgress;
  const sdk: SdkRequestOptions = {
    timeout: sdkTimerOutOfReach,
    signal: deadline.signal,
    onprogress: onProgress && (progress => { deadline.progress(); onProgress(progress); }),
  };
  // The caller's cancel ends the call through the same signal (AbortSignal.any would cost ~30 µs per call).
  const cancel = opts?.signal;
  const onCancel = () => deadline.abort(cancel!.reason);
  if (cancel?.aborted) onCancel(); else cancel?.addEventListener('abort', onCancel, { once: true });
  const release = () => { deadline.dispose(); cancel?.removeEventListener('abort', onCancel); };
  return { deadline, sdk, release };
}
