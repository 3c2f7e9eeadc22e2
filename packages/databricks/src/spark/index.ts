export { sparkDialect, sparkString, sparkIdent, type SparkTableOptions } from './spark-dialect.js';
export { localSpark, validateLocalSparkOptions, LOCAL_CONF, type LocalSparkEngineOptions } from './spark-engine.js';
export { tableStatsSql, parseTableStats } from './table-stats.js';
export { LocalSparkSession, DeltaDirectoryWriter, WAREHOUSE_DIR, writtenFiles, type PartitioningCheck } from './spark-session.js';
