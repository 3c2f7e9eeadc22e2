export { sparkDialect, sparkString, sparkIdent, type SparkTableOptions } from './spark-dialect.js';
