/**
 * Execution on a Databricks SQL warehouse through `@databricks/sql`: grant-gated, ordered,
 * cancellable, retried on transient failures, with a run ledger that lets a failed or
 * interrupted run be rolled back or resumed (see docs/databricks.md).
 */
export {
  runOnWarehouse,
  hashPlan,
  type WarehouseRunOptions,
  type WarehouseRunResult,
  type WarehouseProgressEvent,
  type WarehousePhase,
  type StatementResult,
  type RecoverMode,
} from './warehouse-executor.js';
export type {
  PlannedStatement,
  StatementKind,
  WarehouseSession,
  WarehouseOperation,
  WarehouseSessionFactory,
  OpenSessionRequest,
  DriverSession,
  DriverOperation,
  ExecuteStatementOptions,
} from './planned-statement.js';
export {
  StatementFailedError,
  WarehouseRunCancelledError,
  GrantsNotCheckedError,
  InvalidRunError,
  RunStateError,
  WarehouseConnectionError,
  MAX_ERROR_STATEMENT_CHARS,
  type RunOutcome,
  type RunStateReason,
  type UnfinishedRun,
} from './executor-error.js';
export { classifyFailure, type FailureClass } from './failure-classifier.js';
export {
  LEDGER_TABLE,
  RUN_ID_PROPERTY,
  TERMINAL_EVENTS,
  createLedgerSql,
  countRunSql,
  insertLedgerSql,
  selectOpenRunsSql,
  parseLedgerRows,
  foldLedger,
  type LedgerEvent,
  type LedgerRow,
  type LedgerRunState,
  type LedgerTableState,
} from './run-ledger.js';
