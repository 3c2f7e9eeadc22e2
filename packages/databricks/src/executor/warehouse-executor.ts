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
import { performance } from 'node:perf_hooks';
import { sparkString } from '../spark/spark-dialect.js';
import { qualifiedName, quoteIdentifier } from '../grants/unity-catalog-names.js';
import { InvalidRunError, RunStateError, StatementFailedError, WarehouseRunCancelledError, type RunOutcome, type UnfinishedRun } from './executor-error.js';
import { isIdempotent, type OpenSessionRequest, type PlannedStatement, type WarehouseSession } from './planned-statement.js';
import { redactText } from '../auth/redact.js';
import {
  countRunSql,
  createLedgerSql,
  foldLedger,
  insertLedgerSql,
  parseLedgerRows,
  RUN_ID_PROPERTY,
  selectOpenRunsSql,
  type LedgerEvent,
  type LedgerRow,
  type LedgerRunState,
  type LedgerTableState,
} from './run-ledger.js';
import { CancelledStep, FailedStep, StatementRunner, unwrap, type RunIds, type Step } from './statement-runner.js';
import { checkGrantReport, hashPlan, validateRun, type StatementResult, type WarehouseRunOptions, type WarehouseRunResult } from './warehouse-run-options.js';

export { hashPlan, type RecoverMode, type StatementResult, type WarehousePhase, type WarehouseProgressEvent, type WarehouseRunOptions, type WarehouseRunResult } from './warehouse-run-options.js';

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
  const opened = await run.runner.openSession(request);
  try {
    return await run.execute(opened.session);
  } finally {
    await opened.close().catch(() => undefined);
  }
}

/** One run's ledger protocol: recovery of earlier runs, the statements, completion or rollback. */
class WarehouseRun {
  readonly #tables: readonly string[];
  /** Runs statements on the session, with retries and progress events. */
  readonly runner: StatementRunner;

  constructor(
    readonly statements: readonly PlannedStatement[],
    readonly options: WarehouseRunOptions,
    readonly ids: RunIds,
  ) {
    this.runner = new StatementRunner(options, ids);
    const seen = new Map<string, string>();
    for (const s of statements) if (!seen.has(s.table.toLowerCase())) seen.set(s.table.toLowerCase(), s.table);
    this.#tables = [...seen.values()];
  }

  async execute(session: WarehouseSession): Promise<WarehouseRunResult> {
    this.runner.session = session;
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
        await this.runner.bookkeeping(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`, schema, signal);
        await this.runner.bookkeeping(`USE SCHEMA ${quoteIdentifier(schema)}`, schema, signal);
      }
      await this.runner.bookkeeping(createLedgerSql(catalog, schema), 'ledger', signal);
      if (this.options.runId !== undefined && recover !== 'resume') {
        // Run ids are unique: a reused id would make a later crash of this run look finished.
        const used = await this.runner.bookkeeping(countRunSql(catalog, schema, runId), 'ledger', signal);
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
      await this.#ledger([{ ...this.#row(runId, 'run_completed'), detail: detail === undefined ? null : JSON.stringify(detail) }], signal);
      const leftOver: string[] = [];
      for (const t of this.options.dropAfterCompletion ?? []) {
        try {
          await this.runner.bookkeeping(`DROP TABLE IF EXISTS ${qualifiedName(catalog, schema, t)}`, t, undefined);
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
      const r = await this.runner.exec(s.sql, step, signal);
      results.push({ index, table: s.table, kind: s.kind, status: 'succeeded', rows: r.rows, ...(r.affected === undefined ? {} : { affectedRows: r.affected }), attempts: r.attempts, elapsedMs: r.elapsedMs });
      if (lastChange.get(key) === index) {
        await this.runner.bookkeeping(`ALTER TABLE ${qualifiedName(catalog, schema, s.table)} SET TBLPROPERTIES (${sparkString(RUN_ID_PROPERTY)} = ${sparkString(runId)})`, s.table, signal);
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
    // A cancelled statement not seen to stop may still commit after a RESTORE: leave the run open
    // (its ledger has no terminal event) for the next run to roll back or resume.
    if (e instanceof CancelledStep && !e.stopConfirmed) return 'left-incomplete';
    try {
      // #restore re-reads each table's version just before its RESTORE.
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
      if (sql !== undefined) await this.runner.exec(sql, { phase: 'rollback', table: t.table, index: k, idempotent: true, emit: true }, undefined);
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
    const rows = await this.runner.bookkeeping(`SHOW TABLES IN ${qualifiedName(this.ids.catalog, this.ids.schema)}`, 'tables', signal);
    return new Set(rows.map((r) => String((r as Record<string, unknown>).tableName ?? '').toLowerCase()));
  }

  async #latestVersion(table: string, signal: AbortSignal | undefined): Promise<number | null> {
    const rows = await this.runner.bookkeeping(`DESCRIBE HISTORY ${qualifiedName(this.ids.catalog, this.ids.schema, table)} LIMIT 1`, table, signal);
    const v = Number((rows[0] as Record<string, unknown> | undefined)?.version);
    return Number.isFinite(v) ? v : null;
  }

  async #openRuns(signal: AbortSignal | undefined): Promise<LedgerRunState[]> {
    const rows = await this.runner.bookkeeping(selectOpenRunsSql(this.ids.catalog, this.ids.schema), 'ledger', signal);
    return foldLedger(parseLedgerRows(rows)).filter((r) => r.terminal === undefined);
  }

  #row(runId: string, event: LedgerEvent): LedgerRow {
    const report = this.options.grantsChecked;
    return { runId, event, table: null, previousVersion: null, planHash: this.ids.planHash, mode: report.mode, principal: report.principal, detail: null };
  }

  async #ledger(rows: readonly LedgerRow[], signal: AbortSignal | undefined): Promise<void> {
    await this.runner.bookkeeping(insertLedgerSql(this.ids.catalog, this.ids.schema, rows), 'ledger', signal);
  }


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
