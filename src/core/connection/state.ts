import { assertNever } from '../../shared/assertNever';
import type { BlockReason } from './types';
import type { FailureKind } from './failure';

/** The connection state machine. Every state carries the time it was entered. */
export type ConnectionState =
  | { kind: 'stopped'; at: number; reason?: string }
  | { kind: 'disabled'; at: number }
  | { kind: 'blocked'; at: number; blockedBy: BlockReason; reason: string }
  | { kind: 'starting'; at: number; attempt: number }
  | { kind: 'running'; at: number }
  /** Running, but health checks or calls are failing. */
  | { kind: 'degraded'; at: number; reason: string }
  | { kind: 'waiting-to-retry'; at: number; attempt: number; retryAt: number; reason: string }
  /** `failure` is why, typed (for example `needs-sign-in` offers Sign In). */
  | { kind: 'error'; at: number; reason: string; hint?: string; failure?: FailureKind };

export type ConnectionStateKind = ConnectionState['kind'];


/** True for states in which requests can be sent. */
export function isConnected(s: ConnectionState): boolean {
  return s.kind === 'running' || s.kind === 'degraded';
}

/** Start (or Retry) makes sense: nothing runs and nothing is on its way. */
export function canStart(s: ConnectionState): boolean {
  switch (s.kind) {
    case 'stopped': case 'error': case 'waiting-to-retry': case 'blocked': return true;
    case 'disabled': case 'starting': case 'running': case 'degraded': return false;
    default: return assertNever(s);
  }
}

/** A process or session exists or is on its way: Stop has something to stop. */
export function isBusy(s: ConnectionState): boolean {
  switch (s.kind) {
    case 'starting': case 'running': case 'degraded': case 'waiting-to-retry': return true;
    case 'stopped': case 'disabled': case 'blocked': case 'error': return false;
    default: return assertNever(s);
  }
}

/** The user or the config left it inactive: an edit of its definition does not start it again. */
export function isIdle(s: ConnectionState): boolean {
  return s.kind === 'stopped' || s.kind === 'disabled' || s.kind === 'blocked';
}

/**
 * The state after a server's entry was swapped, given the idle state the new entry implies (stopped, disabled or
 * blocked). A reload that left the entry as it was must not wipe why it failed or stopped: a busy, failed or already
 * matching state stays as it is.
 */
export function stateAfterUpdate(s: ConnectionState, idle: ConnectionState): ConnectionState {
  if (isBusy(s)) return s;
  switch (idle.kind) {
    case 'stopped': return s.kind === 'stopped' || s.kind === 'error' ? s : idle;
    case 'blocked': return s.kind === 'blocked' && s.blockedBy === idle.blockedBy && s.reason === idle.reason ? s : idle;
    default: return s.kind === idle.kind ? s : idle;
  }
}

/** Runs only if the user acts: it is disabled or blocked. */
export function isSwitchedOff(s: ConnectionState): boolean {
  return s.kind === 'disabled' || s.kind === 'blocked';
}

export function describeState(s: ConnectionState): string {
  switch (s.kind) {
    case 'stopped': return s.reason ? `Stopped: ${s.reason}` : 'Stopped';
    case 'disabled': return 'Disabled';
    case 'blocked': return s.reason;
    case 'starting': return s.attempt > 1 ? `Starting (attempt ${s.attempt})` : 'Starting';
    case 'running': return 'Running';
    case 'degraded': return `Degraded: ${s.reason}`;
    case 'waiting-to-retry': return `Retrying in ${Math.max(0, Math.round((s.retryAt - Date.now()) / 1000))}s: ${s.reason}`;
    case 'error': return s.reason;
    default: return assertNever(s);
  }
}
