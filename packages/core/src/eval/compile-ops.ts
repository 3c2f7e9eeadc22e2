/**
 * Operators and scalar functions of the evaluator, with exactly the semantics of the SQL every
 * dialect prints (NULL propagation, truncating integer division, 1-based substrings).
 */
import { createHash } from 'node:crypto';
import type { Expr } from '../ir/types.js';
import { TWO_32 } from '../random/mixer.js';
import type { Fn, RowCtx, Value } from './row-context.js';

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
 * A unary operator with NULL propagation.
 *
 * @example
 * ```ts
 * compileUnary('neg', () => 2)(ctx); // -2
 * ```
 */
export function compileUnary(op: Extract<Expr, { kind: 'unary' }>['op'], a: Fn): Fn {
  switch (op) {
    case 'not':
      return (c) => {
        const v = a(c);
        return v === null ? null : !v;
      };
    case 'isNull':
      return (c) => a(c) === null;
    default: {
      const f = NUMERIC_UNARY[op];
      return (c) => {
        const v = a(c) as number | null;
        return v === null ? null : f(v);
      };
    }
  }
}

const NUMERIC_UNARY: { readonly [K in Exclude<Extract<Expr, { kind: 'unary' }>['op'], 'not' | 'isNull'>]: (v: number) => number } = {
  neg: (v) => -v,
  floor: Math.floor,
  ceil: Math.ceil,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

type BinaryOp = Extract<Expr, { kind: 'binary' }>['op'];
type Op = Exclude<BinaryOp, 'and' | 'or'>;

/**
 * A binary operator: SQL's three-valued AND/OR, or an arithmetic or comparison operator with
 * NULL propagation.
 *
 * @example
 * ```ts
 * compileBinary('+', left, right, l, r)(ctx);
 * ```
 */
export function compileBinary(op: BinaryOp, left: Expr, right: Expr, l: Fn, r: Fn): Fn {
  switch (op) {
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
      return compileOperator(op, left, right, l, r);
  }
}

/**
 * An arithmetic or comparison operator with NULL propagation, specialised when one side is a literal (as draw
 * expansion produces everywhere) so the hot arithmetic runs without indirect calls. Operands and
 * operations are exactly those of {@link binaryOp}; expressions are pure, so skipping the right
 * side when the left is NULL changes no value.
 */
function compileOperator(op: Op, left: Expr, right: Expr, l: Fn, r: Fn): Fn {
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

/**
 * A scalar function call over compiled arguments.
 *
 * @example
 * ```ts
 * compileCall({ kind: 'call', fn: 'lower', args: [s] }, [compiledS])(ctx);
 * ```
 */
export function compileCall(e: Extract<Expr, { kind: 'call' }>, args: Fn[]): Fn {
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
