/**
 * Errors raised by the local Apache Spark runner client.
 */
import { SynthgraphError } from '@synthgraph/core';
import type { SparkRootCause } from './protocol.js';

/** Longest statement text kept on a {@link SparkSqlError}. */
export const MAX_STATEMENT_CHARS = 2000;

/** Shortens a statement for error messages, keeping its start and end. */
export function truncateStatement(statement: string, max = MAX_STATEMENT_CHARS): string {
  if (statement.length <= max) return statement;
  const head = Math.floor(max * 0.75);
  const tail = max - head;
  return `${statement.slice(0, head)}\n… [${statement.length - max} characters omitted] …\n${statement.slice(-tail)}`;
}

/** What the runner reports about a failed statement. */
export interface SparkErrorInfo {
  /** Spark's error condition (e.g. `ARITHMETIC_OVERFLOW`), or a Java class name when there is none. */
  readonly errorClass: string;
  /** Spark's message, including the SQLSTATE and the query context when Spark gives them. */
  readonly sparkMessage: string;
  /** The SQLSTATE (e.g. `22003`), when Spark gives one. */
  readonly sqlState: string | null;
  /** The JVM exception class (e.g. `org.apache.spark.SparkArithmeticException`), when known. */
  readonly exception: string | null;
  /**
   * The innermost exception of the JVM cause chain, when it is not the one reported: what went
   * wrong inside a wrapper such as `[TASK_WRITE_FAILED] Task failed while writing rows`.
   */
  readonly rootCause?: SparkRootCause | null;
}

/** `caused by <class>: [CONDITION] <first line of its message>`, or '' without a root cause. */
function causeLine(cause: SparkRootCause | null | undefined): string {
  if (!cause) return '';
  const first = cause.message.trim().split('\n')[0] ?? '';
  const condition = cause.errorClass && !first.includes(`[${cause.errorClass}]`) ? `[${cause.errorClass}] ` : '';
  return `\n  caused by ${cause.exception}: ${condition}${first}`;
}

/**
 * Spark rejected or failed a statement. The runner stays up: later statements still work.
 *
 * @example
 * ```ts
 * try { await spark.sql('SELECT 9223372036854775807 * 2'); }
 * catch (e) {
 *   if (e instanceof SparkSqlError && e.errorClass === 'ARITHMETIC_OVERFLOW') console.error(e.statement);
 * }
 * ```
 */
export class SparkSqlError extends SynthgraphError implements SparkErrorInfo {
  /** The failing statement, truncated to {@link MAX_STATEMENT_CHARS} characters. */
  readonly statement: string;
  readonly errorClass: string;
  readonly sparkMessage: string;
  readonly sqlState: string | null;
  readonly exception: string | null;
  readonly rootCause: SparkRootCause | null;

  constructor(statement: string, info: SparkErrorInfo) {
    const shown = truncateStatement(statement);
    const firstLine = info.sparkMessage.trim().split('\n')[0] ?? '';
    super('STATEMENT_FAILED', `Spark SQL failed [${info.errorClass}]: ${firstLine}${causeLine(info.rootCause)}\n--- statement ---\n${shown}`);
    this.statement = shown;
    this.errorClass = info.errorClass;
    this.sparkMessage = info.sparkMessage;
    this.sqlState = info.sqlState;
    this.exception = info.exception;
    this.rootCause = info.rootCause ?? null;
  }
}

/**
 * Local Spark is not installed where synthgraph looks for it: run `bash scripts/setup-spark.sh`.
 *
 * @example
 * ```ts
 * try { await LocalSpark.start({ warehouseDir }); }
 * catch (e) { if (e instanceof LocalSparkNotInstalledError) console.error(e.message); }
 * ```
 */
export class LocalSparkNotInstalledError extends SynthgraphError {
  /** The directory that was searched (`sparkHome`). */
  readonly sparkHome: string;

  constructor(sparkHome: string, missing: string) {
    const fix = 'run `bash scripts/setup-spark.sh` from the synthgraph checkout (set SYNTHGRAPH_SPARK_HOME to install elsewhere)';
    super(
      'CONFIG_INVALID',
      `Local Apache Spark is not installed in ${sparkHome} (missing ${missing}).\n` +
        `To install it (Python venv with pyspark + delta-spark, cached Delta jars), ${fix}.`,
      { issues: [{ path: 'sparkHome', message: `missing ${missing}`, value: sparkHome, fix }] },
    );
    this.sparkHome = sparkHome;
  }
}

/**
 * The runner process failed: it did not start in time, exited, or broke the protocol.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof LocalSparkError) console.error(e.logTail.join('\n')); }
 * ```
 */
export class LocalSparkError extends SynthgraphError {
  /** The last lines the runner (Spark, the JVM) wrote to stderr. */
  readonly logTail: readonly string[];

  constructor(message: string, logTail: readonly string[] = [], cause?: unknown) {
    const tail = logTail.length > 0 ? `\n--- last lines of the Spark log ---\n${logTail.join('\n')}` : '';
    super('ENGINE_FAILED', `${message}${tail}`, { cause });
    this.logTail = logTail;
  }
}
