/**
 * The embedded DuckDB engine: the shared run loop ({@link runPlan}) with a {@link DuckdbSession}
 * and a {@link DuckdbWriter} — each table as Parquet (default, ZSTD), in a `.duckdb` file, or as
 * CSV, staged so that a failed or cancelled run leaves no partial table.
 */
import { availableParallelism, totalmem } from 'node:os';
import path from 'node:path';
import { buildPlan, defineEngine, LocalOutput, runPlan, shardLayout, type Engine, type Issue, type Manifest, type RunOptions, type ScenarioIR } from '@synthgraph/core';
import { duckdbDialect } from './duckdb-dialect.js';
import { DuckdbSession } from './duckdb-session.js';
import { DUCKDB_FILE, DuckdbWriter, type DuckdbFormat } from './duckdb-writer.js';

/** Options of {@link duckdb}. */
export interface DuckdbOptions {
  /** Output directory (created; replaced when it holds an earlier synthgraph output). */
  readonly out: string;
  /** `parquet` (default), `duckdb` (one `synthgraph.duckdb` file) or `csv`. */
  readonly format?: DuckdbFormat;
  /** DuckDB worker threads. Default: DuckDB's default (all cores). */
  readonly threads?: number;
  /**
   * DuckDB memory limit, e.g. `'4GB'`; above it DuckDB spills joins, aggregates and sorts to
   * `tempDirectory`. Default: {@link defaultMemoryLimit} — 1 GiB per thread, at least 1 GiB, at
   * most half the machine's RAM (DuckDB's own default, 80% of RAM, let a 1M-household run reach
   * ~10 GiB). Rows and content hashes do not depend on it.
   */
  readonly memoryLimit?: string;
  /** Where DuckDB spills when over the memory limit. Default: inside the temporary output directory. */
  readonly tempDirectory?: string;
  /** Parquet compression. Default `zstd`. */
  readonly compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
  /** Extra manifest sections (e.g. a preset's resolved config). */
  readonly manifestExtra?: Readonly<Record<string, unknown>>;
  /**
   * `replace` (default) writes a new output; `append` adds this run as a new batch to an
   * existing Parquet or CSV output (keys must be disjoint — presets offset them per batch) and
   * checks every constraint over the union.
   */
  readonly mode?: 'replace' | 'append';
  /**
   * Households per shard: every household-local table (all but e.g. `campaigns`,
   * `campaign_exposures` and `truth_campaign_lift` of the identity graph; see core's
   * `shardLayout`) is generated one household range at a time — one Parquet part file (or one
   * INSERT) per shard — so a statement's working set follows the shard, not the run; progress
   * reports each shard. `'off'`: every table in one statement. Default:
   * {@link defaultShardHouseholds}. Rows and content hashes do not depend on it.
   */
  readonly shardHouseholds?: number | 'off';
}

/** Above this many households a DuckDB run is sharded by default. */
const SHARD_ABOVE_HOUSEHOLDS = 500_000;
/** Households per shard by default. */
const DEFAULT_SHARD_HOUSEHOLDS = 250_000;

/**
 * The shard size a DuckDB run uses when none is given: no shards up to 500,000 households (one
 * statement per table is fastest while the working set fits the default memory limit), else
 * shards of 250,000 households (~23M rows over the local tables of the default identity graph
 * per shard), so memory stays near that of a 250K-household run however large the run.
 *
 * @example
 * ```ts
 * defaultShardHouseholds(100_000); // undefined (no shards)
 * defaultShardHouseholds(1_000_000); // 250000 (4 shards)
 * ```
 */
export function defaultShardHouseholds(households: number): number | undefined {
  return households > SHARD_ABOVE_HOUSEHOLDS ? DEFAULT_SHARD_HOUSEHOLDS : undefined;
}

/** Memory per DuckDB thread by default: the low end of DuckDB's 1–4 GB per thread guidance (docs: guides/performance/environment). */
const MEMORY_PER_THREAD_MIB = 1024;

/**
 * The memory limit a DuckDB run uses when none is given: 1 GiB per worker thread (`threads`,
 * default all cores), at least 1 GiB and at most half of `totalBytes` (default the machine's RAM),
 * in MiB as DuckDB reads it.
 *
 * @example
 * ```ts
 * defaultMemoryLimit(2, 24 * 2 ** 30); // '2048MiB'
 * defaultMemoryLimit(64, 16 * 2 ** 30); // '8192MiB' (half the RAM)
 * ```
 */
export function defaultMemoryLimit(threads: number = availableParallelism(), totalBytes: number = totalmem()): string {
  const halfRam = Math.floor(totalBytes / 2 ** 21);
  return `${Math.max(1024, Math.min(threads * MEMORY_PER_THREAD_MIB, halfRam))}MiB`;
}

const MEMORY = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** Validates engine options; returns every problem. */
export function validateDuckdbOptions(o: DuckdbOptions): Issue[] {
  const issues: Issue[] = [];
  if (typeof o.out !== 'string' || o.out.trim() === '') issues.push({ path: 'out', message: 'is required', value: o.out, fix: 'pass an output directory, e.g. ./synthgraph-out' });
  if (o.format !== undefined && !['parquet', 'duckdb', 'csv'].includes(o.format))
    issues.push({ path: 'format', message: 'is not a known format', value: o.format, fix: 'use parquet, duckdb or csv' });
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 1 && o.threads <= 1024))
    issues.push({ path: 'threads', message: 'must be an integer from 1 to 1024', value: o.threads, fix: 'e.g. --threads 2' });
  if (o.memoryLimit !== undefined && !MEMORY.test(o.memoryLimit)) issues.push({ path: 'memoryLimit', message: 'is not a memory size', value: o.memoryLimit, fix: "use e.g. '4GB' or '512MB'" });
  if (o.mode !== undefined && !['replace', 'append'].includes(o.mode)) issues.push({ path: 'mode', message: 'must be replace or append', value: o.mode, fix: 'use replace or append' });
  if (o.mode === 'append' && o.format === 'duckdb') issues.push({ path: 'mode', message: 'append is supported for parquet and csv outputs', value: 'append', fix: 'use --format parquet' });
  if (o.shardHouseholds !== undefined && o.shardHouseholds !== 'off' && !(Number.isInteger(o.shardHouseholds) && o.shardHouseholds >= 1))
    issues.push({ path: 'shardHouseholds', message: "must be a positive integer or 'off'", value: o.shardHouseholds, fix: 'e.g. 250000 households per shard' });
  if (o.compression !== undefined && !['zstd', 'snappy', 'gzip', 'uncompressed'].includes(o.compression))
    issues.push({ path: 'compression', message: 'is not a known Parquet compression', value: o.compression, fix: 'use zstd, snappy, gzip or uncompressed' });
  return issues;
}

/**
 * Creates the DuckDB engine.
 *
 * @example
 * ```ts
 * import { generate } from '@synthgraph/core';
 * import { duckdb } from '@synthgraph/duckdb';
 * const manifest = await generate(scenario, duckdb({ out: './out', threads: 2 }), { seed: 42 });
 * console.log(manifest.tables.households.rows);
 * ```
 */
export function duckdb(options: DuckdbOptions): Engine {
  return defineEngine('duckdb', 'DuckDB', options, validateDuckdbOptions, runDuckdb);
}

async function runDuckdb(ir: ScenarioIR, o: DuckdbOptions, run: RunOptions): Promise<Manifest> {
  const format = o.format ?? 'parquet';
  const households = shardLayout(ir)?.households ?? 0;
  const shardHouseholds = o.shardHouseholds === 'off' ? undefined : (o.shardHouseholds ?? defaultShardHouseholds(households));
  const plan = buildPlan(ir, duckdbDialect, { shardHouseholds, shardSources: true });
  const output = await LocalOutput.open(o.out, { mode: o.mode, format, ir });
  const spill = o.tempDirectory ? undefined : path.join(output.staging, '.spill');
  const writer = new DuckdbWriter(output, format, o.compression ?? 'zstd', spill);
  const dbPath = format === 'duckdb' ? path.join(output.staging, DUCKDB_FILE) : ':memory:';
  const openSession = (): Promise<DuckdbSession> => DuckdbSession.open({ path: dbPath, tempDirectory: o.tempDirectory ?? (spill as string), threads: o.threads, memoryLimit: o.memoryLimit ?? defaultMemoryLimit(o.threads), signal: run.signal });
  // The shard layout the part files follow (absent when every table was written whole).
  const shards = plan.tables.find((t) => t.shards)?.shards?.length;
  const extra = { ...(o.manifestExtra ?? {}), ...(shards ? { householdShards: { householdsPerShard: shardHouseholds, shards } } : {}) };
  return runPlan(ir, plan, { ...run, writer, openSession, sessionLabel: 'opening DuckDB', dialect: duckdbDialect, extra });
}
