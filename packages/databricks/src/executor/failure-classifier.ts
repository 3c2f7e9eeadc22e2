/**
 * Which driver failures are worth retrying. Mirrors how `@databricks/sql` 2.1 classifies them
 * (`HttpRetryPolicy`, `ThriftHttpConnection`, `KernelErrorMapping`), by shape rather than by
 * class so that both backends (Thrift and kernel) and wrapped errors are recognised:
 *
 * - an HTTP status below 100, 429, or 5xx except 501 — the statuses the driver itself retries
 *   for the calls it deems safe (`THTTPException.statusCode`, kernel `kernelMetadata.httpStatus`);
 * - a network failure: `ECONNRESET`, `ECONNREFUSED`, `ETIMEDOUT`, `EHOSTUNREACH`, `ENETUNREACH`,
 *   `EPIPE`, `ENOTFOUND`, `EAI_AGAIN`, node-fetch `type: 'system' | 'body-timeout'`, or
 *   "socket hang up" / "premature close" / "Request timed out" messages. An "aborted" message
 *   alone is not one: node-fetch says "The user aborted a request" when the run's own signal
 *   stops it, and a dropped connection carries `ECONNRESET`;
 * - the driver's own `RetryError` (`ATTEMPTS_EXCEEDED`, `TIMEOUT_EXCEEDED`): it gave up on one of
 *   the above;
 * - a kernel error flagged `retryable`.
 *
 * The driver never retries `ExecuteStatement` (it cannot know whether a statement is safe to
 * run twice); the executor does, for idempotent statements. A non-idempotent statement is
 * retried only after a *definite rejection* — HTTP 429 or 503, answered before the statement
 * could start.
 */

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const RETRYABLE_MESSAGE = /socket hang up|premature close|request timed out/i;
const DRIVER_RETRY_CODES = new Set(['ATTEMPTS_EXCEEDED', 'TIMEOUT_EXCEEDED']);
const OPERATION_STATE_CODES = new Set(['CANCELED', 'CLOSED', 'ERROR', 'TIMEOUT', 'UNKNOWN']);

/**
 * What a failure means for a retry.
 *
 * @example
 * ```ts
 * const f = classifyFailure(error);
 * if (f.transient && (idempotent || f.definiteRejection)) retry();
 * ```
 */
export interface FailureClass {
  /** Worth retrying (network, throttling, temporary unavailability). */
  readonly transient: boolean;
  /** The request was refused before the statement could start (HTTP 429/503): safe to resend any statement. */
  readonly definiteRejection: boolean;
  /** The HTTP status, when the failure carries one. */
  readonly httpStatus: number | undefined;
  /** The SQLSTATE, when the server gave one. */
  readonly sqlState: string | undefined;
  /** The driver's operation state code (`ERROR`, `CANCELED`, `TIMEOUT`, …), when the failure is an operation state error. */
  readonly operationState: string | undefined;
}

/**
 * Classifies anything a driver call threw. Looks through `cause` and the driver's `RetryError`
 * payload.
 *
 * @example
 * ```ts
 * classifyFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).transient; // true
 * ```
 */
export function classifyFailure(error: unknown): FailureClass {
  const chain: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e !== null && typeof e === 'object' && !seen.has(e) && chain.length < 8) {
    seen.add(e);
    const rec = e as Record<string, unknown>;
    chain.push(rec);
    // RetryError keeps the last response (or error) as its payload.
    const payload = rec.payload as Record<string, unknown> | undefined;
    if (payload && typeof payload === 'object' && 'response' in payload) chain.push({ statusCode: (payload.response as { status?: unknown } | undefined)?.status });
    else if (payload instanceof Error) chain.push(payload as unknown as Record<string, unknown>);
    e = rec.cause;
  }

  let httpStatus: number | undefined;
  let sqlState: string | undefined;
  let operationState: string | undefined;
  let transient = false;
  for (const rec of chain) {
    const kernel = rec.kernelMetadata as { httpStatus?: unknown; retryable?: unknown } | undefined;
    const status = num(rec.statusCode) ?? num(kernel?.httpStatus) ?? (typeof rec.status === 'number' ? rec.status : undefined);
    httpStatus ??= status;
    const response = rec.response as { sqlState?: unknown } | undefined;
    sqlState ??= str(rec.sqlState) ?? str(response?.sqlState);
    const code = str(rec.errorCode);
    if (code !== undefined && OPERATION_STATE_CODES.has(code)) operationState ??= code;
    if (status !== undefined && (status < 100 || status === 429 || (status >= 500 && status !== 501))) transient = true;
    if (code !== undefined && DRIVER_RETRY_CODES.has(code)) transient = true;
    if (kernel?.retryable === true) transient = true;
    const errno = str(rec.code);
    if (errno !== undefined && RETRYABLE_NETWORK_CODES.has(errno)) transient = true;
    if (rec.type === 'system' || rec.type === 'body-timeout') transient = true;
    if (typeof rec.message === 'string' && RETRYABLE_MESSAGE.test(rec.message) && operationState === undefined) transient = true;
  }
  // A statement the server ran and failed (operation state ERROR) is not transient, whatever its text.
  if (operationState === 'ERROR' && httpStatus === undefined) transient = false;
  return { transient, definiteRejection: httpStatus === 429 || httpStatus === 503, httpStatus, sqlState, operationState };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
