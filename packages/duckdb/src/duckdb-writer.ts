/**
 * The DuckDB table writer: each table of a batch as one Parquet file (ZSTD by default, timestamps
 * as UTC instants), as CSV (through Parquet, so checks read typed data; arrays and maps as JSON),
 * or as a table of one `.duckdb` file, inside the staging directory of a {@link LocalOutput}.
 * How columns are stored and read back: `file-columns.ts`; table sizes in a `.duckdb` file:
 * `storage-size.ts`.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LocalOutput, Manifest, RunSession, StatementPlan, TableFiles, TableStatements, TableWriter } from '@synthgraph/core';
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
    await session.execute(`COPY (\n${utcInstants(t.plan.columns, t.select)}\n) TO ${s(file)} (FORMAT parquet, COMPRESSION ${this.compression})`, `writing table ${t.entity}`);
    await session.execute(`CREATE OR REPLACE VIEW ${q(t.entity)} AS ${readBack(t.plan.columns, `read_parquet(${s(file)})`)}`, `opening table ${t.entity}`);
  }

  /** Append: each table name reads every batch, so checks and hashes cover the union. */
  async afterTables(session: RunSession, plan: StatementPlan): Promise<void> {
    if (!this.output.previous) return;
    for (const t of plan.tables) {
      const old = this.output.previousFiles(t.entity).map((f) => s(path.join(this.output.out, f)));
      const cols = t.plan.columns;
      const union =
        this.format === 'csv'
          ? `${readBack(cols, `read_parquet(${s(this.parquetFile(t.entity))})`)} UNION ALL BY NAME ${readCsvBack(cols, old)}`
          : readBack(cols, `read_parquet([${[...old, s(this.parquetFile(t.entity))].join(', ')}])`);
      await session.execute(`CREATE OR REPLACE VIEW ${q(t.entity)} AS ${union}`, `opening ${t.entity}`);
    }
  }

  async finish(session: RunSession, plan: StatementPlan): Promise<void> {
    if (this.format === 'duckdb') this.sizes = await tableStorageBytes(session, plan.tables.map((t) => t.entity));
    if (this.format !== 'csv') return;
    for (const t of plan.tables) {
      await mkdir(path.join(this.output.staging, t.entity), { recursive: true });
      const text = csvText(t.plan.columns, `read_parquet(${s(this.parquetFile(t.entity))})`);
      await session.execute(`COPY (${text}) TO ${s(path.join(this.output.staging, this.batchFile(t.entity)))} (HEADER, DELIMITER ',')`, `writing ${t.entity} as CSV`);
    }
  }

  async tableFiles(entity: string): Promise<TableFiles> {
    const batch = this.batchFile(entity);
    if (this.format === 'duckdb') return { files: [DUCKDB_FILE], batchFiles: [DUCKDB_FILE], bytes: this.sizes.get(entity) ?? 0 };
    const bytes = (await stat(path.join(this.output.staging, batch))).size;
    return { files: [...this.output.previousFiles(entity), batch], batchFiles: [batch], bytes: bytes + this.output.previousBytes(entity) };
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
