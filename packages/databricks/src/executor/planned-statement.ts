/**
 * What the executor runs, and the driver interfaces it runs it through.
 */
import type { DBSQLClient } from '@databricks/sql';
import type { RawStatus } from './error-status.js';

/** `create`: creates or fills a table (CTAS, INSERT); `meta`: annotates it (comments, constraints); `check`: a read-only query (violation counts). */
export type StatementKind = 'create' | 'check' | 'meta';

/**
 * One statement of a plan, for one table.
 *
 * @example
 * ```ts
 * const s: PlannedStatement = {
 *   table: 'households',
 *   kind: 'create',
 *   sql: 'CREATE OR REPLACE TABLE `main`.`synth`.`households` AS SELECT …',
 * };
 * ```
 */
export interface PlannedStatement {
  /** The table the statement creates, annotates or checks: its bare name in the target schema (not quoted). */
  readonly table: string;
  readonly kind: StatementKind;
  readonly sql: string;
  /**
   * Whether running it twice gives the same result. Default: true for `check` statements and
   * for `CREATE OR REPLACE …`, false otherwise. Only idempotent statements are retried after an
   * ambiguous failure (a connection reset once the statement may have started).
   */
  readonly idempotent?: boolean;
}

/** The `@databricks/sql` session (`IDBSQLSession`). */
export type DriverSession = Awaited<ReturnType<DBSQLClient['openSession']>>;
/** The `@databricks/sql` operation (`IOperation`). */
export type DriverOperation = Awaited<ReturnType<DriverSession['executeStatement']>>;
/** `DBSQLClient.openSession`'s request (`initialCatalog`, `initialSchema`, …). */
export type OpenSessionRequest = NonNullable<Parameters<DBSQLClient['openSession']>[0]>;
/** `IDBSQLSession.executeStatement`'s options. */
export type ExecuteStatementOptions = NonNullable<Parameters<DriverSession['executeStatement']>[1]>;

/**
 * The part of the driver's `IOperation` the executor uses. A real `DBSQLOperation` is one.
 *
 * @example
 * ```ts
 * const op: WarehouseOperation = await session.executeStatement('SELECT 1');
 * ```
 */
export type WarehouseOperation = Pick<DriverOperation, 'id' | 'fetchAll' | 'status' | 'cancel' | 'close'>;

/**
 * The part of the driver's `IDBSQLSession` the executor uses. A real `DBSQLSession` is one.
 *
 * @example
 * ```ts
 * const session: WarehouseSession = await new DBSQLClient().connect(options).then((c) => c.openSession());
 * ```
 */
export interface WarehouseSession {
  readonly id: string;
  executeStatement(statement: string, options?: ExecuteStatementOptions): Promise<WarehouseOperation>;
  close: DriverSession['close'];
  /**
   * The raw Thrift status of the last call the server answered with an error: the driver's
   * `StatusError` drops its SQLSTATE, which the executor reads back from here. Sessions the
   * executor opens from `connection` provide it; a factory's sessions may.
   */
  errorStatus?(): RawStatus | undefined;
}

/**
 * Opens a session with the request the executor passes (`initialCatalog`, `initialSchema`).
 *
 * @example
 * ```ts
 * const factory: WarehouseSessionFactory = async (request) => (await client.connect(opts)).openSession(request);
 * ```
 */
export type WarehouseSessionFactory = (request: OpenSessionRequest) => Promise<WarehouseSession>;

/** Whether a statement may be sent again after an ambiguous failure. */
export function isIdempotent(s: PlannedStatement): boolean {
  if (s.idempotent !== undefined) return s.idempotent;
  return s.kind === 'check' || /^\s*CREATE\s+OR\s+REPLACE\s/i.test(s.sql);
}
