/**
 * The local Spark session and Delta directory writer of the run loop (`--target spark`).
 */
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, InternalError, type LocalOutput, type Manifest, type RunSession, type TableFiles, type TableStatements, type TableWriter, type TableRef } from '@synthgraph/core';
import { findSinglePartitionExchanges, type LocalSpark } from '../local-spark/index.js';
import { parseTableStats, tableStatsSql } from './table-stats.js';

/**
 * The Spark warehouse directory inside a run's staging directory (removed before the commit).
 *
 * @example
 * ```ts
 * await LocalSpark.start({ warehouseDir: path.join(output.staging, WAREHOUSE_DIR) });
 * ```
 */
export const WAREHOUSE_DIR = '.spark-warehouse';

/**
 * A local Spark session for one run; closes the session only when the run started it.
 *
 * @example
 * ```ts
 * const session = new LocalSparkSession(await LocalSpark.start({ warehouseDir }), true);
 * await session.execute('CREATE TABLE t USING DELTA AS SELECT 1 AS x', 'creating t');
 * ```
 */
export class LocalSparkSession implements RunSession {
  constructor(
    /** The Spark session. */
    readonly spark: LocalSpark,
    private readonly owned: boolean,
    private readonly signal?: AbortSignal,
  ) {}

  async execute(sql: string): Promise<void> {
    await this.spark.sql(sql, { collect: false, signal: this.signal });
  }

  async query(sql: string): Promise<Record<string, unknown>[]> {
    const r = await this.spark.sql(sql, { collect: true, maxRows: 1_000, signal: this.signal });
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])));
  }

  async engineVersion(): Promise<string> {
    const v = String(Object.values((await this.query('SELECT version() AS v'))[0] ?? {})[0] ?? '');
    return `spark ${v.split(' ')[0] ?? v}`;
  }

  /** `spark-xxh64:<hex>:<rows>` (see {@link tableStatsSql}). */
  async nativeHash(t: TableStatements): Promise<string> {
    const [row] = await this.query(tableStatsSql(t.table, t.plan.columns));
    return parseTableStats(row?.['n'], row?.['h']).contentHash;
  }

  async close(): Promise<void> {
    if (this.owned) await this.spark.close();
  }
}

async function listParquet(dir: string): Promise<{ files: string[]; bytes: number }> {
  const files: string[] = [];
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  for (const f of (await readdir(dir)).sort()) {
    if (!f.endsWith('.parquet')) continue;
    files.push(f);
    bytes += (await stat(path.join(dir, f))).size;
  }
  return { files, bytes };
}

/** What {@link DeltaDirectoryWriter} verifies of each table it writes. */
export interface PartitioningCheck {
  /** The plan's rows per partition: tables estimated above it are checked for write tasks. */
  readonly rowsPerPartition: number;
  /** Fewest write tasks such a table may run in (the session's default parallelism). */
  readonly minPartitions: number;
}

/**
 * The Parquet files the last write of a Delta table added (Delta's `operationMetrics.numFiles` of
 * the newest commit that wrote files; column comments commit after it): every write task that
 * received rows writes at least one, so it bounds the write stage's tasks from below.
 *
 * @example
 * ```ts
 * await writtenFiles(session, 'delta.`/tmp/out/individuals`'); // 2
 * ```
 */
export async function writtenFiles(session: RunSession, table: string): Promise<number> {
  const history = await session.query(`DESCRIBE HISTORY ${table}`, `reading the write metrics of ${table}`);
  const metrics = (h: Readonly<Record<string, unknown>>): Record<string, unknown> => (h['operationMetrics'] ?? {}) as Record<string, unknown>;
  const write = history.find((h) => metrics(h)['numFiles'] !== undefined);
  return Number(write ? metrics(write)['numFiles'] : 0);
}

/**
 * Writes each table as a Delta directory in a local output (replace only).
 *
 * @example
 * ```ts
 * const output = await LocalOutput.open('./out', { format: 'delta', ir });
 * const writer = new DeltaDirectoryWriter(output, (e) => `delta.\`${path.join(output.staging, e)}\``, { rowsPerPartition: 1_000_000, minPartitions: 2 });
 * ```
 */
export class DeltaDirectoryWriter implements TableWriter {
  readonly format = 'delta';
  readonly previousBatches = [];

  constructor(
    private readonly output: LocalOutput,
    /** Where each table is written and read during the run. */
    readonly tableRef: TableRef,
    /**
     * Fail when a CREATE statement's physical plan has a single-partition exchange, or when a
     * table estimated above `rowsPerPartition` rows was written by fewer than `minPartitions`
     * tasks; null: no verification.
     */
    private readonly verifyPartitioning: PartitioningCheck | null,
  ) {}

  async writeTable(session: RunSession, t: TableStatements): Promise<void> {
    if (this.verifyPartitioning) {
      if (!(session instanceof LocalSparkSession)) throw new InternalError('partitioning can only be verified on a local Spark session');
      const found = findSinglePartitionExchanges(await session.spark.explain(t.select));
      if (found.length) throw new ConfigError([{ path: `entities.${t.entity}`, message: `the plan has a single-partition exchange: ${found.join('; ')}`, fix: 'partition windows and aggregates by a key' }]);
    }
    for (const sql of t.sql) await session.execute(sql, `creating table ${t.entity}`);
    const check = this.verifyPartitioning;
    if (check && (t.plan.estimatedRows ?? 0) > check.rowsPerPartition) {
      const files = await writtenFiles(session, t.table);
      if (files < check.minPartitions)
        throw new ConfigError([
          { path: `entities.${t.entity}`, message: `is estimated at ${t.plan.estimatedRows} rows but was written by ${files} task(s), fewer than the session's parallelism ${check.minPartitions}`, fix: 'partition the stage that fans out by its row estimate' },
        ]);
    }
  }

  async tableFiles(entity: string): Promise<TableFiles> {
    const { files, bytes } = await listParquet(path.join(this.output.staging, entity));
    const relative = files.map((f) => `${entity}/${f}`);
    return { files: relative, batchFiles: relative, bytes };
  }

  async commit(manifest: Manifest): Promise<void> {
    await rm(path.join(this.output.staging, WAREHOUSE_DIR), { recursive: true, force: true });
    await this.output.commit(manifest);
  }

  async discard(): Promise<void> {
    await this.output.discard();
  }
}
