/**
 * The DuckDB table writer: each table of a batch as one Parquet file (ZSTD by default, timestamps
 * as UTC instants), as CSV (through Parquet, so checks read typed data; arrays and maps as JSON),
 * or as a table of one `.duckdb` file, inside the staging directory of a {@link LocalOutput}. A
 * table written in household shards is one Parquet part file per shard
 * (`part-<batch>-<shard>.parquet`; CSV still one file per batch) or, in a `.duckdb` file, one
 * INSERT per shard.
 * How columns are stored and read back: `file-columns.ts`; table sizes in a `.duckdb` file:
 * `storage-size.ts`.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { shardSourceTable, type LocalOutput, type Manifest, type RunSession, type StatementPlan, type TableFiles, type TableShard, type TableStatements, type TableWriter } from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';
import { csvText, readBack, readCsvBack, utcInstants } from './file-columns.js';
import { tableStorageBytes } from './storage-size.js';

/** Output formats of the DuckDB engine. */
export type DuckdbFormat = 'parquet' | 'duckdb' | 'csv';

const q = (name: string): string => duckdbDialect.quoteIdent(name);
const s = (text: string): string => duckdbDialect.stringLiteral(text);

/**
 * The `.duckdb` file of the `duckdb` format.
 *
 * @example
 * ```ts
 * const db = path.join(out, DUCKDB_FILE); // ./out/synthgraph.duckdb
 * ```
 */
export const DUCKDB_FILE = 'synthgraph.duckdb';

/**
 * Writes DuckDB tables into a local output.
 *
 * @example
 * ```ts
 * const output = await LocalOutput.open('./out', { format: 'parquet', ir });
 * const writer = new DuckdbWriter(output, 'parquet', 'zstd', path.join(output.staging, '.spill'));
 * ```
 */
export class DuckdbWriter implements TableWriter {
  private readonly part: string;
  /** Bytes of each table in the `.duckdb` file, measured before the session closes. */
  private sizes = new Map<string, number>();
  /** The Parquet files this run staged for each table (one, or one per shard). */
  private readonly staged = new Map<string, string[]>();
  /** The columns of each table written so far. */
  private readonly columns = new Map<string, TableStatements['plan']['columns']>();

  constructor(
    private readonly output: LocalOutput,
    readonly format: DuckdbFormat,
    private readonly compression: string,
    /** A spill directory inside the staging directory, removed before the commit (none when the user chose one). */
    private readonly spill?: string,
  ) {
    this.part = `part-${String(output.batchIndex).padStart(5, '0')}`;
  }

  get previousBatches(): Manifest['batches'] {
    return this.output.previous?.batches ?? [];
  }

  /** Parquet files are written here first (CSV goes through Parquet); a shard's file carries its number. */
  private parquetFile(entity: string, shard?: TableShard): string {
    const name = shard ? `${this.part}-${String(shard.index).padStart(5, '0')}` : this.part;
    return path.join(this.output.staging, this.format === 'csv' ? '.parquet' : '', entity, `${name}.parquet`);
  }

  /** The staged Parquet files of a table, as a DuckDB list literal. */
  private parquetList(entity: string): string {
    return `[${(this.staged.get(entity) ?? []).map(s).join(', ')}]`;
  }

  /** The files this run adds to a table, relative to the output. */
  private batchFiles(entity: string): string[] {
    if (this.format === 'duckdb') return [DUCKDB_FILE];
    if (this.format === 'csv') return [`${entity}/${this.part}.csv`];
    return (this.staged.get(entity) ?? []).map((f) => path.relative(this.output.staging, f).split(path.sep).join('/'));
  }

  async writeTable(session: RunSession, t: TableStatements): Promise<void> {
    this.columns.set(t.entity, t.plan.columns);
    if (this.format === 'duckdb') {
      for (const sql of t.sql) await session.execute(sql, `creating table ${t.entity}`);
      return;
    }
    this.staged.set(t.entity, []);
    await this.copyParquet(session, t, t.select);
    await this.openParquet(session, t);
  }

  /**
   * One household shard: the first creates the table (with its comments) and each later one
   * inserts into it (`.duckdb`), or each is its own Parquet part file, the table a view over all
   * of them after the last. A failure leaves only staged files, which the run discards.
   */
  async writeShard(session: RunSession, t: TableStatements, shard: TableShard): Promise<void> {
    const what = `writing table ${t.entity} (shard ${shard.index + 1}/${shard.count})`;
    if (shard.source !== undefined) await this.openShardSource(session, shard.source, shard);
    this.columns.set(t.entity, t.plan.columns);
    if (this.format === 'duckdb') {
      if (shard.index === 0) for (const sql of [`CREATE OR REPLACE TABLE ${t.table} AS\n${shard.select}`, ...t.sql.slice(1)]) await session.execute(sql, what);
      else await session.execute(`INSERT INTO ${t.table}\n${shard.select}`, what);
      return;
    }
    if (shard.index === 0) this.staged.set(t.entity, []);
    await this.copyParquet(session, t, shard.select, shard);
    if (shard.index === shard.count - 1) await this.openParquet(session, t);
  }

  /**
   * The table the shard reads its source from: the source's Parquet part of the same shard when
   * the source was written in the same shards, else the whole source (the shard's SELECT keeps
   * its range restriction, so both give the same rows; the part is only cheaper to scan).
   */
  private async openShardSource(session: RunSession, source: string, shard: TableShard): Promise<void> {
    const parts = this.staged.get(source) ?? [];
    const columns = this.columns.get(source);
    const part = parts.length === shard.count && columns ? parts[shard.index] : undefined;
    const body = part !== undefined && columns ? readBack(columns, `read_parquet(${s(part)})`) : `SELECT * FROM ${q(source)}`;
    await session.execute(`CREATE OR REPLACE TEMP VIEW ${q(shardSourceTable(source))} AS ${body}`, `opening shard ${shard.index + 1}/${shard.count} of ${source}`);
  }

  private async copyParquet(session: RunSession, t: TableStatements, select: string, shard?: TableShard): Promise<void> {
    const file = this.parquetFile(t.entity, shard);
    await mkdir(path.dirname(file), { recursive: true });
    const what = shard ? `writing table ${t.entity} (shard ${shard.index + 1}/${shard.count})` : `writing table ${t.entity}`;
    await session.execute(`COPY (\n${utcInstants(t.plan.columns, select)}\n) TO ${s(file)} (FORMAT parquet, COMPRESSION ${this.compression})`, what);
    this.staged.get(t.entity)?.push(file);
  }

  private async openParquet(session: RunSession, t: TableStatements): Promise<void> {
    await session.execute(`CREATE OR REPLACE VIEW ${q(t.entity)} AS ${readBack(t.plan.columns, `read_parquet(${this.parquetList(t.entity)})`)}`, `opening table ${t.entity}`);
  }

  /** Append: each table name reads every batch, so checks and hashes cover the union. */
  async afterTables(session: RunSession, plan: StatementPlan): Promise<void> {
    if (!this.output.previous) return;
    for (const t of plan.tables) {
      const old = this.output.previousFiles(t.entity).map((f) => s(path.join(this.output.out, f)));
      const cols = t.plan.columns;
      const union =
        this.format === 'csv'
          ? `${readBack(cols, `read_parquet(${this.parquetList(t.entity)})`)} UNION ALL BY NAME ${readCsvBack(cols, old)}`
          : readBack(cols, `read_parquet([${[...old, ...(this.staged.get(t.entity) ?? []).map(s)].join(', ')}])`);
      await session.execute(`CREATE OR REPLACE VIEW ${q(t.entity)} AS ${union}`, `opening ${t.entity}`);
    }
  }

  async finish(session: RunSession, plan: StatementPlan): Promise<void> {
    if (this.format === 'duckdb') this.sizes = await tableStorageBytes(session, plan.tables.map((t) => t.entity));
    if (this.format !== 'csv') return;
    for (const t of plan.tables) {
      await mkdir(path.join(this.output.staging, t.entity), { recursive: true });
      const text = csvText(t.plan.columns, `read_parquet(${this.parquetList(t.entity)})`);
      await session.execute(`COPY (${text}) TO ${s(path.join(this.output.staging, ...this.batchFiles(t.entity)))} (HEADER, DELIMITER ',')`, `writing ${t.entity} as CSV`);
    }
  }

  async tableFiles(entity: string): Promise<TableFiles> {
    const batch = this.batchFiles(entity);
    if (this.format === 'duckdb') return { files: batch, batchFiles: batch, bytes: this.sizes.get(entity) ?? 0 };
    let bytes = 0;
    for (const f of batch) bytes += (await stat(path.join(this.output.staging, f))).size;
    return { files: [...this.output.previousFiles(entity), ...batch], batchFiles: batch, bytes: bytes + this.output.previousBytes(entity) };
  }

  async commit(manifest: Manifest): Promise<void> {
    await rm(path.join(this.output.staging, '.parquet'), { recursive: true, force: true });
    if (this.spill) await rm(this.spill, { recursive: true, force: true });
    await this.output.commit(manifest);
  }

  async discard(): Promise<void> {
    await this.output.discard();
  }
}
