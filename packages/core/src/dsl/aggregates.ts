/** Aggregates for `group` entities and window functions for `window` entities. */
import type { AggFn, WinFn } from '../ir/types.js';
import { X, type Num } from './expr-node.js';

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
