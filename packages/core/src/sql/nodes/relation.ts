/** Relational SQL nodes: SELECT, its items and its FROM clause. */
import type { ColumnType, LiteralValue } from '../../ir/types.js';
import type { SqlExpr } from './sql-expr.js';

/**
 * The rows of a lookup table computed by the lowering (a bucket's cells, see `bucket-tables.ts`):
 * its columns, the first of them `__idx`, and its rows, one value per column.
 */
export interface LookupContent {
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
  readonly rows: readonly (readonly LiteralValue[])[];
}

/** A select-list item. */
export interface SqlItem {
  readonly expr: SqlExpr;
  readonly alias: string;
}

/** A FROM clause. */
export type SqlFrom =
  | { readonly kind: 'table'; readonly entity: string; readonly alias: string }
  | { readonly kind: 'subquery'; readonly select: SqlSelect; readonly alias: string }
  | { readonly kind: 'range'; readonly start: number; readonly end: number; readonly partitions: number; readonly alias: string }
  /**
   * A lookup table, created by the plan's setup statements (see `lookup-tables.ts`): a pool's
   * (`__idx` and the pool's columns) or, with `content`, a table the lowering computed.
   */
  | { readonly kind: 'lookup'; readonly name: string; readonly alias: string; readonly content?: LookupContent }
  | { readonly kind: 'join'; readonly type: 'left' | 'cross' | 'inner'; readonly left: SqlFrom; readonly right: SqlFrom; readonly on: SqlExpr | null }
  /**
   * A FROM item spread over `partitions` partitions (round robin, or hashed by the `by` columns
   * of its output) before the rows fan out; printed only by dialects that partition (see
   * `Dialect.repartitionHint`), the item itself otherwise. Never changes a row.
   */
  | { readonly kind: 'repartition'; readonly from: SqlFrom; readonly alias: string; readonly partitions: number; readonly by: readonly string[] };

/** A SELECT. */
export interface SqlSelect {
  readonly items: readonly SqlItem[];
  readonly from: SqlFrom;
  readonly where: SqlExpr | null;
  readonly groupBy: readonly SqlExpr[];
  readonly having: SqlExpr | null;
  /** The SELECT's rows spread over `partitions` partitions (see the `repartition` FROM item); printed only by dialects that partition. */
  readonly repartition?: { readonly partitions: number };
}

/** Relational node constructors (every node frozen). */
export const relation = {
  select: (items: readonly SqlItem[], from: SqlFrom, where: SqlExpr | null = null, groupBy: readonly SqlExpr[] = [], having: SqlExpr | null = null): SqlSelect =>
    Object.freeze({ items: Object.freeze(items.map((i) => Object.freeze({ ...i }))), from, where, groupBy: Object.freeze([...groupBy]), having }),
  table: (entity: string, alias: string): SqlFrom => Object.freeze({ kind: 'table', entity, alias }),
  lookupTable: (name: string, alias: string, content?: LookupContent): SqlFrom => Object.freeze(content ? { kind: 'lookup', name, alias, content } : { kind: 'lookup', name, alias }),
  subquery: (select: SqlSelect, alias: string): SqlFrom => Object.freeze({ kind: 'subquery', select, alias }),
  join: (type: 'left' | 'cross' | 'inner', left: SqlFrom, right: SqlFrom, on: SqlExpr | null): SqlFrom => Object.freeze({ kind: 'join', type, left, right, on }),
  /** A SELECT whose result rows are spread over `partitions` partitions; `null` keeps it as is. */
  repartitioned: (select: SqlSelect, partitions: number | null): SqlSelect => (partitions === null ? select : Object.freeze({ ...select, repartition: Object.freeze({ partitions }) })),
  /** `from` (exposing `alias`) spread over `partitions` partitions; `null` partitions keeps `from` as is. */
  repartition: (from: SqlFrom, alias: string, partitions: number | null, by: readonly string[] = []): SqlFrom =>
    partitions === null ? from : Object.freeze({ kind: 'repartition', from, alias, partitions, by: Object.freeze([...by]) }),
};
