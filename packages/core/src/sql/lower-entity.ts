/**
 * The SQL lowering shared by every dialect: one CREATE TABLE … AS SELECT per entity, built from
 * the entity's base layers (one lowering per row-source kind), then its columns computed layer
 * by layer (`lower/compute.ts`), then the final projection into the stored column types.
 */
import type { RowSource, ScenarioIR } from '../ir/types.js';
import { idColumns, keyModeOf } from '../ir/id-columns.js';
import { expandScenario } from '../random/expand-scenario.js';
import { compute } from './lower/compute.js';
import { entityOf, lowerContext } from './lower/context.js';
import { groupBase, windowBase } from './lower/derived.js';
import { addKeyLayers } from './lower/key-layers.js';
import { refsToCols } from './lower/scope.js';
import { estimateRows } from './lower/estimate.js';
import { childrenBase, crossBase, partitionRule, sequenceBase, type EntityShard, type SourceBase, type SourceInput } from './lower/sources.js';
import { sql, type CreateTableStmt } from './sql-nodes.js';

/** Options of the lowering. */
export interface LowerOptions {
  /**
   * Target rows per partition (engines that partition, e.g. Spark): every stage estimated above
   * it — a sequence, the parent rows of a fan-out, the pairs of a cross product, the source rows
   * of a group or window — is spread over `ceil(rows / rowsPerPartition)` partitions, at least
   * {@link minPartitions}. Default 2,000,000.
   */
  readonly rowsPerPartition?: number;
  /** Fewest partitions of a stage estimated above {@link rowsPerPartition} (the engine's default parallelism). Default 1. */
  readonly minPartitions?: number;
  /**
   * Only one household shard of a local entity (`sql/shards.ts`: `shardLayout` says which entities
   * are local and how a shard restricts each); default: every row.
   */
  readonly shard?: EntityShard;
}

type SourceKind = RowSource['kind'];
const BASES: { readonly [K in SourceKind]: (input: SourceInput<Extract<RowSource, { kind: K }>>) => SourceBase } = {
  sequence: sequenceBase,
  children: childrenBase,
  cross: crossBase,
  group: groupBase,
  window: windowBase,
};

/**
 * Lowers one entity to its CREATE TABLE … AS SELECT plan.
 *
 * @example
 * ```ts
 * const stmt = lowerEntity(ir, 'individuals');
 * ```
 */
export function lowerEntity(ir: ScenarioIR, name: string, options: LowerOptions = {}): CreateTableStmt {
  const expanded = expandScenario(ir);
  const ctx = lowerContext(expanded);
  const entity = entityOf(ctx, name);
  const partitions = partitionRule(options.rowsPerPartition ?? 2_000_000, options.minPartitions ?? 1);
  const base = (BASES[entity.source.kind] as (input: SourceInput<RowSource>) => SourceBase)({ ctx, entity, source: entity.source, estimates: estimateRows(ctx), partitions, shard: options.shard });
  const { layers } = base;
  compute(
    ctx,
    layers,
    '__key',
    base.columns.map((c) => ({ name: c.name, expr: refsToCols(c.expr) })),
    '',
  );
  const outCols = entity.columns.filter((c) => c.output);
  // Opaque keys: id columns are written as the bijection of their internal keys.
  const ids = keyModeOf(expanded) === 'opaque' ? idColumns(expanded.entities, name, ctx.spaces) : new Map<string, string>();
  const encoded = outCols.flatMap((c, i) => {
    const space = ids.get(c.name);
    return space === undefined ? [] : [{ from: c.name, to: `__id${i}`, space }];
  });
  if (encoded.length) {
    // only the output columns ride through the encoding layers
    layers.project([], outCols.map((c) => c.name));
    addKeyLayers(layers, encoded, 'encode');
  }
  const stored = (c: string): string => encoded.find((x) => x.from === c)?.to ?? c;
  const final = sql.select(
    outCols.map((c) => ({ alias: c.name, expr: sql.output(c.type, sql.col(null, stored(c.name))) })),
    sql.subquery(layers.select, 'f'),
  );
  return {
    kind: 'createTable',
    entity: name,
    select: final,
    comment: entity.comment,
    columns: outCols.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
    primaryKey: entity.keyColumn,
    foreignKeys: entity.constraints.flatMap((c) => (c.kind === 'foreignKey' ? [{ column: c.column, entity: c.entity, references: c.references }] : [])),
    estimatedRows: base.estimatedRows,
  };
}
