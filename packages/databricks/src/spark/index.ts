export { sparkDialect, sparkString, sparkIdent, type SparkTableOptions } from './spark-dialect.js';
export { localSpark, validateLocalSparkOptions, type LocalSparkEngineOptions } from './spark-engine.js';
