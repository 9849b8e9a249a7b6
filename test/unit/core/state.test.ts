import * as assert from 'node:assert/strict';
import { canStart, isBusy, isConnected, isIdle, type ConnectionState } from '../../../src/core/connection/state';

const states: ConnectionState[] = [
  { kind: 'stopped', at: 0 }, { kind: 'disabled', at: 0 }, { kind: 'blocked', at: 0, blockedBy: 'untrusted', reason: 'r' },
  { kind: 'starting', at: 0, attempt: 1 }, { kind: 'running', at: 0 }, { kind: 'degraded', at: 0, reason: 'r' },
  { kind: 'waiting-to-retry', at: 0, attempt: 1, retryAt: 1, reason: 'r' }, { kind: 'error', at: 0, reason: 'r' },
];
const which = (p: (s: ConnectionState) => boolean) => states.filter(p).map(s => s.kind);

describe('connection-state predicates', () => {
  it('Start is offered exactly when nothing runs or is on its way, and the server is not disabled', () => {
    assert.deepEqual(which(canStart), ['stopped', 'blocked', 'waiting-to-retry', 'error']);
  });
  it('Stop is offered exactly when a process or session exists or is coming', () => {
    assert.deepEqual(which(isBusy), ['starting', 'running', 'degraded', 'waiting-to-retry']);
  });
  it('requests go out only while running or degraded; idle states are the ones a config edit leaves alone', () => {
    assert.deepEqual(which(isConnected), ['running', 'degraded']);
    assert.deepEqual(which(isIdle), ['stopped', 'disabled', 'blocked']);
  });
});
