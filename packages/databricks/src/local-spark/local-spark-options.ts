/**
 * The options of a local Spark session and of its statements, their defaults and validation.
 */
import { ConfigError, type Issue } from '@synthgraph/core';
import type { ExplainMode, SparkColumn, SparkValue } from './protocol.js';

/** Options of {@link LocalSpark.start}. */
export interface LocalSparkOptions {
  /** The cache directory of `scripts/setup-spark.sh`. Default: `$SYNTHGRAPH_SPARK_HOME` or `~/.cache/synthgraph/spark`. */
  readonly sparkHome?: string;
  /** `spark.sql.warehouse.dir`; the Derby metastore (`metastore_db`) and runner files live inside it. */
  readonly warehouseDir: string;
  /** Local cores: master `local[cores]`. Default 2. */
  readonly cores?: number;
  /** `spark.sql.shuffle.partitions`. Default 4. */
  readonly shufflePartitions?: number;
  /** `spark.driver.memory`, e.g. `2g` (default) or `512m`. */
  readonly driverMemory?: string;
  /**
   * `hive` (default): tables persist across sessions in a Derby metastore inside the warehouse,
   * so only one session may use a warehouse at a time. `in-memory`: the catalog lives and dies
   * with the session (starts a few seconds faster).
   */
  readonly catalog?: 'hive' | 'in-memory';
  /** Extra Spark configuration, applied last. */
  readonly conf?: Readonly<Record<string, string>>;
  /** Driver JVM options; replaces the default `-XX:+UseParallelGC`. */
  readonly javaOptions?: string;
  /** log4j level of Spark's own logging (to stderr, see `onLog`). Default `warn`. */
  readonly logLevel?: 'error' | 'warn' | 'info';
  /** Time allowed for the session to come up. Default 300 000 ms. */
  readonly startTimeoutMs?: number;
  /** Path of `spark_runner.py`. Default: `$SYNTHGRAPH_SPARK_RUNNER` or the copy in this package. */
  readonly runnerPath?: string;
  /** Aborting before the session is ready kills the runner and rejects with `CancelledError`. */
  readonly signal?: AbortSignal;
  /** Receives every line Spark, the JVM and the runner write to stderr. */
  readonly onLog?: (line: string) => void;
}

/** Options of {@link LocalSpark.sql}. */
export interface SqlOptions {
  /**
   * `true` (default): return up to `maxRows` rows. `false`: run the statement for its effect
   * only; a query is executed in full (with Spark's `noop` sink) without moving rows.
   */
  readonly collect?: boolean;
  /** Most rows returned when collecting (default 10 000); `truncated` tells whether more exist. */
  readonly maxRows?: number;
  /** Aborting cancels the statement's Spark jobs and rejects with `CancelledError`. */
  readonly signal?: AbortSignal;
}

/** Options of {@link LocalSpark.explain}. */
export interface ExplainOptions {
  /** Default `formatted`. */
  readonly mode?: ExplainMode;
  readonly signal?: AbortSignal;
}

/** What {@link LocalSpark.sql} returns. Values are encoded as described on {@link SparkValue}. */
export interface SqlResult {
  readonly columns: readonly SparkColumn[];
  readonly rows: readonly (readonly SparkValue[])[];
  /** Whether the result had more than `maxRows` rows. */
  readonly truncated: boolean;
  /** Time Spark spent on the statement, as measured by the runner. */
  readonly elapsedMs: number;
}

/** Defaults of {@link LocalSparkOptions} and {@link SqlOptions}. */
export const DEFAULTS = {
  cores: 2,
  shufflePartitions: 4,
  driverMemory: '2g',
  catalog: 'hive',
  logLevel: 'warn',
  startTimeoutMs: 300_000,
  maxRows: 10_000,
} as const;

/** Throws a `ConfigError` listing every invalid option. */
export function validateLocalSparkOptions(opts: LocalSparkOptions): void {
  const issues: Issue[] = [];
  const positiveInt = (path: string, v: number | undefined): void => {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 1)) issues.push({ path, message: 'must be a positive integer', value: v });
  };
  if (typeof opts.warehouseDir !== 'string' || opts.warehouseDir === '') {
    issues.push({ path: 'warehouseDir', message: 'is required', value: opts.warehouseDir, fix: 'pass a directory, e.g. a temporary one' });
  }
  positiveInt('cores', opts.cores);
  positiveInt('shufflePartitions', opts.shufflePartitions);
  positiveInt('startTimeoutMs', opts.startTimeoutMs);
  if (opts.driverMemory !== undefined && !/^\d+[kmgt]?$/i.test(opts.driverMemory)) {
    issues.push({ path: 'driverMemory', message: 'must be a JVM memory size', value: opts.driverMemory, fix: "e.g. '2g' or '512m'" });
  }
  for (const key of Object.keys(opts.conf ?? {})) {
    if (!/^[\w.-]+$/.test(key)) issues.push({ path: `conf.${key}`, message: 'is not a Spark configuration key', value: key });
  }
  if (issues.length > 0) throw new ConfigError(issues, 'Invalid local Spark options');
}
