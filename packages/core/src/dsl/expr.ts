/**
 * Typed expression builders. An {@link X} wraps one frozen IR {@link Expr} node and carries
 * the value type `T` as a phantom, so misuse (adding a string to a number, a string column
 * declared as a timestamp) is a TypeScript error.
 */
import type { AggFn, BinaryOp, CallFn, ColumnType, Dist, Expr, LiteralValue, UnaryOp, WinFn } from '../ir/types.js';
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

const draw = <T>(dist: Dist, slot = ''): X<T> => new X<T>({ kind: 'draw', slot, dist });

/**
 * Uniform double in [min, max).
 *
 * @example
 * ```ts
 * uniform(0, 1)
 * ```
 */
export function uniform(min = 0, max = 1): X<number> {
  return draw({ kind: 'uniform', min, max });
}
/**
 * Uniform integer in [min, max] (inclusive).
 *
 * @example
 * ```ts
 * intBetween(18, 90)
 * ```
 */
export function intBetween(min: number, max: number): X<number> {
  return draw({ kind: 'int', min, max });
}
/**
 * True with probability p.
 *
 * @example
 * ```ts
 * bernoulli(0.3)
 * ```
 */
export function bernoulli(p: number): X<boolean> {
  return draw({ kind: 'bernoulli', p });
}
/**
 * Weighted categorical choice. Weights are relative (they need not sum to 1).
 *
 * @example
 * ```ts
 * pick({ view: 0.6, click: 0.25, share: 0.05, like: 0.07, comment: 0.03 })
 * ```
 */
export function pick<K extends string>(weights: Readonly<Record<K, number>>): X<K>;
/** Weighted choice among explicit values. */
export function pick<V extends LiteralValue>(values: readonly V[], weights?: readonly number[]): X<V extends number ? number : V extends string ? string : V extends boolean ? boolean : never>;
export function pick(a: Readonly<Record<string, number>> | readonly LiteralValue[], weights?: readonly number[]): X<unknown> {
  if (Array.isArray(a)) return draw({ kind: 'categorical', values: [...a], weights: weights ? [...weights] : a.map(() => 1) });
  const entries = Object.entries(a as Record<string, number>);
  return draw({ kind: 'categorical', values: entries.map(([k]) => k), weights: entries.map(([, w]) => w) });
}
/**
 * Normal draw (compile-time inverse-CDF table, portable across engines).
 *
 * @example
 * ```ts
 * normal(45, 12)
 * ```
 */
export function normal(mean = 0, sd = 1): X<number> {
  return draw({ kind: 'normal', mean, sd });
}
/**
 * Log-normal draw: exp(N(mu, sigma)).
 *
 * @example
 * ```ts
 * lognormal(10.8, 0.6)
 * ```
 */
export function lognormal(mu: number, sigma: number): X<number> {
  return draw({ kind: 'lognormal', mu, sigma });
}
/**
 * Exponential draw with the given rate (mean 1/rate).
 *
 * @example
 * ```ts
 * exponential(0.1)
 * ```
 */
export function exponential(rate: number): X<number> {
  return draw({ kind: 'exponential', rate });
}
/**
 * Truncated continuous power law (Pareto) on [min, max] with density ∝ x^-alpha.
 *
 * @example
 * ```ts
 * powerLaw(2.2, 1, 500).floor()
 * ```
 */
export function powerLaw(alpha: number, min: number, max: number): X<number> {
  return draw({ kind: 'powerLaw', alpha, min, max });
}
/**
 * Poisson count with mean lambda (exact inverse CDF).
 *
 * @example
 * ```ts
 * poisson(4)
 * ```
 */
export function poisson(lambda: number): X<number> {
  return draw({ kind: 'poisson', lambda });
}
/**
 * Zipf rank in 1..n with exponent s.
 *
 * @example
 * ```ts
 * zipf(50, 1.1)
 * ```
 */
export function zipf(n: number, s: number): X<number> {
  return draw({ kind: 'zipf', n, s });
}

/** Options of {@link timestampIn}. */
export interface TimestampWindow {
  /** First day of the window, `YYYY-MM-DD` (UTC midnight) or epoch microseconds. */
  readonly start: string | number;
  /** Number of days in the window. */
  readonly days: number;
  /** 24 relative weights, hour 0 first. */
  readonly hourly?: readonly number[];
  /** 7 relative weights, Monday first. */
  readonly weekly?: readonly number[];
  /** 12 relative weights, January first. */
  readonly monthly?: readonly number[];
  /** Keep the draw inside per-row bounds (inclusive, epoch microseconds). */
  readonly within?: { readonly from: X<Micros>; readonly to: X<Micros> };
}

/** Epoch microseconds of a `YYYY-MM-DD` date (UTC midnight). */
export function dateToMicros(date: string): Micros {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new SpecError([{ path: 'date', message: 'must be a date as YYYY-MM-DD', value: date, fix: "write the date as e.g. '2024-01-31'" }]);
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) * 1000) as Micros;
}

/**
 * A timestamp inside a window, shaped by diurnal, weekly and seasonal weights.
 *
 * @example
 * ```ts
 * timestampIn({ start: '2026-01-01', days: 90, hourly: DIURNAL })
 * ```
 */
export function timestampIn(w: TimestampWindow): X<Micros> {
  return draw({
    kind: 'timestamp',
    start: typeof w.start === 'number' ? w.start : dateToMicros(w.start),
    days: w.days,
    hourWeights: w.hourly ? [...w.hourly] : null,
    weekdayWeights: w.weekly ? [...w.weekly] : null,
    monthWeights: w.monthly ? [...w.monthly] : null,
    within: w.within ? { from: w.within.from.node, to: w.within.to.node } : null,
  });
}

/**
 * A weighted (or uniform, when the pool has no weights) random row index of a pool.
 *
 * @example
 * ```ts
 * const place = poolRow('places');
 * ```
 */
export function poolRow(pool: string): X<number> {
  return draw({ kind: 'poolRow', pool });
}
/**
 * The value of a pool column at a row index.
 *
 * @example
 * ```ts
 * poolValue('places', 'city', c.col('place_idx'))
 * ```
 */
export function poolValue<T = string>(pool: string, column: string, index: In<number>): X<T> {
  return new X<T>({ kind: 'pool', pool, column, index: node(index as X<unknown> | number) });
}

/** Builder for CASE expressions; finish with {@link CaseBuilder.otherwise}. */
export class CaseBuilder<T> {
  constructor(private readonly whens: readonly { when: Expr; then: Expr }[]) {}
  /** Adds a branch. */
  when<U extends T>(cond: In<boolean>, then: In<U>): CaseBuilder<T> {
    return new CaseBuilder<T>([...this.whens, { when: node(cond as X<boolean>), then: node(then as X<unknown>) }]);
  }
  /** The value when no branch matched. */
  otherwise(value: In<T>): X<T> {
    return new X<T>({ kind: 'case', whens: this.whens, else: node(value as X<unknown>) });
  }
}
/**
 * CASE WHEN … THEN … ELSE … END.
 *
 * @example
 * ```ts
 * when(c.col('age').lt(25), 'young').when(c.col('age').lt(65), 'adult').otherwise('senior')
 * ```
 */
export function when(cond: In<boolean>, then: string): CaseBuilder<string>;
export function when(cond: In<boolean>, then: number): CaseBuilder<number>;
export function when(cond: In<boolean>, then: boolean): CaseBuilder<boolean>;
export function when<T>(cond: In<boolean>, then: X<T>): CaseBuilder<T>;
export function when(cond: In<boolean>, then: X<unknown> | LiteralValue): CaseBuilder<unknown> {
  return new CaseBuilder<unknown>([{ when: node(cond as X<boolean>), then: node(then) }]);
}

/**
 * Chooses `values[i]` where `i` is the number of thresholds ≤ `x` (a step function).
 *
 * @example
 * ```ts
 * steps(c.col('age'), [25, 45, 65], ['18-24', '25-44', '45-64', '65+'])
 * ```
 */
export function steps<T>(x: X<Num>, thresholds: readonly number[], values: readonly In<T>[]): X<T> {
  if (values.length !== thresholds.length + 1) throw new SpecError([{ path: 'steps.values', message: `must have one more entry than thresholds (${thresholds.length + 1})`, value: values.length, fix: 'give one value below the first threshold and one after each threshold' }]);
  return new X<T>({ kind: 'bucket', arg: x.node, thresholds: [...thresholds], values: values.map((v) => node(v as X<unknown>)) });
}

/** String concatenation (NULL if any part is NULL). */
export function concat(...parts: (X<string> | X<number> | string | number)[]): X<string> {
  return call<string>('concat', ...parts.map((p) => (p instanceof X ? p : typeof p === 'number' ? String(p) : p)));
}
/** Lower-case hex SHA-256 of a string. */
export function sha256(s: In<string>): X<string> {
  return call<string>('sha256', s as X<string>);
}
/** Smallest argument. */
export function least<T extends Num>(...args: (X<T> | number)[]): X<T> {
  return call<T>('least', ...args);
}
/** Largest argument. */
export function greatest<T extends Num>(...args: (X<T> | number)[]): X<T> {
  return call<T>('greatest', ...args);
}
/** First non-NULL argument. */
export function coalesce<T>(...args: In<T>[]): X<T> {
  return call<T>('coalesce', ...(args as (X<unknown> | LiteralValue)[]));
}
/** An array of expressions. */
export function array(...items: (X<string> | string)[]): X<readonly string[]>;
export function array(...items: (X<number> | number)[]): X<readonly number[]>;
export function array<T>(...items: X<T>[]): X<readonly T[]>;
export function array(...items: (X<unknown> | LiteralValue)[]): X<readonly unknown[]> {
  return new X<readonly unknown[]>({ kind: 'array', items: items.map((i) => node(i)) });
}
/** A map from string keys to values. */
export function mapOf<V>(entries: readonly (readonly [X<string> | string, X<V> | (V & LiteralValue)])[]): X<Readonly<Record<string, V>>> {
  return new X({ kind: 'map', keys: entries.map(([k]) => node(k as X<unknown>)), values: entries.map(([, v]) => node(v as X<unknown>)) });
}
/** Whether an array contains a value. */
export function arrayContains<T>(arr: X<readonly T[]>, v: In<T>): X<boolean> {
  return call<boolean>('arrayContains', arr, v as X<unknown>);
}
/** Number of elements of an array. */
export function arraySize(arr: X<readonly unknown[]>): X<number> {
  return call<number>('arraySize', arr);
}
/** The array without NULL elements (e.g. built from optional items). */
export function arrayCompact<T>(arr: X<readonly (T | null)[]> | X<readonly T[]>): X<readonly T[]> {
  return call<readonly T[]>('arrayCompact', arr as X<unknown>);
}
/** Substring from 1-based `start`, `length` characters (SQL `substr`). */
export function substr(s: In<string>, start: number, length: number): X<string> {
  return call<string>('substr', s as X<string>, start, length);
}
/** Element `i` (0-based) of an array. */
export function arrayGet<T>(arr: X<readonly T[]>, i: In<number>): X<T> {
  return call<T>('arrayGet', arr, i as X<number>);
}
/** Weekday of a timestamp, 0 = Monday … 6 = Sunday. */
export function dayOfWeek(ts: X<Micros>): X<number> {
  return call<number>('dayOfWeek', ts);
}
/** Hour of day (0–23, UTC) of a timestamp. */
export function hourOfDay(ts: X<Micros>): X<number> {
  return call<number>('hourOfDay', ts);
}
/** The calendar date (epoch days) of a timestamp. */
export function dateOf(ts: X<Micros>): X<Days> {
  return call<Days>('daysOf', ts);
}
/** A duration of whole days in microseconds. */
export function days(n: number): number {
  return n * 86_400_000_000;
}
/** A duration of whole hours in microseconds. */
export function hours(n: number): number {
  return n * 3_600_000_000;
}
/** A decimal amount in units of 10^-scale from a double (floored). */
export function toScaled(x: X<number>, scale: number): X<Scaled> {
  return new X<Scaled>({ kind: 'unary', op: 'floor', arg: { kind: 'binary', op: '*', left: x.node, right: node(10 ** scale) } });
}

const agg = <R>(fn: AggFn, arg: X<unknown> | null, where: X<boolean> | null = null, n: number | null = null): X<R> =>
  new X<R>({ kind: 'agg', fn, arg: arg ? arg.node : null, where: where ? where.node : null, n });
/**
 * Aggregates for `group` entities (their arguments read the source rows with `c.row`).
 *
 * @example
 * ```ts
 * e.column('total', t.bigint(), (c) => aggs.count())
 * ```
 */
export const aggs = {
  /** Number of rows in the group. */
  count: (): X<number> => agg('count', null),
  /** Rows in the group where `cond` holds. */
  countIf: (cond: X<boolean>): X<number> => agg('countIf', null, cond),
  /** Sum of an integer expression (exact). */
  sum: <T extends Num>(x: X<T>): X<T> => agg('sum', x),
  /** Sum where `cond` holds (0 when none). */
  sumIf: <T extends Num>(x: X<T>, cond: X<boolean>): X<T> => agg('sumIf', x, cond),
  /** Minimum. */
  min: <T>(x: X<T>): X<T> => agg('min', x),
  /** Maximum. */
  max: <T>(x: X<T>): X<T> => agg('max', x),
  /** Number of distinct non-NULL values. */
  countDistinct: (x: X<unknown>): X<number> => agg('countDistinct', x),
  /** Most frequent value (ties broken by the smallest value). */
  mode: <T>(x: X<T>): X<T> => agg('mode', x),
  /** The n most frequent values, most frequent first (ties by value). */
  topN: <T>(x: X<T>, n: number): X<readonly T[]> => agg('topN', x, null, n),
} as const;

const win = <R>(fn: WinFn, arg: X<unknown> | null, frame: 'all' | 'preceding'): X<R> => new X<R>({ kind: 'win', fn, arg: arg ? arg.node : null, frame });
/**
 * Window functions for `window` entities, over the partition ordered by the declared order then key.
 *
 * @example
 * ```ts
 * e.column('position', t.int(), () => wins.rowNumber())
 * ```
 */
export const wins = {
  /** 1-based position in the partition. */
  rowNumber: (): X<number> => win('rowNumber', null, 'preceding'),
  /** Rows in the whole partition. */
  count: (): X<number> => win('count', null, 'all'),
  /** Sum over the whole partition (`preceding`: up to and including this row). */
  sum: <T extends Num>(x: X<T>, frame: 'all' | 'preceding' = 'all'): X<T> => win('sum', x, frame),
  /** Minimum over the partition. */
  min: <T>(x: X<T>, frame: 'all' | 'preceding' = 'all'): X<T> => win('min', x, frame),
  /** Maximum over the partition. */
  max: <T>(x: X<T>, frame: 'all' | 'preceding' = 'all'): X<T> => win('max', x, frame),
  /** Value at the first row of the partition. */
  first: <T>(x: X<T>): X<T> => win('first', x, 'all'),
  /** Value at the last row of the partition. */
  last: <T>(x: X<T>): X<T> => win('last', x, 'all'),
} as const;
