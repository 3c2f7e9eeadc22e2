/**
 * Compile-time quantile functions and piecewise-linear inverse-CDF tables.
 *
 * Transcendental functions are not bit-portable across the JVM, DuckDB and V8, so continuous
 * distributions are shaped at compile time: the quantile function is sampled at fixed knots in
 * the 32-bit draw space and the engines only interpolate with `-`, `*` and `+`, which are
 * correctly rounded everywhere.
 */
import { InternalError, SpecError } from '../errors.js';
import { TWO_32 } from './mixer.js';

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new InternalError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** A piecewise-linear table in 32-bit draw space: cell j covers [bounds[j], bounds[j+1]). */
export interface PiecewiseTable {
  /** Cell lower bounds, ascending integers, bounds[0] = 0 (length = cells). */
  readonly bounds: readonly number[];
  /** Value at each cell's lower bound. */
  readonly base: readonly number[];
  /** Slope per unit of draw inside each cell. */
  readonly slope: readonly number[];
}

let knotCache: number[] | undefined;

/**
 * Knots in draw space: geometric towards both tails (down to a single draw value), uniform
 * (2^25 wide, 126 cells) in the centre. 179 knots, 178 cells.
 */
export function knots(): readonly number[] {
  if (knotCache) return knotCache;
  const k: number[] = [0];
  for (let e = 0; e <= 25; e++) k.push(2 ** e); // 1 .. 2^25
  for (let i = 2; i <= 127; i++) k.push(i * 2 ** 25); // 2^26 .. 127·2^25
  for (let e = 24; e >= 0; e--) k.push(TWO_32 - 2 ** e); // 2^32 - 2^24 .. 2^32 - 1
  k.push(TWO_32);
  knotCache = k;
  return k;
}

/**
 * Samples a quantile function at the knots and returns the interpolation table. The value at the
 * end knots uses u = 0.5 / 2^32 and 1 - 0.5 / 2^32, so every value is finite.
 *
 * @example
 * ```ts
 * const t = piecewiseTable(normalQuantile);
 * evalPiecewise(t, 2 ** 31); // ≈ 0
 * ```
 */
export function piecewiseTable(quantile: (u: number) => number): PiecewiseTable {
  const k = knots();
  const u = (b: number): number => (b === 0 ? 0.5 / TWO_32 : b === TWO_32 ? 1 - 0.5 / TWO_32 : b / TWO_32);
  const values = k.map((b) => quantile(u(b)));
  const bounds: number[] = [];
  const base: number[] = [];
  const slope: number[] = [];
  for (let j = 0; j + 1 < k.length; j++) {
    const b0 = k[j] as number;
    const b1 = k[j + 1] as number;
    const v0 = values[j] as number;
    const v1 = values[j + 1] as number;
    if (!Number.isFinite(v0) || !Number.isFinite(v1)) throw new SpecError([{ path: 'dist', message: 'the distribution has a non-finite quantile (its parameters overflow)', fix: 'use smaller parameters, e.g. a smaller sigma or a larger rate' }]);
    bounds.push(b0);
    base.push(v0);
    slope.push((v1 - v0) / (b1 - b0));
  }
  return { bounds, base, slope };
}

/** Evaluates a piecewise table exactly as the SQL engines do: `base[j] + (r - bounds[j]) * slope[j]`. */
export function evalPiecewise(t: PiecewiseTable, r: number): number {
  const j = upperBound(t.bounds, r) - 1;
  return (t.base[j] as number) + (r - (t.bounds[j] as number)) * (t.slope[j] as number);
}

/** Index of the first element > x in an ascending array (binary search). */
export function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Integer thresholds for a weighted choice from a 32-bit draw: category k is chosen when
 * `t[k-1] <= r < t[k]` (with t[-1] = 0); the last threshold is `total` and is omitted from the
 * returned array. Each category with positive weight gets at least one draw value, a zero weight
 * none. The one implementation: draws, pools and day windows all use it (pick with
 * {@link upperBound}).
 *
 * @example
 * ```ts
 * cumulativeThresholds([1, 1]); // [2147483648]
 * ```
 */
export function cumulativeThresholds(weights: readonly number[], total = TWO_32): number[] {
  if (weights.length === 0) throw new SpecError([{ path: 'weights', message: 'is empty', fix: 'give at least one weight' }]);
  let sum = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new SpecError([{ path: 'weights', message: 'must be finite and ≥ 0', value: w, fix: 'use non-negative finite weights' }]);
    sum += w;
  }
  if (!(sum > 0)) throw new SpecError([{ path: 'weights', message: 'are all zero', fix: 'give at least one weight > 0' }]);
  const out: number[] = [];
  let acc = 0;
  let prev = 0;
  const positives = weights.map((w) => w > 0);
  let remainingPositive = positives.filter(Boolean).length;
  for (let k = 0; k < weights.length - 1; k++) {
    acc += weights[k] as number;
    let t = Math.round((acc / sum) * total);
    if (positives[k]) {
      remainingPositive--;
      t = Math.max(t, prev + 1);
    } else t = prev;
    t = Math.min(t, total - remainingPositive);
    out.push(t);
    prev = t;
  }
  return out;
}
