import { describe, expect, it } from 'vitest';
import { cumulativeThresholds } from './quantiles.js';
import { expandExpr } from './expand.js';
import type { Expr } from '../ir/types.js';
import { collect } from '../ir/walk.js';

const TWO_32 = 2 ** 32;

/** Day the categorical bucket over equal day weights picks: how many (ascending) thresholds are ≤ r. */
function bucketDay(th: readonly number[], r: number): number {
  let lo = 0;
  let hi = th.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((th[mid] as number) <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
/** The closed form of `expand.ts` (exact integer arithmetic). */
const closedDay = (n: number, r: number): number => Number((BigInt(n) * (2n * BigInt(r) + 1n) - 1n) / 2n ** 33n);

/** Sizes of the buckets (values) of an expanded tree. */
const bucketSizes = (e: Expr): number[] => collect([e], (x) => (x.kind === 'bucket' ? x.values.length : undefined));

const ts = (dist: Partial<Extract<Extract<Expr, { kind: 'draw' }>['dist'], { kind: 'timestamp' }>>): Expr => ({
  kind: 'draw',
  slot: '0',
  dist: { kind: 'timestamp', start: Date.UTC(2025, 0, 1) * 1000, days: 800, hourWeights: null, weekdayWeights: null, monthWeights: null, within: null, ...dist },
});

describe('timestamp day draws', () => {
  it('the closed form of equally weighted days picks the same day as the categorical bucket, at every threshold and around it', () => {
    for (const n of [1, 2, 3, 7, 90, 365, 1460, 4000, 99_991]) {
      const th = cumulativeThresholds(Array.from({ length: n }, () => 1));
      const rs = [0, 1, TWO_32 - 1, ...th.flatMap((t) => [t - 1, t, t + 1])].filter((r) => r >= 0 && r < TWO_32);
      for (let i = 0; i < 2000; i++) rs.push(Math.floor(((i * 2654435761) % TWO_32) >>> 0));
      const wrong = rs.filter((r) => closedDay(n, r) !== bucketDay(th, r));
      expect(wrong, `n = ${n}`).toEqual([]);
    }
  });

  it('needs no window-sized bucket: unshaped days, and per-row bounds with weekly and hourly shaping', () => {
    const ctx = { prefix: 'e.c', pools: new Map() };
    const from: Expr = { kind: 'col', name: 'from' };
    const to: Expr = { kind: 'col', name: 'to' };
    const hourly = Array.from({ length: 24 }, (_, h) => 1 + h);
    const weekly = [3, 3, 3, 3, 4, 5, 2];
    expect(Math.max(...bucketSizes(expandExpr(ts({ hourWeights: hourly }), ctx)))).toBe(24);
    expect(Math.max(...bucketSizes(expandExpr(ts({ hourWeights: hourly, weekdayWeights: weekly, within: { from, to } }), ctx)))).toBe(24);
    expect(Math.max(...bucketSizes(expandExpr(ts({ within: { from, to } }), ctx)))).toBe(7);
    // month shaping is not weekly-periodic: the general window-sized form remains
    expect(Math.max(...bucketSizes(expandExpr(ts({ monthWeights: Array.from({ length: 12 }, (_, m) => 1 + m), within: { from, to } }), ctx)))).toBe(801);
  });
});
