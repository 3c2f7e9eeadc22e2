/**
 * Typed expression builders. An {@link X} wraps one frozen IR {@link Expr} node and carries
 * the value type `T` as a phantom, so misuse (adding a string to a number, a string column
 * declared as a timestamp) is a TypeScript error. This module is the one entry point: it holds
 * the scalar functions and re-exports the wrapper (`expr-node.ts`), the draws (`draws.ts`) and
 * the aggregates (`aggregates.ts`).
 */
import type { Expr, LiteralValue } from '../ir/types.js';
import type { Micros, Days, Scaled } from './column-types.js';
import { SpecError } from '../errors.js';
import { X, call, node, type In, type Num } from './expr-node.js';

export * from './expr-node.js';
export * from './draws.js';
export * from './aggregates.js';

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
