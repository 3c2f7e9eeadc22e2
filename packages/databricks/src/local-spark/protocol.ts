/**
 * The JSON-lines protocol spoken with `python/spark_runner.py` (see its module docstring).
 */

/**
 * One value of a result row, encoded losslessly by the runner:
 * BIGINT and DECIMAL as strings; TIMESTAMP and TIMESTAMP_NTZ as epoch microseconds in a string;
 * DATE as an ISO `yyyy-mm-dd` string; DOUBLE/FLOAT as numbers except `"NaN"`, `"Infinity"`,
 * `"-Infinity"`; TINYINT/SMALLINT/INT as numbers; BINARY as base64; ARRAY as an array; MAP as
 * an object (keys as strings); STRUCT as an object by field name; intervals as Spark's ANSI
 * interval strings.
 */
export type SparkValue = null | boolean | number | string | readonly SparkValue[] | { readonly [key: string]: SparkValue };

/** A result column: its name and Spark's type string (`bigint`, `decimal(10,2)`, `array<int>`). */
export interface SparkColumn {
  readonly name: string;
  readonly type: string;
}

/** `EXPLAIN` flavours. */
export type ExplainMode = 'formatted' | 'simple' | 'extended' | 'cost' | 'codegen';

export type RunnerRequest =
  | { readonly id: number; readonly op: 'sql'; readonly sql: string; readonly collect: boolean; readonly maxRows: number }
  | { readonly id: number; readonly op: 'explain'; readonly sql: string; readonly mode: ExplainMode }
  | { readonly id: number; readonly op: 'ping' }
  | { readonly id: number; readonly op: 'cancel'; readonly target?: number }
  | { readonly id: number; readonly op: 'shutdown' };

export interface RunnerErrorBody {
  readonly class: string;
  readonly message: string;
  readonly sqlState: string | null;
  readonly exception?: string | null;
  /** The innermost exception of the JVM cause chain, when it is not the one reported. */
  readonly rootCause?: SparkRootCause | null;
}

/** The innermost exception of a failure's JVM cause chain (e.g. inside `[TASK_WRITE_FAILED]`). */
export interface SparkRootCause {
  /** Its JVM class, e.g. `org.apache.spark.SparkRuntimeException`. */
  readonly exception: string;
  readonly message: string;
  /** Its Spark error condition (e.g. `USER_RAISED_EXCEPTION`), when it has one. */
  readonly errorClass: string | null;
}

export interface RunnerReady {
  readonly op: 'ready';
  readonly sparkVersion: string;
  readonly deltaVersion: string;
  readonly jarsFromCache?: boolean;
  readonly startMs?: number;
}

export type RunnerResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly columns?: readonly SparkColumn[];
      readonly rows?: readonly (readonly SparkValue[])[];
      readonly truncated?: boolean;
      readonly plan?: string;
      readonly elapsedMs?: number;
    }
  | { readonly id: number | null; readonly ok: false; readonly error: RunnerErrorBody; readonly elapsedMs?: number };

/** A parsed protocol line. */
export type RunnerMessage =
  | { readonly kind: 'ready'; readonly ready: RunnerReady }
  | { readonly kind: 'failed'; readonly error: RunnerErrorBody }
  | { readonly kind: 'bye' }
  | { readonly kind: 'response'; readonly response: RunnerResponse }
  | { readonly kind: 'invalid'; readonly line: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorBody(v: unknown): RunnerErrorBody {
  const e = isRecord(v) ? v : {};
  return {
    class: typeof e['class'] === 'string' ? e['class'] : 'UNKNOWN',
    message: typeof e['message'] === 'string' ? e['message'] : JSON.stringify(v),
    sqlState: typeof e['sqlState'] === 'string' ? e['sqlState'] : null,
    exception: typeof e['exception'] === 'string' ? e['exception'] : null,
    rootCause: rootCause(e['rootCause']),
  };
}

function rootCause(v: unknown): SparkRootCause | null {
  if (!isRecord(v) || typeof v['exception'] !== 'string') return null;
  return { exception: v['exception'], message: typeof v['message'] === 'string' ? v['message'] : '', errorClass: typeof v['class'] === 'string' ? v['class'] : null };
}

/** Parses one line written by the runner; never throws. */
export function parseRunnerLine(line: string): RunnerMessage {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { kind: 'invalid', line };
  }
  if (!isRecord(v)) return { kind: 'invalid', line };
  if (v['op'] === 'ready') {
    return {
      kind: 'ready',
      ready: {
        op: 'ready',
        sparkVersion: String(v['sparkVersion'] ?? 'unknown'),
        deltaVersion: String(v['deltaVersion'] ?? 'unknown'),
        ...(typeof v['jarsFromCache'] === 'boolean' ? { jarsFromCache: v['jarsFromCache'] } : {}),
        ...(typeof v['startMs'] === 'number' ? { startMs: v['startMs'] } : {}),
      },
    };
  }
  if (v['op'] === 'failed') return { kind: 'failed', error: errorBody(v['error']) };
  if (v['op'] === 'bye') return { kind: 'bye' };
  if (typeof v['ok'] !== 'boolean' || !(typeof v['id'] === 'number' || v['id'] === null)) return { kind: 'invalid', line };
  if (v['ok']) {
    if (typeof v['id'] !== 'number') return { kind: 'invalid', line };
    return { kind: 'response', response: v as RunnerResponse };
  }
  return {
    kind: 'response',
    response: {
      id: v['id'] as number | null,
      ok: false,
      error: errorBody(v['error']),
      ...(typeof v['elapsedMs'] === 'number' ? { elapsedMs: v['elapsedMs'] } : {}),
    },
  };
}
