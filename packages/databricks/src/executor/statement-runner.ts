/**
 * Runs single statements on an open warehouse session: retries of transient failures with
 * bounded exponential backoff (idempotent statements always, others only after a definite
 * rejection, see `failure-classifier.ts`), cancellation of the running operation when the
 * signal fires, and progress events per statement.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { CancelledError, InternalError, SynthgraphError } from '@synthgraph/core';
import type { SqlConnectOptions } from '../auth/databricks-connection.js';
import { redactText } from '../auth/redact.js';
import { WarehouseConnectionError, WarehouseRunCancelledError } from './executor-error.js';
import { keepSqlState, ErrorStatusLog } from './error-status.js';
import { classifyFailure } from './failure-classifier.js';
import { waitUntilStopped } from './operation-stop.js';
import type { OpenSessionRequest, WarehouseSession } from './planned-statement.js';
import type { WarehousePhase, WarehouseProgressEvent, WarehouseRunOptions } from './warehouse-run-options.js';

const DEFAULT_RETRIES = 3;
const MAX_RETRIES = 10;

/** Stops a statement because the run was cancelled (caught by the run, never thrown to callers). */
export class CancelledStep extends SynthgraphError {
  constructor(
    readonly step: Step,
    readonly reason?: unknown,
    /** False when the cancelled statement was not seen to stop on the server within the bound: it may still take effect. */
    readonly stopConfirmed = true,
  ) {
    super('CANCELLED', 'cancelled');
  }
}

/** A statement failed for good (caught by the run, never thrown to callers). */
export class FailedStep extends SynthgraphError {
  constructor(
    readonly step: Step,
    readonly attempts: number,
    readonly sqlState: string | undefined,
    readonly transient: boolean,
    readonly reason: unknown,
  ) {
    super('STATEMENT_FAILED', 'failed');
  }
}

/** A statement being run: of the plan, a restore step, or the executor's own bookkeeping (`run-state`). */
export interface Step {
  readonly phase: WarehousePhase | 'run-state';
  readonly table: string;
  readonly index: number;
  readonly idempotent: boolean;
  /** Report progress for it (statements of the plan and restore steps; not the ledger's own). */
  readonly emit: boolean;
}

/** The identity of a run. */
export interface RunIds {
  readonly catalog: string;
  readonly schema: string;
  readonly runId: string;
  readonly planHash: string;
  readonly t0: number;
}

/**
 * The statement runner of one run.
 *
 * @example
 * ```ts
 * const runner = new StatementRunner(options, ids);
 * const opened = await runner.openSession({ initialCatalog: 'main' });
 * runner.session = opened.session;
 * const rows = await runner.bookkeeping('SHOW TABLES IN `main`.`synth`', 'tables', signal);
 * ```
 */
export class StatementRunner {
  /** The open session statements run on. */
  session: WarehouseSession | undefined;
  readonly #retries: number;

  constructor(
    readonly options: WarehouseRunOptions,
    readonly ids: RunIds,
  ) {
    this.#retries = Math.min(MAX_RETRIES, Math.max(0, Math.floor(options.retries ?? DEFAULT_RETRIES)));
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
        const errors = new ErrorStatusLog();
        // The driver's own extension point (IClientContext.getDriver): its calls are watched for error statuses.
        const Client = class extends DBSQLClient {
          override async getDriver(): Promise<Awaited<ReturnType<InstanceType<typeof DBSQLClient>['getDriver']>>> {
            return errors.watch(await super.getDriver());
          }
        };
        const client = new Client({ logger: { log: (level, message) => log?.(level, redactText(message)) } });
        try {
          await client.connect(connection as SqlConnectOptions);
          const driverSession = await client.openSession(request);
          const session: WarehouseSession = {
            id: driverSession.id,
            executeStatement: (statement, options) => driverSession.executeStatement(statement, options),
            close: () => driverSession.close(),
            errorStatus: () => errors.last,
          };
          return {
            session,
            close: async () => {
              await driverSession.close().catch(() => undefined);
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

  /**
   * The executor's own statements, without progress events. All are safe to resend: reads,
   * IF [NOT] EXISTS DDL, RESTORE to a fixed version, and ledger inserts (a duplicated event
   * folds to the same state).
   */
  async bookkeeping(sql: string, table: string, signal: AbortSignal | undefined): Promise<readonly object[]> {
    return (await this.exec(sql, { phase: 'run-state', table, index: -1, idempotent: true, emit: false }, signal)).rows;
  }

  /** Runs one statement with retries; throws {@link CancelledStep} or {@link FailedStep}. */
  async exec(sql: string, step: Step, signal: AbortSignal | undefined): Promise<{ rows: readonly object[]; affected: number | undefined; attempts: number; elapsedMs: number }> {
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
      } catch (thrown) {
        const e = keepSqlState(thrown, this.session?.errorStatus?.());
        if (e instanceof CancelledStep || signal?.aborted) {
          this.#emit(step, 'cancelled', attempt, start);
          throw new CancelledStep(step, e instanceof CancelledStep ? e.reason : e, e instanceof CancelledStep ? e.stopConfirmed : true);
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
    const session = this.session;
    if (!session) throw new InternalError('a statement was run before the warehouse session was opened');
    const op = await session.executeStatement(sql);
    const stub: Step = { phase: 'run-state', table: '', index: -1, idempotent: true, emit: false };
    let stop: (e: unknown) => void = () => undefined;
    const stoppedEarly = new Promise<never>((_, reject) => {
      stop = reject;
    });
    stoppedEarly.catch(() => undefined);
    // Set once the signal fires: resolves when the operation is seen stopped on the server (true)
    // or the wait's bound passed (false). Nothing is rolled back before it settles.
    let stopping: Promise<boolean> | undefined;
    const cancelled = async (reason: unknown): Promise<CancelledStep> => new CancelledStep(stub, reason, await (stopping as Promise<boolean>));
    const onAbort = (): void => {
      if (stopping) return;
      const wait = this.options.cancelWait;
      const sleep = this.options.sleep;
      stopping = op.cancel().then(
        () => waitUntilStopped(op, { ...wait, ...(sleep ? { sleep: (ms: number) => sleep(ms) } : {}) }),
        () => false,
      );
      void stopping.then((confirmed) => stop(new CancelledStep(stub, signal?.reason, confirmed)));
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
      const rows = await Promise.race([fetching, stoppedEarly]);
      if (stopping) throw await cancelled(signal?.reason);
      return rows;
    } catch (e) {
      if (stopping) throw e instanceof CancelledStep ? e : await cancelled(e);
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
    if (signal?.aborted) throw new CancelledError('cancelled while waiting to retry');
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

export function unwrap(e: unknown): unknown {
  return e instanceof FailedStep || e instanceof CancelledStep ? e.reason : e;
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
