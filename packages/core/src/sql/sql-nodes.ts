/**
 * The small typed SQL plan every dialect prints. IR expressions appear inside it with `col`
 * nodes naming columns of the layer below; SQL-only nodes cover what the IR has no need for.
 */
import type { ColumnType, Expr } from '../ir/types.js';

/** SQL-only expression nodes. */
export type SqlOnly =
  | { readonly kind: 'xor'; readonly a: SqlExpr; readonly b: SqlExpr }
  | { readonly kind: 'shr'; readonly a: SqlExpr; readonly n: number }
  | { readonly kind: 'mask32'; readonly a: SqlExpr }
  | { readonly kind: 'qcol'; readonly table: string | null; readonly name: string }
  /** Reads a stored column value into the internal representation (timestamp → micros, …). */
  | { readonly kind: 'stored'; readonly type: ColumnType; readonly arg: SqlExpr }
  /** Converts an internal value into the stored column type. */
  | { readonly kind: 'output'; readonly type: ColumnType; readonly arg: SqlExpr }
  | {
      readonly kind: 'over';
      readonly fn: 'rowNumber' | 'count' | 'sum' | 'min' | 'max' | 'first' | 'last';
      readonly arg: SqlExpr | null;
      readonly partitionBy: readonly SqlExpr[];
      readonly orderBy: readonly SqlExpr[];
      readonly frame: 'all' | 'preceding';
    }
  | { readonly kind: 'aggCall'; readonly fn: 'count' | 'sum' | 'min' | 'max' | 'countDistinct' | 'countIf' | 'sumIf'; readonly arg: SqlExpr | null; readonly where: SqlExpr | null }
  /** Array of `value` ordered by `order` (ascending) over the group. */
  | { readonly kind: 'orderedCollect'; readonly value: SqlExpr; readonly order: SqlExpr }
  /** A generator producing 0 … count-1, one row each. */
  | { readonly kind: 'explodeRange'; readonly count: SqlExpr }
  /** A generator producing one row per array element. */
  | { readonly kind: 'explodeArray'; readonly array: SqlExpr }
  | { readonly kind: 'countStar' }
  | { readonly kind: 'inList'; readonly arg: SqlExpr; readonly values: readonly Expr[]; readonly negate: boolean }
  | { readonly kind: 'sbin'; readonly op: '+' | '-' | '*' | '=' | '<>' | '<' | '>' | '<=' | '>=' | 'and' | 'or'; readonly left: SqlExpr; readonly right: SqlExpr }
  | { readonly kind: 'isNull'; readonly arg: SqlExpr; readonly negate: boolean }
  | { readonly kind: 'scoalesce'; readonly args: readonly SqlExpr[] }
  | { readonly kind: 'sint'; readonly value: number }
  | { readonly kind: 'scase'; readonly when: SqlExpr; readonly then: SqlExpr; readonly else: SqlExpr | null };

/** An expression in the SQL plan. */
export type SqlExpr = Expr | SqlOnly;

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
  | { readonly kind: 'join'; readonly type: 'left' | 'cross' | 'inner'; readonly left: SqlFrom; readonly right: SqlFrom; readonly on: SqlExpr | null };

/** A SELECT. */
export interface SqlSelect {
  readonly items: readonly SqlItem[];
  readonly from: SqlFrom;
  readonly where: SqlExpr | null;
  readonly groupBy: readonly SqlExpr[];
  readonly having: SqlExpr | null;
}

/** CREATE TABLE … AS SELECT for one entity. */
export interface CreateTableStmt {
  readonly kind: 'createTable';
  readonly entity: string;
  readonly select: SqlSelect;
  readonly comment: string | null;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType; readonly comment: string | null }[];
  readonly primaryKey: string;
  readonly foreignKeys: readonly { readonly column: string; readonly entity: string; readonly references: string }[];
  /** Estimated rows (for partitioning and progress), or null when unknown. */
  readonly estimatedRows: number | null;
}

/** A violation-count query for one declared constraint. */
export interface CheckStmt {
  readonly kind: 'check';
  readonly entity: string;
  /** Stable check name, e.g. `individuals.foreignKey(household_id → households)`. */
  readonly name: string;
  readonly select: SqlSelect;
}
