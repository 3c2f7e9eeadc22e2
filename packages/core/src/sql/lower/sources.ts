/** The base layers of generated entities: integer sequences, children of a parent, cross products. */
import type { EntityIR, Expr, RowSource } from '../../ir/types.js';
import { mapExpr } from '../../ir/walk.js';
import { sql, type SqlItem } from '../sql-nodes.js';
import { compute } from './compute.js';
import { entityOf, storedCol, type LowerContext } from './context.js';
import { entityTable } from './key-layers.js';
import { Layers } from './layers.js';
import { colsOf, refsOf, refsToCols, sideCol } from './scope.js';

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
  readonly rowsPerPartition: number;
}

/**
 * `rows` keys from an integer range.
 *
 * @example
 * ```ts
 * sequenceBase({ ctx, entity, source, rowsPerPartition: 2_000_000 });
 * ```
 */
export function sequenceBase({ entity, source: src, rowsPerPartition }: SourceInput<Extract<RowSource, { kind: 'sequence' }>>): SourceBase {
  const partitions = Math.max(1, Math.ceil(src.rows / rowsPerPartition));
  const layers = new Layers(sql.select([{ alias: '__key', expr: sql.col('r', '__range') }], { kind: 'range', start: src.keyOffset, end: src.keyOffset + src.rows, partitions, alias: 'r' }));
  return { layers, columns: entity.columns, estimatedRows: src.rows };
}

/**
 * For each parent row, 0 … n-1 children through a generator.
 *
 * @example
 * ```ts
 * childrenBase({ ctx, entity, source, rowsPerPartition: 2_000_000 });
 * ```
 */
export function childrenBase({ ctx, entity, source: src }: SourceInput<Extract<RowSource, { kind: 'children' }>>): SourceBase {
  const parent = entityOf(ctx, src.parent);
  const parentCols = [...new Set([...colsOf([src.count]), ...refsOf(entity.columns.map((c) => c.expr), 'parent')])].sort();
  const items: SqlItem[] = [
    { alias: '__pk', expr: sql.col('p', parent.keyColumn) },
    ...parentCols.map((c) => ({ alias: sideCol('parent', c), expr: storedCol(ctx, src.parent, 'p', c) })),
  ];
  const layers = new Layers(sql.select(items, entityTable(ctx, src.parent, 'p', [parent.keyColumn, ...parentCols])));
  const countExpr = mapExpr(src.count, (x) => (x.kind === 'col' ? { kind: 'col', name: sideCol('parent', x.name) } : x));
  compute(ctx, layers, '__pk', [{ name: '__count', expr: countExpr }], 'c');
  const n = sql.call('least', [sql.int(src.max), sql.call('greatest', [sql.int(0), sql.call('floor', [sql.col(null, '__count')])])]);
  layers.project([{ alias: '__n', expr: n }]);
  // No WHERE here: engines push filters below projections and would inline the mixing layers
  // (exponential text); a generator over 0 … n-1 yields nothing for n = 0.
  layers.project([{ alias: '__index', expr: sql.explodeRange(sql.col(null, '__n')) }], ['__pk', ...parentCols.map((c) => sideCol('parent', c))]);
  layers.project([{ alias: '__key', expr: sql.binary('+', sql.binary('*', sql.col(null, '__pk'), sql.int(src.fanout)), sql.col(null, '__index')) }]);
  return { layers, columns: entity.columns, estimatedRows: null };
}

/**
 * The pairs of two entities kept by a predicate.
 *
 * @example
 * ```ts
 * crossBase({ ctx, entity, source, rowsPerPartition: 2_000_000 });
 * ```
 */
export function crossBase({ ctx, entity, source: src }: SourceInput<Extract<RowSource, { kind: 'cross' }>>): SourceBase {
  const left = entityOf(ctx, src.left);
  const right = entityOf(ctx, src.right);
  const all = [src.keep, ...entity.columns.map((c) => c.expr)];
  const items: SqlItem[] = [
    { alias: '__key', expr: sql.binary('+', sql.binary('*', sql.col('a', left.keyColumn), sql.int(src.fanout)), sql.col('b', right.keyColumn)) },
    ...refsOf(all, 'left').map((c) => ({ alias: sideCol('left', c), expr: storedCol(ctx, src.left, 'a', c) })),
    ...refsOf(all, 'right').map((c) => ({ alias: sideCol('right', c), expr: storedCol(ctx, src.right, 'b', c) })),
  ];
  const layers = new Layers(sql.select(items, sql.join('cross', entityTable(ctx, src.left, 'a', [left.keyColumn, ...refsOf(all, 'left')]), entityTable(ctx, src.right, 'b', [right.keyColumn, ...refsOf(all, 'right')]), null)));
  const helpers = compute(ctx, layers, '__key', [{ name: '__keep', expr: refsToCols(src.keep) }], 'k');
  // Keep the pair through a generator of 0 or 1 rows rather than a WHERE (see children).
  const kept = sql.case([{ when: sql.binary('=', sql.col(null, '__keep'), sql.lit(true, 'boolean')), then: sql.int(1) }], sql.int(0));
  layers.project(
    [{ alias: '__kept', expr: sql.explodeRange(kept) }],
    layers.cols.filter((c) => c !== '__keep' && !helpers.includes(c)),
  );
  return { layers, columns: entity.columns, estimatedRows: null };
}
