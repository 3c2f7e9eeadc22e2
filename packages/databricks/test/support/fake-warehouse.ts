/**
 * Test support: an in-memory SQL warehouse behind the driver's session/operation interfaces
 * (`IDBSQLSession.executeStatement` → `IOperation` with `fetchAll` / `status` / `cancel` /
 * `close`, returning the driver's own `Status` and Thrift status objects and throwing the
 * driver's own error classes). It understands the statements the executor and the tests
 * send — CTAS, INSERT, ALTER, RESTORE, DROP, SHOW TABLES, DESCRIBE HISTORY and the run
 * ledger — and keeps Delta-like version histories, so tests can check what every table holds.
 * Failures, hangs and side effects are scripted per statement. Not exported from the package.
 */
import { createRequire } from 'node:module';
import type { thrift as Thrift } from '@databricks/sql';
import type RetryErrorClass from '@databricks/sql/dist/errors/RetryError';
import type StatusClass from '@databricks/sql/dist/dto/Status';
import { driverShapes } from '../../src/rehearsal/driver-shapes.js';
import type { OpenSessionRequest, WarehouseOperation, WarehouseSession, WarehouseSessionFactory } from '../../src/executor/planned-statement.js';

const require = createRequire(import.meta.url);
const { Status, TOperationState, operationStatus, operationErrors } = driverShapes();
export { Status, TOperationState, operationStatus };
const { default: RetryError } = require('@databricks/sql/dist/errors/RetryError') as { default: typeof RetryErrorClass };
const { TStatus, TStatusCode } = (require('@databricks/sql') as { thrift: typeof Thrift }).thrift.TCLIService_types;
const { THTTPException } = require('@databricks/sql/dist/connection/connections/ThriftHttpConnection') as {
  THTTPException: new (response: { status: number }) => Error & { statusCode: number };
};

/** Driver errors as the driver builds them. */
export const driverErrors = {
  /** The HTTP response to the Thrift call was not 200 (e.g. 503 from the gateway). */
  http: (status: number): Error => new THTTPException({ status }),
  /** A socket reset, as Node reports it. */
  connectionReset: (): Error => Object.assign(new Error('request to https://x/sql/1.0 failed, reason: read ECONNRESET'), { code: 'ECONNRESET', errno: -104, type: 'system' }),
  /** The driver gave up retrying. */
  retryExhausted: (): Error => new RetryError('ATTEMPTS_EXCEEDED' as never, { response: { status: 503 } }),
  /** The statement failed on the server (operation in ERROR state). */
  sql: operationErrors.sql,
  cancelled: operationErrors.cancelled,
};

/** A scripted behaviour for the statements it matches. */
export interface FakeBehavior {
  readonly match: RegExp;
  /** How many executions it applies to (default 1). */
  times?: number;
  /** Throw this at `executeStatement` (before anything ran). */
  readonly failExecute?: () => unknown;
  /**
   * The server answers `ExecuteStatement` with an error status carrying this SQLSTATE: the driver
   * throws its `StatusError` (which drops the SQLSTATE); the raw status is the session's `errorStatus()`.
   */
  readonly refuse?: { readonly message: string; readonly sqlState: string };
  /** Throw this from `fetchAll`; with `applied`, after the statement took effect (an ambiguous failure). */
  readonly failFetch?: () => unknown;
  readonly applied?: boolean;
  /** `fetchAll` never finishes until the operation is cancelled. */
  readonly hang?: boolean;
  /**
   * After `cancel()`, the server keeps running the statement for this many status polls
   * (default 0; `Infinity`: it never reports stopping).
   */
  readonly stopsAfterPolls?: number;
  /** The statement commits anyway while it is being cancelled (its effect lands when it stops). */
  readonly commitsWhileStopping?: boolean;
  /** Runs once the statement hangs (e.g. to abort the run). */
  readonly onHang?: () => void;
  /** Runs when the statement is executed (before its effect). */
  readonly before?: (warehouse: FakeWarehouse) => void;
  /** The session dies: this statement fails with a connection reset before taking effect, and so does every later one on the session. */
  readonly disconnect?: boolean;
}

/** A fault to inject at one statement boundary. */
export type FaultKind = 'fail' | 'hang' | 'disconnect';

/** A behaviour that injects `kind` at the `n`-th statement sent (1-based, counted over every session). */
export function faultAt(n: number, kind: FaultKind, onHang?: () => void): FakeBehavior {
  let seen = 0;
  const match = { test: () => (seen += 1) === n } as unknown as RegExp;
  if (kind === 'fail') return { match, failFetch: () => driverErrors.sql('[INTERNAL_ERROR] injected fault', 'XX000') };
  if (kind === 'hang') return { match, hang: true, onHang };
  return { match, disconnect: true };
}

interface FakeTable {
  /** Content label per Delta version (index = version). */
  readonly versions: string[];
  readonly props: Record<string, string>;
}

/** The in-memory warehouse. */
export class FakeWarehouse {
  readonly tables = new Map<string, FakeTable>();
  readonly ledger: Array<Record<string, unknown>> = [];
  /** Every statement sent to `executeStatement`, in order. */
  readonly executed: string[] = [];
  /** Statements whose operation was cancelled. */
  readonly cancelled: string[] = [];
  readonly sessions: OpenSessionRequest[] = [];
  /** Server status polls of cancelled operations. */
  statusPolls = 0;
  behaviors: FakeBehavior[] = [];
  openOperations = 0;
  closedSessions = 0;
  /** Fails the next `openSession` calls with these errors. */
  openFailures: Array<() => unknown> = [];
  private seq = 0;

  /** The session factory to give the executor. */
  readonly factory: WarehouseSessionFactory = async (request) => {
    const fail = this.openFailures.shift();
    if (fail) throw fail();
    this.sessions.push(request);
    return new FakeSession(this);
  };

  /** What a table holds now (its latest version's label), or undefined. */
  content(table: string): string | undefined {
    return this.tables.get(table)?.versions.at(-1);
  }

  /** Creates a table as an earlier run would have left it. */
  seed(table: string, label: string): void {
    this.tables.set(table, { versions: [label], props: { 'synthgraph.run_id': label } });
  }

  /** The plan statements (not the executor's bookkeeping) executed so far. */
  planStatements(): string[] {
    return this.executed.filter((s) => /^\s*(CREATE OR REPLACE|SELECT count\(\*\) AS violations|INSERT INTO `main`\.`synth`\.`(?!_synthgraph_runs)|ALTER TABLE \S+ ALTER COLUMN)/.test(s));
  }

  /** Ledger events as `runId:event[:table]`. */
  events(): string[] {
    return this.ledger.map((r) => [r.run_id, r.event, r.table_name].filter((x) => x !== null && x !== undefined).join(':'));
  }

  nextId(): string {
    this.seq += 1;
    return `op-${this.seq}`;
  }

  behaviorFor(sql: string): FakeBehavior | undefined {
    const b = this.behaviors.find((x) => x.match.test(sql) && (x.times ?? 1) > 0);
    if (b) b.times = (b.times ?? 1) - 1;
    return b;
  }

  /** Applies a statement and returns its result rows. */
  apply(sql: string): object[] {
    const s = sql.trim();
    let m: RegExpExecArray | null;
    if (/^CREATE SCHEMA IF NOT EXISTS/i.test(s) || /^USE SCHEMA/i.test(s)) return [];
    if (/^CREATE TABLE IF NOT EXISTS \S+`_synthgraph_runs`/i.test(s)) return [];
    if (/^INSERT INTO \S+`_synthgraph_runs`/i.test(s)) {
      const rows = parseLedgerInsert(s);
      for (const r of rows) this.ledger.push({ ...r, at: `2030-01-01 00:00:${String(this.ledger.length).padStart(2, '0')}` });
      return [{ num_affected_rows: rows.length, num_inserted_rows: rows.length }];
    }
    if ((m = /^SELECT count\(\*\) AS n FROM \S+`_synthgraph_runs` WHERE run_id = '([^']*)'$/i.exec(s))) return [{ n: this.ledger.filter((r) => r.run_id === m?.[1]).length }];
    if (/^SELECT[\s\S]*FROM \S+`_synthgraph_runs`/i.test(s)) {
      const rows = this.ledger.map((r) => ({ ...r }));
      return /ORDER BY at DESC/i.test(s) ? rows.reverse() : rows;
    }
    if (/^SHOW TABLES IN/i.test(s)) return [...this.tables.keys()].map((t) => ({ database: 'synth', tableName: t, isTemporary: false }));
    if ((m = /^DESCRIBE HISTORY (\S+) LIMIT 1$/i.exec(s))) {
      const t = this.table(m[1]);
      return [{ version: t.versions.length - 1, operation: 'CREATE OR REPLACE TABLE AS SELECT' }];
    }
    if ((m = /^RESTORE TABLE (\S+) TO VERSION AS OF (\d+)$/i.exec(s))) {
      const t = this.table(m[1]);
      const label = t.versions[Number(m[2])];
      if (label === undefined) throw driverErrors.sql(`[DELTA_CANNOT_RESTORE_TABLE_VERSION] version ${m[2]} does not exist`, '22003');
      t.versions.push(label);
      return [{ table_size_after_restore: 1 }];
    }
    if ((m = /^DROP TABLE IF EXISTS (\S+)$/i.exec(s))) {
      this.tables.delete(tableName(m[1]));
      return [];
    }
    if ((m = /^ALTER TABLE (\S+) SET TBLPROPERTIES \('synthgraph\.run_id' = '([^']*)'\)$/i.exec(s))) {
      const t = this.table(m[1]);
      t.props['synthgraph.run_id'] = m[2] ?? '';
      t.versions.push(t.versions.at(-1) ?? '');
      return [];
    }
    if ((m = /^ALTER TABLE (\S+)/i.exec(s))) {
      const t = this.table(m[1]);
      t.versions.push(t.versions.at(-1) ?? '');
      return [];
    }
    if ((m = /^CREATE OR REPLACE TABLE (\S+)/i.exec(s))) {
      const name = tableName(m[1]);
      const label = labelOf(s);
      const t = this.tables.get(name);
      if (t) t.versions.push(label);
      else this.tables.set(name, { versions: [label], props: {} });
      const n = rowsOf(s);
      return [{ num_affected_rows: n, num_inserted_rows: n }];
    }
    if ((m = /^INSERT INTO (\S+)/i.exec(s))) {
      const t = this.table(m[1]);
      t.versions.push(`${t.versions.at(-1) ?? ''}+${labelOf(s)}`);
      const n = rowsOf(s);
      return [{ num_affected_rows: n, num_inserted_rows: n }];
    }
    if ((m = /^DESCRIBE DETAIL (\S+)$/i.exec(s))) return [{ format: 'delta', name: m[1], numFiles: 1, sizeInBytes: 1000 * this.table(m[1]).versions.length }];
    // Row counts and content hashes (the engine's table statistics): the fake holds labels, not rows.
    if ((m = /^SELECT CAST\(count\(\*\) AS STRING\) AS n(?:, [\s\S]* AS h)? FROM (\S+)$/i.exec(s))) return [{ n: String(this.table(m[1]).versions.length), h: '0' }];
    if ((m = /^SELECT count\(\*\) AS n FROM (\S+)$/i.exec(s))) return [{ n: this.table(m[1]).versions.length }];
    // The canonical content hash: the first table it reads gives the rows.
    if (/^SELECT CAST\(count\(\*\) AS STRING\) AS `n`,/.test(s) && (m = /FROM (`[^`]+`\.`[^`]+`\.`[^`]+`)/.exec(s))) return [{ n: String(this.table(m[1]).versions.length), a0: '0', a1: '0', b0: '0', b1: '0' }];
    // A table's fused checks: one column `c<i>` per check, no violations.
    if (/^SELECT [\s\S]* AS `c0`/.test(s)) return [Object.fromEntries([...s.matchAll(/ AS `(c\d+)`/g)].map((x) => [x[1], 0]))];
    if (/^SELECT/i.test(s)) return [{ violations: 0 }];
    throw driverErrors.sql(`[PARSE_SYNTAX_ERROR] Syntax error at or near '${s.slice(0, 20)}'`, '42601');
  }

  private table(quoted: string | undefined): FakeTable {
    const name = tableName(quoted);
    const t = this.tables.get(name);
    if (!t) throw driverErrors.sql(`[TABLE_OR_VIEW_NOT_FOUND] The table or view ${quoted ?? ''} cannot be found.`, '42P01');
    return t;
  }
}

class FakeSession implements WarehouseSession {
  readonly id = 'session-1';
  constructor(private readonly w: FakeWarehouse) {}

  dead = false;
  #errorStatus: InstanceType<typeof TStatus> | undefined;

  errorStatus(): InstanceType<typeof TStatus> | undefined {
    return this.#errorStatus;
  }

  async executeStatement(statement: string): Promise<WarehouseOperation> {
    this.w.executed.push(statement);
    if (this.dead) throw driverErrors.connectionReset();
    const b = this.w.behaviorFor(statement);
    if (b?.failExecute) throw b.failExecute();
    if (b?.refuse) {
      this.#errorStatus = new TStatus({ statusCode: TStatusCode.ERROR_STATUS, sqlState: b.refuse.sqlState, errorMessage: b.refuse.message });
      // What the driver does with it (ThriftSessionBackend.createOperationBackend).
      Status.assert(this.#errorStatus);
    }
    this.w.openOperations += 1;
    if (b?.disconnect) this.dead = true;
    return new FakeOperation(this.w, statement, b);
  }

  async close(): Promise<StatusClass> {
    this.w.closedSessions += 1;
    return Status.success();
  }
}

/**
 * An operation behaving like `DBSQLOperation`: once cancelled, its own `status()` refuses
 * (a client-side flag), while its `backend.status()` still reports the server's state
 * (the driver's neutral `OperationStatus`).
 */
class FakeOperation implements WarehouseOperation {
  readonly id: string;
  private state: number = TOperationState.RUNNING_STATE;
  private onCancel: (() => void) | undefined;
  private cancelRequested = false;
  private pollsUntilStopped = 0;
  /** Status polls after cancel() (through the backend). */
  readonly backend = { status: async (): Promise<{ state: string }> => ({ state: this.serverStateAfterPoll() }) };

  constructor(
    private readonly w: FakeWarehouse,
    private readonly sql: string,
    private readonly behavior: FakeBehavior | undefined,
  ) {
    this.id = w.nextId();
  }

  async fetchAll(options?: Parameters<WarehouseOperation['fetchAll']>[0]): Promise<object[]> {
    const b = this.behavior;
    await Promise.resolve();
    void options?.callback?.(await this.status());
    if (b?.hang) {
      await new Promise<void>((_, reject) => {
        this.onCancel = () => reject(driverErrors.cancelled());
        b.onHang?.();
      });
    }
    if (this.cancelRequested) throw driverErrors.cancelled();
    if (b?.disconnect) throw driverErrors.connectionReset();
    b?.before?.(this.w);
    if (b?.failFetch && !b.applied) {
      this.state = TOperationState.ERROR_STATE;
      throw b.failFetch();
    }
    const rows = this.w.apply(this.sql);
    if (b?.failFetch) throw b.failFetch();
    this.state = TOperationState.FINISHED_STATE;
    return rows;
  }

  async status(): Promise<ReturnType<typeof operationStatus>> {
    if (this.cancelRequested) throw driverErrors.cancelled();
    return operationStatus(this.state);
  }

  async cancel(): Promise<StatusClass> {
    if (this.cancelRequested) return Status.success();
    this.w.cancelled.push(this.sql);
    this.cancelRequested = true;
    this.pollsUntilStopped = this.behavior?.stopsAfterPolls ?? 0;
    if (this.pollsUntilStopped === 0) this.stopOnServer();
    this.onCancel?.();
    return Status.success();
  }

  async close(): Promise<StatusClass> {
    this.w.openOperations -= 1;
    return Status.success();
  }

  private serverStateAfterPoll(): string {
    this.w.statusPolls += 1;
    if (this.state === TOperationState.RUNNING_STATE && this.cancelRequested && --this.pollsUntilStopped <= 0) this.stopOnServer();
    return this.state === TOperationState.RUNNING_STATE ? 'Running' : this.state === TOperationState.FINISHED_STATE ? 'Succeeded' : 'Cancelled';
  }

  private stopOnServer(): void {
    if (this.behavior?.commitsWhileStopping) {
      this.w.apply(this.sql);
      this.state = TOperationState.FINISHED_STATE;
    } else this.state = TOperationState.CANCELED_STATE;
  }
}

function tableName(quoted: string | undefined): string {
  const parts = (quoted ?? '').split('.');
  return (parts.at(-1) ?? '').replace(/^`|`$/g, '');
}

function labelOf(sql: string): string {
  return /'synthgraph\.run_id' = '([^']*)'/.exec(sql)?.[1] ?? /\/\* data: (\S+) \*\//.exec(sql)?.[1] ?? 'unlabelled';
}

function rowsOf(sql: string): number {
  return Number(/\/\* rows: (\d+) \*\//.exec(sql)?.[1] ?? '0');
}

const LEDGER_COLUMNS = ['run_id', 'event', 'table_name', 'previous_version', 'plan_hash', 'mode', 'principal', 'detail', 'at'] as const;

function parseLedgerInsert(sql: string): Array<Record<string, unknown>> {
  const values = sql.slice(sql.indexOf('VALUES') + 'VALUES'.length);
  const tokens = [...values.matchAll(/'((?:[^'\\]|\\.)*)'|CAST\(NULL AS BIGINT\)|CAST\((-?\d+) AS BIGINT\)|NULL|current_timestamp\(\)/g)].map((t) => {
    if (t[1] !== undefined) return t[1].replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
    if (t[2] !== undefined) return Number(t[2]);
    return null;
  });
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i + LEDGER_COLUMNS.length <= tokens.length; i += LEDGER_COLUMNS.length) {
    const row: Record<string, unknown> = {};
    LEDGER_COLUMNS.forEach((c, j) => {
      row[c] = tokens[i + j];
    });
    delete row.at;
    rows.push(row);
  }
  return rows;
}
