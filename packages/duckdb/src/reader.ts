/**
 * Reads generated output back (tests, conformance, reports).
 */
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A connection whose session time zone is UTC (the zone of every synthgraph timestamp). */
async function utcConnection(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return conn;
}

/**
 * A small read-only helper over an output directory: each table is a view over its files.
 * Timestamps read as naive UTC values (`TIMESTAMP`), as the engine's checks see them: the
 * session time zone is UTC and the UTC instants of Parquet files are cast back.
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
      return new DuckdbReader(instance, await utcConnection(instance));
    }
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await utcConnection(instance);
    // The manifest lists the files that make up each table (files of an unfinished append are not part of it).
    for (const t of names) {
      const files = (manifest.tables[t]?.files ?? []).map((f) => `'${path.join(dir, f).replace(/'/g, "''")}'`).join(', ');
      const from = `${manifest.format === 'csv' ? 'read_csv_auto' : 'read_parquet'}([${files}])`;
      const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRowObjectsJson() as { column_name: string; column_type: string }[];
      const instants = described.filter((c) => c.column_type === 'TIMESTAMP WITH TIME ZONE').map((c) => `CAST(${ident(c.column_name)} AS TIMESTAMP) AS ${ident(c.column_name)}`);
      await conn.run(`CREATE VIEW ${ident(t)} AS SELECT *${instants.length ? ` REPLACE (${instants.join(', ')})` : ''} FROM ${from}`);
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
