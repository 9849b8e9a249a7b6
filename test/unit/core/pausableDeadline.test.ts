import * as assert from 'node:assert/strict';
import { PausableDeadline, type DeadlineExpiry } from '../../../src/core/resilience/pausableDeadline';
// FakeTimers moves time only when a test says so; with its now() it is also a DeadlineClock.
import { FakeTimers } from '../inspector/fakeTimers';

function deadline(clock: FakeTimers, idleMs = 300, totalMs = 1000, maxPausedMs = 5000) {
  return new PausableDeadline({ idleMs, totalMs, maxPausedMs, clock, reason: (e: DeadlineExpiry) => e });
}

describe('PausableDeadline (a call timeout that pauses while the user answers)', () => {
  it('expires after idleMs without progress, with the idle reason', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    clock.advance(299);
    assert.equal(d.signal.aborted, false);
    clock.advance(1);
    assert.equal(d.signal.reason, 'idle');
  });

  it('progress restarts the idle budget; the total budget still ends the call', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    for (let i = 0; i < 3; i++) { clock.advance(250); d.progress(); }
    assert.equal(d.signal.aborted, false, 'progress every 250 ms keeps a 300 ms timeout alive');
    clock.advance(249);
    assert.equal(d.signal.aborted, false);
    clock.advance(1);
    assert.equal(d.signal.reason, 'total', 'at 1000 ms the total budget runs out');
  });

  it('does not run while paused; on resume the idle budget starts afresh and the total goes on where it stopped', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    clock.advance(200);
    d.pause();
    clock.advance(4000);
    assert.equal(d.signal.aborted, false, 'four seconds on the question do not count');
    d.resume();
    clock.advance(299);
    assert.equal(d.signal.aborted, false, 'a fresh 300 ms after the answer');
    for (let i = 0; i < 2; i++) { d.progress(); clock.advance(250); }
    assert.equal(d.signal.aborted, false, '200 + 299 + 250 + 250 = 999 ms of running time');
    d.progress();
    clock.advance(1);
    assert.equal(d.signal.reason, 'total', 'the total counts running time only: 1000 ms reached');
  });

  it('pauses nest: it runs again only when the last open question closes', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    d.pause(); d.pause();
    clock.advance(1000);
    d.resume();
    clock.advance(1000);
    assert.equal(d.signal.aborted, false);
    d.resume();
    clock.advance(300);
    assert.equal(d.signal.reason, 'idle');
  });

  it('a question nobody answers still ends the call: paused time is capped (cumulative over questions)', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    d.pause(); clock.advance(3000); d.resume();
    clock.advance(100);
    d.pause(); clock.advance(1999);
    assert.equal(d.signal.aborted, false);
    clock.advance(1);
    assert.equal(d.signal.reason, 'paused');
  });

  it('dispose stops every timer; pause/resume/progress after expiry change nothing', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    d.dispose();
    clock.advance(10_000);
    assert.equal(d.signal.aborted, false);
    const e = deadline(clock);
    clock.advance(300);
    e.pause(); e.resume(); e.progress();
    assert.equal(e.signal.reason, 'idle');
  });

  it('abort (the caller\'s cancel) ends it at once with the caller\'s reason, even while paused, and is not an expiry', () => {
    const clock = new FakeTimers();
    const d = deadline(clock);
    d.pause();
    d.abort('cancelled by the user');
    assert.equal(d.signal.reason, 'cancelled by the user');
    assert.equal(d.expired, undefined);
    d.resume();
    clock.advance(10_000);
    assert.equal(d.signal.reason, 'cancelled by the user', 'no later expiry overwrites it');
    const e = deadline(clock);
    clock.advance(300);
    assert.equal(e.expired, 'idle');
  });
});
