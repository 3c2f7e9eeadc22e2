/**
 * Statistical tests of every distribution the DSL offers, drawn through the in-process
 * evaluator (100,000 rows of a one-entity scenario): the recovered parameters must match the
 * declared ones within the tolerances stated next to each check.
 *
 * How the tolerances were chosen. The data is deterministic (fixed seed), so each check either
 * always passes or always fails; the tolerance decides what "matches" means:
 * - means, variances and shares: within 4 standard errors (SE) of the expected value. Under the
 *   declared distribution a 4-SE deviation has probability ≈ 6·10⁻⁵ per check, so a correct
 *   implementation passes, while a shift of a few SE (e.g. 0.6% of the mean of normal(45, 12))
 *   fails — the last block shows the checks reject slightly wrong parameters;
 * - whole-distribution shape: the Kolmogorov–Smirnov statistic D = sup|F̂ − F| below the
 *   α = 0.001 critical value 1.949/√n (≈ 0.0062 at n = 100,000), plus quantile checks: the
 *   empirical p-quantile has SE √(p(1−p)/n) / f(x_p), checked at 4 SE;
 * - categorical shares: each category within 4 binomial σ = √(p(1−p)/n) of its probability.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../dsl/scenario-builder.js';
import { t } from '../dsl/column-types.js';
import {
  bernoulli,
  exponential,
  intBetween,
  lognormal,
  normal,
  pick,
  poisson,
  poolRow,
  poolValue,
  powerLaw,
  timestampIn,
  uniform,
  zipf,
  days,
} from '../dsl/expr.js';
import { Evaluator, type Row } from '../eval/evaluator.js';

const N = 100_000;
const K = 4; // standard errors / binomial σ allowed
const KS_CRIT = 1.949 / Math.sqrt(N); // Kolmogorov–Smirnov critical value at α = 0.001
const DAY_MS = 86_400_000;

const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.6, 3.8, 4, 3.9, 3.7, 3.6, 3.8, 4.2, 4.8, 5.2, 5, 4, 3, 2];
const WEEKLY = [1, 1.1, 1.2, 1.1, 1.5, 2.4, 2.1]; // Monday first
const MONTHLY = [0.8, 0.8, 1, 1, 1, 1.1, 1.2, 1.2, 1, 1, 1.4, 2]; // January first
const POOL_WEIGHTS = [1, 2, 3, 4, 0.5];

const spec = scenario('distributions')
  .pool({
    name: 'colors',
    columns: [{ name: 'color', type: 'string' }, { name: 'rank', type: 'int' }],
    rows: [['red', 1], ['green', 2], ['blue', 3], ['black', 4], ['white', 5]],
    weights: POOL_WEIGHTS,
    source: 'test',
  })
  .entity('draws', (e) =>
    e
      .rows(N)
      .key('id')
      .column('u', t.double(), () => uniform(-2, 3))
      .column('i', t.int(), () => intBetween(-3, 6))
      .column('ibig', t.bigint(), () => intBetween(1, 5_000_000_000))
      .column('b', t.boolean(), () => bernoulli(0.23))
      .column('cat', t.string(), () => pick({ a: 5, b: 3, c: 1.5, d: 0.5 }))
      .column('catv', t.int(), () => pick([10, 20, 30], [1, 1, 2]))
      .column('nrm', t.double(), () => normal(45, 12))
      .column('lgn', t.double(), () => lognormal(10.8, 0.6))
      .column('expo', t.double(), () => exponential(0.25))
      .column('pl', t.double(), () => powerLaw(2.2, 1, 500))
      .column('poi', t.bigint(), () => poisson(4))
      .column('poi_big', t.bigint(), () => poisson(250))
      .column('zipf', t.bigint(), () => zipf(50, 1.1))
      .column('ts_hourly', t.timestamp(), () => timestampIn({ start: '2026-01-01', days: 90, hourly: HOURLY }))
      // 52 whole weeks from a Monday: every weekday occurs equally often
      .column('ts_weekly', t.timestamp(), () => timestampIn({ start: '2026-01-05', days: 364, weekly: WEEKLY }))
      .column('ts_monthly', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 365, monthly: MONTHLY }))
      .column('ts_within', t.timestamp(), (c) => timestampIn({ start: '2025-01-01', days: 400, within: { from: c.col('ts_monthly'), to: c.col('ts_monthly').plus(days(10)) } }))
      // two whole weeks of per-row bounds: every weekday occurs twice in them
      .column('ts_within_weekly', t.timestamp(), (c) => timestampIn({ start: '2025-01-01', days: 400, weekly: WEEKLY, within: { from: c.col('ts_monthly'), to: c.col('ts_monthly').plus(days(13)) } }))
      .column('pool_row', t.bigint(), () => poolRow('colors'))
      .column('pool_color', t.string(), (c) => poolValue('colors', 'color', c.col('pool_row')))
      .column('pool_rank', t.int(), (c) => poolValue<number>('colors', 'rank', c.col('pool_row'))),
  );

// ---------------------------------------------------------------- statistics helpers

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};
/** |actual − expected| ≤ K·se. */
const within = (actual: number, expected: number, se: number): boolean => Math.abs(actual - expected) <= K * se;
function expectWithin(what: string, actual: number, expected: number, se: number): void {
  expect(within(actual, expected, se), `${what}: got ${actual}, expected ${expected} ± ${K}·${se.toPrecision(3)}`).toBe(true);
}

/** Kolmogorov–Smirnov statistic of a sample against a continuous CDF. */
function ks(xs: readonly number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / s.length - f, f - i / s.length);
  });
  return d;
}
function expectKs(what: string, xs: readonly number[], cdf: (x: number) => number): void {
  const d = ks(xs, cdf);
  expect(d, `${what}: KS D = ${d.toFixed(5)} ≥ ${KS_CRIT.toFixed(5)}`).toBeLessThan(KS_CRIT);
}

/** Empirical p-quantile (nearest rank) of a sorted sample. */
const quantile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
/** Checks empirical quantiles against the true ones: SE(q̂_p) = √(p(1−p)/n) / f(x_p). */
function expectQuantiles(what: string, xs: readonly number[], q: (p: number) => number, pdf: (x: number) => number, ps: readonly number[]): void {
  const s = [...xs].sort((a, b) => a - b);
  for (const p of ps) {
    const x = q(p);
    expectWithin(`${what} quantile ${p}`, quantile(s, p), x, Math.sqrt((p * (1 - p)) / s.length) / pdf(x));
  }
}

/** Each category's share within K binomial σ; no value outside the categories. */
function expectShares<V>(what: string, xs: readonly V[], probs: ReadonlyMap<V, number>): void {
  const counts = new Map<V, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  for (const v of counts.keys()) expect(probs.has(v), `${what}: unexpected value ${String(v)}`).toBe(true);
  for (const [v, p] of probs) expectWithin(`${what} share of ${String(v)}`, (counts.get(v) ?? 0) / xs.length, p, Math.sqrt((p * (1 - p)) / xs.length));
}
const normalized = <V>(entries: readonly (readonly [V, number])[]): Map<V, number> => {
  const total = entries.reduce((a, [, w]) => a + w, 0);
  return new Map(entries.map(([v, w]) => [v, w / total]));
};

/** Pearson correlation. */
function pearson(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((x, i) => {
    const y = b[i] as number;
    sab += (x - ma) * (y - mb);
    saa += (x - ma) ** 2;
    sbb += (y - mb) ** 2;
  });
  return sab / Math.sqrt(saa * sbb);
}

/** erfc with fractional error < 1.2e-7 (Numerical Recipes `erfcc`), independent of the code under test. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t1 = 1 / (1 + 0.5 * z);
  const r =
    t1 *
    Math.exp(
      -z * z - 1.26551223 + t1 * (1.00002368 + t1 * (0.37409196 + t1 * (0.09678418 + t1 * (-0.18628806 + t1 * (0.27886807 + t1 * (-1.13520398 + t1 * (1.48851587 + t1 * (-0.82215223 + t1 * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
const normalCdf = (m: number, sd: number) => (x: number): number => 0.5 * erfc(-(x - m) / (sd * Math.SQRT2));
const normalPdf = (m: number, sd: number) => (x: number): number => Math.exp(-0.5 * ((x - m) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
/** Standard normal quantiles (tables), independent of the code under test. */
const Z: ReadonlyMap<number, number> = new Map([
  [0.001, -3.090232306],
  [0.01, -2.326347874],
  [0.1, -1.281551566],
  [0.25, -0.67448975],
  [0.5, 0],
  [0.75, 0.67448975],
  [0.9, 1.281551566],
  [0.99, 2.326347874],
  [0.999, 3.090232306],
]);
const PS = [...Z.keys()];

// ---------------------------------------------------------------- the sample

let rows: Row[];
const col = <T = number>(name: string): T[] => rows.map((r) => r[name] as T);
const micros = (name: string): number[] => rows.map((r) => (r[name] as Date).getTime() * 1000);

beforeAll(() => {
  rows = new Evaluator(spec.toIR({ seed: 20260101 })).rows('draws');
  expect(rows).toHaveLength(N);
});

describe('continuous draws', () => {
  it('uniform(-2, 3): in [min, max), mean and variance within 4 SE, KS', () => {
    const xs = col('u');
    const [a, b] = [-2, 3];
    expect(xs.every((x) => x >= a && x < b)).toBe(true);
    // mean SE = σ/√n with σ² = (b−a)²/12; var SE = √((μ4 − σ⁴)/n) with μ4 = (b−a)⁴/80
    expectWithin('mean', mean(xs), (a + b) / 2, (b - a) / Math.sqrt(12 * N));
    expectWithin('variance', variance(xs), (b - a) ** 2 / 12, Math.sqrt(((b - a) ** 4 * (1 / 80 - 1 / 144)) / N));
    expectKs('uniform', xs, (x) => (x - a) / (b - a));
  });

  it('normal(45, 12): mean, sd within 4 SE, KS, quantiles (incl. tails) within 4 SE', () => {
    const xs = col('nrm');
    expectWithin('mean', mean(xs), 45, 12 / Math.sqrt(N));
    // SE of the sample sd ≈ σ/√(2n) for a normal sample
    expectWithin('sd', Math.sqrt(variance(xs)), 12, 12 / Math.sqrt(2 * N));
    expectKs('normal', xs, normalCdf(45, 12));
    expectQuantiles('normal', xs, (p) => 45 + 12 * (Z.get(p) as number), normalPdf(45, 12), PS);
    // tails come from the finer tail cells: share beyond ±3σ within 4 binomial σ of 0.0026998
    const p3 = 0.0026998;
    expectWithin('share beyond 3σ', xs.filter((x) => Math.abs(x - 45) > 36).length / N, p3, Math.sqrt((p3 * (1 - p3)) / N));
  });

  it('lognormal(10.8, 0.6): ln(x) is normal(10.8, 0.6) (mean, sd within 4 SE, KS, quantiles)', () => {
    const xs = col('lgn');
    expect(xs.every((x) => x > 0)).toBe(true);
    const ls = xs.map(Math.log);
    expectWithin('mean of ln', mean(ls), 10.8, 0.6 / Math.sqrt(N));
    expectWithin('sd of ln', Math.sqrt(variance(ls)), 0.6, 0.6 / Math.sqrt(2 * N));
    expectKs('lognormal', xs, (x) => normalCdf(10.8, 0.6)(Math.log(x)));
    expectQuantiles('lognormal (log scale)', ls, (p) => 10.8 + 0.6 * (Z.get(p) as number), normalPdf(10.8, 0.6), PS);
  });

  it('exponential(0.25): mean and variance within 4 SE, KS, quantiles within 4 SE', () => {
    const rate = 0.25;
    const xs = col('expo');
    expect(xs.every((x) => x >= 0)).toBe(true);
    // mean SE = (1/rate)/√n; var SE = √((μ4 − σ⁴)/n) with μ4 = 9/rate⁴, σ⁴ = 1/rate⁴
    expectWithin('mean', mean(xs), 1 / rate, 1 / rate / Math.sqrt(N));
    expectWithin('variance', variance(xs), 1 / rate ** 2, Math.sqrt(8 / rate ** 4 / N));
    expectKs('exponential', xs, (x) => 1 - Math.exp(-rate * x));
    expectQuantiles('exponential', xs, (p) => -Math.log1p(-p) / rate, (x) => rate * Math.exp(-rate * x), PS);
  });

  it('powerLaw(2.2, 1, 500): inside [min, max], KS and quantiles against the truncated Pareto', () => {
    const [alpha, lo, hi] = [2.2, 1, 500];
    const a = alpha - 1;
    const tail = 1 - (lo / hi) ** a;
    const xs = col('pl');
    expect(xs.every((x) => x >= lo && x <= hi)).toBe(true);
    const cdf = (x: number): number => (1 - (lo / x) ** a) / tail;
    expectKs('powerLaw', xs, cdf);
    expectQuantiles('powerLaw', xs, (p) => lo * (1 - p * tail) ** (-1 / a), (x) => (a * lo ** a * x ** -alpha) / tail, [0.1, 0.5, 0.9, 0.99]);
  });
});

describe('discrete draws', () => {
  it('intBetween(-3, 6): integers in range, each value 1/10 within 4 binomial σ', () => {
    const xs = col('i');
    expect(xs.every(Number.isInteger)).toBe(true);
    expectShares('intBetween', xs, normalized(Array.from({ length: 10 }, (_, i) => [i - 3, 1] as const)));
  });

  it('intBetween(1, 5e9) (wider than 2^21, floating path): integers in range, mean within 4 SE, KS on the scaled value', () => {
    const xs = col('ibig');
    const n = 5_000_000_000;
    expect(xs.every((x) => Number.isInteger(x) && x >= 1 && x <= n)).toBe(true);
    expectWithin('mean', mean(xs), (n + 1) / 2, n / Math.sqrt(12 * N));
    expectKs('intBetween big', xs, (x) => (x - 1) / n);
  });

  it('bernoulli(0.23): share of true within 4 binomial σ', () => {
    expectShares('bernoulli', col<boolean>('b'), new Map([[true, 0.23], [false, 0.77]]));
  });

  it('pick (categorical, weights as a record and as a list): shares within 4 binomial σ', () => {
    expectShares('pick record', col<string>('cat'), normalized([['a', 5], ['b', 3], ['c', 1.5], ['d', 0.5]]));
    expectShares('pick list', col('catv'), normalized([[10, 1], [20, 1], [30, 2]]));
  });

  it('poisson(4): pmf for k = 0..12 within 4 binomial σ, mean and variance within 4 SE', () => {
    const lambda = 4;
    const xs = col('poi');
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expectWithin('mean', mean(xs), lambda, Math.sqrt(lambda / N));
    // var SE = √((μ4 − σ⁴)/n) with μ4 = λ(1 + 3λ), σ⁴ = λ²
    expectWithin('variance', variance(xs), lambda, Math.sqrt((lambda + 2 * lambda ** 2) / N));
    let p = Math.exp(-lambda);
    for (let k = 0; k <= 12; k++) {
      if (k > 0) p *= lambda / k;
      const share = xs.filter((x) => x === k).length / N;
      expectWithin(`P(X = ${k})`, share, p, Math.sqrt((p * (1 - p)) / N));
    }
  });

  it('poisson(250) (large lambda, log-space recursion): mean and variance within 4 SE', () => {
    const lambda = 250;
    const xs = col('poi_big');
    expectWithin('mean', mean(xs), lambda, Math.sqrt(lambda / N));
    expectWithin('variance', variance(xs), lambda, Math.sqrt((lambda + 2 * lambda ** 2) / N));
  });

  it('zipf(50, 1.1): the share of every rank within 4 binomial σ of k^-s / H', () => {
    const xs = col('zipf');
    expectShares('zipf', xs, normalized(Array.from({ length: 50 }, (_, i) => [i + 1, 1 / (i + 1) ** 1.1] as const)));
  });

  it('poolRow over a weighted pool: row shares within 4 binomial σ; poolValue reads that row', () => {
    const idx = col('pool_row');
    expectShares('poolRow', idx, normalized(POOL_WEIGHTS.map((w, i) => [i, w] as const)));
    const colors = ['red', 'green', 'blue', 'black', 'white'];
    const wrong = rows.filter((r) => r['pool_color'] !== colors[r['pool_row'] as number] || r['pool_rank'] !== (r['pool_row'] as number) + 1);
    expect(wrong).toEqual([]);
  });
});

describe('timestampIn', () => {
  const hourOf = (us: number): number => new Date(us / 1000).getUTCHours();
  const startUs = (d: string): number => Date.parse(`${d}T00:00:00Z`) * 1000;

  it('stays inside the window, on whole seconds', () => {
    for (const [name, start, n] of [['ts_hourly', '2026-01-01', 90], ['ts_weekly', '2026-01-05', 364], ['ts_monthly', '2025-01-01', 365]] as const) {
      const lo = startUs(start);
      const hi = lo + n * DAY_MS * 1000;
      expect(micros(name).every((us) => us >= lo && us < hi && us % 1_000_000 === 0), name).toBe(true);
    }
  });

  it('hourly shaping: each hour-of-day share within 4 binomial σ of its weight; histogram correlates (r > 0.99) with the weights', () => {
    const hours = micros('ts_hourly').map(hourOf);
    expectShares('hour of day', hours, normalized(HOURLY.map((w, h) => [h, w] as const)));
    const hist = Array.from({ length: 24 }, (_, h) => hours.filter((x) => x === h).length);
    expect(pearson(hist, HOURLY)).toBeGreaterThan(0.99);
  });

  it('weekly shaping: weekday shares within 4 binomial σ of the weights (52 whole weeks)', () => {
    const dows = micros('ts_weekly').map((us) => (new Date(us / 1000).getUTCDay() + 6) % 7);
    expectShares('weekday', dows, normalized(WEEKLY.map((w, d) => [d, w] as const)));
    // unshaped hours stay flat
    expectShares('hour of day (flat)', micros('ts_weekly').map(hourOf), normalized(Array.from({ length: 24 }, (_, h) => [h, 1] as const)));
  });

  it('monthly shaping: month shares within 4 binomial σ of weight × days in month', () => {
    const months = micros('ts_monthly').map((us) => new Date(us / 1000).getUTCMonth());
    const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // 2025
    expectShares('month', months, normalized(MONTHLY.map((w, m) => [m, w * (daysIn[m] as number)] as const)));
  });

  it('within: stays inside the per-row bounds and spreads over every day of them', () => {
    const from = micros('ts_monthly');
    const xs = micros('ts_within');
    const dayUs = DAY_MS * 1000;
    expect(xs.filter((x, i) => !(x >= (from[i] as number) && x <= (from[i] as number) + 10 * dayUs))).toEqual([]);
    const offsets = xs.map((x, i) => Math.floor(x / dayUs) - Math.floor((from[i] as number) / dayUs));
    // The day is uniform over the 11 calendar days touched by [from, from + 10 days]; the first and
    // last day are then clamped to the bounds, which keeps them on their day. Each within 4σ of 1/11.
    expectShares('day offset within the bounds', offsets, normalized(Array.from({ length: 11 }, (_, d) => [d, 1] as const)));
  });

  it('within with weekly shaping: inside the per-row bounds; weekday shares within 4 binomial σ of the weights', () => {
    const from = micros('ts_monthly');
    const xs = micros('ts_within_weekly');
    const dayUs = DAY_MS * 1000;
    expect(xs.filter((x, i) => !(x >= (from[i] as number) && x <= (from[i] as number) + 13 * dayUs))).toEqual([]);
    // 14 calendar days hold each weekday twice; clamping the first and last day keeps them on their day.
    const dows = xs.map((us) => (new Date(us / 1000).getUTCDay() + 6) % 7);
    expectShares('weekday within the bounds', dows, normalized(WEEKLY.map((w, d) => [d, w] as const)));
  });
});

describe('the tolerances have power', () => {
  // The same checks reject slightly wrong parameters, so the tests above can fail.
  it('rejects a normal mean off by 0.6% (8 SE), an sd off by 2%, and a shifted CDF', () => {
    const xs = col('nrm');
    expect(within(mean(xs), 45.3, 12 / Math.sqrt(N))).toBe(false);
    expect(within(Math.sqrt(variance(xs)), 12.25, 12 / Math.sqrt(2 * N))).toBe(false);
    expect(ks(xs, normalCdf(45.4, 12))).toBeGreaterThan(KS_CRIT);
  });

  it('rejects an exponential rate off by 3% and a categorical share off by 1 point', () => {
    expect(ks(col('expo'), (x) => 1 - Math.exp(-0.2575 * x))).toBeGreaterThan(KS_CRIT);
    const share = col<boolean>('b').filter(Boolean).length / N;
    expect(within(share, 0.24, Math.sqrt((0.24 * 0.76) / N))).toBe(false);
  });

  it('rejects hour weights that differ in one hour by 15%', () => {
    const hours = micros('ts_hourly').map((us) => new Date(us / 1000).getUTCHours());
    const wrong = [...HOURLY];
    wrong[19] = (wrong[19] as number) * 1.15;
    const total = wrong.reduce((a, b) => a + b, 0);
    const p = (wrong[19] as number) / total;
    expect(within(hours.filter((h) => h === 19).length / N, p, Math.sqrt((p * (1 - p)) / N))).toBe(false);
  });
});
