/**
 * Compiles low-level (expanded) expressions into JavaScript closures with exactly the semantics
 * of the SQL every dialect prints: the in-process evaluator equals the engines.
 */
import { createHash } from 'node:crypto';
import { InternalError, UnsupportedError } from '../errors.js';
import type { Expr } from '../ir/types.js';
import { TWO_32, draw32, streamKeys } from '../random/mixer.js';
import { upperBound } from '../random/quantiles.js';

/** A value inside the evaluator. */
export type Value = number | string | boolean | null | readonly Value[] | { readonly [k: string]: Value };

/** The row context an expression is evaluated in. */
export interface RowCtx {
  key: number;
  index: number;
  /** Own column values by column slot. */
  vals: Value[];
  parent: Value[] | null;
  left: Value[] | null;
  right: Value[] | null;
  row: Value[] | null;
}

/** Resolves names to slots while compiling. */
export interface CompileEnv {
  readonly seed: number;
  ownSlot(name: string): number;
  sideSlot(side: 'parent' | 'left' | 'right' | 'row', name: string): number;
  lookup(entity: string, column: string): (key: number) => Value;
}

type Fn = (c: RowCtx) => Value;

const DAY_US = 86_400_000_000;
const HOUR_US = 3_600_000_000;

function idiv(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return Math.trunc(a / b);
  const sign = (a < 0 ? -1 : 1) * (b < 0 ? -1 : 1);
  const A = Math.abs(a);
  const B = Math.abs(b);
  // Correct double rounding so the result is the exact truncated quotient.
  let q = Math.trunc(A / B);
  while (q * B > A) q--;
  while ((q + 1) * B <= A) q++;
  return sign * q;
}

function lpad(s: string, n: number, fill: string): string {
  if (s.length >= n) return s.slice(0, n);
  if (fill.length === 0) return s;
  const need = n - s.length;
  return fill.repeat(Math.ceil(need / fill.length)).slice(0, need) + s;
}

/**
 * Compiles one expanded expression.
 *
 * @example
 * ```ts
 * const f = compileExpr(expanded, env); f(ctx);
 * ```
 */
export function compileExpr(e: Expr, env: CompileEnv): Fn {
  const rec = (x: Expr): Fn => compileExpr(x, env);
  switch (e.kind) {
    case 'lit': {
      const v = e.value;
      return () => v;
    }
    case 'key':
      return (c) => c.key;
    case 'index':
      return (c) => c.index;
    case 'col': {
      const s = env.ownSlot(e.name);
      return (c) => c.vals[s] as Value;
    }
    case 'ref': {
      const s = env.sideSlot(e.side, e.name);
      const side = e.side;
      return (c) => (c[side] as Value[])[s] as Value;
    }
    case 'rand': {
      const keys = streamKeys(env.seed, e.stream);
      return (c) => draw32(keys, c.key);
    }
    case 'unary': {
      const a = rec(e.arg);
      switch (e.op) {
        case 'neg':
          return (c) => {
            const v = a(c) as number | null;
            return v === null ? null : -v;
          };
        case 'not':
          return (c) => {
            const v = a(c);
            return v === null ? null : !v;
          };
        case 'floor':
          return (c) => {
            const v = a(c) as number | null;
            return v === null ? null : Math.floor(v);
          };
        case 'ceil':
          return (c) => {
            const v = a(c) as number | null;
            return v === null ? null : Math.ceil(v);
          };
        case 'isNull':
          return (c) => a(c) === null;
        case 'sqrt':
          return (c) => {
            const v = a(c) as number | null;
            return v === null ? null : Math.sqrt(v);
          };
        case 'abs':
          return (c) => {
            const v = a(c) as number | null;
            return v === null ? null : Math.abs(v);
          };
      }
      break;
    }
    case 'binary': {
      const l = rec(e.left);
      const r = rec(e.right);
      switch (e.op) {
        case 'and':
          return (c) => {
            const x = l(c);
            if (x === false) return false;
            const y = r(c);
            if (y === false) return false;
            return x === null || y === null ? null : true;
          };
        case 'or':
          return (c) => {
            const x = l(c);
            if (x === true) return true;
            const y = r(c);
            if (y === true) return true;
            return x === null || y === null ? null : false;
          };
        default:
          return compileBinary(e.op, e.left, e.right, l, r);
      }
    }
    case 'call':
      return compileCall(e, e.args.map(rec));
    case 'case': {
      const whens = e.whens.map((w) => [rec(w.when), rec(w.then)] as const);
      const otherwise = rec(e.else);
      return (c) => {
        for (const [w, t] of whens) if (w(c) === true) return t(c);
        return otherwise(c);
      };
    }
    case 'cast': {
      const a = rec(e.arg);
      const to = e.to.kind;
      if (to === 'bigint' || to === 'int')
        return (c) => {
          const v = a(c);
          return v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' ? Number.parseInt(v, 10) : Math.floor(v as number);
        };
      if (to === 'string')
        return (c) => {
          const v = a(c);
          return v === null ? null : String(v);
        };
      return a;
    }
    case 'bucket': {
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
    case 'pick': {
      const items = e.items;
      const idx = rec(e.index);
      return (c) => {
        const i = idx(c);
        if (i === null) return null;
        return (items[i as number] ?? null) as Value;
      };
    }
    case 'array': {
      const items = e.items.map(rec);
      return (c) => items.map((f) => f(c));
    }
    case 'map': {
      const ks = e.keys.map(rec);
      const vs = e.values.map(rec);
      return (c) => {
        const out: Record<string, Value> = {};
        ks.forEach((k, i) => {
          out[String(k(c))] = (vs[i] as Fn)(c);
        });
        return out;
      };
    }
    case 'lookup': {
      const k = rec(e.key);
      const get = env.lookup(e.entity, e.column);
      return (c) => {
        const key = k(c);
        return key === null ? null : get(key as number);
      };
    }
    case 'agg':
    case 'win':
      throw new UnsupportedError('the in-process evaluator does not compute derived (group/window) entities; use an engine');
    case 'draw':
    case 'pool':
      throw new InternalError(`unexpanded ${e.kind} node reached the evaluator`);
  }
  throw new InternalError(`unhandled expression ${(e as { kind: string }).kind}`);
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

type Op = Exclude<Extract<Expr, { kind: 'binary' }>['op'], 'and' | 'or'>;

/**
 * A binary operator with NULL propagation, specialised when one side is a literal (as draw
 * expansion produces everywhere) so the hot arithmetic runs without indirect calls. Operands and
 * operations are exactly those of {@link binaryOp}; expressions are pure, so skipping the right
 * side when the left is NULL changes no value.
 */
function compileBinary(op: Op, left: Expr, right: Expr, l: Fn, r: Fn): Fn {
  const lLit = left.kind === 'lit';
  const rLit = right.kind === 'lit';
  const lv = left.kind === 'lit' ? (left.value as number & string) : (0 as never);
  const rv = right.kind === 'lit' ? (right.value as number & string) : (0 as never);
  if ((lLit && lv === null) || (rLit && rv === null)) return () => null;
  const a = l as (c: RowCtx) => number & string;
  switch (op) {
    case '+':
      if (rLit)
        return (c) => {
          const x = a(c);
          return x === null ? null : x + rv;
        };
      if (lLit)
        return (c) => {
          const y = r(c) as number & string;
          return y === null ? null : lv + y;
        };
      return (c) => {
        const x = a(c);
        if (x === null) return null;
        const y = r(c) as number & string;
        return y === null ? null : x + y;
      };
    case '-':
      if (rLit)
        return (c) => {
          const x = a(c);
          return x === null ? null : x - rv;
        };
      return (c) => {
        const x = a(c);
        if (x === null) return null;
        const y = r(c) as number;
        return y === null ? null : x - y;
      };
    case '*':
      if (rLit)
        return (c) => {
          const x = a(c);
          return x === null ? null : x * rv;
        };
      if (lLit)
        return (c) => {
          const y = r(c) as number;
          return y === null ? null : lv * y;
        };
      return (c) => {
        const x = a(c);
        if (x === null) return null;
        const y = r(c) as number;
        return y === null ? null : x * y;
      };
    case 'idiv':
      // Division by a power of two ≤ 2^32 of an integer below 2^53 is exact, so trunc is the exact quotient.
      if (rLit && typeof rv === 'number' && rv > 0 && rv <= TWO_32 && Number.isInteger(Math.log2(rv)))
        return (c) => {
          const x = a(c);
          if (x === null) return null;
          if (x === 0) return 0; // idiv gives +0 for ±0
          return Number.isSafeInteger(x) ? Math.trunc(x / rv) : idiv(x, rv);
        };
      break;
    case '<':
      if (rLit)
        return (c) => {
          const x = a(c);
          return x === null ? null : x < rv;
        };
      break;
    default:
      break;
  }
  const f = binaryOp(op);
  return (c) => {
    const x = l(c);
    if (x === null) return null;
    const y = r(c);
    return y === null ? null : f(x as never, y as never);
  };
}

function binaryOp(op: Op): (a: number & string, b: number & string) => Value {
  switch (op) {
    case '+':
      return (a, b) => a + b;
    case '-':
      return (a, b) => a - b;
    case '*':
      return (a, b) => a * b;
    case '/':
      return (a, b) => a / b;
    case 'idiv':
      return idiv;
    case '%':
      return (a, b) => a % b;
    case '=':
      return (a, b) => a === b;
    case '<>':
      return (a, b) => a !== b;
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
  }
}

function compileCall(e: Extract<Expr, { kind: 'call' }>, args: Fn[]): Fn {
  const a0 = args[0] as Fn;
  const a1 = args[1] as Fn;
  const a2 = args[2] as Fn;
  const un = (f: (v: never) => Value): Fn => (c) => {
    const v = a0(c);
    return v === null ? null : f(v as never);
  };
  switch (e.fn) {
    case 'least':
    case 'greatest': {
      const pickMin = e.fn === 'least';
      return (c) => {
        let best: number | null = null;
        for (const f of args) {
          const v = f(c) as number | null;
          if (v !== null && (best === null || (pickMin ? v < best : v > best))) best = v;
        }
        return best;
      };
    }
    case 'concat':
      return (c) => {
        let s = '';
        for (const f of args) {
          const v = f(c);
          if (v === null) return null;
          s += String(v);
        }
        return s;
      };
    case 'sha256':
      return un((s: string) => createHash('sha256').update(s, 'utf8').digest('hex'));
    case 'lpad':
      return (c) => {
        const s = a0(c);
        const n = a1(c);
        const f = a2(c);
        return s === null || n === null || f === null ? null : lpad(String(s), n as number, String(f));
      };
    case 'toString':
      return un((v: number) => String(v));
    case 'lower':
      return un((v: string) => v.toLowerCase());
    case 'upper':
      return un((v: string) => v.toUpperCase());
    case 'coalesce':
      return (c) => {
        for (const f of args) {
          const v = f(c);
          if (v !== null) return v;
        }
        return null;
      };
    case 'toDouble':
      return a0;
    case 'arrayContains':
      return (c) => {
        const arr = a0(c) as Value[] | null;
        const v = a1(c);
        return arr === null || v === null ? null : arr.includes(v);
      };
    case 'arraySize':
      return un((v: Value[]) => v.length);
    case 'arrayGet':
      return (c) => {
        const arr = a0(c) as Value[] | null;
        const i = a1(c) as number | null;
        return arr === null || i === null ? null : (arr[i] ?? null);
      };
    case 'dayOfWeek':
      return un((v: number) => (idiv(v, DAY_US) + 3) % 7);
    case 'hourOfDay':
      return un((v: number) => idiv(v % DAY_US, HOUR_US));
    case 'daysOf':
      return un((v: number) => Math.floor(v / DAY_US));
    case 'substr':
      return (c) => {
        const s = a0(c);
        const st = a1(c) as number | null;
        const n = a2(c) as number | null;
        return s === null || st === null || n === null ? null : String(s).substring(st - 1, st - 1 + n);
      };
    case 'arrayCompact':
      return un((v: Value[]) => v.filter((x) => x !== null));
  }
}
