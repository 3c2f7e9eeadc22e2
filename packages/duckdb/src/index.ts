/**
 * @synthgraph/duckdb — the embedded DuckDB dialect and engine.
 *
 * @packageDocumentation
 */
export { duckdbDialect } from './duckdb-dialect.js';
export { defaultMemoryLimit, defaultShardHouseholds, duckdb, validateDuckdbOptions, type DuckdbOptions } from './duckdb-engine.js';
export { DuckdbSession, DuckdbEngineError, type DuckdbSessionOptions } from './duckdb-session.js';
export { DuckdbWriter, DUCKDB_FILE, type DuckdbFormat } from './duckdb-writer.js';
export { DuckdbReader, readTableRows } from './reader.js';
