/**
 * Local Apache Spark 4 + Delta Lake for tests and `--target spark`: a runner process driven
 * over JSON lines (see docs/spark-local.md).
 */
export { LocalSpark } from './local-spark.js';
export type { LocalSparkOptions, SqlOptions, SqlResult, ExplainOptions } from './local-spark-options.js';
export { defaultSparkHome } from './runner-process.js';
export { SparkSqlError, LocalSparkError, LocalSparkNotInstalledError, truncateStatement, MAX_STATEMENT_CHARS, type SparkErrorInfo } from './local-spark-error.js';
export { findSinglePartitionExchanges } from './single-partition-exchanges.js';
export type { SparkValue, SparkColumn, ExplainMode, SparkRootCause } from './protocol.js';
