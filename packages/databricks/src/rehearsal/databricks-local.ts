/**
 * The rehearsal target (`--target databricks-local`): the statements of a Databricks run, in the
 * same order and through the same engine and executor code (ledger, statistics, checks,
 * rollback), on a local Apache Spark + Delta session instead of a SQL warehouse. Grants aside:
 * no workspace is asked, and Unity Catalog's informational constraints — the only statements
 * open-source Spark cannot run — are recorded, not sent. Tables and the run ledger persist in
 * `warehouseDir` (a Hive metastore), so second runs, prefixes, append and recovery behave as
 * they would on the warehouse.
 */
import { defineEngine, positiveIntegerIssue, type Engine, type Issue, type Manifest, type RunOptions, type ScenarioIR } from '@synthgraph/core';
import { databricks, type DatabricksEngineOptions } from '../engine/databricks-engine.js';
import type { GrantReport, WriteMode } from '../grants/grant-report.js';
import { unityCatalogNameIssues } from '../grants/unity-catalog-names.js';
import { LocalSpark } from '../local-spark/index.js';
import { LOCAL_CONF } from '../spark/spark-engine.js';
import { SESSION_CATALOG, sparkWarehouse } from './spark-warehouse.js';

/** Options of {@link databricksLocal}. */
export interface DatabricksLocalOptions
  extends Pick<DatabricksEngineOptions, 'tablePrefix' | 'mode' | 'constraints' | 'clusterBy' | 'rowsPerPartition' | 'runId' | 'recover' | 'onFailure' | 'onStatement'> {
  /** Directory of the local warehouse: Delta tables, the run ledger and the metastore. Kept between runs. */
  readonly warehouseDir: string;
  /** Schema of the tables (in Spark's session catalog). Default `synthgraph`. */
  readonly schema?: string;
  /** An open local Spark session to use instead of starting one (it is not closed). */
  readonly session?: LocalSpark;
  /** Spark cores (default: all). */
  readonly cores?: number;
}

function validate(o: DatabricksLocalOptions): Issue[] {
  const issues: Issue[] = [];
  if (o.session === undefined && (typeof o.warehouseDir !== 'string' || o.warehouseDir.length === 0)) issues.push({ path: 'warehouseDir', message: 'is required', fix: 'pass warehouseDir: a directory for the local tables' });
  if (o.schema !== undefined) issues.push(...unityCatalogNameIssues('schema', o.schema, 'schema'));
  issues.push(...positiveIntegerIssue('cores', o.cores));
  return issues;
}

/**
 * Rehearses a Databricks run locally: the engine of `--target databricks` on local Spark +
 * Delta. The manifest's content hashes equal those of `--target spark` for the same scenario.
 *
 * @example
 * ```ts
 * const manifest = await generate(identityGraph(config), databricksLocal({ warehouseDir: '.synthgraph/rehearsal', tablePrefix: 'exp1_' }));
 * ```
 */
export function databricksLocal(options: DatabricksLocalOptions): Engine {
  return defineEngine('databricks-local', 'Databricks rehearsal', options, validate, rehearse);
}

async function rehearse(ir: ScenarioIR, o: DatabricksLocalOptions, run: RunOptions): Promise<Manifest> {
  const spark = o.session ?? (await LocalSpark.start({ warehouseDir: o.warehouseDir, cores: o.cores, catalog: 'hive', conf: LOCAL_CONF, signal: run.signal }));
  try {
    const schema = o.schema ?? 'synthgraph';
    const mode = o.mode ?? 'replace';
    const { rows } = await spark.sql(`SHOW SCHEMAS IN ${SESSION_CATALOG}`, { collect: true });
    const schemaExists = rows.some((r) => String(r[0]).toLowerCase() === schema.toLowerCase());
    const engine = databricks({
      ...o,
      catalog: SESSION_CATALOG,
      schema,
      mode,
      session: sparkWarehouse(spark).factory,
      grantsChecked: localGrants(schema, mode, schemaExists),
    });
    return await engine.run(ir, run);
  } finally {
    if (o.session === undefined) await spark.close();
  }
}

/** The rehearsal checks no grants: the local session may do everything. */
function localGrants(schema: string, mode: WriteMode, schemaExists: boolean): GrantReport {
  return {
    principal: 'local',
    principalType: 'user',
    groups: [],
    catalog: SESSION_CATALOG,
    schema,
    mode,
    schemaExists,
    required: [],
    satisfied: true,
    missing: [],
    notes: ['rehearsal: no grants checked'],
  };
}
