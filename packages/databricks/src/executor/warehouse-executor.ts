/**
 * Runs planned statements on a Databricks SQL warehouse through `@databricks/sql`, safely:
 *
 * - refuses to start without a passing grant report for the same catalog and schema;
 * - opens one session with `initialCatalog` / `initialSchema` (creating the schema first when
 *   the grant check found it missing) and runs the statements in order;
 * - reports progress per statement (started, running, succeeded, failed, cancelled);
 * - cancels the running operation when the `AbortSignal` fires and sends nothing more;
 * - retries transient failures with bounded exponential backoff (idempotent statements always,
 *   others only after a definite rejection, see `failure-classifier.ts`);
 * - keeps a run ledger (`_synthgraph_runs`, see `run-ledger.ts`) so that a run either completes
 *   every table or is rolled back to the tables' previous Delta versions, by itself on failure
 *   or cancellation, or by the next run (`recover`) after a crash. A run never starts while an
 *   unfinished run on the same tables is in the ledger.
 */
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { SqlConnectOptions } from '../auth/databricks-connection.js';
import { redactText } from '../auth/redact.js';
import type { GrantReport } from '../grants/grant-report.js';
import { sparkString } from '../spark/spark-dialect.js';
import { MissingPrivilegesError } from '../grants/grants-error.js';
import { qualifiedName, quoteIdentifier, UnityCatalogNameError, validateUnityCatalogName } from '../grants/unity-catalog-names.js';
import {
  GrantsNotCheckedError,
  InvalidRunError,
  RunStateError,
  StatementFailedError,
  WarehouseConnectionError,
  WarehouseRunCancelledError,
  type RunOutcome,
  type UnfinishedRun,
} from './executor-error.js';
import { classifyFailure } from './failure-classifier.js';
import {
  isIdempotent,
  type OpenSessionRequest,
  type PlannedStatement,
  type StatementKind,
  type WarehouseSession,
  type WarehouseSessionFactory,
} from './planned-statement.js';
import {
  countRunSql,
  createLedgerSql,
  foldLedger,
  insertLedgerSql,
  LEDGER_TABLE,
  parseLedgerRows,
  RUN_ID_PROPERTY,
  selectOpenRunsSql,
  type LedgerEvent,
  type LedgerRow,
  type LedgerRunState,
  type LedgerTableState,
} from './run-ledger.js';

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
const DEFAULT_RETRIES = 3;
const MAX_RETRIES = 10;

/**
 * Runs statements on a SQL warehouse, in order, after checking that `grantsChecked` is a passing
 * grant report for the same catalog and schema. See the module documentation and
 * `docs/databricks.md` for the run-state guarantees.
 *
 * Throws {@link GrantsNotCheckedError} / `MissingPrivilegesError` (nothing executed),
 * {@link InvalidRunError}, {@link WarehouseConnectionError}, {@link RunStateError},
 * {@link StatementFailedError} or {@link WarehouseRunCancelledError}; the last two say whether
 * the run's tables were rolled back.
 *
 * @example
 * ```ts
 * const conn = await resolveDatabricksConfig({ warehouseId: 'abc123' });
 * const report = await assertGrants({ catalog: 'main', schema: 'synth', mode: 'replace' }, conn.workspaceClient());
 * const result = await runOnWarehouse(
 *   [{ table: 'households', kind: 'create', sql: 'CREATE OR REPLACE TABLE `main`.`synth`.`households` AS SELECT …' }],
 *   { connection: conn.sqlConnectOptions(), catalog: 'main', schema: 'synth', grantsChecked: report, onProgress: console.log },
 * );
 * ```
 */
export async function runOnWarehouse(statements: readonly PlannedStatement[], options: WarehouseRunOptions): Promise<WarehouseRunResult> {
  const t0 = performance.now();
  const { catalog, schema, runId } = validateRun(statements, options);
  checkGrantReport(options.grantsChecked, catalog, schema);
  const planHash = hashPlan(statements);
  if (statements.length === 0) return { runId, planHash, resumed: false, rolledBackRuns: [], statements: [], elapsedMs: performance.now() - t0, leftOver: [] };
  if (options.signal?.aborted) throw new WarehouseRunCancelledError(runId, undefined, undefined, 'unchanged', options.signal.reason);

  const report = options.grantsChecked;
  const request: OpenSessionRequest = { initialCatalog: catalog, ...(report.schemaExists ? { initialSchema: schema } : {}) };
  const run = new WarehouseRun(statements, options, { catalog, schema, runId, planHash, t0 });
  const opened = await run.openSession(request);
  try {
    return await run.execute(opened.session);
  } finally {
    await opened.close().catch(() => undefined);
  }
}

/** Stops a statement because the run was cancelled. */
class CancelledStep extends Error {
  constructor(
    readonly step: Step,
    readonly reason?: unknown,
  ) {
    super('cancelled');
  }
}

/** A statement failed for good. */
class FailedStep extends Error {
  constructor(
    readonly step: Step,
    readonly attempts: number,
    readonly sqlState: string | undefined,
    readonly transient: boolean,
    readonly reason: unknown,
  ) {
    super('failed');
  }
}

interface Step {
  readonly phase: WarehousePhase | 'run-state';
  readonly table: string;
  readonly index: number;
  readonly idempotent: boolean;
  /** Report progress for it (statements of the plan and restore steps; not the ledger's own). */
  readonly emit: boolean;
}

interface RunIds {
  readonly catalog: string;
  readonly schema: string;
  readonly runId: string;
  readonly planHash: string;
  readonly t0: number;
}

class WarehouseRun {
  #session: WarehouseSession | undefined;
  readonly #retries: number;
  readonly #tables: readonly string[];

  constructor(
    readonly statements: readonly PlannedStatement[],
    readonly options: WarehouseRunOptions,
    readonly ids: RunIds,
  ) {
    this.#retries = Math.min(MAX_RETRIES, Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES)));
    const seen = new Map<string, string>();
    for (const s of statements) if (!seen.has(s.table.toLowerCase())) seen.set(s.table.toLowerCase(), s.table);
    this.#tables = [...seen.values()];
  }

  /** Opens the session, retrying transient failures. */
  async openSession(request: OpenSessionRequest): Promise<{ session: WarehouseSession; close: () => Promise<void> }> {
    const { session: factory, connection, signal } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        if (factory) {
          const session = await factory(request);
          return { session, close: async () => void (await session.close()) };
        }
        const { DBSQLClient } = await import('@databricks/sql');
        const log = this.options.driverLog;
        const client = new DBSQLClient({ logger: { log: (level, message) => log?.(level, redactText(message)) } });
        try {
          await client.connect(connection as SqlConnectOptions);
          const session = await client.openSession(request);
          return {
            session,
            close: async () => {
              await session.close().catch(() => undefined);
              await client.close();
            },
          };
        } catch (e) {
          await client.close().catch(() => undefined);
          throw e;
        }
      } catch (e) {
        if (signal?.aborted) throw new WarehouseRunCancelledError(this.ids.runId, undefined, undefined, 'unchanged', e);
        if (!classifyFailure(e).transient || attempt > this.#retries) throw new WarehouseConnectionError(attempt, e);
        try {
          await this.#sleep(attempt, signal);
        } catch (cancel) {
          throw new WarehouseRunCancelledError(this.ids.runId, undefined, undefined, 'unchanged', cancel);
        }
      }
    }
  }

  async execute(session: WarehouseSession): Promise<WarehouseRunResult> {
    this.#session = session;
    const { catalog, schema, runId, planHash } = this.ids;
    const { signal } = this.options;
    const report = this.options.grantsChecked;
    const recover = this.options.recover ?? 'fail';
    const mine = new Set(this.#tables.map((t) => t.toLowerCase()));
    const rolledBackRuns: string[] = [];
    let started = false;
    let ownState: LedgerRunState | undefined;

    try {
      if (!report.schemaExists) {
        await this.#bookkeeping(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`, schema, signal);
        await this.#bookkeeping(`USE SCHEMA ${quoteIdentifier(schema)}`, schema, signal);
      }
      await this.#bookkeeping(createLedgerSql(catalog, schema), 'ledger', signal);
      if (this.options.runId !== undefined && recover !== 'resume') {
        // Run ids are unique: a reused id would make a later crash of this run look finished.
        const used = await this.#bookkeeping(countRunSql(catalog, schema, runId), 'ledger', signal);
        if (Number((used[0] as Record<string, unknown> | undefined)?.n ?? 0) > 0) {
          throw new RunStateError('duplicate-run-id', `The run id ${runId} is already in the ledger of ${catalog}.${schema}: give a new runId, or recover: 'resume' to finish that run. Nothing was executed.`);
        }
      }
      const overlapping = (await this.#openRuns(signal)).filter((r) => r.tables.some((t) => mine.has(t.table.toLowerCase())));

      let resume: LedgerRunState | undefined;
      if (recover === 'resume') {
        resume = overlapping.find((r) => r.runId === runId);
        if (!resume || overlapping.length > 1) {
          throw new RunStateError(
            'resume-mismatch',
            resume
              ? `Cannot resume run ${runId}: other unfinished runs use the same tables; roll them back first.`
              : `Cannot resume run ${runId}: the ledger of ${catalog}.${schema} has no unfinished run with that id on these tables.`,
            overlapping.map(describeRun),
          );
        }
        if (resume.planHash !== planHash) {
          throw new RunStateError('resume-mismatch', `Cannot resume run ${runId}: its statements differ from the ones it started with (plan hash ${resume.planHash} ≠ ${planHash}).`, [describeRun(resume)]);
        }
      } else if (overlapping.length > 0) {
        if (recover === 'fail') {
          throw new RunStateError(
            'incomplete-run',
            `An earlier run on some of the same tables in ${catalog}.${schema} did not finish, so its tables may mix old and new data. Nothing was executed. ` +
              `Run again with recover: 'rollback' to restore that run's tables to their versions before it, or with recover: 'resume' and its runId and the same statements to finish it.`,
            overlapping.map(describeRun),
          );
        }
        for (const r of overlapping) {
          try {
            await this.#restore(r.tables);
            await this.#ledger([{ ...this.#row(r.runId, 'run_rolled_back'), detail: JSON.stringify({ by: runId }) }], undefined);
          } catch (e) {
            if (e instanceof RunStateError) throw e;
            throw new RunStateError('rollback-failed', `Rolling back the unfinished run ${r.runId} failed; its tables may still mix old and new data.`, [describeRun(r)], unwrap(e));
          }
          rolledBackRuns.push(r.runId);
        }
      }

      if (resume) {
        ownState = resume;
        started = true;
        // Tables the interrupted run had started but not completed go back to their versions before it.
        await this.#restore(resume.tables.filter((t) => !t.completed));
        await this.#ledger([this.#row(runId, 'run_resumed')], signal);
      } else {
        const planned = await this.#currentVersions(this.#tables, signal);
        const required = new Set((this.options.requireExisting ?? []).map((t) => t.toLowerCase()));
        const absent = planned.filter((t) => required.has(t.table.toLowerCase()) && t.previousVersion === null).map((t) => t.table);
        if (absent.length > 0) {
          throw new InvalidRunError([
            { path: 'tables', message: `${absent.join(', ')} ${absent.length === 1 ? 'does' : 'do'} not exist in ${catalog}.${schema}; an append adds to existing tables. Nothing was executed.`, fix: 'run once in replace mode first, or check the catalog and schema' },
          ]);
        }
        ownState = { runId, planHash, mode: report.mode, principal: report.principal, startedAt: null, tables: planned, terminal: undefined, lastEvent: 'run_started' };
        await this.#ledger(
          [
            { ...this.#row(runId, 'run_started'), detail: JSON.stringify({ tables: this.#tables, statements: this.statements.length }) },
            ...planned.map((t) => ({ ...this.#row(runId, 'table_planned'), table: t.table, previousVersion: t.previousVersion })),
          ],
          signal,
        );
        started = true;
        // Another run may have started on the same tables at the same moment: then neither may go on
        // blindly. Whoever sees the other after recording itself backs off.
        const others = (await this.#openRuns(signal)).filter((r) => r.runId !== runId && r.tables.some((t) => mine.has(t.table.toLowerCase())));
        if (others.length > 0) {
          await this.#ledger([this.#row(runId, 'run_aborted')], undefined);
          started = false;
          throw new RunStateError('concurrent-run', `Another run started on some of the same tables in ${catalog}.${schema} at the same time; this run (${runId}) backed off before changing anything.`, others.map(describeRun));
        }
      }

      const results = await this.#runStatements(new Set((resume?.tables ?? []).filter((t) => t.completed).map((t) => t.table.toLowerCase())), signal);
      const detail = this.options.completionDetail?.(results);
      await this.#ledger([{ ...this.#row(runId, 'run_completed'), detail: detail === undefined ? null : JSON.stringify(detail) }], undefined);
      const leftOver: string[] = [];
      for (const t of this.options.dropAfterCompletion ?? []) {
        try {
          await this.#bookkeeping(`DROP TABLE IF EXISTS ${qualifiedName(catalog, schema, t)}`, t, undefined);
        } catch {
          leftOver.push(t);
        }
      }
      return { runId, planHash, resumed: resume !== undefined, rolledBackRuns, statements: results, elapsedMs: performance.now() - this.ids.t0, leftOver };
    } catch (e) {
      if (!(e instanceof CancelledStep) && !(e instanceof FailedStep)) throw e;
      const outcome = started && ownState ? await this.#afterFailure(ownState, e) : 'unchanged';
      if (e instanceof CancelledStep) throw new WarehouseRunCancelledError(runId, e.step.emit ? e.step.table : undefined, e.step.emit ? e.step.index : undefined, outcome, e.reason);
      throw new StatementFailedError({
        runId,
        table: e.step.table,
        statementIndex: e.step.phase === 'run-state' ? -1 : e.step.index,
        kind: e.step.phase === 'run-state' || e.step.phase === 'rollback' ? 'run-state' : e.step.phase,
        sql: e.step.phase === 'run-state' || e.step.phase === 'rollback' ? `(${e.step.phase} statement for ${e.step.table})` : (this.statements[e.step.index]?.sql ?? ''),
        attempts: e.attempts,
        sqlState: e.sqlState,
        transient: e.transient,
        outcome,
        cause: e.reason,
      });
    }
  }

  /** Runs the plan's statements; records each table as completed after its last changing statement. */
  async #runStatements(completedBefore: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<StatementResult[]> {
    const { catalog, schema, runId } = this.ids;
    const lastChange = new Map<string, number>();
    this.statements.forEach((s, i) => {
      if (s.kind !== 'check') lastChange.set(s.table.toLowerCase(), i);
    });
    const results: StatementResult[] = [];
    for (const [index, s] of this.statements.entries()) {
      const key = s.table.toLowerCase();
      if (s.kind !== 'check' && completedBefore.has(key)) {
        results.push({ index, table: s.table, kind: s.kind, status: 'skipped', rows: [], attempts: 0, elapsedMs: 0 });
        continue;
      }
      const step: Step = { phase: s.kind, table: s.table, index, idempotent: isIdempotent(s), emit: true };
      const r = await this.#exec(s.sql, step, signal);
      results.push({ index, table: s.table, kind: s.kind, status: 'succeeded', rows: r.rows, ...(r.affected === undefined ? {} : { affectedRows: r.affected }), attempts: r.attempts, elapsedMs: r.elapsedMs });
      if (lastChange.get(key) === index) {
        await this.#bookkeeping(`ALTER TABLE ${qualifiedName(catalog, schema, s.table)} SET TBLPROPERTIES (${sparkString(RUN_ID_PROPERTY)} = ${sparkString(runId)})`, s.table, signal);
        await this.#ledger([{ ...this.#row(runId, 'table_completed'), table: s.table }], signal);
      }
    }
    return results;
  }

  /** Records the failure, then restores the run's tables unless told to leave them. */
  async #afterFailure(own: LedgerRunState, e: CancelledStep | FailedStep): Promise<RunOutcome> {
    const event: LedgerEvent = e instanceof CancelledStep ? 'run_cancelled' : 'run_failed';
    const reason = e instanceof FailedStep ? redactText(String(e.reason instanceof Error ? e.reason.message : e.reason).split('\n')[0] ?? '').slice(0, 300) : 'cancelled';
    try {
      await this.#ledger([{ ...this.#row(this.ids.runId, event), table: e.step.table, detail: JSON.stringify({ statementIndex: e.step.index, reason }) }], undefined);
    } catch {
      // The restore below still runs; without the record the ledger keeps the run open (run_started, no end).
    }
    if ((this.options.onFailure ?? 'rollback') === 'leave') return 'left-incomplete';
    try {
      await this.#restore(own.tables);
      await this.#ledger([this.#row(this.ids.runId, 'run_rolled_back')], undefined);
      return 'rolled-back';
    } catch {
      return 'left-incomplete';
    }
  }

  /**
   * Restores tables to their versions before a run: RESTORE to the recorded Delta version, or
   * DROP when the table did not exist. Tables already at that version are left alone. Last
   * planned first.
   */
  async #restore(tables: readonly LedgerTableState[]): Promise<void> {
    if (tables.length === 0) return;
    const { catalog, schema } = this.ids;
    const existing = await this.#existingTables(undefined);
    for (const [k, t] of [...tables].reverse().entries()) {
      const name = qualifiedName(catalog, schema, t.table);
      const exists = existing.has(t.table.toLowerCase());
      let sql: string | undefined;
      if (t.previousVersion === null) {
        if (exists) sql = `DROP TABLE IF EXISTS ${name}`;
      } else if (!exists) {
        throw new RunStateError('rollback-failed', `Cannot restore ${catalog}.${schema}.${t.table} to version ${t.previousVersion}: the table no longer exists (UNDROP TABLE may bring it back).`);
      } else if ((await this.#latestVersion(t.table, undefined)) !== t.previousVersion) {
        sql = `RESTORE TABLE ${name} TO VERSION AS OF ${t.previousVersion}`;
      }
      if (sql !== undefined) await this.#exec(sql, { phase: 'rollback', table: t.table, index: k, idempotent: true, emit: true }, undefined);
    }
  }

  /** Each table with its current Delta version (NULL when it does not exist). */
  async #currentVersions(tables: readonly string[], signal: AbortSignal | undefined): Promise<LedgerTableState[]> {
    const existing = await this.#existingTables(signal);
    const out: LedgerTableState[] = [];
    for (const table of tables) {
      out.push({ table, previousVersion: existing.has(table.toLowerCase()) ? await this.#latestVersion(table, signal) : null, completed: false });
    }
    return out;
  }

  async #existingTables(signal: AbortSignal | undefined): Promise<Set<string>> {
    const rows = await this.#bookkeeping(`SHOW TABLES IN ${qualifiedName(this.ids.catalog, this.ids.schema)}`, 'tables', signal);
    return new Set(rows.map((r) => String((r as Record<string, unknown>).tableName ?? '').toLowerCase()));
  }

  async #latestVersion(table: string, signal: AbortSignal | undefined): Promise<number | null> {
    const rows = await this.#bookkeeping(`DESCRIBE HISTORY ${qualifiedName(this.ids.catalog, this.ids.schema, table)} LIMIT 1`, table, signal);
    const v = Number((rows[0] as Record<string, unknown> | undefined)?.version);
    return Number.isFinite(v) ? v : null;
  }

  async #openRuns(signal: AbortSignal | undefined): Promise<LedgerRunState[]> {
    const rows = await this.#bookkeeping(selectOpenRunsSql(this.ids.catalog, this.ids.schema), 'ledger', signal);
    return foldLedger(parseLedgerRows(rows)).filter((r) => r.terminal === undefined);
  }

  #row(runId: string, event: LedgerEvent): LedgerRow {
    const report = this.options.grantsChecked;
    return { runId, event, table: null, previousVersion: null, planHash: this.ids.planHash, mode: report.mode, principal: report.principal, detail: null };
  }

  async #ledger(rows: readonly LedgerRow[], signal: AbortSignal | undefined): Promise<void> {
    await this.#bookkeeping(insertLedgerSql(this.ids.catalog, this.ids.schema, rows), 'ledger', signal);
  }

  /**
   * The executor's own statements, without progress events. All are safe to resend: reads,
   * IF [NOT] EXISTS DDL, RESTORE to a fixed version, and ledger inserts (a duplicated event
   * folds to the same state).
   */
  async #bookkeeping(sql: string, table: string, signal: AbortSignal | undefined): Promise<readonly object[]> {
    return (await this.#exec(sql, { phase: 'run-state', table, index: -1, idempotent: true, emit: false }, signal)).rows;
  }

  /** Runs one statement with retries; throws {@link CancelledStep} or {@link FailedStep}. */
  async #exec(sql: string, step: Step, signal: AbortSignal | undefined): Promise<{ rows: readonly object[]; affected: number | undefined; attempts: number; elapsedMs: number }> {
    const start = performance.now();
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        this.#emit(step, 'cancelled', attempt, start);
        throw new CancelledStep(step, signal.reason);
      }
      this.#emit(step, 'started', attempt, start);
      try {
        const rows = await this.#once(sql, signal, () => this.#emit(step, 'running', attempt, start));
        const affected = affectedRows(rows);
        this.#emit(step, 'succeeded', attempt, start, { ...(affected === undefined ? {} : { rows: affected }), ...(step.phase === 'check' ? { result: rows } : {}) });
        return { rows, affected, attempts: attempt, elapsedMs: performance.now() - start };
      } catch (e) {
        if (e instanceof CancelledStep || signal?.aborted) {
          this.#emit(step, 'cancelled', attempt, start);
          throw new CancelledStep(step, e instanceof CancelledStep ? e.reason : e);
        }
        const f = classifyFailure(e);
        const retry = f.transient && (step.idempotent || f.definiteRejection) && attempt <= this.#retries;
        this.#emit(step, 'failed', attempt, start, { error: redactText(e instanceof Error ? e.message : String(e)), willRetry: retry });
        if (!retry) throw new FailedStep(step, attempt, f.sqlState, f.transient, e);
        try {
          await this.#sleep(attempt, signal);
        } catch (cancel) {
          this.#emit(step, 'cancelled', attempt, start);
          throw new CancelledStep(step, cancel);
        }
      }
    }
  }

  /** One attempt: execute, wait for the result (cancelling the operation if the signal fires), close. */
  async #once(sql: string, signal: AbortSignal | undefined, onRunning: () => void): Promise<readonly object[]> {
    const session = this.#session;
    if (!session) throw new Error('no session');
    const op = await session.executeStatement(sql);
    let cancelled = false;
    let stop: (e: unknown) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stopped.catch(() => undefined);
    const onAbort = (): void => {
      if (cancelled) return;
      cancelled = true;
      void op.cancel().then(
        () => stop(new CancelledStep({ phase: 'run-state', table: '', index: -1, idempotent: true, emit: false }, signal?.reason)),
        (err: unknown) => stop(err),
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const interval = this.options.progressIntervalMs ?? 1000;
    let lastRunning = -Infinity;
    try {
      if (signal?.aborted) onAbort();
      const fetching = op.fetchAll({
        callback: () => {
          const now = performance.now();
          if (now - lastRunning < interval) return;
          lastRunning = now;
          onRunning();
        },
      });
      fetching.catch(() => undefined);
      const rows = await Promise.race([fetching, stopped]);
      if (cancelled) throw new CancelledStep({ phase: 'run-state', table: '', index: -1, idempotent: true, emit: false }, signal?.reason);
      return rows;
    } catch (e) {
      if (cancelled) throw new CancelledStep({ phase: 'run-state', table: '', index: -1, idempotent: true, emit: false }, e instanceof CancelledStep ? e.reason : e);
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await op.close().catch(() => undefined);
    }
  }

  /** Waits before retry `attempt`; rejects when the signal aborts. */
  async #sleep(attempt: number, signal: AbortSignal | undefined): Promise<void> {
    const initial = this.options.backoff?.initialMs ?? 1000;
    const max = this.options.backoff?.maxMs ?? 30_000;
    const ms = Math.min(max, initial * 2 ** (attempt - 1));
    const sleep = this.options.sleep ?? ((t: number, s?: AbortSignal) => sleepFor(t, undefined, s ? { signal: s } : {}));
    await sleep(ms, signal);
    if (signal?.aborted) throw new Error('cancelled while waiting to retry');
  }

  #emit(step: Step, state: WarehouseProgressEvent['state'], attempt: number, start: number, extra: { rows?: number; error?: string; willRetry?: boolean; result?: readonly object[] } = {}): void {
    if (!step.emit || step.phase === 'run-state' || !this.options.onProgress) return;
    const now = performance.now();
    try {
      this.options.onProgress({
        runId: this.ids.runId,
        phase: step.phase,
        table: step.table,
        statementIndex: step.index,
        state,
        attempt,
        elapsedMs: Math.round(now - start),
        runElapsedMs: Math.round(now - this.ids.t0),
        ...extra,
      });
    } catch {
      // A failing progress callback must not break the run.
    }
  }
}

function unwrap(e: unknown): unknown {
  return e instanceof FailedStep || e instanceof CancelledStep ? e.reason : e;
}

function describeRun(r: LedgerRunState): UnfinishedRun {
  return {
    runId: r.runId,
    principal: r.principal,
    startedAt: r.startedAt,
    lastEvent: r.lastEvent,
    completedTables: r.tables.filter((t) => t.completed).map((t) => t.table),
    pendingTables: r.tables.filter((t) => !t.completed).map((t) => t.table),
  };
}

function affectedRows(rows: readonly object[]): number | undefined {
  const first = rows[0] as Record<string, unknown> | undefined;
  for (const k of ['num_inserted_rows', 'num_affected_rows']) {
    const v = first?.[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  }
  return undefined;
}

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

function validateRun(statements: readonly PlannedStatement[], options: WarehouseRunOptions): { catalog: string; schema: string; runId: string } {
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

function checkGrantReport(report: GrantReport | undefined, catalog: string, schema: string): void {
  if (typeof report !== 'object' || report === null || typeof report.satisfied !== 'boolean' || !Array.isArray(report.missing)) {
    throw new GrantsNotCheckedError('no grant report was given');
  }
  if (typeof report.catalog !== 'string' || typeof report.schema !== 'string' || report.catalog.toLowerCase() !== catalog.toLowerCase() || report.schema.toLowerCase() !== schema.toLowerCase()) {
    throw new GrantsNotCheckedError(`the grant report is for ${String(report.catalog)}.${String(report.schema)}, not ${catalog}.${schema}`);
  }
  if (!report.satisfied || report.missing.length > 0) throw new MissingPrivilegesError(report);
}
