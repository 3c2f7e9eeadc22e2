/** Names and scopes shared by the source lowerings. */
import { InternalError } from '../../errors.js';
import type { Expr, RefSide } from '../../ir/types.js';
import { collect, mapExpr } from '../../ir/walk.js';
import type { LowerScope } from '../lower-expr.js';
import { storedCol, type LowerContext } from './context.js';

/**
 * The layer column that carries a related row's column.
 *
 * @example
 * ```ts
 * sideCol('parent', 'income'); // '__parent_income'
 * ```
 */
export const sideCol = (side: RefSide, name: string): string => `__${side}_${name}`;

/**
 * Rewrites `ref` nodes into their side columns and `index` into the `__index` column.
 *
 * @example
 * ```ts
 * refsToCols({ kind: 'ref', side: 'parent', name: 'x' }); // { kind: 'col', name: '__parent_x' }
 * ```
 */
export const refsToCols = (e: Expr): Expr => mapExpr(e, (x) => (x.kind === 'ref' ? { kind: 'col', name: sideCol(x.side, x.name) } : x.kind === 'index' ? { kind: 'col', name: '__index' } : x));

/**
 * The distinct `ref` names of one side, sorted.
 *
 * @example
 * ```ts
 * refsOf(exprs, 'left'); // ['age', 'id']
 * ```
 */
export const refsOf = (exprs: readonly Expr[], side: RefSide): string[] => collect(exprs, (x) => (x.kind === 'ref' && x.side === side ? x.name : undefined)).sort();

/**
 * The distinct `col` names, sorted.
 *
 * @example
 * ```ts
 * colsOf([count]); // ['size']
 * ```
 */
export const colsOf = (exprs: readonly Expr[]): string[] => collect(exprs, (x) => (x.kind === 'col' ? x.name : undefined)).sort();

/**
 * The source-table columns expressions in a source scope may read: their `col` names and `row`
 * refs, plus `extra`, sorted and distinct.
 *
 * @example
 * ```ts
 * sourceReads([src.where], [src.by]); // ['household_id', 'active']
 * ```
 */
export const sourceReads = (exprs: readonly (Expr | null)[], extra: readonly string[] = []): string[] => {
  const es = exprs.filter((e): e is Expr => e !== null);
  return [...new Set([...extra, ...colsOf(es), ...refsOf(es, 'row')])].sort();
};

/**
 * A scope reading a source entity's table `table`: its own columns and `row` refs become stored
 * reads of that table.
 *
 * @example
 * ```ts
 * lowerExpr(src.where, sourceScope(ctx, 'individuals', 's'));
 * ```
 */
export function sourceScope(ctx: LowerContext, entity: string, table: string): LowerScope {
  return {
    col: (name) => storedCol(ctx, entity, table, name),
    ref: (side, name) => {
      if (side !== 'row') throw new InternalError(`a ${side} ref cannot be read from source table ${entity}`);
      return storedCol(ctx, entity, table, name);
    },
  };
}
