import * as assert from 'node:assert/strict';
import { formatMs } from '../../../src/shared/durationFormat';

describe('formatMs: one duration format for the list, the detail, the metrics and the tree', () => {
  it('ms below a second, seconds with three significant digits up to a minute, then minutes', () => {
    const cases: Array<[number, string]> = [
      [0, '0 ms'], [0.42, '0.42 ms'], [4.25, '4.3 ms'], [12, '12 ms'], [853, '853 ms'], [999.4, '999 ms'], [999.6, '1.00 s'],
      [6028, '6.03 s'], [9_994, '9.99 s'], [9_996, '10.0 s'], [30_000, '30.0 s'], [59_960, '1.0 min'], [150_000, '2.5 min'], [7_200_000, '2.0 h'],
    ];
    for (const [ms, text] of cases) assert.equal(formatMs(ms), text, `${ms}`);
    assert.equal(formatMs(undefined), '');
    assert.equal(formatMs(Number.NaN), '');
  });

  it('axis ticks drop trailing zeros: "6 s", "2.5 s", "500 ms"', () => {
    assert.deepEqual([6000, 2500, 500, 0, 1000, 0.5].map(v => formatMs(v, true)), ['6 s', '2.5 s', '500 ms', '0 ms', '1 s', '0.5 ms']);
  });
});
