import { describe, expect, it } from 'vitest';
import { thrift } from '@databricks/sql';
import { driverShapes } from '../rehearsal/driver-shapes.js';
import { classifyFailure } from './failure-classifier.js';
import { ErrorStatusLog, keepSqlState } from './error-status.js';

const { TStatus, TStatusCode } = thrift.TCLIService_types;
const { Status } = driverShapes();

/** A driver whose ExecuteStatement is answered with an error status, as the Thrift backend sees it. */
const refusing = {
  executeStatement: async () => ({ status: new TStatus({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '42601', errorMessage: '[PARSE_SYNTAX_ERROR] Syntax error at or near end of input.' }) }),
  closeSession: async () => ({ status: new TStatus({ statusCode: TStatusCode.SUCCESS_STATUS }) }),
};

describe('the SQLSTATE of an error status', () => {
  it("is read back from the raw response the driver's StatusError was built from", async () => {
    const log = new ErrorStatusLog();
    const driver = log.watch(refusing);
    const thrown = await driver.executeStatement().then((r) => Status.assert(r.status)).catch((e: unknown) => e);
    expect((thrown as { name: string }).name).toBe('Status Error');
    expect(classifyFailure(thrown).sqlState).toBeUndefined();
    const kept = keepSqlState(thrown, log.last);
    expect(kept).toBe(thrown);
    expect(classifyFailure(kept).sqlState).toBe('42601');
  });

  it('is not taken from an unrelated status, and successful responses are not recorded', async () => {
    const log = new ErrorStatusLog();
    await log.watch(refusing).closeSession();
    expect(log.last).toBeUndefined();
    const other = Object.assign(Object.create(null) as object, { name: 'Status Error', message: 'another failure' });
    expect(classifyFailure(keepSqlState(other, { statusCode: 3, sqlState: '42601', errorMessage: 'a different one' })).sqlState).toBeUndefined();
  });
});
