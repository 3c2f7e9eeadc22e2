/** The base layers of derived entities: one row per group of a source, or per source row with window functions. */
import { SpecError } from '../../errors.js';
import type { Expr, RowSource } from '../../ir/types.js';
import { mapExpr } from '../../ir/walk.js';
import { lowerExpr, type LowerScope } from '../lower-expr.js';
import { sql, type SqlExpr, type SqlItem, type SqlSelect } from '../sql-nodes.js';
import { entityOf, storedCol, type LowerContext } from './context.js';
import { entityTable } from './key-layers.js';
import { Layers } from './layers.js';
import { refsOf, sideCol, sourceReads, sourceScope } from './scope.js';
import { shardWhere, type SourceBase, type SourceInput } from './sources.js';
import { andWhere } from '../shards.js';

type Agg = Extract<Expr, { kind: 'agg' }>;

/** Replaces every `kind` node of the columns by the column `<prefix><n>`, handing each to `take` first. */
function hoistNodes<K extends 'agg' | 'win'>(columns: readonly { name: string; expr: Expr }[], kind: K, prefix: string, take: (x: Extract<Expr, { kind: K }>, alias: string) => void): { name: string; expr: Expr }[] {
  let n = 0;
  const hoist = (x: Expr): Expr => {
    if (x.kind !== kind) return x;
    const alias = `${prefix}${n++}`;
    take(x as Extract<Expr, { kind: K }>, alias);
    return { kind: 'col', name: alias };
  };
  return columns.map((c) => ({ name: c.name, expr: mapExpr(c.expr, hoist) }));
}

/** The plain aggregates of a group, printed in the group's own SELECT. */
function plainAggregate(x: Agg, scope: LowerScope): SqlExpr {
  const arg = x.arg ? lowerExpr(x.arg, scope) : null;
  const where = x.where ? lowerExpr(x.where, scope) : null;
  switch (x.fn) {
    case 'count':
      return sql.countStar();
    case 'countIf':
      return sql.agg('countIf', null, where);
    case 'sumIf':
      return sql.call('coalesce', [sql.agg('sum', sql.case([{ when: where as SqlExpr, then: arg as SqlExpr }], null)), sql.int(0)]);
    case 'countDistinct':
    case 'sum':
    case 'min':
    case 'max':
      return sql.agg(x.fn, arg);
    case 'mode':
    case 'topN':
      throw new SpecError([{ path: `agg.${x.fn}`, message: 'is computed in its own subquery' }]);
  }
}

/** `mode` (the most frequent value) or `topN` (the n most frequent) per group key, as a subquery. */
function rankedValues(ctx: LowerContext, x: Agg, src: Extract<RowSource, { kind: 'group' }>, reads: readonly string[], key: SqlExpr, where: SqlExpr | null, scope: LowerScope, table?: string): SqlSelect {
  const n = x.fn === 'mode' ? 1 : (x.n ?? 1);
  const value = lowerExpr(x.arg as Expr, scope);
  const notNull = sql.unary('isNotNull', value);
  const counted = sql.select(
    [
      { alias: '__key', expr: key },
      { alias: '__v', expr: value },
      { alias: '__c', expr: sql.countStar() },
    ],
    entityTable(ctx, src.from, 's', reads, table),
    where ? sql.binary('and', where, notNull) : notNull,
    [key, value],
  );
  const c = (name: string): SqlExpr => sql.col(null, name);
  const ranked = sql.select(
    [
      { alias: '__key', expr: c('__key') },
      { alias: '__v', expr: c('__v') },
      { alias: '__rn', expr: sql.over('rowNumber', null, [c('__key')], [sql.unary('neg', c('__c')), c('__v')], 'preceding') },
    ],
    sql.subquery(counted, 'm1'),
  );
  return sql.select(
    [
      { alias: '__key', expr: c('__key') },
      { alias: '__v', expr: x.fn === 'mode' ? sql.agg('min', c('__v')) : sql.orderedCollect(c('__v'), c('__rn')) },
    ],
    sql.subquery(ranked, 'm2'),
    sql.binary('<=', c('__rn'), sql.int(n)),
    [c('__key')],
  );
}

/**
 * One row per distinct `by` value; aggregates in the group's SELECT, `mode`/`topN` LEFT JOINed.
 *
 * @example
 * ```ts
 * groupBase({ ctx, entity, source, estimates, partitions });
 * ```
 */
export function groupBase({ ctx, entity, source: src, estimates, partitions, shard }: SourceInput<Extract<RowSource, { kind: 'group' }>>): SourceBase {
  const scope = sourceScope(ctx, src.from, 's');
  const key = storedCol(ctx, src.from, 's', src.by);
  // A household shard keeps the source rows of its groups (whole groups: `by` is a local id).
  const where = andWhere(src.where ? lowerExpr(src.where, scope) : null, shardWhere(shard, key));
  const reads = sourceReads([src.where, ...entity.columns.map((c) => c.expr)], [src.by]);
  const aggItems: SqlItem[] = [];
  const subJoins: { alias: string; select: SqlSelect }[] = [];
  const columns = hoistNodes(entity.columns, 'agg', '__a', (x, alias) => {
    if (x.fn === 'mode' || x.fn === 'topN') subJoins.push({ alias, select: rankedValues(ctx, x, src, reads, key, where, scope, shard?.sourceTable) });
    else aggItems.push({ alias, expr: plainAggregate(x, scope) });
  });
  // The source rows are hashed by the group key into partitions that follow their number.
  const source = sql.repartition(entityTable(ctx, src.from, 's', reads, shard?.sourceTable), 's', partitions(estimates.get(src.from) ?? 0), [src.by]);
  let base = sql.select([{ alias: '__key', expr: key }, ...aggItems], source, where, [key]);
  let cols = base.items.map((i) => i.alias);
  for (const [i, j] of subJoins.entries()) {
    base = sql.select(
      [...cols.map((c) => ({ alias: c, expr: sql.col('g', c) })), { alias: j.alias, expr: sql.col(`j${i}`, '__v') }],
      sql.join('left', sql.subquery(base, 'g'), sql.subquery(j.select, `j${i}`), sql.binary('=', sql.col('g', '__key'), sql.col(`j${i}`, '__key'))),
    );
    cols = [...cols, j.alias];
  }
  // The joins of mode/topN shuffle again (by the session's shuffle partitions, which adaptive
  // execution may coalesce to one): the group's rows are spread by their own estimate.
  if (subJoins.length) base = sql.repartitioned(base, partitions(estimates.get(entity.name) ?? 0));
  return { layers: new Layers(base, cols), columns, estimatedRows: estimates.get(entity.name) ?? null };
}

/**
 * One row per source row kept by `where`, with window functions over the partition.
 *
 * @example
 * ```ts
 * windowBase({ ctx, entity, source, estimates, partitions });
 * ```
 */
export function windowBase({ ctx, entity, source: src, estimates, partitions, shard }: SourceInput<Extract<RowSource, { kind: 'window' }>>): SourceBase {
  const from = entityOf(ctx, src.from);
  const scope = sourceScope(ctx, src.from, 's');
  const srcCol = (c: string): SqlExpr => storedCol(ctx, src.from, 's', c);
  // A household shard keeps whole window partitions: the rows whose local partition id lies in it.
  const column = shard?.read.kind === 'column' ? shard.read.column : null;
  const where = andWhere(src.where ? lowerExpr(src.where, scope) : null, column === null ? null : shardWhere(shard, srcCol(column)));
  const winItems: SqlItem[] = [];
  const columns = hoistNodes(entity.columns, 'win', '__w', (x, alias) => {
    const arg = x.arg ? lowerExpr(x.arg, scope) : null;
    winItems.push({ alias, expr: sql.over(x.fn, arg, src.partitionBy.map(srcCol), [...src.orderBy.map(srcCol), sql.col('s', from.keyColumn)], x.frame) });
  });
  if (!src.partitionBy.length && winItems.length)
    throw new SpecError([{ path: `entities.${entity.name}.source.partitionBy`, message: 'window entities need at least one partition column (a global window is a single-partition stage)', fix: 'partition by a key such as individual_id' }]);
  const rowCols = refsOf(
    entity.columns.map((c) => c.expr),
    'row',
  );
  const items: SqlItem[] = [{ alias: '__key', expr: sql.col('s', from.keyColumn) }, ...rowCols.map((c) => ({ alias: sideCol('row', c), expr: srcCol(c) })), ...winItems];
  const reads = sourceReads([src.where, ...entity.columns.map((c) => c.expr)], [from.keyColumn, ...src.partitionBy, ...src.orderBy]);
  // The source rows are hashed by the window's partition columns, as many partitions as they need.
  const source = sql.repartition(entityTable(ctx, src.from, 's', reads, shard?.sourceTable), 's', partitions(estimates.get(src.from) ?? 0), src.partitionBy);
  return { layers: new Layers(sql.select(items, source, where)), columns, estimatedRows: estimates.get(entity.name) ?? null };
}
