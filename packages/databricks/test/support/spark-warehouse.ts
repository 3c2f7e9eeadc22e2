/**
 * Test support: a SQL warehouse session over a real local Apache Spark 4 + Delta Lake session
 * ({@link LocalSpark}), behind the same driver interfaces as `fake-warehouse.ts`
 * (`IDBSQLSession.executeStatement` → `IOperation` with `fetchAll` / `status` / `cancel` /
 * `close`, the driver's own `Status`, Thrift status objects and error classes). The executor's
 * statements — plan, ledger, DESCRIBE HISTORY, RESTORE, DROP — run on real Delta tables, so
 * tests check the run-state guarantees against Delta's own semantics. Not exported from the
 * package.
 */
import { CancelledError } from '@synthgraph/core';
import type { LocalSpark, SparkColumn, SparkValue } from '../../src/local-spark/index.js';
import { SparkSqlError } from '../../src/local-spark/index.js';
import { qualifiedName, quoteIdentifier } from '../../src/grants/unity-catalog-names.js';
import { driverErrors, operationStatus, Status, TOperationState } from './fake-warehouse.js';
import type { OpenSessionRequest, WarehouseOperation, WarehouseSession, WarehouseSessionFactory } from '../../src/executor/planned-statement.js';

/** The catalog of a local Spark session (Hive or in-memory): the session catalog. */
export const SESSION_CATALOG = 'spark_catalog';

/** Rows per result: more than any statement of the executor or the tests returns. */
const MAX_ROWS = 100_000;

/** Spark's integral types, returned by the driver as JS numbers. */
const INTEGRAL = new Set(['tinyint', 'smallint', 'int', 'integer', 'bigint', 'long', 'byte', 'short']);

/** What {@link sparkWarehouse} returns. */
export interface SparkWarehouse {
  /** The session factory to give the executor. */
  readonly factory: WarehouseSessionFactory;
  /** Every statement sent to `executeStatement`, in order. */
  readonly executed: string[];
  /** Statements whose operation was cancelled while it ran. */
  readonly cancelled: string[];
  /** The `openSession` requests. */
  readonly sessions: OpenSessionRequest[];
}

/**
 * A warehouse whose sessions run their statements on `spark`. Opening a session applies
 * `initialCatalog` / `initialSchema` with `USE` when the schema exists (as the executor asks for
 * `initialSchema` only when its grant report says so).
 *
 * @example
 * ```ts
 * const warehouse = sparkWarehouse(spark);
 * await runOnWarehouse(plan, { catalog: 'spark_catalog', schema: 'synth', grantsChecked: report, session: warehouse.factory });
 * ```
 */
export function sparkWarehouse(spark: LocalSpark): SparkWarehouse {
  const executed: string[] = [];
  const cancelled: string[] = [];
  const sessions: OpenSessionRequest[] = [];
  let seq = 0;
  const factory: WarehouseSessionFactory = async (request) => {
    sessions.push(request);
    await useInitialNamespace(spark, request);
    seq += 1;
    const session: WarehouseSession = {
      id: `spark-session-${seq}`,
      executeStatement: async (statement) => {
        executed.push(statement);
        return new SparkOperation(spark, statement, `${session.id}-op-${executed.length}`, cancelled);
      },
      close: async () => Status.success(),
    };
    return session;
  };
  return { factory, executed, cancelled, sessions };
}

async function useInitialNamespace(spark: LocalSpark, request: OpenSessionRequest): Promise<void> {
  const catalog = request.initialCatalog ?? SESSION_CATALOG;
  const schema = request.initialSchema;
  try {
    if (schema !== undefined) {
      const { rows } = await spark.sql(`SHOW SCHEMAS IN ${quoteIdentifier(catalog)}`, { maxRows: MAX_ROWS });
      if (rows.some((r) => String(r[0]).toLowerCase() === schema.toLowerCase())) {
        await spark.sql(`USE ${qualifiedName(catalog, schema)}`);
        return;
      }
    }
    if (catalog.toLowerCase() !== SESSION_CATALOG) await spark.sql(`SET CATALOG ${quoteIdentifier(catalog)}`);
  } catch (e) {
    throw toDriverError(e);
  }
}

/** One statement on Spark, started at once (as a warehouse starts it on ExecuteStatement). */
class SparkOperation implements WarehouseOperation {
  readonly id: string;
  #state: number = TOperationState.RUNNING_STATE;
  #failure: { displayMessage: string; sqlState: string | undefined } | undefined;
  readonly #abort = new AbortController();
  readonly #result: Promise<object[]>;

  constructor(
    spark: LocalSpark,
    private readonly sql: string,
    id: string,
    private readonly cancelled: string[],
  ) {
    this.id = id;
    this.#result = spark.sql(sql, { collect: true, maxRows: MAX_ROWS, signal: this.#abort.signal }).then(
      (r) => {
        if (this.#state === TOperationState.CANCELED_STATE) throw driverErrors.cancelled();
        this.#state = TOperationState.FINISHED_STATE;
        return r.rows.map((row) => rowObject(r.columns, row));
      },
      (e: unknown) => {
        if (this.#state === TOperationState.RUNNING_STATE) {
          this.#state = e instanceof CancelledError ? TOperationState.CANCELED_STATE : TOperationState.ERROR_STATE;
          if (e instanceof SparkSqlError) this.#failure = { displayMessage: e.sparkMessage, sqlState: e.sqlState ?? undefined };
        }
        throw this.#state === TOperationState.CANCELED_STATE ? driverErrors.cancelled() : toDriverError(e);
      },
    );
    this.#result.catch(() => undefined);
  }

  async fetchAll(options?: Parameters<WarehouseOperation['fetchAll']>[0]): Promise<object[]> {
    void options?.callback?.(await this.status());
    return await this.#result;
  }

  async status(): Promise<ReturnType<typeof operationStatus>> {
    return operationStatus(this.#state, this.#failure);
  }

  /** Stops the running Spark job; `fetchAll` then rejects with the driver's cancelled error. */
  async cancel(): Promise<InstanceType<typeof Status>> {
    if (this.#state === TOperationState.RUNNING_STATE) {
      this.cancelled.push(this.sql);
      this.#state = TOperationState.CANCELED_STATE;
      this.#abort.abort(new Error('operation cancelled'));
    }
    return Status.success();
  }

  async close(): Promise<InstanceType<typeof Status>> {
    if (this.#state === TOperationState.RUNNING_STATE) this.#abort.abort(new Error('operation closed'));
    return Status.success();
  }
}

/** A result row as the driver returns it: keyed by column name, integral values as numbers. */
function rowObject(columns: readonly SparkColumn[], row: readonly SparkValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    const v = row[i] ?? null;
    out[c.name] = v !== null && INTEGRAL.has(c.type.toLowerCase()) ? Number(v) : v;
  });
  return out;
}

/** Spark's failure as the driver reports a failed statement: an `OperationStateError` with the SQLSTATE. */
function toDriverError(e: unknown): unknown {
  if (e instanceof CancelledError) return driverErrors.cancelled();
  if (e instanceof SparkSqlError) return driverErrors.sql(e.sparkMessage, e.sqlState ?? undefined);
  return e;
}
