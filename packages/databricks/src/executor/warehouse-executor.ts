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
import type { PlannedStatement } from './planned-statement.js';
import { checkGrantReport, hashPlan, validateRun, type StatementResult, type WarehouseRunOptions, type WarehouseRunResult } from './warehouse-run-options.js';
import { WarehouseRun } from './warehouse-run.js';

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
  if (Array.isArray(statements) && statements.length === 0) {
    const { runId } = validateRun(statements, options);
    checkGrantReport(options.grantsChecked, options.catalog, options.schema);
    return { runId, planHash: hashPlan(statements), resumed: false, rolledBackRuns: [], statements: [], elapsedMs: performance.now() - t0, leftOver: [] };
  }
  const run = await WarehouseRun.open(statements, options);
  try {
    const results: StatementResult[] = [];
    for (const index of statements.keys()) results.push(await run.statement(index));
    const leftOver = await run.complete(options.completionDetail?.(results));
    return { runId: run.runId, planHash: run.ids.planHash, resumed: run.resumed, rolledBackRuns: run.rolledBackRuns, statements: results, elapsedMs: performance.now() - t0, leftOver };
  } catch (e) {
    throw await run.failed(e);
  } finally {
    await run.close();
  }
}
