/**
 * The `@databricks/sql` driver's own result and error objects (its `Status`, Thrift operation
 * states and `OperationStateError`), for sessions that stand in for a SQL warehouse: the
 * rehearsal's local Spark session answers the executor exactly as the driver would. Loaded on
 * first use, so importing the package does not load the driver.
 */
import { createRequire } from 'node:module';
import type { thrift as Thrift } from '@databricks/sql';
import type OperationStateErrorClass from '@databricks/sql/dist/errors/OperationStateError.js';
import type { OperationStateErrorCode } from '@databricks/sql/dist/errors/OperationStateError.js';
import type StatusClass from '@databricks/sql/dist/dto/Status.js';

type Types = (typeof Thrift)['TCLIService_types'];

/** What {@link driverShapes} returns. */
export interface DriverShapes {
  /** The driver's `Status` (what `cancel()` and `close()` return). */
  readonly Status: typeof StatusClass;
  /** The driver's Thrift operation states (`RUNNING_STATE`, `FINISHED_STATE`, `CANCELED_STATE`, …). */
  readonly TOperationState: Types['TOperationState'];
  /** An operation's status as the driver's `status()` returns it; a failed one carries its SQLSTATE and message. */
  operationStatus(operationState: number, failure?: { readonly displayMessage: string; readonly sqlState?: string | undefined }): InstanceType<Types['TGetOperationStatusResp']>;
  /** The errors the driver throws for a statement the server failed (ERROR state, with its SQLSTATE) and for a cancelled one. */
  readonly operationErrors: { sql(displayMessage: string, sqlState: string | undefined): Error; cancelled(): Error };
}

let cached: DriverShapes | undefined;

/**
 * The driver's shapes, loaded once.
 *
 * @example
 * ```ts
 * const { Status, TOperationState, operationStatus } = driverShapes();
 * operationStatus(TOperationState.FINISHED_STATE);
 * ```
 */
export function driverShapes(): DriverShapes {
  if (cached) return cached;
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  const { thrift } = require('@databricks/sql') as { thrift: typeof Thrift };
  const Status = (require('@databricks/sql/dist/dto/Status') as { default: typeof StatusClass }).default;
  const { default: OperationStateError } = require('@databricks/sql/dist/errors/OperationStateError') as { default: typeof OperationStateErrorClass };
  const { TGetOperationStatusResp, TStatus, TStatusCode, TOperationState } = thrift.TCLIService_types;
  const operationStatus: DriverShapes['operationStatus'] = (operationState, failure) => {
    const error = failure ? { sqlState: failure.sqlState, displayMessage: failure.displayMessage, errorMessage: failure.displayMessage } : {};
    return new TGetOperationStatusResp({ status: new TStatus({ statusCode: TStatusCode.SUCCESS_STATUS }), operationState, ...error });
  };
  cached = {
    Status,
    TOperationState,
    operationStatus,
    operationErrors: {
      sql: (displayMessage, sqlState) => new OperationStateError('ERROR' as OperationStateErrorCode, operationStatus(TOperationState.ERROR_STATE, { displayMessage, sqlState })),
      cancelled: () => new OperationStateError('CANCELED' as OperationStateErrorCode),
    },
  };
  return cached;
}
