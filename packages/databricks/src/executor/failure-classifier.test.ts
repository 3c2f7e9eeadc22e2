import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure-classifier.js';
import { driverErrors } from '../../test/support/fake-warehouse.js';

describe('classifyFailure', () => {
  it.each([
    ['HTTP 503 (THTTPException)', driverErrors.http(503), { transient: true, definiteRejection: true, httpStatus: 503 }],
    ['HTTP 429', driverErrors.http(429), { transient: true, definiteRejection: true, httpStatus: 429 }],
    ['HTTP 502', driverErrors.http(502), { transient: true, definiteRejection: false, httpStatus: 502 }],
    ['HTTP 501', driverErrors.http(501), { transient: false, httpStatus: 501 }],
    ['HTTP 403', driverErrors.http(403), { transient: false, httpStatus: 403 }],
    ['ECONNRESET', driverErrors.connectionReset(), { transient: true, definiteRejection: false }],
    ['ETIMEDOUT wrapped as a cause', new Error('fetch failed', { cause: Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }) }), { transient: true }],
    ['socket hang up', new Error('socket hang up'), { transient: true }],
    ["the driver's RetryError", driverErrors.retryExhausted(), { transient: true, httpStatus: 503 }],
    ['a kernel error flagged retryable', Object.assign(new Error('unavailable'), { kernelMetadata: { retryable: true, httpStatus: 503 } }), { transient: true, httpStatus: 503 }],
    ['a SQL error', driverErrors.sql('[DIVIDE_BY_ZERO] Division by zero.', '22012'), { transient: false, sqlState: '22012', operationState: 'ERROR' }],
    ['a SQL error whose text mentions a timeout', driverErrors.sql('[X] the request timed out while reading', '58000'), { transient: false, operationState: 'ERROR' }],
    ['an aborted request without an operation state', Object.assign(new Error('The user aborted a request.'), { type: 'aborted', name: 'AbortError' }), { transient: false, operationState: undefined }],
    ['a bare "aborted" message', new Error('aborted'), { transient: false }],
    ['a connection aborted mid-response (ECONNRESET)', Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), { transient: true }],
    ['a plain error', new Error('boom'), { transient: false, definiteRejection: false, httpStatus: undefined }],
    ['a non-error', 'nope', { transient: false }],
  ])('%s', (_name, error, expected) => {
    expect(classifyFailure(error)).toMatchObject(expected);
  });
});
