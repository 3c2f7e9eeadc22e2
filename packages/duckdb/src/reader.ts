/**
 * Reads generated output back (tests, conformance, reports).
 */
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * A small read-only helper over an output directory: each table is a view over its files.
 *
 * @example
 * ```ts
 * const r = await DuckdbReader.open('./out');
 * console.log(await r.query('SELECT count(*) AS n FROM households'));
 * r.close();
 * ```
 */
export class DuckdbReader {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Opens an output directory written by the DuckDB engine (any format). */
  static async open(dir: string, tables?: readonly string[]): Promise<DuckdbReader> {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { format: string; tables: Record<string, { files: string[] }> };
    const names = tables ?? Object.keys(manifest.tables);
    if (manifest.format === 'duckdb') {
      const instance = await DuckDBInstance.create(path.join(dir, 'synthgraph.duckdb'), { access_mode: 'READ_ONLY' });
      return new DuckdbReader(instance, await instance.connect());
    }
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    // The manifest lists the files that make up each table (files of an unfinished append are not part of it).
    for (const t of names) {
      const files = (manifest.tables[t]?.files ?? []).map((f) => `'${path.join(dir, f).replace(/'/g, "''")}'`).join(', ');
      const fn = manifest.format === 'csv' ? 'read_csv_auto' : 'read_parquet';
      await conn.run(`CREATE VIEW "${t.replace(/"/g, '""')}" AS SELECT * FROM ${fn}([${files}])`);
    }
    return new DuckdbReader(instance, conn);
  }

  /** Runs a query and returns JSON-friendly row objects (BIGINTs as strings). */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const r = await this.conn.runAndReadAll(sql);
    return r.getRowObjectsJson() as Record<string, unknown>[];
  }

  /** Runs a query and returns raw row arrays (native DuckDB values). */
  async rows(sql: string): Promise<unknown[][]> {
    const r = await this.conn.runAndReadAll(sql);
    return r.getRows() as unknown[][];
  }

  /** Closes the connection. */
  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** Reads a whole table as row objects (small tables only). */
export async function readTableRows(dir: string, table: string, orderBy?: string): Promise<Record<string, unknown>[]> {
  const r = await DuckdbReader.open(dir, [table]);
  try {
    return await r.query(`SELECT * FROM "${table}"${orderBy ? ` ORDER BY "${orderBy}"` : ''}`);
  } finally {
    r.close();
  }
}
