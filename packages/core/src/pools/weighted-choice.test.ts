import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draw32, streamKeys, streamOf } from '../random/mixer.js';
import { PoolError } from './pool-error.js';
import { SpecError } from '../errors.js';
import { cumulativeThresholds } from '../random/quantiles.js';
import { aliasPick, aliasProbabilities, aliasTable, apportionUnits, thresholdPick, type AliasTable } from './weighted-choice.js';

const TWO_32 = 2 ** 32;
const B32 = 1n << 32n;

/** Weights: mostly moderate, some zeros, some tiny or huge; at least one positive. */
const weightsArb = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: 1e-3, max: 1e3, noNaN: true, noDefaultInfinity: true }) },
      { weight: 2, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.double({ min: 1e-12, max: 1e12, noNaN: true, noDefaultInfinity: true }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) },
    ),
    { minLength: 1, maxLength: 60 },
  )
  .filter((w) => w.some((x) => x > 0));

const normalized = (w: readonly number[]): number[] => {
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
};

/** Reference implied probabilities, computed independently of the implementation. */
function referenceAliasProbabilities(t: AliasTable): number[] {
  const n = t.prob.length;
  const N = BigInt(n);
  const start = (i: number): bigint => (BigInt(i) * B32 + N - 1n) / N; // first r1 of column i
  const units = new Array<bigint>(n).fill(0n);
  for (let i = 0; i < n; i++) {
    const c = start(i + 1) - start(i);
    const p = BigInt(t.prob[i] as number);
    units[i] = (units[i] as bigint) + c * p;
    const a = t.alias[i] as number;
    units[a] = (units[a] as bigint) + c * (B32 - p);
  }
  return units.map((u) => Number(u) / 2 ** 64);
}

/** Reference pick with exact BigInt column arithmetic. */
function referencePick(t: AliasTable, r1: number, r2: number): number {
  const i = Number((BigInt(r1) * BigInt(t.prob.length)) >> 32n);
  return r2 < (t.prob[i] as number) ? i : (t.alias[i] as number);
}

function simulate(pick: (r1: number, r2: number) => number, n: number, picks: number, stream: string): number[] {
  const k1 = streamKeys(7, streamOf(`${stream}.r1`));
  const k2 = streamKeys(7, streamOf(`${stream}.r2`));
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < picks; i++) {
    const k = pick(draw32(k1, i), draw32(k2, i));
    counts[k] = (counts[k] as number) + 1;
  }
  return counts.map((c) => c / picks);
}

/** |f - p| within 6 standard deviations of a binomial proportion (plus one pick). */
function expectRecovered(freq: readonly number[], p: readonly number[], picks: number): void {
  freq.forEach((f, k) => {
    const q = p[k] as number;
    expect(Math.abs(f - q), `category ${k}: freq ${f} vs p ${q}`).toBeLessThanOrEqual(6 * Math.sqrt((q * (1 - q)) / picks) + 1 / picks);
  });
}

describe('cumulativeThresholds', () => {
  it('gives known thresholds for simple weights', () => {
    expect(cumulativeThresholds([1, 1])).toEqual([2 ** 31]);
    expect(cumulativeThresholds([3, 0, 1])).toEqual([3 * 2 ** 30, 3 * 2 ** 30]);
    expect(cumulativeThresholds([1])).toEqual([]);
    expect(cumulativeThresholds([1, 1, 1])).toEqual([1431655765, 2863311531]);
    // A tiny weight next to a huge one still gets a draw value.
    expect(cumulativeThresholds([1e-300, 1e300])).toEqual([1]);
    expect(cumulativeThresholds([1, 3], 8)).toEqual([2]);
  });

  it('is monotone, below 2^32, gives every positive weight a slot and is within 2^-32·(n+1) of the weights', () => {
    fc.assert(
      fc.property(weightsArb, (w) => {
        const t = [...cumulativeThresholds(w), TWO_32];
        const p = normalized(w);
        expect(t).toHaveLength(w.length);
        let prev = 0;
        t.forEach((x, k) => {
          expect(Number.isInteger(x)).toBe(true);
          const slots = x - prev;
          if ((w[k] as number) > 0) expect(slots).toBeGreaterThanOrEqual(1);
          else expect(slots).toBe(0);
          expect(Math.abs(slots / TWO_32 - (p[k] as number))).toBeLessThanOrEqual((w.length + 1) / TWO_32);
          prev = x;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is within one slot (2^-32) of every weight when no weight needs raising', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 100 }), (w) => {
        const t = [...cumulativeThresholds(w), TWO_32];
        const p = normalized(w);
        let prev = 0;
        t.forEach((x, k) => {
          expect(Math.abs((x - prev) / TWO_32 - (p[k] as number))).toBeLessThanOrEqual(1 / TWO_32 + 1e-15);
          prev = x;
        });
      }),
    );
  });

  it('recovers the weights over 100k uniform draws (thresholdPick)', () => {
    fc.assert(
      fc.property(weightsArb, fc.nat(), (w, s) => {
        const t = cumulativeThresholds(w);
        const picks = 100_000;
        const keys = streamKeys(s, streamOf('thresholds'));
        const counts = new Array<number>(w.length).fill(0);
        for (let i = 0; i < picks; i++) {
          const k = thresholdPick(t, draw32(keys, i));
          counts[k] = (counts[k] as number) + 1;
        }
        expectRecovered(
          counts.map((c) => c / picks),
          normalized(w),
          picks,
        );
      }),
      { numRuns: 15 },
    );
  });

  it('rejects empty, negative, non-finite and all-zero weights with a SpecError', () => {
    for (const w of [[], [1, -1], [Number.NaN], [Number.POSITIVE_INFINITY], [0, 0]]) expect(() => cumulativeThresholds(w), JSON.stringify(w)).toThrow(SpecError);
  });

  it('thresholdPick skips zero-weight categories and honours the boundaries', () => {
    const t = cumulativeThresholds([1, 0, 3]);
    expect(thresholdPick(t, 0)).toBe(0);
    expect(thresholdPick(t, 2 ** 30 - 1)).toBe(0);
    expect(thresholdPick(t, 2 ** 30)).toBe(2);
    expect(thresholdPick(t, TWO_32 - 1)).toBe(2);
  });
});

describe('aliasTable', () => {
  it('is exact for known weights and deterministic', () => {
    expect(aliasTable([1, 3])).toEqual({ prob: [2 ** 31, TWO_32], alias: [1, 1] });
    expect(aliasTable([0, 1])).toEqual({ prob: [0, TWO_32], alias: [1, 1] });
    // Golden table: any change to the construction changes generated data.
    expect(aliasTable([1, 2, 1])).toEqual({ prob: [3221225471, TWO_32, 3221225473], alias: [1, 1, 1] });
    expect(aliasProbabilities(aliasTable([1, 1, 1]))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const w = [5, 0, 1e-12, 3, 7, 0.1, 0.2];
    expect(aliasTable(w)).toEqual(aliasTable([...w]));
  });

  it('has integer prob in [0, 2^32], aliases in range, and implied probabilities within 1e-9 of the weights', () => {
    fc.assert(
      fc.property(weightsArb, (w) => {
        const t = aliasTable(w);
        const p = normalized(w);
        expect(t.prob).toHaveLength(w.length);
        expect(t.alias).toHaveLength(w.length);
        t.prob.forEach((x) => {
          expect(Number.isInteger(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(TWO_32);
        });
        t.alias.forEach((a) => expect(a >= 0 && a < w.length && Number.isInteger(a)).toBe(true));
        const implied = referenceAliasProbabilities(t);
        expect(aliasProbabilities(t)).toEqual(implied);
        implied.forEach((q, k) => {
          expect(Math.abs(q - (p[k] as number))).toBeLessThanOrEqual(1e-9);
          if ((w[k] as number) === 0) expect(q).toBe(0);
          else expect(q).toBeGreaterThan(0);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('stays within 1e-9 for larger tables whose size does not divide 2^32', () => {
    for (const n of [3, 7, 1000, 2000, 4999]) {
      const w = Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 97) + (i % 5 === 0 ? 1000 : 0));
      const p = normalized(w);
      referenceAliasProbabilities(aliasTable(w)).forEach((q, k) => expect(Math.abs(q - (p[k] as number))).toBeLessThanOrEqual(1e-9));
    }
  });

  it('aliasPick agrees with an exact BigInt reference for any draws', () => {
    fc.assert(
      fc.property(weightsArb, fc.integer({ min: 0, max: TWO_32 - 1 }), fc.integer({ min: 0, max: TWO_32 - 1 }), (w, r1, r2) => {
        const t = aliasTable(w);
        expect(aliasPick(t, r1, r2)).toBe(referencePick(t, r1, r2));
      }),
      { numRuns: 500 },
    );
    // Column arithmetic stays exact where r1 · n exceeds 2^53.
    const big = { prob: new Array<number>(3_000_001).fill(TWO_32), alias: Array.from({ length: 3_000_001 }, (_, i) => i) };
    for (const r1 of [0, 1, 2 ** 31, TWO_32 - 1, 4_000_000_123]) expect(aliasPick(big, r1, 0)).toBe(referencePick(big, r1, 0));
  });

  it('recovers the weights over 100k simulated picks', () => {
    fc.assert(
      fc.property(weightsArb, fc.string(), (w, stream) => {
        const t = aliasTable(w);
        const picks = 100_000;
        expectRecovered(simulate((r1, r2) => aliasPick(t, r1, r2), w.length, picks, stream), normalized(w), picks);
      }),
      { numRuns: 15 },
    );
  });
});

describe('apportionUnits', () => {
  it('sums to the total, follows the weights and gives every positive weight a unit', () => {
    expect(apportionUnits([1, 1, 1], 10)).toEqual([4, 3, 3]);
    expect(apportionUnits([1, 0, 1e-9], 4)).toEqual([3, 0, 1]);
    fc.assert(
      fc.property(weightsArb, fc.integer({ min: 60, max: 100_000 }), (w, total) => {
        const u = apportionUnits(w, total);
        expect(u.reduce((a, b) => a + b, 0)).toBe(total);
        const p = normalized(w);
        u.forEach((x, k) => {
          if ((w[k] as number) > 0) expect(x).toBeGreaterThanOrEqual(1);
          else expect(x).toBe(0);
          expect(Math.abs(x - (p[k] as number) * total)).toBeLessThanOrEqual(w.length);
        });
      }),
    );
    expect(() => apportionUnits([1, 1, 1], 2)).toThrow(/number of positive weights/);
  });
});

describe('invalid weights', () => {
  const cases: [string, unknown, string, RegExp][] = [
    ['empty', [], 'weights', /is empty/],
    ['NaN', [1, Number.NaN], 'weights[1]', /is NaN/],
    ['negative', [1, 2, -0.5], 'weights[2]', /is negative/],
    ['infinite', [Number.POSITIVE_INFINITY], 'weights[0]', /is not finite/],
    ['all zero', [0, 0, 0], 'weights', /all zero/],
    ['not numbers', [1, '2'], 'weights[1]', /not a number/],
  ];
  for (const [what, w, path, message] of cases) {
    it(`rejects ${what} weights with a PoolError naming the problem`, () => {
      for (const f of [aliasTable, (x: readonly number[]) => apportionUnits(x, 100)]) {
        try {
          f(w as number[]);
          expect.unreachable(`${what} weights were accepted`);
        } catch (e) {
          expect(e).toBeInstanceOf(PoolError);
          const err = e as PoolError;
          expect(err.code).toBe('POOL_INVALID');
          expect(err.path).toBe(path);
          expect(err.message).toMatch(message);
          expect(err.fix.length).toBeGreaterThan(0);
        }
      }
    });
  }
});
