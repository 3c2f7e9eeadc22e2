/**
 * The DuckDB session of the run loop: an embedded database (in memory, or the `.duckdb` file
 * of the output) that runs statements, is interrupted on cancellation, and names the failing
 * statement in its errors.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CancelledError, SynthgraphError, type RunSession, type TableStatements } from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';

/**
 * A failure inside DuckDB while running a statement.
 *
 * @example
 * ```ts
 * try { await generate(scenario, duckdb({ out })); } catch (e) { if (e instanceof DuckdbEngineError) console.error(e.message); }
 * ```
 */
export class DuckdbEngineError extends SynthgraphError {
  constructor(message: string, cause?: unknown) {
    super('ENGINE_FAILED', message, { cause });
  }
}

/**
 * Settings of a {@link DuckdbSession}.
 *
 * @example
 * ```ts
 * const settings: DuckdbSessionOptions = { path: ':memory:', tempDirectory: '/tmp/spill', threads: 2 };
 * ```
 */
export interface DuckdbSessionOptions {
  /** Database file, or `:memory:`. */
  readonly path: string;
  /** Where DuckDB spills when over the memory limit. */
  readonly tempDirectory: string;
  readonly threads?: number;
  readonly memoryLimit?: string;
  readonly signal?: AbortSignal;
}

const CANCELLED = 'The run was cancelled; nothing was written.';
const s = (text: string): string => duckdbDialect.stringLiteral(text);

/**
 * An open DuckDB database for one run.
 *
 * @example
 * ```ts
 * const session = await DuckdbSession.open({ path: ':memory:', tempDirectory: '/tmp/spill' });
 * await session.execute('CREATE TABLE t AS SELECT 1 AS x', 'creating t');
 * await session.close();
 * ```
 */
export class DuckdbSession implements RunSession {
  private readonly onAbort = (): void => this.conn.interrupt();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort);
  }

  /** Opens the database and applies the settings. */
  static async open(o: DuckdbSessionOptions): Promise<DuckdbSession> {
    const instance = await DuckDBInstance.create(o.path);
    const session = new DuckdbSession(instance, await instance.connect(), o.signal);
    try {
      await session.execute(`SET temp_directory = ${s(o.tempDirectory)}`, 'configuring');
      await session.execute('SET preserve_insertion_order = false', 'configuring');
      // Timestamps are UTC: the machine's zone must not shift values read back from the files.
      await session.execute("SET TimeZone = 'UTC'", 'configuring');
      if (o.threads) await session.execute(`SET threads = ${o.threads}`, 'configuring');
      if (o.memoryLimit) await session.execute(`SET memory_limit = ${s(o.memoryLimit)}`, 'configuring');
    } catch (e) {
      await session.close();
      throw e;
    }
    return session;
  }

  private async guarded<T>(sql: string, what: string, run: () => Promise<T>): Promise<T> {
    if (this.signal?.aborted) throw new CancelledError(CANCELLED);
    try {
      return await run();
    } catch (e) {
      if (this.signal?.aborted) throw new CancelledError(CANCELLED, e);
      throw new DuckdbEngineError(`DuckDB failed while ${what}: ${(e as Error).message}\n--- statement (first 2000 characters) ---\n${sql.slice(0, 2000)}`, e);
    }
  }

  async execute(sql: string, what: string): Promise<void> {
    await this.guarded(sql, what, () => this.conn.run(sql));
  }

  async query(sql: string, what: string): Promise<Record<string, unknown>[]> {
    return this.guarded(sql, what, async () => (await this.conn.runAndReadAll(sql)).getRowObjects());
  }

  async engineVersion(): Promise<string> {
    return `duckdb ${String(Object.values((await this.query('SELECT version() AS v', 'reading the version'))[0] ?? {})[0] ?? '')}`;
  }

  /** `duckdb-xxh:<hex>:<rows>`: DuckDB's own row hashes summed modulo 2^64. */
  async nativeHash(t: TableStatements, rows: number): Promise<string> {
    const [row] = await this.query(`SELECT coalesce(sum(hash(x)), 0) % 18446744073709551616 AS h FROM ${t.table} x`, `hashing ${t.entity}`);
    return `duckdb-xxh:${BigInt(String(row?.['h'] ?? 0)).toString(16).padStart(16, '0')}:${rows}`;
  }

  async close(): Promise<void> {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
