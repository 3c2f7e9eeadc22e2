/**
 * A SQL warehouse session over a real local Apache Spark 4 + Delta Lake session
 * ({@link LocalSpark}), behind the driver interfaces the executor uses
 * (`IDBSQLSession.executeStatement` → `IOperation` with `fetchAll` / `status` / `cancel` /
 * `close`, the driver's own `Status`, Thrift status objects and error classes). The executor's
 * statements — plan, ledger, DESCRIBE HISTORY, RESTORE, DROP — run on real Delta tables: the
 * rehearsal target runs a Databricks run's statements here, and tests check the run-state
 * guarantees against Delta's own semantics.
 *
 * Unity Catalog's informational PRIMARY KEY / FOREIGN KEY statements (ADD CONSTRAINT … NOT
 * ENFORCED, DROP PRIMARY KEY / FOREIGN KEY, and the key's SET NOT NULL, which open-source Delta
 * refuses on a filled table) exist only on Databricks: they are recorded in `skipped` and
 * answered as an empty result.
 */
import { CancelledError } from '@synthgraph/core';
import type { LocalSpark, SparkColumn, SparkValue } from '../local-spark/index.js';
import { SparkSqlError } from '../local-spark/index.js';
import { qualifiedName, quoteIdentifier } from '../grants/unity-catalog-names.js';
import { driverShapes, type DriverShapes } from './driver-shapes.js';
import type { OpenSessionRequest, WarehouseOperation, WarehouseSession, WarehouseSessionFactory } from '../executor/planned-statement.js';

/**
 * The catalog of a local Spark session (Hive or in-memory): the session catalog.
 *
 * @example
 * ```ts
 * databricks({ catalog: SESSION_CATALOG, schema: 'synth', session: sparkWarehouse(spark).factory, grantsChecked });
 * ```
 */
export const SESSION_CATALOG = 'spark_catalog';

/** Rows per result: more than any statement of the executor or the tests returns. */
const MAX_ROWS = 100_000;

/** Spark's integral types, returned by the driver as JS numbers. */
const INTEGRAL = new Set(['tinyint', 'smallint', 'int', 'integer', 'bigint', 'long', 'byte', 'short']);

/**
 * The statements of the informational-constraint block that only Databricks runs: PRIMARY KEY /
 * FOREIGN KEY constraints added or dropped (Unity Catalog only), and `ALTER COLUMN … SET NOT
 * NULL` on a filled table (open-source Delta refuses to make a nullable column non-nullable).
 */
const UNITY_CATALOG_ONLY = /^\s*ALTER\s+TABLE\s+\S+\s+(ADD\s+CONSTRAINT\s+\S+\s+(PRIMARY|FOREIGN)\s+KEY\b|DROP\s+(PRIMARY\s+KEY|FOREIGN\s+KEY)\b|ALTER\s+COLUMN\s+\S+\s+SET\s+NOT\s+NULL\s*$)/i;

/** What {@link sparkWarehouse} returns. */
export interface SparkWarehouse {
  /** Unity Catalog-only statements that were not sent to Spark (answered as an empty result). */
  readonly skipped: string[];
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
  const skipped: string[] = [];
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
        if (UNITY_CATALOG_ONLY.test(statement)) skipped.push(statement);
        return new SparkOperation(UNITY_CATALOG_ONLY.test(statement) ? undefined : spark, statement, `${session.id}-op-${executed.length}`, cancelled);
      },
      close: async () => driverShapes().Status.success(),
    };
    return session;
  };
  return { factory, executed, skipped, cancelled, sessions };
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
  #state: number = driverShapes().TOperationState.RUNNING_STATE;
  #failure: { displayMessage: string; sqlState: string | undefined } | undefined;
  readonly #abort = new AbortController();
  readonly #result: Promise<object[]>;

  /** `spark` undefined: a statement answered without Spark (an empty result). */
  constructor(
    spark: LocalSpark | undefined,
    private readonly sql: string,
    id: string,
    private readonly cancelled: string[],
  ) {
    this.id = id;
    const run = spark ? spark.sql(sql, { collect: true, maxRows: MAX_ROWS, signal: this.#abort.signal }) : Promise.resolve({ columns: [], rows: [] });
    this.#result = run.then(
      (r) => {
        if (this.#state === driverShapes().TOperationState.CANCELED_STATE) throw driverShapes().operationErrors.cancelled();
        this.#state = driverShapes().TOperationState.FINISHED_STATE;
        return r.rows.map((row) => rowObject(r.columns, row));
      },
      (e: unknown) => {
        if (this.#state === driverShapes().TOperationState.RUNNING_STATE) {
          this.#state = e instanceof CancelledError ? driverShapes().TOperationState.CANCELED_STATE : driverShapes().TOperationState.ERROR_STATE;
          if (e instanceof SparkSqlError) this.#failure = { displayMessage: e.sparkMessage, sqlState: e.sqlState ?? undefined };
        }
        throw this.#state === driverShapes().TOperationState.CANCELED_STATE ? driverShapes().operationErrors.cancelled() : toDriverError(e);
      },
    );
    this.#result.catch(() => undefined);
  }

  async fetchAll(options?: Parameters<WarehouseOperation['fetchAll']>[0]): Promise<object[]> {
    void options?.callback?.(await this.status());
    return await this.#result;
  }

  async status(): Promise<ReturnType<DriverShapes['operationStatus']>> {
    return driverShapes().operationStatus(this.#state, this.#failure);
  }

  /** Stops the running Spark job; `fetchAll` then rejects with the driver's cancelled error. */
  async cancel(): Promise<InstanceType<DriverShapes['Status']>> {
    if (this.#state === driverShapes().TOperationState.RUNNING_STATE) {
      this.cancelled.push(this.sql);
      this.#state = driverShapes().TOperationState.CANCELED_STATE;
      this.#abort.abort(new Error('operation cancelled'));
    }
    return driverShapes().Status.success();
  }

  async close(): Promise<InstanceType<DriverShapes['Status']>> {
    if (this.#state === driverShapes().TOperationState.RUNNING_STATE) this.#abort.abort(new Error('operation closed'));
    return driverShapes().Status.success();
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
  if (e instanceof CancelledError) return driverShapes().operationErrors.cancelled();
  if (e instanceof SparkSqlError) return driverShapes().operationErrors.sql(e.sparkMessage, e.sqlState ?? undefined);
  return e;
}
