/**
 * The Databricks engine (`--target databricks`): the scenario's Spark SQL plan run on a SQL
 * warehouse into Unity Catalog tables — grant check first (nothing is executed when a privilege
 * is missing), then the warehouse executor with its run ledger, and the run manifest stored in
 * the ledger row that completes the run.
 *
 * - `replace`: one `CREATE OR REPLACE TABLE … AS SELECT` per entity plus comments and
 *   informational constraints, in dependency order.
 * - `append`: each entity of the new batch is first written to a staging table of the run (so
 *   derived entities aggregate this batch only, as in a local append), then inserted into the
 *   existing table; the staging tables are dropped once the run is complete. Checks cover every
 *   batch.
 */
import { randomUUID } from 'node:crypto';
import { defineEngine, positiveIntegerIssue, ConfigError, runPlan, type Engine, type Issue, type Manifest, type RunOptions, type ScenarioIR, type SessionStart } from '@synthgraph/core';
import type { DatabricksConnection } from '../auth/databricks-connection.js';
import { assertGrants, type GrantsClient } from '../grants/grant-check.js';
import type { GrantPrincipal, GrantReport, WriteMode } from '../grants/grant-report.js';
import { unityCatalogNameIssues } from '../grants/unity-catalog-names.js';
import type { WarehouseSessionFactory } from '../executor/planned-statement.js';
import type { RecoverMode, WarehouseProgressEvent } from '../executor/warehouse-run-options.js';
import { WarehouseRun } from '../executor/warehouse-run.js';
import { databricksStatements, MANIFEST_DETAIL_KEY } from './databricks-statements.js';
import { PlannedWarehouseSession, UnityCatalogWriter } from './warehouse-session.js';

export { databricksStatements, latestManifestSql, MANIFEST_DETAIL_KEY, type DatabricksPlanOptions, type DatabricksStatement, type DatabricksStatements } from './databricks-statements.js';

/** Options of {@link databricks}. */
export interface DatabricksEngineOptions {
  /** Unity Catalog catalog of the tables. */
  readonly catalog: string;
  /** Schema of the tables; created by the run when it does not exist (needs CREATE SCHEMA). */
  readonly schema: string;
  /** Prefix of every table name (`run.table_prefix`), to keep several scenarios apart in one schema. Default none. */
  readonly tablePrefix?: string;
  /** `replace` (default) or `append` (a new batch added to the tables of an earlier run; needs MODIFY). */
  readonly mode?: WriteMode;
  /** The resolved connection (`resolveDatabricksConfig`): REST client for the grant check and the warehouse's SQL options. */
  readonly connection?: DatabricksConnection;
  /** Opens warehouse sessions instead of `connection` (pooling, tests). */
  readonly session?: WarehouseSessionFactory;
  /** REST client for the grant check. Default: `connection.workspaceClient()`. */
  readonly grants?: GrantsClient;
  /** A passing grant report already obtained for this catalog, schema and mode: the check is not repeated. */
  readonly grantsChecked?: GrantReport;
  /** Whose privileges to check. Default: the authenticated caller. */
  readonly principal?: GrantPrincipal;
  /** Informational PRIMARY KEY / FOREIGN KEY constraints (Unity Catalog). Default true. */
  readonly constraints?: boolean;
  /** Liquid clustering columns per entity (`CLUSTER BY`). */
  readonly clusterBy?: Readonly<Record<string, readonly string[]>>;
  /** Target rows per partition of range sources. Default 1,000,000. */
  readonly rowsPerPartition?: number;
  /** Run id in the ledger and the tables' `synthgraph.run_id`. Default: a random UUID. Give the unfinished run's id to resume it. */
  readonly runId?: string;
  /** An unfinished earlier run on the same tables: `fail` (default), `rollback` or `resume`. */
  readonly recover?: RecoverMode;
  /** After a failure or cancellation: `rollback` (default) or `leave` the tables for the next run to recover. */
  readonly onFailure?: 'rollback' | 'leave';
  /** Retries of transient failures per statement (default 3). */
  readonly retries?: number;
  /** Backoff between retries (default 1 s doubling to 30 s). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Every statement event of the executor (finer than the run's `onProgress`). */
  readonly onStatement?: (event: WarehouseProgressEvent) => void;
  /** The SQL driver's log lines (redacted). */
  readonly driverLog?: (level: string, message: string) => void;
}


/** Validates the options, naming every problem. */
export function validateDatabricksEngineOptions(o: DatabricksEngineOptions): Issue[] {
  const issues: Issue[] = [];
  for (const field of ['catalog', 'schema'] as const) issues.push(...unityCatalogNameIssues(field, o[field], field));
  if (o.tablePrefix !== undefined && !/^([A-Za-z][A-Za-z0-9_]{0,29})?$/.test(o.tablePrefix)) issues.push({ path: 'tablePrefix', message: 'must be up to 30 letters, digits or underscores, starting with a letter', value: o.tablePrefix, fix: 'e.g. tablePrefix: "exp1_"' });
  if (o.mode !== undefined && o.mode !== 'replace' && o.mode !== 'append') issues.push({ path: 'mode', message: 'must be replace or append', value: o.mode, fix: 'use replace or append' });
  if (!o.session && !o.connection) issues.push({ path: 'connection', message: 'is required (or a session factory)', fix: 'pass connection: await resolveDatabricksConfig({ warehouseId })' });
  if (!o.grantsChecked && !o.grants && !o.connection) issues.push({ path: 'grants', message: 'cannot check grants without a connection or a grants client', fix: 'pass connection, grants or grantsChecked' });
  issues.push(...positiveIntegerIssue('rowsPerPartition', o.rowsPerPartition));
  return issues;
}

/**
 * Creates the Databricks engine.
 *
 * @example
 * ```ts
 * const connection = await resolveDatabricksConfig({ warehouseId: 'abc123def456' });
 * const manifest = await generate(identityGraph(config), databricks({ catalog: 'main', schema: 'synth', connection }), {
 *   onProgress: (e) => console.log(e.phase, e.table ?? '', e.state),
 * });
 * ```
 */
export function databricks(options: DatabricksEngineOptions): Engine {
  return defineEngine('databricks', 'Databricks', options, validateDatabricksEngineOptions, runDatabricks);
}

/** The newest completed manifest in the ledger rows that wrote the same tables (same names, same prefix). */
function previousManifest(rows: readonly object[], ir: ScenarioIR, fullName: (entity: string) => string): Manifest | undefined {
  const names = ir.entities.map((e) => e.name);
  for (const row of rows) {
    try {
      const m = (JSON.parse(String((row as Record<string, unknown>).detail)) as Record<string, unknown>)[MANIFEST_DETAIL_KEY] as Manifest | undefined;
      const written = (m?.extra['databricks'] as { tables?: Record<string, string> } | undefined)?.tables ?? {};
      if (m && m.scenario === ir.name && names.every((n) => written[n] === fullName(n))) return m;
    } catch {
      // Not a manifest detail.
    }
  }
  return undefined;
}

/**
 * The engine on core's run loop: the session opens after the grant check and begins the run in
 * the ledger with the whole statement list; the writer commits with the `run_completed` row.
 */
async function runDatabricks(ir: ScenarioIR, o: DatabricksEngineOptions, run: RunOptions): Promise<Manifest> {
  const mode = o.mode ?? 'replace';
  const runId = o.runId ?? randomUUID();
  const { steps, staging, lookups, plan, tableRef, hashDialect } = databricksStatements(ir, o, runId);
  const fullName = (entity: string): string => `${o.catalog}.${o.schema}.${o.tablePrefix ?? ''}${entity}`;
  const location = { catalog: o.catalog, schema: o.schema, runId, principal: '', tables: Object.fromEntries(ir.entities.map((e) => [e.name, fullName(e.name)])) };
  const writer = new UnityCatalogWriter(steps, tableRef);

  const openSession = async ({ progress }: SessionStart): Promise<PlannedWarehouseSession> => {
    const report = o.grantsChecked ?? (await assertGrants({ catalog: o.catalog, schema: o.schema, mode, principal: o.principal, tables: ir.entities.map((e) => `${o.tablePrefix ?? ''}${e.name}`) }, o.grants ?? (o.connection as DatabricksConnection).workspaceClient()));
    // What the grant check could not see (refused permission queries) is reported, not fatal.
    if (!o.grantsChecked) for (const note of report.notes) progress.emit({ phase: 'plan', state: 'running', detail: `warning: ${note}` });
    if (mode === 'append' && !report.schemaExists) {
      throw new ConfigError([{ path: 'mode', message: `append adds to the tables of an earlier run, but the schema ${o.catalog}.${o.schema} does not exist`, value: 'append', fix: 'run once in replace mode first' }], 'Cannot append');
    }
    location.principal = report.principal;
    const onProgress = (e: WarehouseProgressEvent): void => {
      o.onStatement?.(e);
      const s = steps[e.statementIndex];
      if (e.phase === 'rollback') progress.write('running', `rolling back ${e.table} (${e.state})`, e.table);
      else if (e.state === 'running' && s?.role === 'write') progress.tableRunning(s.entity, `${Math.round(e.elapsedMs / 1000)}s on the warehouse`);
    };
    const warehouseRun = await WarehouseRun.open(steps, {
      catalog: o.catalog,
      schema: o.schema,
      grantsChecked: report,
      ...(o.session ? { session: o.session } : { connection: (o.connection as DatabricksConnection).sqlConnectOptions() }),
      runId,
      signal: run.signal,
      onProgress,
      retries: o.retries,
      backoff: o.backoff,
      recover: o.recover,
      onFailure: o.onFailure,
      driverLog: o.driverLog,
      requireExisting: mode === 'append' ? ir.entities.map((e) => `${o.tablePrefix ?? ''}${e.name}`) : [],
      dropAfterCompletion: [...staging, ...lookups],
    });
    const session = new PlannedWarehouseSession(warehouseRun, steps);
    writer.begin(session, progress);
    const previous = steps[0]?.role === 'previous' ? await session.query(steps[0].sql, 'reading the last manifest') : [];
    writer.previousBatches = previousManifest(previous, ir, fullName)?.batches ?? [];
    return session;
  };

  try {
    return await runPlan(ir, plan, { ...run, openSession, writer, dialect: hashDialect, sessionLabel: `checking Unity Catalog privileges on ${o.catalog}.${o.schema}`, extra: { databricks: location } });
  } catch (e) {
    throw writer.failure ?? e;
  }
}
