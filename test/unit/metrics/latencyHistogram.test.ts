import * as assert from 'node:assert/strict';
import { LatencyHistogram } from '../../../src/shared/metrics/latencyHistogram';

/** A deterministic PRNG so failures reproduce. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

const QUANTILES = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe('LatencyHistogram', () => {
  const distributions: Record<string, (rand: () => number) => number> = {
    'uniform 0-1000 ms': rand => rand() * 1000,
    'log-normal around 40 ms': rand => Math.exp(Math.log(40) + 1.2 * Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand())),
    'bimodal fast cache / slow backend': rand => (rand() < 0.8 ? 0.2 + rand() * 2 : 800 + rand() * 5000),
  };
  for (const [name, sample] of Object.entries(distributions)) {
    it(`estimates quantiles within 5% of exact on ${name}`, () => {
      const rand = mulberry32(42);
      const h = new LatencyHistogram();
      const values: number[] = [];
      for (let i = 0; i < 50_000; i++) {
        const v = sample(rand);
        values.push(v);
        h.record(v);
      }
      values.sort((a, b) => a - b);
      assert.equal(h.count, values.length);
      for (const q of QUANTILES) {
        const exact = exactQuantile(values, q);
        const estimate = h.quantile(q);
        assert.ok(Math.abs(estimate - exact) <= 0.05 * exact, `q=${q}: estimate ${estimate} vs exact ${exact}`);
      }
    });
  }

  it('keeps memory bounded however many samples it records', () => {
    const rand = mulberry32(7);
    const logUniform = (lo: number, hi: number) => Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo)));
    const h = new LatencyHistogram();
    for (let i = 0; i < 10_000; i++) h.record(logUniform(1, 1000));
    const afterTenThousand = h.bucketCount;
    for (let i = 0; i < 1_000_000; i++) h.record(logUniform(1, 1000));
    // 1..1000 ms spans ln(1000)/ln(1.05) ≈ 142 buckets, whether it saw ten thousand samples or a million.
    assert.ok(afterTenThousand <= 143 && h.bucketCount <= 143, `${afterTenThousand} → ${h.bucketCount}`);
    for (let i = 0; i < 1_000_000; i++) h.record(logUniform(1e-6, 1e12));
    assert.ok(h.bucketCount <= 520, `bucket count ${h.bucketCount} over every possible value`);
  });

  it('reports zeros when empty and handles 0 and absurd values', () => {
    const h = new LatencyHistogram();
    assert.equal(h.quantile(0.5), 0);
    assert.deepEqual(h.buckets(), []);
    h.record(0);
    h.record(0);
    h.record(1e12);
    h.record(Number.NaN);
    assert.equal(h.count, 3);
    assert.equal(h.quantile(0.5), 0);
    assert.equal(h.max, 1e12);
    assert.equal(h.quantile(1), 1e12, 'the top quantile is clamped to the exact maximum');
  });

  it('lists occupied buckets in ascending order with per-bucket counts', () => {
    const h = new LatencyHistogram();
    for (const v of [1, 1, 10, 100, 100, 100]) h.record(v);
    const buckets = h.buckets();
    assert.deepEqual(buckets.map(b => b.count), [2, 1, 3]);
    assert.ok(buckets[0].le >= 1 && buckets[0].le < 1.06);
    assert.ok(buckets[2].le >= 100 && buckets[2].le < 106);
  });

  it('merges two histograms into the histogram of all samples', () => {
    const rand = mulberry32(3);
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const both = new LatencyHistogram();
    for (let i = 0; i < 5000; i++) {
      const v = rand() * 300;
      (i % 2 ? a : b).record(v);
      both.record(v);
    }
    a.merge(b);
    assert.equal(a.count, both.count);
    assert.deepEqual(a.buckets(), both.buckets());
    for (const q of QUANTILES) assert.equal(a.quantile(q), both.quantile(q));
  });
});
