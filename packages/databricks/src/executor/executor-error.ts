/**
 * Errors of the SQL warehouse executor. Messages are redacted and causes are
 * {@link RedactedError}s: no token or secret can reach them.
 */
import { CancelledError, SynthgraphError, type Issue } from '@synthgraph/core';
import { redactError, redactText } from '../auth/redact.js';
import { truncateStatement } from '../local-spark/local-spark-error.js';
import type { StatementKind } from './planned-statement.js';

/**
 * Longest statement text kept on a {@link StatementFailedError}.
 *
 * @example
 * ```ts
 * error.statement.length <= MAX_ERROR_STATEMENT_CHARS + 60; // head and tail, with an omission note
 * ```
 */
export const MAX_ERROR_STATEMENT_CHARS = 1000;

/** What happened to the tables of a run that failed or was cancelled. */
export type RunOutcome =
  /** The run stopped before changing any table. */
  | 'unchanged'
  /** Every table the run had changed was restored to its version before the run (or dropped if it did not exist). */
  | 'rolled-back'
  /** The tables were left as they are (`onFailure: 'leave'`), or the rollback failed: the next run must `recover`. */
  | 'left-incomplete';

/**
 * A statement failed on the warehouse (after the retries its failure allowed). Code
 * `STATEMENT_FAILED`. Names the table, the statement (truncated) and what was done about the
 * run's other tables.
 *
 * @example
 * ```ts
 * catch (e) {
 *   if (e instanceof StatementFailedError) console.error(e.table, e.sqlState, e.outcome, e.statement);
 * }
 * ```
 */
export class StatementFailedError extends SynthgraphError {
  readonly runId: string;
  readonly table: string;
  /** Index of the statement in the list given to the executor (-1 for the executor's own bookkeeping statements). */
  readonly statementIndex: number;
  readonly kind: StatementKind | 'run-state';
  /** The statement, truncated to {@link MAX_ERROR_STATEMENT_CHARS} characters and redacted. */
  readonly statement: string;
  readonly attempts: number;
  readonly sqlState: string | undefined;
  /** Whether the last failure was of a transient kind (retries exhausted, or not allowed for a non-idempotent statement). */
  readonly transient: boolean;
  readonly outcome: RunOutcome;

  constructor(info: {
    runId: string;
    table: string;
    statementIndex: number;
    kind: StatementKind | 'run-state';
    sql: string;
    attempts: number;
    sqlState: string | undefined;
    transient: boolean;
    outcome: RunOutcome;
    cause: unknown;
  }) {
    const statement = redactText(truncateStatement(info.sql, MAX_ERROR_STATEMENT_CHARS));
    const reason = firstLine(info.cause);
    const where = info.statementIndex >= 0 ? `Statement ${info.statementIndex + 1} (${info.kind}) for table ${info.table}` : `The run-state statement for ${info.table}`;
    super(
      'STATEMENT_FAILED',
      redactText(
        `${where} failed after ${info.attempts} attempt${info.attempts === 1 ? '' : 's'}${info.sqlState ? ` [SQLSTATE ${info.sqlState}]` : ''}: ${reason}\n` +
          `${outcomeText(info.outcome, info.runId)}\n--- statement ---\n${statement}`,
      ),
      { cause: redactError(info.cause) },
    );
    this.runId = info.runId;
    this.table = info.table;
    this.statementIndex = info.statementIndex;
    this.kind = info.kind;
    this.statement = statement;
    this.attempts = info.attempts;
    this.sqlState = info.sqlState;
    this.transient = info.transient;
    this.outcome = info.outcome;
  }
}

/**
 * The run was cancelled through its `AbortSignal`: the running statement was cancelled on the
 * warehouse and no further statement was sent. Code `CANCELLED` (a
 * `CancelledError` of `@synthgraph/core`).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof WarehouseRunCancelledError) console.error(`stopped at ${e.table}; tables ${e.outcome}`); }
 * ```
 */
export class WarehouseRunCancelledError extends CancelledError {
  readonly runId: string;
  /** The table whose statement was running (or next), if any. */
  readonly table: string | undefined;
  readonly statementIndex: number | undefined;
  readonly outcome: RunOutcome;

  constructor(runId: string, table: string | undefined, statementIndex: number | undefined, outcome: RunOutcome, cause?: unknown) {
    super(
      redactText(`The warehouse run ${runId} was cancelled${table ? ` during statement ${(statementIndex ?? 0) + 1} (table ${table})` : ''}. ${outcomeText(outcome, runId)}`),
      cause === undefined ? undefined : redactError(cause),
    );
    this.runId = runId;
    this.table = table;
    this.statementIndex = statementIndex;
    this.outcome = outcome;
  }
}

/**
 * The executor was not given a passing grant report for this catalog and schema. Code
 * `MISSING_PRIVILEGES`; nothing was executed.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof GrantsNotCheckedError) console.error('run checkGrants first'); }
 * ```
 */
export class GrantsNotCheckedError extends SynthgraphError {
  constructor(reason: string) {
    super('MISSING_PRIVILEGES', `Refusing to run on the warehouse: ${redactText(reason)}. Run checkGrants (or assertGrants) for this catalog and schema first and pass its report as grantsChecked. Nothing was executed.`, {
      issues: [{ path: 'grantsChecked', message: redactText(reason), fix: 'pass the report of assertGrants({ catalog, schema, mode }, workspaceClient)' }],
    });
  }
}

/**
 * The statements or options given to the executor are invalid (bad table name, unknown kind,
 * a DROP TABLE that would make the run impossible to roll back, …). Code `INPUT_INVALID`;
 * nothing was executed.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof InvalidRunError) for (const i of e.issues) console.error(i.path, i.message); }
 * ```
 */
export class InvalidRunError extends SynthgraphError {
  constructor(issues: readonly Issue[]) {
    super('INPUT_INVALID', `The warehouse run is invalid:\n${issues.map((i) => `  - ${i.path}: ${redactText(i.message)}${i.fix ? ` — fix: ${i.fix}` : ''}`).join('\n')}`, {
      issues: issues.map((i) => ({ ...i, message: redactText(i.message) })),
    });
  }
}

/** Why the run state stopped a run. */
export type RunStateReason = 'incomplete-run' | 'concurrent-run' | 'resume-mismatch' | 'rollback-failed' | 'duplicate-run-id';

/** An unfinished run as reported by {@link RunStateError}. */
export interface UnfinishedRun {
  readonly runId: string;
  readonly principal: string | null;
  readonly startedAt: string | null;
  readonly lastEvent: string;
  readonly completedTables: readonly string[];
  readonly pendingTables: readonly string[];
}

/**
 * The schema's run ledger stops this run: an earlier run on some of the same tables did not
 * finish (`incomplete-run`: choose `recover: 'rollback'` or `'resume'`), another run started at
 * the same time (`concurrent-run`), a resume does not match the unfinished run
 * (`resume-mismatch`), restoring the tables failed (`rollback-failed`), or the run id was used
 * before (`duplicate-run-id`). Code
 * `ENGINE_FAILED`; no table of this run was changed before the error, except by a rollback.
 *
 * @example
 * ```ts
 * catch (e) {
 *   if (e instanceof RunStateError && e.reason === 'incomplete-run') await runOnWarehouse(statements, { ...options, recover: 'rollback' });
 * }
 * ```
 */
export class RunStateError extends SynthgraphError {
  readonly reason: RunStateReason;
  readonly runs: readonly UnfinishedRun[];

  constructor(reason: RunStateReason, message: string, runs: readonly UnfinishedRun[] = [], cause?: unknown) {
    const listed = runs.map(
      (r) =>
        `  - run ${r.runId}${r.principal ? ` by ${r.principal}` : ''}${r.startedAt ? ` started ${r.startedAt}` : ''} (${r.lastEvent}): ` +
        `completed [${r.completedTables.join(', ')}], not completed [${r.pendingTables.join(', ')}]`,
    );
    super('ENGINE_FAILED', redactText(`${message}${listed.length ? `\n${listed.join('\n')}` : ''}`), {
      issues: [{ path: 'recover', message: reason, fix: "recover: 'rollback' restores the tables to their versions before that run; recover: 'resume' (same runId and statements) finishes it" }],
      cause: cause === undefined ? undefined : redactError(cause),
    });
    this.reason = reason;
    this.runs = runs;
  }
}

function outcomeText(outcome: RunOutcome, runId: string): string {
  if (outcome === 'unchanged') return `No table was changed by run ${runId}.`;
  return outcome === 'rolled-back'
    ? `The tables this run had changed were restored to their previous versions (run ${runId} rolled back).`
    : `Run ${runId} is left incomplete in the schema's _synthgraph_runs ledger: the next run refuses to start until it is recovered with recover: 'rollback' (restore the previous tables) or recover: 'resume' (same runId and statements).`;
}

/**
 * The SQL warehouse could not be reached or refused the session (after the retries a transient
 * failure allows). Code `ENGINE_FAILED`; nothing was executed. The cause is redacted.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof WarehouseConnectionError) console.error(e.message); }
 * ```
 */
export class WarehouseConnectionError extends SynthgraphError {
  readonly attempts: number;

  constructor(attempts: number, cause: unknown) {
    super('ENGINE_FAILED', redactText(`Could not open a session on the SQL warehouse (${attempts} attempt${attempts === 1 ? '' : 's'}): ${firstLine(cause)}. Nothing was executed.`), {
      cause: redactError(cause),
    });
    this.attempts = attempts;
  }
}

function firstLine(e: unknown): string {
  // The driver's StatusError is not an Error, but has a message.
  const message = (e as { message?: unknown } | null | undefined)?.message;
  const m = typeof e === 'string' ? e : typeof message === 'string' && message !== '' ? message : 'unknown error';
  return redactText((m.trim().split('\n')[0] ?? '').slice(0, 500));
}
