/**
 * What each benchmark child prints (one JSON line) and what docs/benchmarks.md keeps of it: the
 * doc carries every section's latest results as JSON in an HTML comment, so a run of one section
 * (`--only spark`) re-renders the others unchanged and cross-section ratios (Spark vs DuckDB,
 * dbldatagen vs synthgraph) use the latest figures of both.
 */

/** When and where a measurement ran. */
export interface RunContext {
  /** ISO date of the run. */
  readonly date: string;
  /** CPU, cores, memory, Node, platform. */
  readonly machine: string;
  /** 1-, 5- and 15-minute load averages when the run started (other work slows it down). */
  readonly load: readonly [number, number, number];
}

/** Per-table figures of a run. */
export interface TableFigures {
  readonly rows: number;
  readonly columns?: number;
  readonly bytes?: number;
  /** Time to create (and count) the table, from the run's progress. */
  readonly ms?: number;
  /** Write tasks that wrote rows (Parquet files of the table's Delta commit). */
  readonly tasks?: number;
}

/** The identity graph on DuckDB at one size (scripts/bench/child-duckdb.ts). */
export interface DuckdbResult extends RunContext {
  readonly households: number;
  readonly wallMs: number;
  readonly rows: number;
  readonly peakRssMiB: number;
  /** Memory limit passed to DuckDB, if any. */
  readonly memoryLimit?: string;
  readonly tables: Readonly<Record<string, TableFigures>>;
  /** DuckDB writing the same rows × columns of constants to Parquet; absent when skipped. */
  readonly floorMs?: number;
  readonly duckdbVersion: string;
  readonly violations: number;
  /** Milliseconds spent in each phase of the run (session, tables, hashes, checks, write). */
  readonly phases: Readonly<Record<string, number>>;
}

/** The identity graph on local Spark at one size (scripts/bench/child-spark.ts). */
export interface SparkResult extends RunContext {
  readonly households: number;
  readonly wallMs: number;
  readonly rows: number;
  readonly tables: Readonly<Record<string, TableFigures>>;
  readonly violations: number;
  readonly phases: Readonly<Record<string, number>>;
  readonly cores: number;
  readonly driverMemory: string;
  readonly sparkVersion: string;
}

/** The dbldatagen baseline (scripts/bench/dbldatagen_baseline.py) at one size. */
export interface BaselineResult extends RunContext {
  readonly households: number;
  readonly spark: string;
  readonly partitions: number;
  readonly sessionStartSeconds: number;
  readonly totalSeconds: number;
  readonly tables: Readonly<Record<string, { readonly rows: number; readonly seconds: number; readonly files?: number }>>;
}

/** Every section's latest results, keyed by household count. */
export interface BenchResults {
  readonly duckdb: Readonly<Record<string, DuckdbResult>>;
  readonly duckdbLarge: Readonly<Record<string, DuckdbResult>>;
  readonly spark: Readonly<Record<string, SparkResult>>;
  readonly baseline: Readonly<Record<string, BaselineResult>>;
}

export const EMPTY_RESULTS: BenchResults = { duckdb: {}, duckdbLarge: {}, spark: {}, baseline: {} };

/** The four tables the replaced system generated, which the baseline compares. */
export const SHARED_TABLES = ['households', 'individuals', 'identity_mappings', 'content_engagements'] as const;

/** Adds new results to the old ones; a size measured again replaces its previous figures. */
export function mergeResults(old: BenchResults, add: Partial<BenchResults>): BenchResults {
  return {
    duckdb: { ...old.duckdb, ...add.duckdb },
    duckdbLarge: { ...old.duckdbLarge, ...add.duckdbLarge },
    spark: { ...old.spark, ...add.spark },
    baseline: { ...old.baseline, ...add.baseline },
  };
}

/**
 * Milliseconds per phase of a run from its progress events: starting the session, creating the
 * tables (each followed by its row count), hashing their content, the checks, and the write
 * (commit, manifest, closing the session) up to the end of the run.
 */
export function phasesOf(events: readonly { readonly phase: string; readonly state: string; readonly elapsedMs: number }[], wallMs: number): Record<string, number> {
  const first = (phase: string): number | undefined => events.find((e) => e.phase === phase)?.elapsedMs;
  const tablesDone = events.filter((e) => e.phase === 'table' && e.state === 'finished').at(-1)?.elapsedMs;
  const marks: [string, number | undefined][] = [
    ['session', 0],
    ['tables', first('table')],
    ['hashes', tablesDone],
    ['checks', first('check')],
    ['write', first('write')],
  ];
  const known = marks.filter((m): m is [string, number] => m[1] !== undefined);
  const out: Record<string, number> = {};
  known.forEach(([name, at], i) => {
    out[name] = Math.max(0, Math.round((known[i + 1]?.[1] ?? wallMs) - at));
  });
  return out;
}
