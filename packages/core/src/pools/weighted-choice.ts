/**
 * Weighted choice from uniform 32-bit draws, computed once at compile time with exact integer
 * arithmetic so that every engine (the evaluator, DuckDB, Spark) picks the same category for
 * the same draw.
 *
 * Weights are IEEE doubles; each is decomposed exactly into `mantissa · 2^exponent` and all are
 * scaled to a common exponent, so the normalized weights are exact rationals held in BigInts.
 * Slots are then apportioned by largest remainder (ties broken by index): the result depends
 * only on the weights, never on the platform, and no transcendental function is involved.
 */
import { TWO_32 } from '../random/mixer.js';
import { upperBound } from '../random/quantiles.js';
import { PoolError } from './pool-error.js';

const B32 = 1n << 32n;
const B64 = 1n << 64n;

/**
 * An alias table (Walker/Vose) for O(1) weighted picks from two 32-bit draws.
 *
 * Pick with draws `r1`, `r2` in [0, 2^32): column `i = floor(r1 · n / 2^32)`; the result is `i`
 * when `r2 < prob[i]`, else `alias[i]`. `prob[i]` is an integer in [0, 2^32]. Columns are not all
 * the same size when n does not divide 2^32 (they hold ⌊2^32/n⌋ or ⌈2^32/n⌉ values of r1); the
 * table is built for those exact sizes, so the implied probabilities match the weights.
 *
 * In SQL the table is a small relation `(i, prob, alias)` joined on the column index:
 * `CASE WHEN r2 < prob THEN i ELSE alias END`.
 *
 * @example
 * ```ts
 * const t: AliasTable = aliasTable([1, 3]); // { prob: [2147483648, 4294967296], alias: [1, 1] }
 * ```
 */
export interface AliasTable {
  /** Per column, the integer threshold in [0, 2^32] below which r2 keeps the column. */
  prob: number[];
  /** Per column, the category taken when r2 ≥ prob[i]. */
  alias: number[];
}

/**
 * Splits `total` integer units among categories in proportion to the weights, exactly: largest
 * remainder over the exact rational shares, ties broken by index. Every positive weight gets at
 * least one unit and a zero weight none, so `total` must be at least the number of positive
 * weights. The result sums to `total`.
 *
 * Throws {@link PoolError} when the weights are empty, negative, NaN, infinite or all zero.
 *
 * @example
 * ```ts
 * apportionUnits([1, 1, 1], 10); // [4, 3, 3]
 * apportionUnits([1, 0, 1e-9], 4); // [3, 0, 1]
 * ```
 */
export function apportionUnits(weights: readonly number[], total: number): number[] {
  checkWeights(weights);
  if (!Number.isSafeInteger(total) || total < 0) throw new PoolError('must be a non-negative safe integer', { path: 'total', value: total, fix: 'pass a whole number of units' });
  const { w, sum } = exactWeights(weights);
  const positive = w.filter((x) => x > 0n).length;
  if (total < positive) throw new PoolError(`is less than the number of positive weights (${positive})`, { path: 'total', value: total, fix: `give at least ${positive} units or zero some weights` });
  return apportion(w, sum, BigInt(total)).map(Number);
}

/**
 * Picks a category from a uniform 32-bit draw with thresholds from `cumulativeThresholds`
 * (random/quantiles.ts): the number of thresholds ≤ r.
 *
 * @example
 * ```ts
 * const t = cumulativeThresholds([1, 3]); // [1073741824]
 * thresholdPick(t, 0);          // 0
 * thresholdPick(t, 2 ** 31);    // 1
 * ```
 */
export function thresholdPick(thresholds: readonly number[], r: number): number {
  return upperBound(thresholds, r);
}

/**
 * Builds an {@link AliasTable} for the weights, deterministically and with integer arithmetic:
 * the target mass of category k is its exact share of 2^64 (pairs of draws), apportioned by
 * largest remainder; Vose's method then fills columns of the exact sizes implied by
 * `floor(r1 · n / 2^32)`, always pairing a deficient column with the category that has the most
 * mass left (ties by index). Only the final rounding of `prob` to an integer loses precision,
 * so the implied probabilities are within about 2^-32 of the normalized weights. A zero weight
 * is never picked; a positive weight always can be.
 *
 * Throws {@link PoolError} when the weights are empty, negative, NaN, infinite or all zero.
 *
 * @example
 * ```ts
 * const t = aliasTable([1, 2, 1]);
 * aliasPick(t, 0x12345678, 0x9abcdef0); // a category index in 0..2
 * ```
 */
export function aliasTable(weights: readonly number[]): AliasTable {
  checkWeights(weights);
  const n = weights.length;
  const { w, sum } = exactWeights(weights);
  const mass = apportion(w, sum, B64);
  const count = columnCounts(n);
  const cap = count.map((c) => c * B32);
  const prob: number[] = new Array<number>(n).fill(TWO_32);
  const alias: number[] = Array.from({ length: n }, (_, i) => i);

  const small: number[] = [];
  const large = new MaxHeap((a, b) => {
    const ma = mass[a] as bigint;
    const mb = mass[b] as bigint;
    return ma > mb || (ma === mb && a < b);
  });
  for (let k = 0; k < n; k++) {
    if ((mass[k] as bigint) < (cap[k] as bigint)) small.push(k);
    else large.push(k);
  }
  while (small.length > 0 && large.size > 0) {
    const s = small.pop() as number;
    const l = large.pop();
    const c = count[s] as bigint;
    const keep = clampProb(roundDiv(mass[s] as bigint, c), (w[s] as bigint) > 0n);
    prob[s] = Number(keep);
    alias[s] = l;
    mass[l] = (mass[l] as bigint) - ((cap[s] as bigint) - c * keep);
    if ((mass[l] as bigint) < (cap[l] as bigint)) small.push(l);
    else large.push(l);
  }
  // Leftovers hold (up to rounding) exactly their own column: keep it whole. A zero weight can
  // only be left over through rounding on absurdly large n; it must still never be picked.
  let heaviest = 0;
  for (let k = 1; k < n; k++) if ((w[k] as bigint) > (w[heaviest] as bigint)) heaviest = k;
  for (const k of small) {
    if ((w[k] as bigint) === 0n) {
      prob[k] = 0;
      alias[k] = heaviest;
    }
  }
  return { prob, alias };
}

/**
 * Picks a category with an {@link AliasTable} from two uniform 32-bit draws `r1`, `r2` in
 * [0, 2^32): column `floor(r1 · n / 2^32)` (computed without losing precision), kept when
 * `r2 < prob[column]`, else its alias.
 *
 * @example
 * ```ts
 * aliasPick(aliasTable([0, 1]), 0, 0); // 1
 * ```
 */
export function aliasPick(table: AliasTable, r1: number, r2: number): number {
  const i = columnOf(r1, table.prob.length);
  return r2 < (table.prob[i] as number) ? i : (table.alias[i] as number);
}

/**
 * The exact probability of each category under an {@link AliasTable} with uniform 32-bit draws
 * (accounting for the unequal column sizes), as doubles. Useful to check a table.
 *
 * @example
 * ```ts
 * aliasProbabilities(aliasTable([1, 3])); // [0.25, 0.75]
 * ```
 */
export function aliasProbabilities(table: AliasTable): number[] {
  const n = table.prob.length;
  const count = columnCounts(n);
  const units: bigint[] = new Array<bigint>(n).fill(0n);
  for (let i = 0; i < n; i++) {
    const c = count[i] as bigint;
    const p = BigInt(table.prob[i] as number);
    const a = table.alias[i] as number;
    units[i] = (units[i] as bigint) + c * p;
    units[a] = (units[a] as bigint) + c * (B32 - p);
  }
  return units.map((u) => Number(u) / 2 ** 64); // Number() rounds to nearest; the division is exact
}

/** Column `floor(r1 · n / 2^32)` without forming the (possibly > 2^53) product. */
function columnOf(r1: number, n: number): number {
  const hi = Math.floor(r1 / 65536);
  const lo = r1 - hi * 65536;
  return Math.floor((hi * n + Math.floor((lo * n) / 65536)) / 65536);
}

/** How many values of r1 in [0, 2^32) fall in each column: ⌈(i+1)·2^32/n⌉ − ⌈i·2^32/n⌉. */
function columnCounts(n: number): bigint[] {
  const N = BigInt(n);
  const ceilDiv = (a: bigint): bigint => (a + N - 1n) / N;
  const out: bigint[] = [];
  let prev = 0n;
  for (let i = 1; i <= n; i++) {
    const next = ceilDiv(BigInt(i) * B32);
    out.push(next - prev);
    prev = next;
  }
  return out;
}

function roundDiv(a: bigint, b: bigint): bigint {
  return a <= 0n ? 0n : (2n * a + b) / (2n * b);
}

function clampProb(p: bigint, positive: boolean): bigint {
  if (p > B32) return B32;
  if (positive && p < 1n) return 1n;
  return p;
}

/**
 * Validates weights (non-empty; every entry a finite number ≥ 0; at least one positive) and
 * throws {@link PoolError} naming the first problem, e.g. `weights[2]: is NaN`.
 *
 * @example
 * ```ts
 * checkWeights([1, 0, 2]);            // ok
 * checkWeights([1, Number.NaN], 'w'); // throws PoolError at path "w[1]"
 * ```
 */
export function checkWeights(weights: readonly number[], path = 'weights'): void {
  if (!Array.isArray(weights)) throw new PoolError('must be an array of numbers', { path, value: weights, fix: 'pass e.g. [3, 1, 1]' });
  if (weights.length === 0) throw new PoolError('is empty', { path, value: weights, fix: 'give at least one weight' });
  if (weights.length >= TWO_32) throw new PoolError('has too many entries', { path, value: weights.length, fix: 'use fewer than 2^32 categories' });
  let positive = false;
  weights.forEach((v: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof v !== 'number') throw new PoolError('is not a number', { path: at, value: v, fix: 'use non-negative finite numbers' });
    if (Number.isNaN(v)) throw new PoolError('is NaN', { path: at, value: v, fix: 'use non-negative finite numbers' });
    if (!Number.isFinite(v)) throw new PoolError('is not finite', { path: at, value: v, fix: 'use non-negative finite numbers' });
    if (v < 0) throw new PoolError('is negative', { path: at, value: v, fix: 'use non-negative weights (0 excludes a category)' });
    if (v > 0) positive = true;
  });
  if (!positive) throw new PoolError('are all zero', { path, value: weights, fix: 'give at least one category a positive weight' });
}

const view = new DataView(new ArrayBuffer(8));

/** Each weight exactly as an integer multiple of a common power of two, and their sum. */
function exactWeights(weights: readonly number[]): { w: bigint[]; sum: bigint } {
  const parts = weights.map((x): [bigint, number] => {
    if (x === 0) return [0n, 0];
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const exp = Number((bits >> 52n) & 0x7ffn);
    const frac = bits & 0xfffffffffffffn;
    return exp === 0 ? [frac, -1074] : [frac | (1n << 52n), exp - 1075];
  });
  let minExp = Infinity;
  for (const [m, e] of parts) if (m > 0n && e < minExp) minExp = e;
  const w = parts.map(([m, e]) => (m === 0n ? 0n : m << BigInt(e - minExp)));
  return { w, sum: w.reduce((a, b) => a + b, 0n) };
}

/**
 * Splits `total` integer units among categories in proportion to `w / sum`, by largest
 * remainder (ties by index); every positive weight gets at least one unit, a zero weight none.
 * Requires `total` ≥ the number of positive weights.
 */
function apportion(w: readonly bigint[], sum: bigint, total: bigint): bigint[] {
  const n = w.length;
  const units: bigint[] = new Array<bigint>(n);
  const rem: bigint[] = new Array<bigint>(n);
  const raised: boolean[] = new Array<boolean>(n).fill(false);
  let assigned = 0n;
  for (let k = 0; k < n; k++) {
    const x = total * (w[k] as bigint);
    let u = x / sum;
    rem[k] = x % sum;
    if (u === 0n && (w[k] as bigint) > 0n) {
      u = 1n;
      raised[k] = true;
    }
    units[k] = u;
    assigned += u;
  }
  let deficit = total - assigned;
  if (deficit > 0n) {
    // Fewer than n units are missing, and fewer than the categories with a remainder.
    const order = indices(n).filter((k) => !raised[k] && (rem[k] as bigint) > 0n);
    order.sort((a, b) => cmpBig(rem[b] as bigint, rem[a] as bigint) || a - b);
    for (const k of order) {
      if (deficit === 0n) break;
      units[k] = (units[k] as bigint) + 1n;
      deficit--;
    }
  } else if (deficit < 0n) {
    // Raising tiny weights to one unit overshot: take units back from the categories with
    // the smallest remainders that can spare one.
    const order = indices(n).filter((k) => !raised[k] && (w[k] as bigint) > 0n);
    order.sort((a, b) => cmpBig(rem[a] as bigint, rem[b] as bigint) || a - b);
    while (deficit < 0n) {
      let took = false;
      for (const k of order) {
        if (deficit === 0n) break;
        if ((units[k] as bigint) >= 2n) {
          units[k] = (units[k] as bigint) - 1n;
          deficit++;
          took = true;
        }
      }
      if (!took) throw new PoolError('have more positive entries than there are slots', { path: 'weights', value: n, fix: 'use fewer categories' });
    }
  }
  return units;
}

function indices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A binary max-heap of category indices under a strict "comes first" order. */
class MaxHeap {
  readonly #items: number[] = [];
  readonly #before: (a: number, b: number) => boolean;

  constructor(before: (a: number, b: number) => boolean) {
    this.#before = before;
  }

  get size(): number {
    return this.#items.length;
  }

  push(x: number): void {
    const a = this.#items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#before(a[i] as number, a[p] as number)) break;
      [a[i], a[p]] = [a[p] as number, a[i] as number];
      i = p;
    }
  }

  pop(): number {
    const a = this.#items;
    const top = a[0] as number;
    const last = a.pop() as number;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.#before(a[l] as number, a[m] as number)) m = l;
        if (r < a.length && this.#before(a[r] as number, a[m] as number)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as number, a[i] as number];
        i = m;
      }
    }
    return top;
  }
}
