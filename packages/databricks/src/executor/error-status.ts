/**
 * The SQLSTATE of a statement the warehouse refused. `@databricks/sql` turns an error `TStatus`
 * (ExecuteStatement, GetOperationStatus, FetchResults … answered with `ERROR_STATUS`) into a
 * `StatusError` that keeps the message and error code but drops `sqlState`. The raw responses
 * still carry it: {@link ErrorStatusLog} watches the driver's calls (the client's public
 * `getDriver()`) and keeps the last error status, and {@link keepSqlState} puts its SQLSTATE
 * back on the driver's error, so the failure classifier and `StatementFailedError` see it.
 */

/** The fields of a Thrift `TStatus` read here. */
export interface RawStatus {
  readonly statusCode?: number;
  readonly sqlState?: string;
  readonly errorMessage?: string;
}

/** Thrift `TStatusCode`: ERROR_STATUS, INVALID_HANDLE_STATUS. */
const ERROR_CODES = new Set([3, 4]);

/**
 * The last error status the server answered on one client.
 *
 * @example
 * ```ts
 * const log = new ErrorStatusLog();
 * class Client extends DBSQLClient { override async getDriver() { return log.watch(await super.getDriver()); } }
 * ```
 */
export class ErrorStatusLog {
  last: RawStatus | undefined;

  /** The driver, recording the status of every response that is an error. */
  watch<D extends object>(driver: D): D {
    return new Proxy(driver, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]): Promise<unknown> => {
          const response: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const status = (response as { status?: RawStatus } | null | undefined)?.status;
          if (status && ERROR_CODES.has(Number(status.statusCode))) this.last = status;
          return response;
        };
      },
    });
  }
}

/**
 * Gives a driver `StatusError` (name `Status Error`, no `sqlState`) the SQLSTATE of the raw error
 * status it was built from (same message), and returns it; any other error is returned as is.
 *
 * @example
 * ```ts
 * throw keepSqlState(e, log.last); // e.sqlState === '42P01'
 * ```
 */
export function keepSqlState(error: unknown, status: RawStatus | undefined): unknown {
  if (error === null || typeof error !== 'object' || !status?.sqlState) return error;
  const e = error as { name?: unknown; message?: unknown; sqlState?: unknown };
  if (e.name !== 'Status Error' || e.sqlState !== undefined || (status.errorMessage ?? '') !== (e.message ?? '')) return error;
  Object.defineProperty(error, 'sqlState', { value: status.sqlState, enumerable: true });
  return error;
}
