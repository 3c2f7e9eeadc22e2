/** Collection SQL nodes: array and map constructors. */
import type { SqlExpr } from './sql-expr.js';

/** The collection node family. */
export type CollectionNode = { readonly kind: 'array'; readonly items: readonly SqlExpr[] } | { readonly kind: 'map'; readonly keys: readonly SqlExpr[]; readonly values: readonly SqlExpr[] };

/** Collection node constructors (every node frozen). */
export const collection = {
  array: (items: readonly SqlExpr[]): Extract<CollectionNode, { kind: 'array' }> => Object.freeze({ kind: 'array', items: Object.freeze([...items]) }),
  map: (keys: readonly SqlExpr[], values: readonly SqlExpr[]): Extract<CollectionNode, { kind: 'map' }> =>
    Object.freeze({ kind: 'map', keys: Object.freeze([...keys]), values: Object.freeze([...values]) }),
};
