/**
 * The statements of a Databricks run: per table the CTAS (or, for an append, a staging CTAS, its
 * row count and the INSERT), the measurements (statistics, canonical content hash, DESCRIBE
 * DETAIL), then the checks grouped per table. Also printed by `synthgraph plan --dialect databricks`.
 */
import { buildPlan, contentHashSql, groupChecks, irHash, type ScenarioIR } from '@synthgraph/core';
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
  /** `write`: creates or fills a table; `stats`/`canonical`/`detail`/`batch-rows`: measures one; `check`: a constraint's violation count; `previous`: reads the last manifest (append). */
  readonly role: 'write' | 'stats' | 'canonical' | 'detail' | 'batch-rows' | 'check' | 'previous';
  readonly entity: string;
  /** For `check`: the checks whose violation counts are the columns `c0`, `c1`, … of its row. */
  readonly checkNames?: readonly string[];
}

/** Builds the statements of a run (exported for `synthgraph plan --dialect databricks` and tests). */
export function databricksStatements(
  ir: ScenarioIR,
  o: DatabricksPlanOptions,
  runId: string,
): { steps: DatabricksStatement[]; staging: string[] } {
  const { catalog, schema } = o;
  const append = o.mode === 'append';
  const prefix = o.tablePrefix ?? '';
  const name = (entity: string): string => `${prefix}${entity}`;
  const final = (entity: string): string => qualifiedName(catalog, schema, name(entity));
  const stagingName = (entity: string): string => `_synthgraph_stage_${runId.replace(/-/g, '_')}_${name(entity)}`;
  const properties = { 'synthgraph.seed': String(ir.seed), 'synthgraph.ir_hash': irHash(ir) };
  const lower = { rowsPerPartition: o.rowsPerPartition ?? ROWS_PER_PARTITION };
  const finalPlan = buildPlan(ir, sparkDialect({ properties, unityCatalogConstraints: o.constraints ?? true, clusterBy: o.clusterBy, tableRef: final, tableName: name }), { ...lower, tableRef: final });
  const steps: DatabricksStatement[] = [];
  const staging: string[] = [];
  const hashDialect = sparkDialect();
  const measure = (t: (typeof finalPlan.tables)[number]): DatabricksStatement[] =>
    (
      [
        ['stats', tableStatsSql(t.table, t.plan.columns)],
        ['canonical', contentHashSql(ir, t.entity, hashDialect, final)],
        ['detail', `DESCRIBE DETAIL ${t.table}`],
      ] as const
    ).map(([role, sql]) => ({ table: name(t.entity), entity: t.entity, kind: 'check', role, sql }));
  if (!append) {
    for (const t of finalPlan.tables) {
      t.sql.forEach((sql, i) => steps.push({ table: name(t.entity), entity: t.entity, kind: i === 0 ? 'create' : 'meta', role: 'write', sql }));
      steps.push(...measure(t));
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
    const stageRef = (entity: string): string => qualifiedName(catalog, schema, stagingName(entity));
    const stagePlan = buildPlan(ir, sparkDialect({ properties: { ...properties, 'synthgraph.staging': 'true' }, tableRef: stageRef }), { ...lower, tableRef: stageRef });
    for (const t of stagePlan.tables) {
      const stage = stagingName(t.entity);
      staging.push(stage);
      steps.push({ table: stage, entity: t.entity, kind: 'create', role: 'write', sql: t.sql[0] as string });
      steps.push({ table: stage, entity: t.entity, kind: 'check', role: 'batch-rows', sql: `SELECT CAST(count(*) AS STRING) AS n FROM ${t.table}` });
      const cols = t.plan.columns.map((c) => sparkIdent(c.name)).join(', ');
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'create', role: 'write', sql: `INSERT INTO ${final(t.entity)} (${cols})\nSELECT ${cols} FROM ${t.table}` });
    }
    for (const t of finalPlan.tables) {
      steps.push(...measure(t));
    }
  }
  // One statement per table's checks: a warehouse round trip each, not one per check.
  for (const g of groupChecks(finalPlan.checks, sparkIdent)) steps.push({ table: name(g.entity), entity: g.entity, kind: 'check', role: 'check', checkNames: g.checks.map((c) => c.name), sql: g.sql });
  return { steps, staging };
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
