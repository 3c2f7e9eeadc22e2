export { sparkDialect, sparkString, sparkIdent, type SparkTableOptions } from './spark-dialect.js';
export { localSpark, validateLocalSparkOptions, LOCAL_CONF, type LocalSparkEngineOptions } from './spark-engine.js';
export { tableStatsSql, parseTableStats, groupChecks } from './table-stats.js';
