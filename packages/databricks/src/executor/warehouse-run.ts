/**
 * The ledger protocol of one warehouse run, step by step: begin (recovery of earlier runs,
 * `run_started` / `run_resumed`), the plan's statements, completion, or rollback after a failure
 * or cancellation. `runOnWarehouse` and the Databricks engine's planned session both drive it.
 */
import { performance } from 'node:perf_hooks';
import { CancelledError, InternalError } from '@synthgraph/core';
import { sparkString } from '../spark/spark-dialect.js';
import { qualifiedName, quoteIdentifier } from '../grants/unity-catalog-names.js';
import { InvalidRunError, RunStateError, StatementFailedError, WarehouseRunCancelledError, type RunOutcome, type UnfinishedRun } from './executor-error.js';
import { isIdempotent, type PlannedStatement, type StatementKind } from './planned-statement.js';
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
import { checkGrantReport, hashPlan, validateRun, type StatementResult, type WarehouseRunOptions } from './warehouse-run-options.js';

/**
 * One run of planned statements on a warehouse, step by step, for a caller that drives the
 * statements itself (the Databricks engine on core's run loop): {@link WarehouseRun.open}
 * checks, opens the session and begins the run in the ledger (recovering or resuming earlier
 * runs); {@link WarehouseRun.statement} runs statement `index` of the plan (skipped when a
 * resumed run completed its table; the table is recorded completed after its last changing
 * statement); {@link WarehouseRun.complete} records `run_completed`; {@link WarehouseRun.failed}
 * records the failure, rolls the run back and returns the error to throw.
 *
 * @example
 * ```ts
 * const run = await WarehouseRun.open(statements, options);
 * try {
 *   for (const i of statements.keys()) await run.statement(i);
 *   await run.complete({ note: 'done' });
 * } catch (e) {
 *   throw await run.failed(e);
 * } finally {
 *   await run.close();
 * }
 * ```
 */
export class WarehouseRun {
  readonly #tables: readonly string[];
  readonly #lastChange = new Map<string, number>();
  readonly #runner: StatementRunner;
  #close: () => Promise<void> = async () => undefined;
  #started = false;
  #own: LedgerRunState | undefined;
  #completedBefore: ReadonlySet<string> = new Set();
  #resumed = false;
  readonly #rolledBackRuns: string[] = [];

  private constructor(
    readonly statements: readonly PlannedStatement[],
    readonly options: WarehouseRunOptions,
    readonly ids: RunIds,
  ) {
    this.#runner = new StatementRunner(options, ids);
    const seen = new Map<string, string>();
    for (const s of statements) if (!seen.has(s.table.toLowerCase())) seen.set(s.table.toLowerCase(), s.table);
    this.#tables = [...seen.values()];
    statements.forEach((s, i) => {
      if (s.kind !== 'check') this.#lastChange.set(s.table.toLowerCase(), i);
    });
  }

  /**
   * Validates the plan, checks the grant report, opens the session and begins the run (schema,
   * ledger, recovery of earlier runs, `run_started` or `run_resumed`). Nothing is sent without a
   * passing grant report.
   */
  static async open(statements: readonly PlannedStatement[], options: WarehouseRunOptions): Promise<WarehouseRun> {
    const t0 = performance.now();
    const { catalog, schema, runId } = validateRun(statements, options);
    checkGrantReport(options.grantsChecked, catalog, schema);
    if (options.signal?.aborted) throw new WarehouseRunCancelledError(runId, undefined, undefined, 'unchanged', options.signal.reason);
    const run = new WarehouseRun(statements, options, { catalog, schema, runId, planHash: hashPlan(statements), t0 });
    const report = options.grantsChecked;
    const opened = await run.#runner.openSession({ initialCatalog: catalog, ...(report.schemaExists ? { initialSchema: schema } : {}) });
    run.#runner.session = opened.session;
    run.#close = opened.close;
    try {
      await run.#begin();
    } catch (e) {
      const error = await run.failed(e);
      await run.close();
      throw error;
    }
    return run;
  }

  get runId(): string {
    return this.ids.runId;
  }

  /** Whether this run resumes an unfinished run with the same id. */
  get resumed(): boolean {
    return this.#resumed;
  }

  /** Unfinished earlier runs this run rolled back (`recover: 'rollback'`). */
  get rolledBackRuns(): readonly string[] {
    return this.#rolledBackRuns;
  }

  async #begin(): Promise<void> {
    const { catalog, schema, runId, planHash } = this.ids;
    const { signal } = this.options;
    const report = this.options.grantsChecked;
    const recover = this.options.recover ?? 'fail';
    const mine = new Set(this.#tables.map((t) => t.toLowerCase()));
    if (!report.schemaExists) {
      await this.#runner.bookkeeping(`CREATE SCHEMA IF NOT EXISTS ${qualifiedName(catalog, schema)}`, schema, signal);
      await this.#runner.bookkeeping(`USE SCHEMA ${quoteIdentifier(schema)}`, schema, signal);
    }
    await this.#runner.bookkeeping(createLedgerSql(catalog, schema), 'ledger', signal);
    if (this.options.runId !== undefined && recover !== 'resume') {
      // Run ids are unique: a reused id would make a later crash of this run look finished.
      const used = await this.#runner.bookkeeping(countRunSql(catalog, schema, runId), 'ledger', signal);
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
        this.#rolledBackRuns.push(r.runId);
      }
    }

    if (resume) {
      this.#own = resume;
      this.#started = true;
      this.#resumed = true;
      this.#completedBefore = new Set(resume.tables.filter((t) => t.completed).map((t) => t.table.toLowerCase()));
      // Tables the interrupted run had started but not completed go back to their versions before it.
      await this.#restore(resume.tables.filter((t) => !t.completed));
      await this.#ledger([this.#row(runId, 'run_resumed')], signal);
      return;
    }
    const planned = await this.#currentVersions(this.#tables, signal);
    const required = new Set((this.options.requireExisting ?? []).map((t) => t.toLowerCase()));
    const absent = planned.filter((t) => required.has(t.table.toLowerCase()) && t.previousVersion === null).map((t) => t.table);
    if (absent.length > 0) {
      throw new InvalidRunError([
        { path: 'tables', message: `${absent.join(', ')} ${absent.length === 1 ? 'does' : 'do'} not exist in ${catalog}.${schema}; an append adds to existing tables. Nothing was executed.`, fix: 'run once in replace mode first, or check the catalog and schema' },
      ]);
    }
    this.#own = { runId, planHash, mode: report.mode, principal: report.principal, startedAt: null, tables: planned, terminal: undefined, lastEvent: 'run_started' };
    await this.#ledger(
      [
        { ...this.#row(runId, 'run_started'), detail: JSON.stringify({ tables: this.#tables, statements: this.statements.length }) },
        ...planned.map((t) => ({ ...this.#row(runId, 'table_planned'), table: t.table, previousVersion: t.previousVersion })),
      ],
      signal,
    );
    this.#started = true;
    // Another run may have started on the same tables at the same moment: then neither may go on
    // blindly. Whoever sees the other after recording itself backs off.
    const others = (await this.#openRuns(signal)).filter((r) => r.runId !== runId && r.tables.some((t) => mine.has(t.table.toLowerCase())));
    if (others.length > 0) {
      await this.#ledger([this.#row(runId, 'run_aborted')], undefined);
      this.#started = false;
      throw new RunStateError('concurrent-run', `Another run started on some of the same tables in ${catalog}.${schema} at the same time; this run (${runId}) backed off before changing anything.`, others.map(describeRun));
    }
  }

  /**
   * Runs statement `index` of the plan (skipped when the resumed run completed its table);
   * records its table completed after the table's last changing statement.
   */
  async statement(index: number): Promise<StatementResult> {
    const { catalog, schema, runId } = this.ids;
    const { signal } = this.options;
    const s = this.statements[index];
    if (!s) throw new InternalError(`the plan has no statement ${index}`);
    const key = s.table.toLowerCase();
    if (s.kind !== 'check' && this.#completedBefore.has(key)) return { index, table: s.table, kind: s.kind, status: 'skipped', rows: [], attempts: 0, elapsedMs: 0 };
    const step: Step = { phase: s.kind, table: s.table, index, idempotent: isIdempotent(s), emit: true };
    const r = await this.#runner.exec(s.sql, step, signal);
    if (this.#lastChange.get(key) === index) {
      await this.#runner.bookkeeping(`ALTER TABLE ${qualifiedName(catalog, schema, s.table)} SET TBLPROPERTIES (${sparkString(RUN_ID_PROPERTY)} = ${sparkString(runId)})`, s.table, signal);
      await this.#ledger([{ ...this.#row(runId, 'table_completed'), table: s.table }], signal);
    }
    return { index, table: s.table, kind: s.kind, status: 'succeeded', rows: r.rows, ...(r.affected === undefined ? {} : { affectedRows: r.affected }), attempts: r.attempts, elapsedMs: r.elapsedMs };
  }

  /**
   * Records `run_completed` with `detail` (once every statement succeeded), then drops the
   * `dropAfterCompletion` tables; returns those that could not be dropped.
   */
  async complete(detail: Record<string, unknown> | undefined): Promise<string[]> {
    const { catalog, schema, runId } = this.ids;
    await this.#ledger([{ ...this.#row(runId, 'run_completed'), detail: detail === undefined ? null : JSON.stringify(detail) }], this.options.signal);
    this.#started = false;
    const leftOver: string[] = [];
    for (const t of this.options.dropAfterCompletion ?? []) {
      try {
        await this.#runner.bookkeeping(`DROP TABLE IF EXISTS ${qualifiedName(catalog, schema, t)}`, t, undefined);
      } catch {
        leftOver.push(t);
      }
    }
    return leftOver;
  }

  /**
   * After `e` stopped the run: records the failure or cancellation and restores the run's tables
   * (unless told to leave them); returns the error to throw — a {@link StatementFailedError} or
   * {@link WarehouseRunCancelledError} saying whether the tables were rolled back, else `e`.
   */
  async failed(e: unknown): Promise<unknown> {
    const { runId } = this.ids;
    const cancelled = e instanceof CancelledStep || (e instanceof CancelledError && !(e instanceof WarehouseRunCancelledError));
    const step = e instanceof CancelledStep || e instanceof FailedStep ? e.step : undefined;
    let outcome: RunOutcome = 'unchanged';
    if (this.#started && this.#own) {
      this.#started = false;
      outcome = await this.#afterFailure(this.#own, { cancelled, step, reason: e, stopConfirmed: !(e instanceof CancelledStep) || e.stopConfirmed });
    }
    if (e instanceof CancelledStep) return new WarehouseRunCancelledError(runId, e.step.emit ? e.step.table : undefined, e.step.emit ? e.step.index : undefined, outcome, e.reason);
    if (cancelled) return new WarehouseRunCancelledError(runId, undefined, undefined, outcome, (e as CancelledError).cause ?? e);
    if (!(e instanceof FailedStep)) return e;
    const internal = e.step.phase === 'run-state' || e.step.phase === 'rollback';
    return new StatementFailedError({
      runId,
      table: e.step.table,
      statementIndex: e.step.phase === 'run-state' ? -1 : e.step.index,
      kind: internal ? 'run-state' : (e.step.phase as StatementKind),
      sql: internal ? `(${e.step.phase} statement for ${e.step.table})` : (this.statements[e.step.index]?.sql ?? ''),
      attempts: e.attempts,
      sqlState: e.sqlState,
      transient: e.transient,
      outcome,
      cause: e.reason,
    });
  }

  /** Closes the session (once). */
  async close(): Promise<void> {
    const close = this.#close;
    this.#close = async () => undefined;
    await close().catch(() => undefined);
  }

  /** Records the failure, then restores the run's tables unless told to leave them. */
  async #afterFailure(own: LedgerRunState, f: { cancelled: boolean; step: Step | undefined; reason: unknown; stopConfirmed: boolean }): Promise<RunOutcome> {
    const event: LedgerEvent = f.cancelled ? 'run_cancelled' : 'run_failed';
    const cause = unwrap(f.reason);
    const reason = f.cancelled ? 'cancelled' : redactText(String(cause instanceof Error ? cause.message : cause).split('\n')[0] ?? '').slice(0, 300);
    try {
      await this.#ledger([{ ...this.#row(this.ids.runId, event), table: f.step?.table ?? null, detail: JSON.stringify({ statementIndex: f.step?.index ?? -1, reason }) }], undefined);
    } catch {
      // The restore below still runs; without the record the ledger keeps the run open (run_started, no end).
    }
    if ((this.options.onFailure ?? 'rollback') === 'leave') return 'left-incomplete';
    // A cancelled statement not seen to stop may still commit after a RESTORE: leave the run open
    // (its ledger has no terminal event) for the next run to roll back or resume.
    if (!f.stopConfirmed) return 'left-incomplete';
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
      if (sql !== undefined) await this.#runner.exec(sql, { phase: 'rollback', table: t.table, index: k, idempotent: true, emit: true }, undefined);
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
    const rows = await this.#runner.bookkeeping(`SHOW TABLES IN ${qualifiedName(this.ids.catalog, this.ids.schema)}`, 'tables', signal);
    return new Set(rows.map((r) => String((r as Record<string, unknown>).tableName ?? '').toLowerCase()));
  }

  async #latestVersion(table: string, signal: AbortSignal | undefined): Promise<number | null> {
    const rows = await this.#runner.bookkeeping(`DESCRIBE HISTORY ${qualifiedName(this.ids.catalog, this.ids.schema, table)} LIMIT 1`, table, signal);
    const v = Number((rows[0] as Record<string, unknown> | undefined)?.version);
    return Number.isFinite(v) ? v : null;
  }

  async #openRuns(signal: AbortSignal | undefined): Promise<LedgerRunState[]> {
    const rows = await this.#runner.bookkeeping(selectOpenRunsSql(this.ids.catalog, this.ids.schema), 'ledger', signal);
    return foldLedger(parseLedgerRows(rows)).filter((r) => r.terminal === undefined);
  }

  #row(runId: string, event: LedgerEvent): LedgerRow {
    const report = this.options.grantsChecked;
    return { runId, event, table: null, previousVersion: null, planHash: this.ids.planHash, mode: report.mode, principal: report.principal, detail: null };
  }

  async #ledger(rows: readonly LedgerRow[], signal: AbortSignal | undefined): Promise<void> {
    await this.#runner.bookkeeping(insertLedgerSql(this.ids.catalog, this.ids.schema, rows), 'ledger', signal);
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
