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
import {
  defineEngine,
  positiveIntegerIssue,
  buildPlan,
  ConfigError,
  createManifest,
  irHash,
  type CheckResult,
  type Engine,
  type Issue,
  type Manifest,
  type ProgressEvent,
  type RunOptions,
  type ScenarioIR,
  type TableResult,
} from '@synthgraph/core';
import type { DatabricksConnection } from '../auth/databricks-connection.js';
import { assertGrants, type GrantsClient } from '../grants/grant-check.js';
import type { GrantPrincipal, GrantReport, WriteMode } from '../grants/grant-report.js';
import { qualifiedName, unityCatalogNameIssues } from '../grants/unity-catalog-names.js';
import type { PlannedStatement, WarehouseSessionFactory } from '../executor/planned-statement.js';
import { LEDGER_TABLE } from '../executor/run-ledger.js';
import { runOnWarehouse, type RecoverMode, type StatementResult, type WarehouseProgressEvent } from '../executor/warehouse-executor.js';
import { sparkDialect, sparkIdent, sparkString } from '../spark/spark-dialect.js';
import { groupChecks, parseTableStats, tableStatsSql } from '../spark/table-stats.js';

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

/** The manifest of a Databricks run is recorded under this key of its `run_completed` ledger row's `detail`. */
export const MANIFEST_DETAIL_KEY = 'manifest';

const ROWS_PER_PARTITION = 1_000_000;

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

/** A planned statement and what its result means for the manifest. */
export interface DatabricksStatement extends PlannedStatement {
  /** `write`: creates or fills a table; `stats`/`detail`/`batch-rows`: measures one; `check`: a constraint's violation count; `previous`: reads the last manifest (append). */
  readonly role: 'write' | 'stats' | 'detail' | 'batch-rows' | 'check' | 'previous';
  readonly entity: string;
  /** For `check`: the checks whose violation counts are the columns `c0`, `c1`, … of its row. */
  readonly checkNames?: readonly string[];
}

/** Builds the statements of a run (exported for `synthgraph plan --dialect databricks` and tests). */
export function databricksStatements(
  ir: ScenarioIR,
  o: Pick<DatabricksEngineOptions, 'catalog' | 'schema' | 'tablePrefix' | 'mode' | 'constraints' | 'clusterBy' | 'rowsPerPartition'>,
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
  if (!append) {
    for (const t of finalPlan.tables) {
      t.sql.forEach((sql, i) => steps.push({ table: name(t.entity), entity: t.entity, kind: i === 0 ? 'create' : 'meta', role: 'write', sql }));
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'stats', sql: tableStatsSql(t.table, t.plan.columns) });
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'detail', sql: `DESCRIBE DETAIL ${t.table}` });
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
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'stats', sql: tableStatsSql(t.table, t.plan.columns) });
      steps.push({ table: name(t.entity), entity: t.entity, kind: 'check', role: 'detail', sql: `DESCRIBE DETAIL ${t.table}` });
    }
  }
  // One statement per table's checks: a warehouse round trip each, not one per check.
  for (const g of groupChecks(finalPlan.checks)) steps.push({ table: name(g.entity), entity: g.entity, kind: 'check', role: 'check', checkNames: g.checks.map((c) => c.name), sql: g.sql });
  return { steps, staging };
}

const firstValue = (rows: readonly object[]): unknown => Object.values((rows[0] as Record<string, unknown> | undefined) ?? {})[0];
const field = (rows: readonly object[], name: string): unknown => (rows[0] as Record<string, unknown> | undefined)?.[name];

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

async function runDatabricks(ir: ScenarioIR, o: DatabricksEngineOptions, run: RunOptions): Promise<Manifest> {
  const t0 = performance.now();
  const mode = o.mode ?? 'replace';
  const runId = o.runId ?? randomUUID();
  const { steps, staging } = databricksStatements(ir, o, runId);
  const emit = (e: Omit<ProgressEvent, 'elapsedMs' | 'step' | 'steps'> & { step?: number }): void =>
    run.onProgress?.({ step: 0, ...e, steps: steps.length, elapsedMs: Math.round(performance.now() - t0) });

  emit({ phase: 'plan', state: 'started', detail: `checking Unity Catalog privileges on ${o.catalog}.${o.schema}` });
  const report = o.grantsChecked ?? (await assertGrants({ catalog: o.catalog, schema: o.schema, mode, principal: o.principal, tables: ir.entities.map((e) => `${o.tablePrefix ?? ''}${e.name}`) }, o.grants ?? (o.connection as DatabricksConnection).workspaceClient()));
  // What the grant check could not see (refused permission queries) is reported, not fatal.
  if (!o.grantsChecked) for (const note of report.notes) emit({ phase: 'plan', state: 'running', detail: `warning: ${note}` });
  if (mode === 'append' && !report.schemaExists) {
    throw new ConfigError([{ path: 'mode', message: `append adds to the tables of an earlier run, but the schema ${o.catalog}.${o.schema} does not exist`, value: 'append', fix: 'run once in replace mode first' }], 'Cannot append');
  }

  const fullName = (entity: string): string => `${o.catalog}.${o.schema}.${o.tablePrefix ?? ''}${entity}`;
  let manifest: Manifest | undefined;
  const buildManifest = (results: readonly StatementResult[]): Record<string, unknown> => {
    const tables: Record<string, TableResult> = {};
    const batchRows: Record<string, number> = {};
    const checks: CheckResult[] = [];
    const elapsed: Record<string, number> = {};
    const bytes: Record<string, number> = {};
    let previous: Manifest | undefined;
    for (const r of results) {
      const s = steps[r.index] as DatabricksStatement;
      if (s.role === 'write') elapsed[s.entity] = (elapsed[s.entity] ?? 0) + r.elapsedMs;
      else if (s.role === 'detail') bytes[s.entity] = Number(field(r.rows, 'sizeInBytes') ?? 0) || 0;
      else if (s.role === 'batch-rows') batchRows[s.entity] = Number(firstValue(r.rows));
      else if (s.role === 'previous') previous = previousManifest(r.rows, ir, fullName);
      else if (s.role === 'check') (s.checkNames ?? []).forEach((name, i) => checks.push({ name, table: s.entity, violations: Number(field(r.rows, `c${i}`)) }));
      else if (s.role === 'stats') {
        const { rows, contentHash } = parseTableStats(field(r.rows, 'n'), field(r.rows, 'h'));
        tables[s.entity] = { rows, files: [], bytes: 0, contentHash, elapsedMs: 0 };
      }
    }
    for (const [entity, t] of Object.entries(tables)) tables[entity] = { ...t, bytes: bytes[entity] ?? 0, elapsedMs: Math.round(elapsed[entity] ?? 0) };
    const location = { catalog: o.catalog, schema: o.schema, runId, principal: report.principal, tables: Object.fromEntries(Object.keys(tables).map((e) => [e, fullName(e)])) };
    manifest = createManifest(ir, {
      engine: 'databricks-sql',
      format: 'delta',
      tables,
      checks,
      elapsedMs: performance.now() - t0,
      ...(mode === 'append' ? { batchRows, previousBatches: previous?.batches ?? [] } : {}),
      batchFiles: Object.fromEntries(Object.keys(tables).map((e) => [e, []])),
      extra: { databricks: location },
    });
    return { [MANIFEST_DETAIL_KEY]: manifest };
  };

  const onStatement = (e: WarehouseProgressEvent): void => {
    o.onStatement?.(e);
    const s = steps[e.statementIndex];
    const step = e.statementIndex + 1;
    if (e.phase === 'rollback') return emit({ phase: 'write', state: 'running', table: e.table, detail: `rolling back ${e.table} (${e.state})`, step });
    if (!s) return;
    if (s.kind === 'check') {
      // Row counts and violations are reported as their statements return, not at the end.
      if (e.state === 'succeeded' && e.result && s.role === 'stats') emit({ phase: 'table', table: s.entity, state: 'finished', rows: parseTableStats(field(e.result, 'n'), field(e.result, 'h')).rows, step });
      if (s.role !== 'check') return;
      if (e.state === 'started') emit({ phase: 'check', table: s.entity, state: 'started', detail: `${s.checkNames?.length ?? 0} checks of ${s.entity}`, step });
      if (e.state === 'succeeded' && e.result) {
        const result = e.result;
        (s.checkNames ?? []).forEach((name, i) => emit({ phase: 'check', table: s.entity, state: 'finished', detail: name, rows: Number(field(result, `c${i}`)), step }));
      }
      return;
    }
    if (s.role !== 'write' || s.kind === 'meta') return;
    // A table starts with its CTAS (replace) or its batch's staging CTAS (append).
    if (e.state === 'started' && (mode === 'replace' || staging.includes(s.table))) emit({ phase: 'table', table: s.entity, state: 'started', step });
    else if (e.state === 'running') emit({ phase: 'table', table: s.entity, state: 'running', step, detail: `${Math.round(e.elapsedMs / 1000)}s on the warehouse` });
  };

  const result = await runOnWarehouse(steps, {
    catalog: o.catalog,
    schema: o.schema,
    grantsChecked: report,
    ...(o.session ? { session: o.session } : { connection: (o.connection as DatabricksConnection).sqlConnectOptions() }),
    runId,
    signal: run.signal,
    onProgress: onStatement,
    retries: o.retries,
    backoff: o.backoff,
    recover: o.recover,
    onFailure: o.onFailure,
    driverLog: o.driverLog,
    requireExisting: mode === 'append' ? ir.entities.map((e) => `${o.tablePrefix ?? ''}${e.name}`) : [],
    dropAfterCompletion: staging,
    completionDetail: buildManifest,
  });
  const done = manifest as unknown as Manifest;
  if (result.leftOver.length) emit({ phase: 'write', state: 'finished', detail: `could not drop staging tables ${result.leftOver.join(', ')}; drop them by hand`, step: steps.length });
  emit({ phase: 'done', state: 'finished', rows: done.totalRows, step: steps.length });
  return done;
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
