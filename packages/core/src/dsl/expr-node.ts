/**
 * The typed expression wrapper. An {@link X} wraps one frozen IR {@link Expr} node and carries
 * the value type `T` as a phantom, so misuse (adding a string to a number, a string column
 * declared as a timestamp) is a TypeScript error. The builders live beside it: draws in
 * `draws.ts`, aggregates and window functions in `aggregates.ts`, scalar functions in `expr.ts`.
 */
import type { BinaryOp, CallFn, ColumnType, Expr, LiteralValue, UnaryOp } from '../ir/types.js';
import type { Micros, Days, Scaled } from './column-types.js';
import { SpecError } from '../errors.js';

/** Anything that can stand where an expression of type T is expected. */
export type In<T> = X<T> | (T extends number ? number : T extends string ? string : T extends boolean ? boolean : never);

/** Numeric value types. */
export type Num = number | Micros | Days | Scaled;

const freeze = <N extends Expr>(n: N): N => Object.freeze(n);

/** Wraps a value or expression into an IR node. */
export function node(v: X<unknown> | LiteralValue): Expr {
  if (v instanceof X) return v.node;
  if (v === null) return freeze({ kind: 'lit', value: null, type: 'string' });
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new SpecError([{ path: 'literal', message: 'must be a finite number', value: v, fix: 'replace NaN or Infinity with a finite number, or use nullOf() for a missing value' }]);
    return freeze({ kind: 'lit', value: v, type: Number.isInteger(v) ? 'bigint' : 'double' });
  }
  if (typeof v === 'string') return freeze({ kind: 'lit', value: v, type: 'string' });
  return freeze({ kind: 'lit', value: v, type: 'boolean' });
}

/**
 * A typed expression.
 *
 * @example
 * ```ts
 * const decade = c.col('age').idiv(10).times(10);
 * ```
 */
export class X<T> {
  /** Phantom value type. */
  declare readonly __t?: T;
  readonly node: Expr;

  constructor(n: Expr) {
    this.node = freeze(n);
  }

  private bin<R>(op: BinaryOp, other: X<unknown> | LiteralValue): X<R> {
    return new X<R>({ kind: 'binary', op, left: this.node, right: node(other) });
  }
  private un<R>(op: UnaryOp): X<R> {
    return new X<R>({ kind: 'unary', op, arg: this.node });
  }

  /** `this + other` (timestamps stay timestamps). */
  plus(this: X<Num>, other: In<number> | X<Num>): X<T> {
    return this.bin('+', other as X<unknown> | number);
  }
  /** `this - other`. */
  minus(this: X<Num>, other: In<number> | X<Num>): X<T> {
    return this.bin('-', other as X<unknown> | number);
  }
  /** `this * other`. */
  times(this: X<Num>, other: In<number> | X<Num>): X<T> {
    return this.bin('*', other as X<unknown> | number);
  }
  /** Floating-point division. */
  div(this: X<Num>, other: In<number> | X<Num>): X<number> {
    return this.bin('/', other as X<unknown> | number);
  }
  /** Integer division truncating towards zero (use on non-negative integers). */
  idiv(this: X<Num>, other: In<number> | X<Num>): X<T> {
    return this.bin('idiv', other as X<unknown> | number);
  }
  /** Remainder with the sign of the dividend. */
  mod(this: X<Num>, other: In<number> | X<Num>): X<T> {
    return this.bin('%', other as X<unknown> | number);
  }
  /** Largest integer ≤ this. */
  floor(this: X<Num>): X<number> {
    return this.un('floor');
  }
  /** Smallest integer ≥ this. */
  ceil(this: X<Num>): X<number> {
    return this.un('ceil');
  }
  /** Square root (portable across engines). */
  sqrt(this: X<Num>): X<number> {
    return this.un('sqrt');
  }
  /** Absolute value. */
  abs(this: X<Num>): X<T> {
    return this.un('abs');
  }
  /** Negation. */
  neg(this: X<Num>): X<T> {
    return this.un('neg');
  }
  /** Equality. */
  eq(other: In<T>): X<boolean> {
    return this.bin('=', other as X<unknown> | LiteralValue);
  }
  /** Inequality. */
  ne(other: In<T>): X<boolean> {
    return this.bin('<>', other as X<unknown> | LiteralValue);
  }
  /** `this < other`. */
  lt(other: In<T>): X<boolean> {
    return this.bin('<', other as X<unknown> | LiteralValue);
  }
  /** `this <= other`. */
  le(other: In<T>): X<boolean> {
    return this.bin('<=', other as X<unknown> | LiteralValue);
  }
  /** `this > other`. */
  gt(other: In<T>): X<boolean> {
    return this.bin('>', other as X<unknown> | LiteralValue);
  }
  /** `this >= other`. */
  ge(other: In<T>): X<boolean> {
    return this.bin('>=', other as X<unknown> | LiteralValue);
  }
  /** `lo <= this <= hi`. */
  between(lo: In<T>, hi: In<T>): X<boolean> {
    return this.ge(lo).and(this.le(hi));
  }
  /** Logical and. */
  and(this: X<boolean>, other: In<boolean>): X<boolean> {
    return this.bin('and', other);
  }
  /** Logical or. */
  or(this: X<boolean>, other: In<boolean>): X<boolean> {
    return this.bin('or', other);
  }
  /** Logical not. */
  not(this: X<boolean>): X<boolean> {
    return this.un('not');
  }
  /** True when NULL. */
  isNull(): X<boolean> {
    return this.un('isNull');
  }
  /** Integer rendered as a decimal string. */
  str(this: X<Num>): X<string> {
    return call<string>('toString', this);
  }
  /** Converts to a double. */
  toDouble(this: X<Num>): X<number> {
    return call<number>('toDouble', this);
  }
  /** Casts to another column type. */
  cast<R>(to: { type: ColumnType; __value?: R }): X<R> {
    return new X<R>({ kind: 'cast', to: to.type, arg: this.node });
  }
  /** Left-pads a string to `width` with `fill` (truncating longer strings, as SQL lpad does). */
  lpad(this: X<string>, width: number, fill: string): X<string> {
    return call<string>('lpad', this, width, fill);
  }
  /** Lower-case. */
  lower(this: X<string>): X<string> {
    return call<string>('lower', this);
  }
}

/** A scalar function call. */
export function call<R>(fn: CallFn, ...args: (X<unknown> | LiteralValue)[]): X<R> {
  return new X<R>({ kind: 'call', fn, args: args.map(node) });
}

/**
 * A literal.
 *
 * @example
 * ```ts
 * lit(42); lit('US');
 * ```
 */
export function lit<T extends LiteralValue>(value: T): X<T extends number ? number : T extends string ? string : T extends boolean ? boolean : never> {
  return new X(node(value));
}

/** A typed NULL. */
export function nullOf<T>(type: { type: ColumnType; __value?: T }): X<T> {
  return new X<T>({ kind: 'cast', to: type.type, arg: { kind: 'lit', value: null, type: type.type.kind } });
}
