/**
 * @synthgraph/duckdb — the embedded DuckDB dialect and engine.
 *
 * @packageDocumentation
 */
export { duckdbDialect } from './duckdb-dialect.js';
export { duckdb, validateDuckdbOptions, DuckdbEngineError, type DuckdbOptions, type DuckdbFormat } from './duckdb-engine.js';
export { DuckdbReader, readTableRows } from './reader.js';
