/**
 * Conversion SQL nodes between stored column values and the internal representation that
 * expressions compute with (timestamps as epoch micros, dates as epoch days, decimals as scaled
 * integers).
 */
import type { ColumnType } from '../../ir/types.js';
import type { SqlExpr } from './sql-expr.js';

/** The conversion node family. */
export type ConvertNode =
  /** Reads a stored column value into the internal representation. */
  | { readonly kind: 'stored'; readonly type: ColumnType; readonly arg: SqlExpr }
  /** Converts an internal value into the stored column type. */
  | { readonly kind: 'output'; readonly type: ColumnType; readonly arg: SqlExpr };

/** Conversion node constructors (every node frozen). */
export const convert = {
  stored: (type: ColumnType, arg: SqlExpr): Extract<ConvertNode, { kind: 'stored' }> => Object.freeze({ kind: 'stored', type, arg }),
  output: (type: ColumnType, arg: SqlExpr): Extract<ConvertNode, { kind: 'output' }> => Object.freeze({ kind: 'output', type, arg }),
};
