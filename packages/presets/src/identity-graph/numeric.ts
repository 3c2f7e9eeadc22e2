/**
 * Compile-time numerics of the preset: exact expectations of the draws the DSL produces (so
 * configured means are matched, not approximated), iterative proportional fitting (so
 * correlations never move a configured marginal) and small helpers. Nothing here runs per row.
 */
import { normalQuantile, piecewiseTable, standardNormalTable, TWO_32, type PiecewiseTable } from '@synthgraph/core';

/**
 * Sum of an array.
 *
 * @example
 * ```ts
 * sum([1, 2, 3]); // 6
 * ```
 */
export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * Scales non-negative weights to sum to 1 (all-zero input stays zero).
 *
 * @example
 * ```ts
 * normalize([1, 3]); // [0.25, 0.75]
 * ```
 */
export function normalize(xs: readonly number[]): number[] {
  const s = sum(xs);
  return s > 0 ? xs.map((x) => x / s) : xs.map(() => 0);
}

/**
 * Probability mass of `clamp(floor(a · q(r) + b), lo, hi)` for each integer lo..hi, where q is a
 * piecewise-linear inverse-CDF table over the 32-bit draw r (exactly how engines evaluate it).
 *
 * @example
 * ```ts
 * floorMass(standardNormalTable(), 1.4, 2.5 + 0.5, 1, 8); // household sizes 1..8
 * ```
 */
export function floorMass(t: PiecewiseTable, a: number, b: number, lo: number, hi: number): number[] {
  const mass = new Array<number>(hi - lo + 1).fill(0);
  const add = (k: number, m: number): void => {
    const i = Math.min(hi, Math.max(lo, k)) - lo;
    mass[i] = (mass[i] as number) + m;
  };
  for (let j = 0; j < t.bounds.length; j++) {
    const r0 = t.bounds[j] as number;
    const r1 = j + 1 < t.bounds.length ? (t.bounds[j + 1] as number) : TWO_32;
    const p = (r1 - r0) / TWO_32;
    const w0 = a * (t.base[j] as number) + b;
    const w1 = a * ((t.base[j] as number) + (r1 - r0) * (t.slope[j] as number)) + b;
    if (!(w1 > w0)) {
      add(Math.floor(w0), p);
      continue;
    }
    const span = w1 - w0;
    // below lo and above hi in one piece each; integers in between one by one
    const below = Math.min(1, Math.max(0, (lo - w0) / span));
    const above = Math.min(1, Math.max(0, (w1 - (hi + 1)) / span));
    if (below > 0) add(lo - 1, p * below);
    if (above > 0) add(hi + 1, p * above);
    const kFrom = Math.max(lo, Math.floor(w0));
    const kTo = Math.min(hi, Math.floor(w1));
    for (let k = kFrom; k <= kTo; k++) {
      const f = (Math.min(w1, k + 1) - Math.max(w0, k)) / span;
      if (f > 0) add(k, p * f);
    }
  }
  return mass;
}

/**
 * Mean of a mass function over lo..hi.
 *
 * @example
 * ```ts
 * massMean([0.5, 0.5], 1); // 1.5
 * ```
 */
export function massMean(mass: readonly number[], lo: number): number {
  let m = 0;
  mass.forEach((p, i) => (m += p * (lo + i)));
  return m;
}

/**
 * Standard deviation of a mass function over lo..hi.
 *
 * @example
 * ```ts
 * massSd([0.5, 0.5], 1); // 0.5
 * ```
 */
export function massSd(mass: readonly number[], lo: number): number {
  const mean = massMean(mass, lo);
  let v = 0;
  mass.forEach((p, i) => (v += p * (lo + i - mean) ** 2));
  return Math.sqrt(v);
}

/**
 * Bisection for an increasing function: the x in [lo, hi] with f(x) ≈ target (clamped to the ends).
 *
 * @example
 * ```ts
 * solveIncreasing((x) => x * x, 2, 0, 2); // ≈ 1.41421
 * ```
 */
export function solveIncreasing(f: (x: number) => number, target: number, lo: number, hi: number, iterations = 60): number {
  if (f(lo) >= target) return lo;
  if (f(hi) <= target) return hi;
  let a = lo;
  let b = hi;
  for (let i = 0; i < iterations; i++) {
    const m = (a + b) / 2;
    if (f(m) < target) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/**
 * Poisson probabilities for k = 0, 1, … as core expands `poisson(lambda)` (same truncation).
 *
 * @example
 * ```ts
 * poissonPmf(2)[0]; // ≈ 0.135
 * ```
 */
export function poissonPmf(lambda: number): number[] {
  if (lambda <= 0) return [1];
  const out: number[] = [];
  let logp = -lambda;
  let cdf = 0;
  for (let k = 0; ; k++) {
    if (k > 0) logp += Math.log(lambda / k);
    const p = Math.exp(logp);
    out.push(p);
    cdf += p;
    if (k > lambda && (1 - cdf) * TWO_32 < 0.5) break;
    if (k > 10 * lambda + 100) break;
  }
  return normalize(out);
}

/**
 * Mass of `clamp(offset + poisson(lambda), lo, hi)` over lo..hi.
 *
 * @example
 * ```ts
 * shiftedPoissonMass(4, 2, 2, 15); // identifiers per person 2..15
 * ```
 */
export function shiftedPoissonMass(lambda: number, offset: number, lo: number, hi: number): number[] {
  const mass = new Array<number>(hi - lo + 1).fill(0);
  poissonPmf(lambda).forEach((p, k) => {
    const v = Math.min(hi, Math.max(lo, offset + k)) - lo;
    mass[v] = (mass[v] as number) + p;
  });
  return mass;
}

/**
 * Mass of `clamp(round(normal(mu, sd)), lo, hi)` as the engines compute it.
 *
 * @example
 * ```ts
 * roundedNormalMass(2.5, 1.4, 1, 8); // household sizes 1..8
 * ```
 */
export function roundedNormalMass(mu: number, sd: number, lo: number, hi: number): number[] {
  if (sd === 0) {
    const mass = new Array<number>(hi - lo + 1).fill(0);
    mass[Math.min(hi, Math.max(lo, Math.floor(mu + 0.5))) - lo] = 1;
    return mass;
  }
  return floorMass(standardNormalTable(), sd, mu + 0.5, lo, hi);
}

/**
 * Mass of `clamp(round(lognormal(mu, sigma)), lo, hi)` as the engines compute it.
 *
 * @example
 * ```ts
 * roundedLognormalMass(0.8, 0.53, 1, 8); // right-skewed household sizes 1..8
 * ```
 */
export function roundedLognormalMass(mu: number, sigma: number, lo: number, hi: number): number[] {
  return floorMass(piecewiseTable((u) => Math.exp(mu + sigma * normalQuantile(u))), 1, 0.5, lo, hi);
}

/**
 * The quantile function core uses for `powerLaw(alpha, min, max)`.
 *
 * @example
 * ```ts
 * powerLawQuantile(2, 1, 100)(0.5); // ≈ 1.98
 * ```
 */
export function powerLawQuantile(alpha: number, min: number, max: number): (u: number) => number {
  const a = alpha - 1;
  const tail = 1 - (min / max) ** a;
  return (u) => min * (1 - u * tail) ** (-1 / a);
}

const powerCache = new Map<string, number[]>();
/**
 * Mass of `clamp(floor(powerLaw(alpha, 1, max + 1)), 1, max)`.
 *
 * @example
 * ```ts
 * powerLawFloorMass(1.8, 2000); // events per person 1..2000
 * ```
 */
export function powerLawFloorMass(alpha: number, max: number): number[] {
  const key = `${alpha}:${max}`;
  let m = powerCache.get(key);
  if (!m) {
    m = floorMass(piecewiseTable(powerLawQuantile(alpha, 1, max + 1)), 1, 0, 1, max);
    powerCache.set(key, m);
  }
  return m;
}

/**
 * The power-law exponents a configured mean can be matched with.
 *
 * @example
 * ```ts
 * POWER_LAW_ALPHA_RANGE[0]; // 1.05
 * ```
 */
export const POWER_LAW_ALPHA_RANGE = [1.05, 6] as const;

/**
 * Fits P(value | group) ∝ g[value] · tilt[group][value] so that Σ_group weight · P(value | group)
 * equals `target` (iterative proportional fitting). A tilt of 0 forbids a value in a group.
 * Returns the conditional distributions and the achieved marginal.
 *
 * @example
 * ```ts
 * fitConditional([0.5, 0.5], [{ weight: 0.5, tilt: [2, 1] }, { weight: 0.5, tilt: [1, 2] }]);
 * ```
 */
export function fitConditional(
  target: readonly number[],
  groups: readonly { readonly weight: number; readonly tilt: readonly number[] }[],
  iterations = 300,
): { conditional: number[][]; marginal: number[] } {
  const g = target.map((x) => (x > 0 ? x : 0));
  const conditionalOf = (): number[][] => groups.map((grp) => normalize(grp.tilt.map((t, v) => t * (g[v] as number))));
  let cond = conditionalOf();
  const marginalOf = (c: number[][]): number[] => {
    const m = target.map(() => 0);
    const wsum = sum(groups.map((x) => x.weight));
    c.forEach((row, gi) => row.forEach((p, v) => (m[v] = (m[v] as number) + (p * (groups[gi] as { weight: number }).weight) / (wsum || 1))));
    return m;
  };
  for (let it = 0; it < iterations; it++) {
    const m = marginalOf(cond);
    let maxErr = 0;
    for (let v = 0; v < g.length; v++) {
      const mv = m[v] as number;
      const tv = target[v] as number;
      maxErr = Math.max(maxErr, Math.abs(mv - tv));
      if (mv > 0 && tv > 0) g[v] = (g[v] as number) * (tv / mv);
    }
    cond = conditionalOf();
    if (maxErr < 1e-12) break;
  }
  return { conditional: cond, marginal: marginalOf(cond) };
}

/**
 * Cumulative thresholds in [0, 1] for `steps(u, thresholds, values)`: zero-weight tails never chosen.
 *
 * @example
 * ```ts
 * cumulative([1, 1, 2]); // [0.25, 0.5]
 * ```
 */
export function cumulative(probs: readonly number[]): number[] {
  const p = normalize(probs);
  const out: number[] = [];
  let acc = 0;
  let lastPositive = -1;
  p.forEach((x, i) => {
    if (x > 0) lastPositive = i;
  });
  for (let i = 0; i < p.length - 1; i++) {
    acc += p[i] as number;
    out.push(i >= lastPositive ? 1 : Math.min(1, acc));
  }
  return out;
}

/**
 * Standard normal density (compile time only).
 *
 * @example
 * ```ts
 * normalPdf(0, 0, 1); // ≈ 0.399
 * ```
 */
export function normalPdf(x: number, mean: number, sd: number): number {
  return Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));
}
