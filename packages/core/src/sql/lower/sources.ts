/** The base layers of generated entities: integer sequences, children of a parent, cross products. */
import type { EntityIR, Expr, RowSource } from '../../ir/types.js';
import { mapExpr } from '../../ir/walk.js';
import { sql, type SqlExpr, type SqlItem } from '../sql-nodes.js';
import { compute } from './compute.js';
import { entityOf, storedCol, type LowerContext } from './context.js';
import { entityTable } from './key-layers.js';
import { Layers } from './layers.js';
import { colsOf, refsOf, refsToCols, sideCol } from './scope.js';
import { shardPredicate, type ShardRange, type ShardRead } from '../shards.js';

/** The base of one entity: its layers, its columns (rewritten where the source needs) and its size. */
export interface SourceBase {
  readonly layers: Layers;
  readonly columns: readonly { readonly name: string; readonly expr: Expr }[];
  readonly estimatedRows: number | null;
}

/** Input of a source lowering. */
export interface SourceInput<S extends RowSource> {
  readonly ctx: LowerContext;
  readonly entity: EntityIR;
  readonly source: S;
  /** Estimated rows of every entity (see `estimate.ts`). */
  readonly estimates: ReadonlyMap<string, number>;
  /** Partitions for a stage of that many rows, or null when one is enough (see {@link partitionRule}). */
  readonly partitions: (rows: number) => number | null;
  /** One household shard of a local entity (`sql/shards.ts`): only its rows are generated. */
  readonly shard?: EntityShard;
}

/**
 * One household shard of a local entity: the root-key range and how it restricts the entity.
 *
 * @example
 * ```ts
 * const shard: EntityShard = { read: { kind: 'parent', perHousehold: 1 }, lo: 1000, hi: 2000 };
 * ```
 */
export interface EntityShard extends Pick<ShardRange, 'lo' | 'hi'> {
  readonly read: ShardRead;
  /** The table holding only this shard of the source (parent, left side, grouped rows), when there is one (`shardSource`). */
  readonly sourceTable?: string;
}

/** The shard's restriction of a key read with `perHousehold` keys per household (null: no shard). */
export const shardWhere = (shard: EntityShard | undefined, key: SqlExpr): SqlExpr | null =>
  shard && shard.read.kind !== 'range' ? shardPredicate(key, shard.read.perHousehold, shard) : null;

/** Most partitions any stage is given. */
const MAX_PARTITIONS = 10_000;

/**
 * The partitioning rule: a stage of more than `rowsPerPartition` rows gets
 * `clamp(ceil(rows / rowsPerPartition), minPartitions, 10,000)` partitions; a smaller one is
 * left alone (null).
 *
 * @example
 * ```ts
 * partitionRule(1_000_000, 8)(2_500_000); // 8
 * partitionRule(1_000_000, 2)(2_500_000); // 3
 * partitionRule(1_000_000, 8)(999_999); // null
 * ```
 */
export function partitionRule(rowsPerPartition: number, minPartitions: number): (rows: number) => number | null {
  return (rows) => (rows > rowsPerPartition ? Math.min(MAX_PARTITIONS, Math.max(minPartitions, Math.ceil(rows / rowsPerPartition))) : null);
}

/**
 * `rows` keys from an integer range.
 *
 * @example
 * ```ts
 * sequenceBase({ ctx, entity, source, estimates, partitions });
 * ```
 */
export function sequenceBase({ entity, source: src, partitions: rule, shard }: SourceInput<Extract<RowSource, { kind: 'sequence' }>>): SourceBase {
  const partitions = rule(src.rows) ?? 1;
  // A shard of the root: its part of the key range.
  const start = Math.max(src.keyOffset, shard?.lo ?? src.keyOffset);
  const end = Math.max(start, Math.min(src.keyOffset + src.rows, shard?.hi ?? src.keyOffset + src.rows));
  const layers = new Layers(sql.select([{ alias: '__key', expr: sql.col('r', '__range') }], { kind: 'range', start, end, partitions, alias: 'r' }));
  return { layers, columns: entity.columns, estimatedRows: src.rows };
}

/**
 * For each parent row, 0 … n-1 children through a generator.
 *
 * @example
 * ```ts
 * childrenBase({ ctx, entity, source, estimates, partitions });
 * ```
 */
export function childrenBase({ ctx, entity, source: src, estimates, partitions, shard }: SourceInput<Extract<RowSource, { kind: 'children' }>>): SourceBase {
  const parent = entityOf(ctx, src.parent);
  const parentCols = [...new Set([...colsOf([src.count]), ...refsOf(entity.columns.map((c) => c.expr), 'parent')])].sort();
  const items: SqlItem[] = [
    { alias: '__pk', expr: sql.col('p', parent.keyColumn) },
    ...parentCols.map((c) => ({ alias: sideCol('parent', c), expr: storedCol(ctx, src.parent, 'p', c) })),
  ];
  // The parent's rows are spread by the children's estimate before they fan out, whatever the
  // parent's own layout.
  const rows = estimates.get(entity.name) ?? 0;
  const from = sql.repartition(entityTable(ctx, src.parent, 'p', [parent.keyColumn, ...parentCols], shard?.sourceTable), 'p', partitions(rows));
  const layers = new Layers(sql.select(items, from, shardWhere(shard, sql.col('p', parent.keyColumn))));
  const countExpr = mapExpr(src.count, (x) => (x.kind === 'col' ? { kind: 'col', name: sideCol('parent', x.name) } : x));
  compute(ctx, layers, '__pk', [{ name: '__count', expr: countExpr }], 'c');
  const n = sql.call('least', [sql.int(src.max), sql.call('greatest', [sql.int(0), sql.call('floor', [sql.col(null, '__count')])])]);
  layers.project([{ alias: '__n', expr: n }]);
  // No WHERE here: engines push filters below projections and would inline the mixing layers
  // (exponential text); a generator over 0 … n-1 yields nothing for n = 0.
  layers.project([{ alias: '__index', expr: sql.explodeRange(sql.col(null, '__n')) }], ['__pk', ...parentCols.map((c) => sideCol('parent', c))]);
  layers.project([{ alias: '__key', expr: sql.binary('+', sql.binary('*', sql.col(null, '__pk'), sql.int(src.fanout)), sql.col(null, '__index')) }]);
  return { layers, columns: entity.columns, estimatedRows: rows };
}

/**
 * The pairs of two entities kept by a predicate.
 *
 * @example
 * ```ts
 * crossBase({ ctx, entity, source, estimates, partitions });
 * ```
 */
export function crossBase({ ctx, entity, source: src, estimates, partitions, shard }: SourceInput<Extract<RowSource, { kind: 'cross' }>>): SourceBase {
  const left = entityOf(ctx, src.left);
  const right = entityOf(ctx, src.right);
  const all = [src.keep, ...entity.columns.map((c) => c.expr)];
  const items: SqlItem[] = [
    { alias: '__key', expr: sql.binary('+', sql.binary('*', sql.col('a', left.keyColumn), sql.int(src.fanout)), sql.col('b', right.keyColumn)) },
    ...refsOf(all, 'left').map((c) => ({ alias: sideCol('left', c), expr: storedCol(ctx, src.left, 'a', c) })),
    ...refsOf(all, 'right').map((c) => ({ alias: sideCol('right', c), expr: storedCol(ctx, src.right, 'b', c) })),
  ];
  // Every pair is evaluated: the left side is spread by the number of pairs.
  const pairs = (estimates.get(src.left) ?? 0) * (estimates.get(src.right) ?? 0);
  const leftFrom = sql.repartition(entityTable(ctx, src.left, 'a', [left.keyColumn, ...refsOf(all, 'left')], shard?.sourceTable), 'a', partitions(pairs));
  const joined = sql.join('cross', leftFrom, entityTable(ctx, src.right, 'b', [right.keyColumn, ...refsOf(all, 'right')]), null);
  const layers = new Layers(sql.select(items, joined, shardWhere(shard, sql.col('a', left.keyColumn))));
  const helpers = compute(ctx, layers, '__key', [{ name: '__keep', expr: refsToCols(src.keep) }], 'k');
  // Keep the pair through a generator of 0 or 1 rows rather than a WHERE (see children).
  const kept = sql.case([{ when: sql.binary('=', sql.col(null, '__keep'), sql.lit(true, 'boolean')), then: sql.int(1) }], sql.int(0));
  layers.project(
    [{ alias: '__kept', expr: sql.explodeRange(kept) }],
    layers.cols.filter((c) => c !== '__keep' && !helpers.includes(c)),
  );
  return { layers, columns: entity.columns, estimatedRows: estimates.get(entity.name) ?? null };
}
