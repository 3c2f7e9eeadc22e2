/**
 * The closed SQL tree every dialect prints: expression node families (one file each under
 * `nodes/`), the relational nodes and the two statements. IR expressions never appear inside it;
 * `lowerExpr` turns them into SQL nodes.
 */
import type { CheckVerification } from '../ir/fk-construction.js';
import type { ColumnType } from '../ir/types.js';
import { aggregate } from './nodes/aggregate.js';
import { collection } from './nodes/collection.js';
import { convert } from './nodes/convert.js';
import { generator } from './nodes/generator.js';
import { relation, type SqlSelect } from './nodes/relation.js';
import { scalar } from './nodes/scalar.js';

export type { SqlExpr, SqlKind, SqlNode } from './nodes/sql-expr.js';
export type { ScalarNode, SqlUnaryOp, SqlBinaryOp } from './nodes/scalar.js';
export type { CollectionNode } from './nodes/collection.js';
export type { ConvertNode } from './nodes/convert.js';
export type { AggregateNode } from './nodes/aggregate.js';
export type { GeneratorNode } from './nodes/generator.js';
export type { LookupContent, SqlItem, SqlFrom, SqlSelect } from './nodes/relation.js';

/**
 * Constructors of every SQL node; each returns a frozen node.
 *
 * @example
 * ```ts
 * const e = sql.binary('+', sql.col('t', 'a'), sql.int(1)); // "t"."a" + 1
 * const q = sql.select([{ alias: 'n', expr: sql.countStar() }], sql.table('individuals', 't'));
 * ```
 */
export const sql = Object.freeze({ ...scalar, ...collection, ...convert, ...aggregate, ...generator, ...relation });

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

/**
 * Every check of one table as one query returning one row: column `c<i>` is the violation count
 * of `names[i]` (the table's constraints in declaration order).
 */
export interface CheckGroupStmt {
  readonly kind: 'checkGroup';
  readonly entity: string;
  readonly names: readonly string[];
  /** How each check is verified (parallel to `names`): a scan of every row, or construction and a sample. */
  readonly verified: readonly CheckVerification[];
  readonly select: SqlSelect;
}
