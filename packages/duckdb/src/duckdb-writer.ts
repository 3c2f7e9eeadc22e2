/**
 * The DuckDB table writer: each table of a batch as one Parquet file (ZSTD by default), as CSV
 * (through Parquet, so checks read typed data), or as a table of one `.duckdb` file, inside the
 * staging directory of a {@link LocalOutput}.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LocalOutput, Manifest, RunSession, StatementPlan, TableFiles, TableStatements, TableWriter } from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';

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

  /** Parquet files are written here first (CSV goes through Parquet). */
  private parquetFile(entity: string): string {
    return path.join(this.output.staging, this.format === 'csv' ? '.parquet' : '', entity, `${this.part}.parquet`);
  }

  private batchFile(entity: string): string {
    return this.format === 'duckdb' ? DUCKDB_FILE : `${entity}/${this.part}.${this.format}`;
  }

  async writeTable(session: RunSession, t: TableStatements): Promise<void> {
    if (this.format === 'duckdb') {
      for (const sql of t.sql) await session.execute(sql, `creating table ${t.entity}`);
      return;
    }
    const file = this.parquetFile(t.entity);
    await mkdir(path.dirname(file), { recursive: true });
    await session.execute(`COPY (\n${t.select}\n) TO ${s(file)} (FORMAT parquet, COMPRESSION ${this.compression})`, `writing table ${t.entity}`);
    await session.execute(`CREATE OR REPLACE VIEW ${q(t.entity)} AS SELECT * FROM read_parquet(${s(file)})`, `opening table ${t.entity}`);
  }

  /** Append: each table name reads every batch, so checks and hashes cover the union. */
  async afterTables(session: RunSession, plan: StatementPlan): Promise<void> {
    if (!this.output.previous) return;
    for (const t of plan.tables) {
      const old = this.output.previousFiles(t.entity).map((f) => s(path.join(this.output.out, f)));
      const union =
        this.format === 'csv'
          ? `SELECT * FROM read_parquet(${s(this.parquetFile(t.entity))}) UNION ALL BY NAME SELECT * FROM read_csv([${old.join(', ')}], header = true, auto_detect = true)`
          : `SELECT * FROM read_parquet([${[...old, s(this.parquetFile(t.entity))].join(', ')}])`;
      await session.execute(`CREATE OR REPLACE VIEW ${q(t.entity)} AS ${union}`, `opening ${t.entity}`);
    }
  }

  async finish(session: RunSession, plan: StatementPlan): Promise<void> {
    if (this.format !== 'csv') return;
    for (const t of plan.tables) {
      await mkdir(path.join(this.output.staging, t.entity), { recursive: true });
      await session.execute(`COPY (SELECT * FROM read_parquet(${s(this.parquetFile(t.entity))})) TO ${s(path.join(this.output.staging, this.batchFile(t.entity)))} (HEADER, DELIMITER ',')`, `writing ${t.entity} as CSV`);
    }
  }

  async tableFiles(entity: string): Promise<TableFiles> {
    const batch = this.batchFile(entity);
    if (this.format === 'duckdb') return { files: [DUCKDB_FILE], batchFiles: [DUCKDB_FILE], bytes: 0 };
    const bytes = (await stat(path.join(this.output.staging, batch))).size;
    return { files: [...this.output.previousFiles(entity), batch], batchFiles: [batch], bytes: bytes + this.output.previousBytes(entity) };
  }

  async commit(manifest: Manifest): Promise<void> {
    await rm(path.join(this.output.staging, '.parquet'), { recursive: true, force: true });
    if (this.spill) await rm(this.spill, { recursive: true, force: true });
    await this.output.commit(manifest, [...new Set(Object.values(manifest.batches.at(-1)?.files ?? {}).flat())]);
  }

  async discard(): Promise<void> {
    await this.output.discard();
  }
}
