/**
 * The statements of a Databricks run: per table the CTAS with its comments and constraints (or,
 * for an append, a staging CTAS and the INSERT) and its row count, the measurements (canonical
 * content hash, statistics), the checks grouped per table, and each table's size (DESCRIBE
 * DETAIL) — in the order core's run loop sends them. Also printed by `synthgraph plan --dialect databricks`.
 */
import { buildPlan, ConfigError, contentHashSql, countRowsSql, irHash, lookupTableName, type CheckVerification, type Dialect, type ScenarioIR, type StatementPlan } from '@synthgraph/core';
import type { WriteMode } from '../grants/grant-report.js';
import { qualifiedName } from '../grants/unity-catalog-names.js';
import type { PlannedStatement } from '../executor/planned-statement.js';
import { LEDGER_TABLE } from '../executor/run-ledger.js';
import { sparkDialect, sparkIdent, sparkString } from '../spark/spark-dialect.js';
import { tableStatsSql } from '../spark/table-stats.js';

/** The manifest of a Databricks run is recorded under this key of its `run_completed` ledger row's `detail`. */
export const MANIFEST_DETAIL_KEY = 'manifest';

const ROWS_PER_PARTITION = 1_000_000;

/**
 * The options that shape the statements (a subset of `DatabricksEngineOptions`).
 *
 * @example
 * ```ts
 * const { steps } = databricksStatements(ir, { catalog: 'main', schema: 'synth', mode: 'append' } satisfies DatabricksPlanOptions, runId);
 * ```
 */
export interface DatabricksPlanOptions {
  readonly catalog: string;
  readonly schema: string;
  readonly tablePrefix?: string;
  readonly mode?: WriteMode;
  readonly constraints?: boolean;
  readonly clusterBy?: Readonly<Record<string, readonly string[]>>;
  readonly rowsPerPartition?: number;
}

/** A planned statement and what its result means for the manifest. */
export interface DatabricksStatement extends PlannedStatement {
  /**
   * `write`: creates or fills a table; `count`: its rows after the write (an append's batch);
   * `canonical`/`stats`/`detail`: measure a table (canonical content hash; Spark's own hash and
   * rows; size); `check`: constraints' violation counts; `previous`: reads the last manifest
   * (append); `lookup`: creates and fills a lookup table (a large pool the tables join).
   */
  readonly role: 'write' | 'count' | 'canonical' | 'stats' | 'detail' | 'check' | 'previous' | 'lookup';
  readonly entity: string;
  /** For `check`: the checks whose violation counts are the columns `c0`, `c1`, … of its row. */
  readonly checkNames?: readonly string[];
  /** For `check`: how each of `checkNames` is verified (a scan, or construction and a sample). */
  readonly checkVerified?: readonly CheckVerification[];
}

/** The statements of a Databricks run and the plan core's run loop drives them with. */
export interface DatabricksStatements {
  /** Every statement, in the order the run sends them (see {@link databricksStatements}). */
  readonly steps: DatabricksStatement[];
  /** An append's staging tables (dropped once the run is complete). */
  readonly staging: string[];
  /**
   * The lookup tables (`<prefix>_sg_lookup_<pool>`, bare names): created by the `lookup` steps
   * before the first table, dropped once the run is complete; a rollback drops them with every
   * other table the run created.
   */
  readonly lookups: string[];
  /** The plan for `runPlan`: the tables the run writes (an append's staging tables) and the checks over the final tables. */
  readonly plan: StatementPlan;
  /** The final, fully qualified table of an entity (where hashes, checks and sizes read). */
  readonly tableRef: (entity: string) => string;
  /** The dialect that prints the canonical content hash. */
  readonly hashDialect: Dialect;
}

/**
 * Builds the statements of a run, in the order core's run loop sends them: (append: the last
 * manifest;) per table its writes and its row count; per table the canonical content hash and
 * Spark's statistics; the checks grouped per table; per table `DESCRIBE DETAIL`. Exported for
 * `synthgraph plan --dialect databricks` and tests.
 *
 * @example
 * ```ts
 * const { steps, plan } = databricksStatements(ir, { catalog: 'main', schema: 'synth' }, runId);
 * ```
 */
export function databricksStatements(ir: ScenarioIR, o: DatabricksPlanOptions, runId: string): DatabricksStatements {
  const { catalog, schema } = o;
  const entities = ir.entities.map((e) => e.name);
  const unknown = Object.keys(o.clusterBy ?? {}).filter((e) => !entities.includes(e));
  if (unknown.length) throw new ConfigError(unknown.map((e) => ({ path: `clusterBy.${e}`, message: `is not a table of the scenario ${ir.name}`, value: e, fix: `use one of ${entities.join(', ')}` })));
  const append = o.mode === 'append';
  const prefix = o.tablePrefix ?? '';
  const name = (entity: string): string => `${prefix}${entity}`;
  const final = (entity: string): string => qualifiedName(catalog, schema, name(entity));
  const stagingName = (entity: string): string => `_synthgraph_stage_${runId.replace(/-/g, '_')}_${name(entity)}`;
  const properties = { 'synthgraph.seed': String(ir.seed), 'synthgraph.ir_hash': irHash(ir) };
  const lookupRef = (pool: string): string => qualifiedName(catalog, schema, lookupTableName(pool, prefix));
  const lower = { rowsPerPartition: o.rowsPerPartition ?? ROWS_PER_PARTITION, lookupRef };
  const finalPlan = buildPlan(ir, sparkDialect({ properties, unityCatalogConstraints: o.constraints ?? true, clusterBy: o.clusterBy, tableRef: final, tableName: name }), { ...lower, tableRef: final });
  const steps: DatabricksStatement[] = [];
  const staging: string[] = [];
  const hashDialect = sparkDialect();
  let written = finalPlan.tables;
  const lookups = finalPlan.lookups ?? [];
  const lookupSteps = (): void => {
    for (const l of lookups) for (const sql of l.sql) steps.push({ table: lookupTableName(l.name, prefix), entity: lookupTableName(l.name, prefix), kind: 'create', role: 'lookup', sql });
  };
  if (!append) {
    lookupSteps();
    for (const t of finalPlan.tables) {
      t.sql.forEach((sql, i) => steps.push({ table: name(t.entity), entity: t.entity, kind: i === 0 ? 'create' : 'meta', role: 'write', sql }));
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'count', sql: countRowsSql(t.table) });
    }
  } else {
    const firstEntity = finalPlan.tables[0]?.entity ?? '';
    const first = name(firstEntity);
    steps.push({
      table: first,
      entity: first,
      kind: 'check',
      role: 'previous',
      // The newest manifests that wrote this scenario's first table under the same name.
      sql: [
        `SELECT detail FROM ${qualifiedName(catalog, schema, LEDGER_TABLE)}`,
        `WHERE event = 'run_completed' AND get_json_object(detail, '$.${MANIFEST_DETAIL_KEY}.scenario') = ${sparkString(ir.name)}`,
        `AND get_json_object(detail, ${sparkString(`$.${MANIFEST_DETAIL_KEY}.extra.databricks.tables.${firstEntity}`)}) = ${sparkString(`${catalog}.${schema}.${first}`)}`,
        'ORDER BY at DESC LIMIT 10',
      ].join('\n'),
    });
    lookupSteps();
    const stageRef = (entity: string): string => qualifiedName(catalog, schema, stagingName(entity));
    const stagePlan = buildPlan(ir, sparkDialect({ properties: { ...properties, 'synthgraph.staging': 'true' }, tableRef: stageRef }), { ...lower, tableRef: stageRef });
    written = stagePlan.tables;
    for (const t of stagePlan.tables) {
      const stage = stagingName(t.entity);
      staging.push(stage);
      steps.push({ table: stage, entity: t.entity, kind: 'create', role: 'write', sql: t.sql[0] as string });
      const cols = t.plan.columns.map((c) => sparkIdent(c.name)).join(', ');
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'create', role: 'write', sql: `INSERT INTO ${final(t.entity)} (${cols})\nSELECT ${cols} FROM ${t.table}` });
      // The batch's rows: its staging table.
      steps.push({ table: stage, entity: t.entity, kind: 'check', role: 'count', sql: countRowsSql(t.table) });
    }
  }
  for (const t of finalPlan.tables) {
    steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'canonical', sql: contentHashSql(ir, t.entity, hashDialect, final) });
    steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'stats', sql: tableStatsSql(t.table, t.plan.columns) });
  }
  // One statement per table's checks (one scan of it): a warehouse round trip each, not one per check.
  for (const g of finalPlan.checkGroups) steps.push({ table: name(g.entity), entity: g.entity, kind: 'check', role: 'check', checkNames: g.names, checkVerified: g.verified, sql: g.sql });
  for (const t of finalPlan.tables) steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'detail', sql: `DESCRIBE DETAIL ${t.table}` });
  return { steps, staging, lookups: lookups.map((l) => lookupTableName(l.name, prefix)), plan: { dialect: finalPlan.dialect, lookups, tables: written, checks: finalPlan.checks, checkGroups: finalPlan.checkGroups }, tableRef: final, hashDialect };
}

/**
 * SQL that reads the manifest of the newest completed run from a schema's ledger (column
 * `manifest`, JSON text). On Databricks: `SELECT … FROM main.synth._synthgraph_runs …`.
 *
 * @example
 * ```ts
 * latestManifestSql('main', 'synth');
 * ```
 */
export function latestManifestSql(catalog: string, schema: string): string {
  return `SELECT get_json_object(detail, ${sparkString(`$.${MANIFEST_DETAIL_KEY}`)}) AS manifest FROM ${qualifiedName(catalog, schema, LEDGER_TABLE)} WHERE event = 'run_completed' AND detail IS NOT NULL ORDER BY at DESC LIMIT 1`;
}
