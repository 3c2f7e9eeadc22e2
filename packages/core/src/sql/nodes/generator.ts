/** Generator SQL nodes: select-list items that produce several rows per input row. */
import type { SqlExpr } from './sql-expr.js';

/** The generator node family. */
export type GeneratorNode =
  /** 0 … count-1, one row each (no rows for count ≤ 0). */
  | { readonly kind: 'explodeRange'; readonly count: SqlExpr }
  /** One row per array element. */
  | { readonly kind: 'explodeArray'; readonly array: SqlExpr };

/** Generator node constructors (every node frozen). */
export const generator = {
  explodeRange: (count: SqlExpr): Extract<GeneratorNode, { kind: 'explodeRange' }> => Object.freeze({ kind: 'explodeRange', count }),
  explodeArray: (array: SqlExpr): Extract<GeneratorNode, { kind: 'explodeArray' }> => Object.freeze({ kind: 'explodeArray', array }),
};
