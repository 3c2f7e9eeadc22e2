/**
 * A third dialect for the registry test: DuckDB under another name. Adding a dialect is this
 * one file (loaded by the dialect tests from this folder) plus its golden SQL.
 */
import { registerDialect, type Dialect } from '@synthgraph/core';
import { duckdbDialect } from '@synthgraph/duckdb';

/**
 * DuckDB's dialect, registered as `duckdb_renamed`.
 *
 * @example
 * ```ts
 * getDialect('duckdb_renamed') === duckdbRenamedDialect; // true
 * ```
 */
export const duckdbRenamedDialect: Dialect = registerDialect({ ...duckdbDialect, name: 'duckdb_renamed' });
