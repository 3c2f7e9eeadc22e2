/**
 * Builds the printed statement plan of a scenario for a dialect: the lookup tables' setup
 * statements, one CREATE TABLE … AS SELECT per entity in dependency order, one violation-count
 * query per constraint, and the same checks fused into one statement per table.
 */
import type { CheckVerification } from '../ir/fk-construction.js';
import type { ScenarioIR } from '../ir/types.js';
import { compileCheckGroups } from './check-groups.js';
import { compileChecks } from './checks.js';
import type { Dialect } from './dialect.js';
import { lookupTableName, lookupTableStatements, lookupTablesOf, type LookupTableStatements } from './lookup-tables.js';
import { lowerEntity, type LowerOptions } from './lower-entity.js';
import { SqlPrinter, type TableRef } from './printer.js';
import { householdShards, shardLayout, shardSource, shardSourceTable, type ShardRange } from './shards.js';
import type { CreateTableStmt } from './sql-nodes.js';

/**
 * One household shard of a local table (see `sql/shards.ts`): its SELECT produces exactly the
 * table's rows of households `[lo, hi)`; the shards of a table partition its rows.
 */
export interface TableShard extends ShardRange {
  /** The shard's SELECT (same columns as the table's). */
  readonly select: string;
  /**
   * With {@link PlanOptions.shardSources}: the entity whose same shard the SELECT reads, through
   * the table `shardSourceTable(source)` the engine defines before running the shard (that shard
   * of the source, or the whole source: the SELECT keeps its range restriction either way).
   */
  readonly source?: string;
}

/** One entity's statements. */
export interface TableStatements {
  readonly entity: string;
  /** Table name as printed (quoted, possibly qualified). */
  readonly table: string;
  /** The CTAS (first) and any annotation statements. */
  readonly sql: readonly string[];
  /** The SELECT alone (for engines that write files with COPY). */
  readonly select: string;
  readonly plan: CreateTableStmt;
  /**
   * With {@link PlanOptions.shardHouseholds}, a household-local table's shards, in key order
   * (absent for a global table or when one shard covers every household). An engine that writes
   * shards runs these instead of `sql`/`select`; any other runs the whole table.
   */
  readonly shards?: readonly TableShard[];
}

/** One check query. */
export interface CheckStatement {
  readonly entity: string;
  readonly name: string;
  readonly sql: string;
}

/**
 * Every check of one table as one statement (see `compileCheckGroups`): its one row holds, in
 * column `c<i>`, the violation count of `names[i]`.
 */
export interface CheckGroupStatement {
  readonly entity: string;
  readonly names: readonly string[];
  /** How each check is verified, parallel to `names` (see `CheckVerification`). */
  readonly verified: readonly CheckVerification[];
  readonly sql: string;
}

/** A scenario's full statement plan. */
export interface StatementPlan {
  readonly dialect: string;
  /**
   * The lookup tables the tables read (large pools, see `lookup-tables.ts`, then large buckets, see
   * `bucket-tables.ts`): created before the first table, dropped after the last one. Absent or
   * empty when none is read.
   */
  readonly lookups?: readonly LookupTableStatements[];
  readonly tables: readonly TableStatements[];
  /** One query per check (what `synthgraph plan` prints, one by one). */
  readonly checks: readonly CheckStatement[];
  /** The checks as runs send them: one statement per table, each scanning its table once. */
  readonly checkGroups: readonly CheckGroupStatement[];
}

/** Options of {@link buildPlan}. */
export interface PlanOptions extends LowerOptions {
  /** Table name for an entity (quoted by the caller with the dialect). Default: the quoted entity name. */
  readonly tableRef?: TableRef;
  /** Printed name of a pool's lookup table. Default: the quoted `_sg_lookup_<pool>`. */
  readonly lookupRef?: TableRef;
  /** Only these entities (in IR order). */
  readonly entities?: readonly string[];
  /**
   * Households per shard: each household-local table also gets its shards
   * ({@link TableStatements.shards}) when the scenario has more households than this. Default:
   * no shards.
   */
  readonly shardHouseholds?: number;
  /**
   * The shards read their aligned source's same shard through `shardSourceTable(source)` (see
   * `shardSource`), which the engine defines before each shard: scans follow the shard instead of
   * the whole source. Default false (the shards read whole tables).
   */
  readonly shardSources?: boolean;
}

/**
 * Lowers an IR to printed SQL for a dialect.
 *
 * @example
 * ```ts
 * const plan = buildPlan(ir, duckdbDialect);
 * for (const t of plan.tables) console.log(t.sql.join(';\n'));
 * ```
 */
export function buildPlan(ir: ScenarioIR, dialect: Dialect, options: PlanOptions = {}): StatementPlan {
  const tableRef = options.tableRef ?? ((e: string) => dialect.quoteIdent(e));
  const lookupRef = options.lookupRef ?? ((pool: string) => dialect.quoteIdent(lookupTableName(pool)));
  const printer = new SqlPrinter(dialect, tableRef, lookupRef);
  const names = ir.entities.map((e) => e.name).filter((n) => !options.entities || options.entities.includes(n));
  const layout = options.shardHouseholds === undefined ? null : shardLayout(ir);
  const ranges = layout && options.shardHouseholds !== undefined ? householdShards(layout, options.shardHouseholds) : [];
  const tables = names.map((entity): TableStatements => {
    const plan = lowerEntity(ir, entity, options);
    const table = tableRef(entity);
    const select = printer.select(plan.select);
    const read = layout?.local.get(entity);
    const source = layout && options.shardSources ? shardSource(ir, layout, entity) : null;
    const sourceTable = source === null ? {} : { sourceTable: shardSourceTable(source) };
    const shards =
      read && ranges.length > 1
        ? ranges.map((r) => ({ ...r, ...(source === null ? {} : { source }), select: printer.select(lowerEntity(ir, entity, { ...options, shard: { read, lo: r.lo, hi: r.hi, ...sourceTable } }).select) }))
        : undefined;
    return { entity, table, plan, select, sql: dialect.createTable(plan, select, table), ...(shards ? { shards } : {}) };
  });
  const checks = compileChecks(ir, names).map((c) => ({ entity: c.entity, name: c.name, sql: printer.select(c.select) }));
  const checkGroups = compileCheckGroups(ir, names).map((g) => ({ entity: g.entity, names: g.names, verified: g.verified, sql: printer.select(g.select) }));
  // Pools' tables first, then the bucket tables (computed content), each group in first-read order.
  const reads = lookupTablesOf(tables.map((t) => t.plan.select));
  const lookups = [...reads.filter((l) => !l.content), ...reads.filter((l) => l.content)].map((l) => lookupTableStatements(ir, l.name, dialect, lookupRef(l.name), l.content));
  return { dialect: dialect.name, lookups, tables, checks, checkGroups };
}
