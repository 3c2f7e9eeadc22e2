/**
 * Runs the Spark SQL plan on a local Apache Spark 4 + Delta Lake session (`--target spark`)
 * through the shared run loop ({@link runPlan}): one Delta table per entity under the output
 * directory, every check, and the same `manifest.json` as the embedded engine. The output is
 * built in a temporary sibling directory and swapped in only when complete.
 */
import path from 'node:path';
import { buildPlan, defineEngine, irHash, LocalOutput, positiveIntegerIssue, runPlan, type Engine, type Issue, type Manifest, type RunOptions, type ScenarioIR, type StatementPlan } from '@synthgraph/core';
import { LocalSpark } from '../local-spark/index.js';
import { sparkDialect } from './spark-dialect.js';
import { DeltaDirectoryWriter, LocalSparkSession, WAREHOUSE_DIR } from './spark-session.js';

/**
 * Local sessions run without whole-stage code generation: the generated plans are wide
 * expression trees whose whole-stage code exceeded the JVM method limit, so Spark would compile,
 * fail and fall back for every statement (measured: 40 s → 19 s for the conformance scenario).
 * With the pools and the large buckets read from lookup tables no identity-graph statement makes
 * Janino fail any more (`individuals`, which did, no longer carries piecewise CASE trees), but the
 * large ones are wider than `spark.sql.codegen.maxFields` and run interpreted anyway, and a
 * codegen-on session ran out of driver memory at `audience_attributes`. See docs/spark-local.md.
 */
export const LOCAL_CONF: Readonly<Record<string, string>> = { 'spark.sql.codegen.wholeStage': 'false' };

/** Options of {@link localSpark}. */
export interface LocalSparkEngineOptions {
  /** Output directory: one Delta table folder per entity plus `manifest.json`. */
  readonly out: string;
  /** Local cores (`local[N]`). Default 2. */
  readonly cores?: number;
  /** Spark driver memory, e.g. `4g`. Default `2g`. */
  readonly driverMemory?: string;
  /**
   * Target rows per partition: a stage estimated above it (a sequence, a fan-out, a cross
   * product, a group or window source) gets `ceil(rows / rowsPerPartition)` partitions, at least
   * `cores` (the session's default parallelism). Default 1,000,000.
   */
  readonly rowsPerPartition?: number;
  /** The cache directory of `scripts/setup-spark.sh`. */
  readonly sparkHome?: string;
  /** Reuse a running session (tests); otherwise one is started and stopped per run. */
  readonly session?: LocalSpark;
  /**
   * Fail when any CREATE statement's physical plan has a single-partition exchange, or when a
   * table estimated above `rowsPerPartition` rows is written by fewer tasks than `cores`.
   */
  readonly verifyPartitioning?: boolean;
  /** Receives Spark's log lines. */
  readonly onLog?: (line: string) => void;
}

/** Validates the options, naming every problem. */
export function validateLocalSparkOptions(o: LocalSparkEngineOptions): Issue[] {
  const issues: Issue[] = [];
  if (typeof o.out !== 'string' || !o.out.trim()) issues.push({ path: 'out', message: 'is required', value: o.out, fix: 'pass an output directory' });
  else if (/[`\n\r]/.test(o.out)) issues.push({ path: 'out', message: 'must not contain backticks or line breaks', value: o.out, fix: 'choose a plain path' });
  if (o.cores !== undefined && !(Number.isInteger(o.cores) && o.cores >= 1 && o.cores <= 256)) issues.push({ path: 'cores', message: 'must be an integer from 1 to 256', value: o.cores, fix: 'e.g. 2' });
  issues.push(...positiveIntegerIssue('rowsPerPartition', o.rowsPerPartition));
  return issues;
}

/**
 * Creates the local Spark engine.
 *
 * @example
 * ```ts
 * const manifest = await generate(scenario, localSpark({ out: './out-spark' }), { seed: 42 });
 * ```
 */
export function localSpark(options: LocalSparkEngineOptions): Engine {
  return defineEngine('spark', 'local Spark', options, validateLocalSparkOptions, runSpark);
}

async function runSpark(ir: ScenarioIR, o: LocalSparkEngineOptions, run: RunOptions): Promise<Manifest> {
  const output = await LocalOutput.open(o.out, { format: 'delta', ir });
  const tableRef = (entity: string): string => `delta.\`${path.join(output.staging, entity)}\``;
  const finalRef = (entity: string): string => `delta.\`${path.join(output.out, entity)}\``;
  const dialect = sparkDialect({ properties: { 'synthgraph.seed': String(ir.seed), 'synthgraph.ir_hash': irHash(ir) }, tableRef: finalRef });
  const partitioning = { rowsPerPartition: o.rowsPerPartition ?? 1_000_000, minPartitions: o.session?.cores ?? o.cores ?? 2 };
  let plan: StatementPlan;
  try {
    plan = buildPlan(ir, dialect, { tableRef, ...partitioning });
  } catch (e) {
    await output.discard();
    throw e;
  }
  const openSession = async (): Promise<LocalSparkSession> =>
    new LocalSparkSession(
      o.session ??
        (await LocalSpark.start({ warehouseDir: path.join(output.staging, WAREHOUSE_DIR), cores: o.cores, driverMemory: o.driverMemory, sparkHome: o.sparkHome, catalog: 'in-memory', signal: run.signal, onLog: o.onLog, conf: LOCAL_CONF })),
      !o.session,
      run.signal,
    );
  const writer = new DeltaDirectoryWriter(output, tableRef, o.verifyPartitioning ? partitioning : null);
  return runPlan(ir, plan, { ...run, openSession, writer, dialect, sessionLabel: 'starting local Spark' });
}
