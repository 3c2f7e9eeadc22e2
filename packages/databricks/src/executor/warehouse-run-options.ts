/**
 * The options, results and progress events of the warehouse executor, and the checks run
 * before anything is sent: valid names and run id, and a passing grant report.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SqlConnectOptions } from '../auth/databricks-connection.js';
import type { GrantReport } from '../grants/grant-report.js';
import { MissingPrivilegesError } from '../grants/grants-error.js';
import { UnityCatalogNameError, validateUnityCatalogName } from '../grants/unity-catalog-names.js';
import { GrantsNotCheckedError, InvalidRunError } from './executor-error.js';
import type { PlannedStatement, StatementKind, WarehouseSessionFactory } from './planned-statement.js';
import { LEDGER_TABLE } from './run-ledger.js';

/** What a progress event is about: a statement of the plan, or a step restoring tables. */
export type WarehousePhase = StatementKind | 'rollback';

/**
 * A progress event.
 *
 * @example
 * ```ts
 * onProgress: (e) => console.log(`${e.phase} ${e.table} #${e.statementIndex} ${e.state} ${e.elapsedMs}ms`, e.rows ?? '')
 * ```
 */
export interface WarehouseProgressEvent {
  readonly runId: string;
  readonly phase: WarehousePhase;
  readonly table: string;
  /** Index in the statements given (for `rollback`: the index of the restore step). */
  readonly statementIndex: number;
  readonly state: 'started' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  /** Milliseconds since the statement's first attempt started. */
  readonly elapsedMs: number;
  /** Milliseconds since the run started. */
  readonly runElapsedMs: number;
  /** Rows written (`num_inserted_rows` / `num_affected_rows`), when the statement reports them. */
  readonly rows?: number;
  /** The failure, redacted (state `failed`). */
  readonly error?: string;
  /** Whether a `failed` attempt will be retried. */
  readonly willRetry?: boolean;
  /** The result rows of a succeeded `check` statement (read-only queries return a row or two). */
  readonly result?: readonly object[];
}

/** What to do with an unfinished earlier run on the same tables: stop (`fail`), restore its tables (`rollback`), or finish it (`resume`: same `runId` and statements). */
export type RecoverMode = 'fail' | 'rollback' | 'resume';

/**
 * Options of {@link runOnWarehouse}. Give either `session` (a factory, e.g. for tests or
 * pooling) or `connection` (the options of `DBSQLClient.connect`).
 *
 * @example
 * ```ts
 * const options: WarehouseRunOptions = {
 *   connection: conn.sqlConnectOptions(), catalog: 'main', schema: 'synth', grantsChecked: report,
 *   signal: controller.signal, onProgress: console.log,
 * };
 * ```
 */
export interface WarehouseRunOptions {
  readonly catalog: string;
  readonly schema: string;
  /** A passing report of `checkGrants` / `assertGrants` for the same catalog and schema. */
  readonly grantsChecked: GrantReport;
  readonly session?: WarehouseSessionFactory;
  readonly connection?: SqlConnectOptions;
  /** The run id recorded in the ledger and in each table's `synthgraph.run_id` property. Default: a random UUID. To resume, pass the unfinished run's id. */
  readonly runId?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: WarehouseProgressEvent) => void;
  /** Retries after a transient failure, per statement (default 3; 0 disables). */
  readonly retries?: number;
  /** Backoff before retry n: min(maxMs, initialMs · 2^(n-1)). Default 1 000 ms and 30 000 ms. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Waits between retries (injectable for tests); must reject when the signal aborts. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** An unfinished earlier run on the same tables: `fail` (default), `rollback` or `resume`. */
  readonly recover?: RecoverMode;
  /** After a failure or cancellation: restore the tables this run changed (`rollback`, default) or leave them for the next run to recover (`leave`). */
  readonly onFailure?: 'rollback' | 'leave';
  /**
   * After cancelling a running statement, how long to wait for the warehouse to report it stopped
   * before rolling back (default: up to 120 000 ms, polled every 1 000 ms). When it does not stop
   * in time the run is left for the next run to recover (`outcome: 'left-incomplete'`): the
   * statement may still commit, and a RESTORE before that would be undone.
   */
  readonly cancelWait?: { readonly boundMs?: number; readonly pollMs?: number };
  /** Minimum milliseconds between two `running` events of a statement (default 1 000). */
  readonly progressIntervalMs?: number;
  /** Receives the driver's log lines (redacted) when `connection` is used; default: dropped. */
  readonly driverLog?: (level: string, message: string) => void;
  /**
   * Tables that must exist before the run (an append adds to them). A missing one stops the run
   * with an {@link InvalidRunError} before anything is changed.
   */
  readonly requireExisting?: readonly string[];
  /**
   * Extra JSON recorded in the `detail` of the run's `run_completed` ledger row, computed from the
   * statements' results (the engine stores the run manifest there). The row is written only
   * after every statement succeeded, so what it holds describes complete tables.
   */
  readonly completionDetail?: (results: readonly StatementResult[]) => Record<string, unknown>;
  /**
   * Tables of the plan that only serve the run (an append's batch staging tables): dropped once
   * `run_completed` is recorded. A failed drop is reported in `leftOver`, not thrown.
   */
  readonly dropAfterCompletion?: readonly string[];
}

/**
 * One statement's outcome.
 *
 * @example
 * ```ts
 * const violations = result.statements.filter((s) => s.kind === 'check').map((s) => s.rows[0]);
 * ```
 */
export interface StatementResult {
  readonly index: number;
  readonly table: string;
  readonly kind: StatementKind;
  /** `skipped`: its table was already completed by the run being resumed. */
  readonly status: 'succeeded' | 'skipped';
  /** The result rows (a check's counts; a CTAS's `num_affected_rows`/`num_inserted_rows`). */
  readonly rows: readonly object[];
  readonly affectedRows?: number;
  readonly attempts: number;
  readonly elapsedMs: number;
}

/**
 * What {@link runOnWarehouse} did.
 *
 * @example
 * ```ts
 * const { runId, statements } = await runOnWarehouse(plan, options);
 * ```
 */
export interface WarehouseRunResult {
  readonly runId: string;
  /** SHA-256 of the statements (table, kind, sql): a resume must present the same plan. */
  readonly planHash: string;
  readonly resumed: boolean;
  /** Unfinished earlier runs this run rolled back (`recover: 'rollback'`). */
  readonly rolledBackRuns: readonly string[];
  readonly statements: readonly StatementResult[];
  readonly elapsedMs: number;
  /** Tables of `dropAfterCompletion` that could not be dropped. */
  readonly leftOver: readonly string[];
}

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * SHA-256 of the plan (each statement's table, kind and SQL).
 *
 * @example
 * ```ts
 * hashPlan([{ table: 't', kind: 'create', sql: 'CREATE OR REPLACE TABLE t AS SELECT 1' }]); // '3f1c…'
 * ```
 */
export function hashPlan(statements: readonly PlannedStatement[]): string {
  return createHash('sha256')
    .update(JSON.stringify(statements.map((s) => [s.table, s.kind, s.sql])))
    .digest('hex');
}

/**
 * Validates the statements and options of a run, naming every problem; returns the names and run id.
 *
 * @example
 * ```ts
 * const { catalog, schema, runId } = validateRun(statements, options);
 * ```
 */
export function validateRun(statements: readonly PlannedStatement[], options: WarehouseRunOptions): { catalog: string; schema: string; runId: string } {
  const issues: { path: string; message: string; fix?: string }[] = [];
  const name = (field: 'catalog' | 'schema' | 'table', value: unknown, path: string): string => {
    try {
      return validateUnityCatalogName(field, value);
    } catch (e) {
      if (!(e instanceof UnityCatalogNameError)) throw e;
      issues.push({ path, message: e.issues[0]?.message ?? 'invalid name', fix: 'use a Unity Catalog name: no period, space, slash or control character' });
      return '';
    }
  };
  const catalog = name('catalog', options.catalog, 'catalog');
  const schema = name('schema', options.schema, 'schema');
  if (!Array.isArray(statements)) issues.push({ path: 'statements', message: 'is not an array' });
  else {
    statements.forEach((s, i) => {
      const at = `statements[${i}]`;
      if (typeof s !== 'object' || s === null) {
        issues.push({ path: at, message: 'is not a statement' });
        return;
      }
      name('table', s.table, `${at}.table`);
      if (s.kind !== 'create' && s.kind !== 'check' && s.kind !== 'meta') issues.push({ path: `${at}.kind`, message: `must be 'create', 'check' or 'meta' (got ${JSON.stringify(s.kind)})` });
      if (typeof s.sql !== 'string' || s.sql.trim() === '') issues.push({ path: `${at}.sql`, message: 'is empty' });
      else if (s.kind !== 'check' && /^\s*DROP\s+TABLE\b/i.test(s.sql)) {
        issues.push({ path: `${at}.sql`, message: 'drops a table: its history would be lost and the run could not be rolled back', fix: 'use CREATE OR REPLACE TABLE, which keeps the previous version restorable' });
      }
      if (typeof s.table === 'string' && s.table.toLowerCase() === LEDGER_TABLE) issues.push({ path: `${at}.table`, message: 'is the run ledger' });
    });
  }
  const created = new Set(Array.isArray(statements) ? statements.filter((s) => s?.kind === 'create' && typeof s.table === 'string').map((s) => s.table.toLowerCase()) : []);
  (options.dropAfterCompletion ?? []).forEach((t, i) => {
    if (typeof t !== 'string' || !created.has(t.toLowerCase())) issues.push({ path: `dropAfterCompletion[${i}]`, message: `${JSON.stringify(t)} is not a table this run creates`, fix: 'list only tables the statements create (staging tables)' });
  });
  const runId = options.runId ?? randomUUID();
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) issues.push({ path: 'runId', message: 'must be 1–64 letters, digits, - or _' });
  if ((options.session === undefined) === (options.connection === undefined)) issues.push({ path: 'session', message: 'give exactly one of session (a factory) and connection (DBSQLClient.connect options)' });
  if (options.recover !== undefined && !['fail', 'rollback', 'resume'].includes(options.recover)) issues.push({ path: 'recover', message: "must be 'fail', 'rollback' or 'resume'" });
  if (options.recover === 'resume' && options.runId === undefined) issues.push({ path: 'runId', message: 'is required to resume', fix: 'pass the id of the unfinished run (see the RunStateError)' });
  if (options.onFailure !== undefined && options.onFailure !== 'rollback' && options.onFailure !== 'leave') issues.push({ path: 'onFailure', message: "must be 'rollback' or 'leave'" });
  if (issues.length > 0) throw new InvalidRunError(issues);
  return { catalog, schema, runId };
}

/**
 * Throws unless `report` is a passing grant report for this catalog and schema.
 *
 * @example
 * ```ts
 * checkGrantReport(options.grantsChecked, 'main', 'synth');
 * ```
 */
export function checkGrantReport(report: GrantReport | undefined, catalog: string, schema: string): void {
  if (typeof report !== 'object' || report === null || typeof report.satisfied !== 'boolean' || !Array.isArray(report.missing)) {
    throw new GrantsNotCheckedError('no grant report was given');
  }
  if (typeof report.catalog !== 'string' || typeof report.schema !== 'string' || report.catalog.toLowerCase() !== catalog.toLowerCase() || report.schema.toLowerCase() !== schema.toLowerCase()) {
    throw new GrantsNotCheckedError(`the grant report is for ${String(report.catalog)}.${String(report.schema)}, not ${catalog}.${schema}`);
  }
  if (!report.satisfied || report.missing.length > 0) throw new MissingPrivilegesError(report);
}
