/** Aggregate and window SQL nodes. */
import type { AggregateFn, WindowFn } from '../dialects/functions.js';
import type { SqlExpr } from './sql-expr.js';

/** The aggregate node family. */
export type AggregateNode =
  /** An aggregate over the group; `count` with a null `arg` is count(*). */
  | { readonly kind: 'agg'; readonly fn: AggregateFn; readonly arg: SqlExpr | null; readonly where: SqlExpr | null }
  /** Array of `value` ordered by `order` (ascending) over the group. */
  | { readonly kind: 'orderedCollect'; readonly value: SqlExpr; readonly order: SqlExpr }
  | {
      readonly kind: 'over';
      readonly fn: WindowFn;
      readonly arg: SqlExpr | null;
      readonly partitionBy: readonly SqlExpr[];
      readonly orderBy: readonly SqlExpr[];
      readonly frame: 'all' | 'preceding';
    };

type N<K extends AggregateNode['kind']> = Extract<AggregateNode, { kind: K }>;

/** Aggregate node constructors (every node frozen). */
export const aggregate = {
  agg: (fn: AggregateFn, arg: SqlExpr | null, where: SqlExpr | null = null): N<'agg'> => Object.freeze({ kind: 'agg', fn, arg, where }),
  countStar: (): N<'agg'> => Object.freeze({ kind: 'agg', fn: 'count', arg: null, where: null }),
  orderedCollect: (value: SqlExpr, order: SqlExpr): N<'orderedCollect'> => Object.freeze({ kind: 'orderedCollect', value, order }),
  over: (fn: WindowFn, arg: SqlExpr | null, partitionBy: readonly SqlExpr[], orderBy: readonly SqlExpr[], frame: 'all' | 'preceding'): N<'over'> =>
    Object.freeze({ kind: 'over', fn, arg, partitionBy: Object.freeze([...partitionBy]), orderBy: Object.freeze([...orderBy]), frame }),
};
