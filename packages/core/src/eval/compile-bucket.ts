/**
 * Bucket nodes in the evaluator: weighted choices index a constant array, inverse-CDF tables
 * interpolate, and every other bucket picks one of its compiled values.
 */
import type { Expr } from '../ir/types.js';
import { upperBound } from '../random/quantiles.js';
import type { Fn, Value } from './row-context.js';

/**
 * Compiles a bucket node: value i when exactly i thresholds are ≤ arg (the last value for NULL).
 *
 * @example
 * ```ts
 * compileBucket(e, (x) => compileExpr(x, env));
 * ```
 */
export function compileBucket(e: Extract<Expr, { kind: 'bucket' }>, rec: (x: Expr) => Fn): Fn {
  const arg = rec(e.arg);
  const th = e.thresholds;
  const find = e.arg.kind === 'rand' ? drawUpperBound(th) : (x: number): number => upperBound(th, x);
  // Weighted choices: every value a literal — index a constant array.
  if (e.values.every((v) => v.kind === 'lit')) {
    const consts = e.values.map((v) => (v as Extract<Expr, { kind: 'lit' }>).value);
    const lastConst = consts[consts.length - 1] as Value;
    return (c) => {
      const x = arg(c);
      return x === null ? lastConst : (consts[find(x as number)] as Value);
    };
  }
  // Inverse-CDF tables: value j is `base[j] + (arg - bound[j]) * slope[j]` over the same draw.
  const table = piecewiseCells(e);
  if (table) {
    const { base, bound, slope } = table;
    return (c) => {
      const x = arg(c) as number | null;
      if (x === null) return null;
      const j = find(x);
      return (base[j] as number) + (x - (bound[j] as number)) * (slope[j] as number);
    };
  }
  const vals = e.values.map(rec);
  const last = vals[vals.length - 1] as Fn;
  return (c) => {
    const x = arg(c);
    if (x === null) return last(c);
    return (vals[upperBound(th, x as number)] as Fn)(c);
  };
}

const GUIDE_BITS = 10;
const GUIDE_SHIFT = 32 - GUIDE_BITS;

/**
 * `upperBound(th, x)` for a 32-bit draw x, through a guide table on the top bits of x: within the
 * range of draws sharing those bits the answer lies between the answers at its two ends, which
 * are precomputed, so most lookups need no search at all. Same result as `upperBound`.
 */
function drawUpperBound(th: readonly number[]): (x: number) => number {
  const n = 1 << GUIDE_BITS;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = upperBound(th, i * 2 ** GUIDE_SHIFT);
    hi[i] = upperBound(th, (i + 1) * 2 ** GUIDE_SHIFT - 1);
  }
  return (x) => {
    const i = x >>> GUIDE_SHIFT;
    let a = lo[i] as number;
    let b = hi[i] as number;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((th[mid] as number) <= x) a = mid + 1;
      else b = mid;
    }
    return a;
  };
}

/**
 * Recognises a bucket whose values are `lit + (arg - lit) * lit` over a `rand` argument (the
 * piecewise inverse-CDF tables of draw expansion) and returns its columns of constants.
 */
function piecewiseCells(e: Extract<Expr, { kind: 'bucket' }>): { base: number[]; bound: number[]; slope: number[] } | null {
  if (e.arg.kind !== 'rand') return null;
  const stream = e.arg.stream;
  const base: number[] = [];
  const bound: number[] = [];
  const slope: number[] = [];
  for (const v of e.values) {
    if (v.kind !== 'binary' || v.op !== '+' || v.left.kind !== 'lit' || typeof v.left.value !== 'number') return null;
    const m = v.right;
    if (m.kind !== 'binary' || m.op !== '*' || m.right.kind !== 'lit' || typeof m.right.value !== 'number') return null;
    const d = m.left;
    if (d.kind !== 'binary' || d.op !== '-' || d.right.kind !== 'lit' || typeof d.right.value !== 'number') return null;
    if (d.left.kind !== 'rand' || d.left.stream !== stream) return null;
    base.push(v.left.value);
    bound.push(d.right.value);
    slope.push(m.right.value);
  }
  return { base, bound, slope };
}
