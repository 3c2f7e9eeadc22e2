/**
 * How the columns of a table are stored in its files and read back, in one place:
 *
 * - **Parquet**: timestamps as UTC instants (`TIMESTAMPTZ`, written with
 *   `isAdjustedToUTC=true`), so Spark reads them as `TIMESTAMP` and pandas/pyarrow/polars as
 *   UTC-aware datetimes. The conversion reads the generated naive value as UTC
 *   (`timezone('UTC', …)`), whatever the session's time zone.
 * - **CSV**: timestamps as UTC text without an offset (`2026-01-02 03:04:05.123456`), arrays and
 *   maps as JSON text (`["a","b"]`, `{"k":1.5}`).
 * - **Read back** (the views that checks and content hashes read): every column with the
 *   type it was generated with — UTC instants as naive UTC timestamps (the session's time zone is
 *   pinned to UTC), JSON text parsed into lists and maps — so checks and hashes see the
 *   generated rows, whatever the file format.
 */
import { typeName, type ColumnType } from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';

/** An output column of a table (as in the plan's CREATE TABLE statement). */
export interface FileColumn {
  readonly name: string;
  readonly type: ColumnType;
}

const q = (name: string): string => duckdbDialect.quoteIdent(name);
const isNested = (t: ColumnType): boolean => t.kind === 'array' || t.kind === 'map';

/** `SELECT * REPLACE (…)` over `from` with the given column replacements, or every column as is. */
function replacing(columns: readonly FileColumn[], from: string, replace: (c: FileColumn) => string | null): string {
  const items = columns.flatMap((c) => {
    const e = replace(c);
    return e === null ? [] : [`${e} AS ${q(c.name)}`];
  });
  return `SELECT *${items.length ? ` REPLACE (${items.join(', ')})` : ''} FROM ${from}`;
}

/**
 * The generated SELECT with every timestamp column as a UTC instant, for a Parquet COPY.
 *
 * @example
 * ```ts
 * await session.execute(`COPY (${utcInstants(t.plan.columns, t.select)}) TO 'x.parquet' (FORMAT parquet)`, 'writing');
 * ```
 */
export function utcInstants(columns: readonly FileColumn[], select: string): string {
  return replacing(columns, `(\n${select}\n) AS ${q('__generated')}`, (c) => (c.type.kind === 'timestamp' ? `timezone('UTC', ${q(c.name)})` : null));
}

/**
 * The columns of Parquet files read back with their generated types (UTC instants as naive UTC
 * timestamps; needs the session time zone pinned to UTC, as every synthgraph session does).
 *
 * @example
 * ```ts
 * `CREATE VIEW households AS ${readBack(t.plan.columns, "read_parquet('households/*.parquet')")}`;
 * ```
 */
export function readBack(columns: readonly FileColumn[], from: string): string {
  return replacing(columns, from, (c) => (c.type.kind === 'timestamp' ? `CAST(${q(c.name)} AS TIMESTAMP)` : null));
}

/**
 * The columns of a table as CSV text: timestamps as naive UTC, arrays and maps as JSON.
 *
 * @example
 * ```ts
 * `COPY (${csvText(t.plan.columns, "read_parquet('staged.parquet')")}) TO 'households.csv' (HEADER)`;
 * ```
 */
export function csvText(columns: readonly FileColumn[], from: string): string {
  return replacing(columns, from, (c) => (c.type.kind === 'timestamp' ? `CAST(${q(c.name)} AS TIMESTAMP)` : isNested(c.type) ? `CAST(to_json(${q(c.name)}) AS VARCHAR)` : null));
}

/**
 * The CSV files of earlier batches read back with their generated types. `files` are SQL
 * string literals. Every field is read as text (`""` is an empty string, an empty field NULL,
 * as the CSV writer writes them) and cast: JSON text into lists and maps.
 *
 * @example
 * ```ts
 * `CREATE VIEW households AS ${readCsvBack(t.plan.columns, ["'out/households/part-00000.csv'"])}`;
 * ```
 */
export function readCsvBack(columns: readonly FileColumn[], files: readonly string[]): string {
  const items = columns.map((c) => {
    const type = typeName(duckdbDialect.types, c.type);
    return `CAST(${isNested(c.type) ? `CAST(${q(c.name)} AS JSON)` : q(c.name)} AS ${type}) AS ${q(c.name)}`;
  });
  return `SELECT ${items.join(', ')} FROM read_csv([${files.join(', ')}], header = true, all_varchar = true, allow_quoted_nulls = false)`;
}
