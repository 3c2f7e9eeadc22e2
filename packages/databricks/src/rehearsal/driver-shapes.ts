/**
 * The `@databricks/sql` driver's own result and error objects (its `Status`, Thrift operation
 * states and `OperationStateError`), for sessions that stand in for a SQL warehouse: the
 * rehearsal's local Spark session answers the executor exactly as the driver would.
 */
import { createRequire } from 'node:module';
import { thrift } from '@databricks/sql';
import type OperationStateErrorClass from '@databricks/sql/dist/errors/OperationStateError';
import type { OperationStateErrorCode } from '@databricks/sql/dist/errors/OperationStateError';
import type StatusClass from '@databricks/sql/dist/dto/Status';

const require = createRequire(import.meta.url);

/**
 * The driver's `Status` (what `cancel()` and `close()` return).
 *
 * @example
 * ```ts
 * const ok = Status.success();
 * ```
 */
export const Status = (require('@databricks/sql/dist/dto/Status') as { default: typeof StatusClass }).default;
const { default: OperationStateError } = require('@databricks/sql/dist/errors/OperationStateError') as { default: typeof OperationStateErrorClass };
const { TGetOperationStatusResp, TStatus, TStatusCode, TOperationState } = thrift.TCLIService_types;

/**
 * The driver's Thrift operation states (`RUNNING_STATE`, `FINISHED_STATE`, `CANCELED_STATE`, …).
 *
 * @example
 * ```ts
 * operationStatus(TOperationState.FINISHED_STATE);
 * ```
 */
export { TOperationState };

/**
 * An operation's status as the driver's `status()` returns it; a failed one carries its SQLSTATE and message.
 *
 * @example
 * ```ts
 * operationStatus(TOperationState.ERROR_STATE, { displayMessage: 'boom', sqlState: '42000' });
 * ```
 */
export function operationStatus(operationState: number, failure?: { readonly displayMessage: string; readonly sqlState?: string | undefined }): InstanceType<typeof TGetOperationStatusResp> {
  const error = failure ? { sqlState: failure.sqlState, displayMessage: failure.displayMessage, errorMessage: failure.displayMessage } : {};
  return new TGetOperationStatusResp({ status: new TStatus({ statusCode: TStatusCode.SUCCESS_STATUS }), operationState, ...error });
}

/**
 * The errors the driver throws for a statement the server failed (operation in ERROR state, with
 * its SQLSTATE) and for a cancelled one.
 *
 * @example
 * ```ts
 * throw operationErrors.sql('[DIVIDE_BY_ZERO] Division by zero.', '22012');
 * ```
 */
export const operationErrors = {
  sql: (displayMessage: string, sqlState: string | undefined): Error => new OperationStateError('ERROR' as OperationStateErrorCode, operationStatus(TOperationState.ERROR_STATE, { displayMessage, sqlState })),
  cancelled: (): Error => new OperationStateError('CANCELED' as OperationStateErrorCode),
};
