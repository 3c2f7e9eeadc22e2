/**
 * Runs the Spark SQL plan on a local Apache Spark 4 + Delta Lake session (`--target spark`):
 * one Delta table per entity under the output directory, every check, and the same
 * `manifest.json` as the embedded engine. The output is built in a temporary sibling directory
 * and swapped in only when complete.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  defineEngine,
  positiveIntegerIssue,
  assertReplaceable,
  buildPlan,
  CancelledError,
  ConfigError,
  irHash,
  StagingDir,
  createManifest,
  type CheckResult,
  type Engine,
  type Issue,
  type Manifest,
  type ProgressEvent,
  type RunOptions,
  type ScenarioIR,
  type TableResult,
} from '@synthgraph/core';
import { LocalSpark } from '../local-spark/index.js';
import { findSinglePartitionExchanges } from '../local-spark/index.js';
import { sparkDialect } from './spark-dialect.js';
import { groupChecks, parseTableStats, tableStatsSql } from './table-stats.js';

/**
 * Local sessions run without whole-stage code generation: the generated plans are wide
 * expression trees whose whole-stage code exceeds the JVM method limit, so Spark would compile,
 * fail and fall back for every statement (measured: 40 s → 19 s for the conformance scenario).
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
  /** Target rows per partition of range sources. Default 1,000,000. */
  readonly rowsPerPartition?: number;
  /** The cache directory of `scripts/setup-spark.sh`. */
  readonly sparkHome?: string;
  /** Reuse a running session (tests); otherwise one is started and stopped per run. */
  readonly session?: LocalSpark;
  /** Fail when any CREATE statement's physical plan has a single-partition exchange. */
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

async function listFiles(dir: string): Promise<{ files: string[]; bytes: number }> {
  const files: string[] = [];
  let bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  for (const f of (await readdir(dir)).sort()) {
    if (!f.endsWith('.parquet')) continue;
    files.push(f);
    bytes += (await stat(path.join(dir, f))).size;
  }
  return { files, bytes };
}

async function runSpark(ir: ScenarioIR, o: LocalSparkEngineOptions, run: RunOptions): Promise<Manifest> {
  const t0 = performance.now();
  const out = path.resolve(o.out);
  await assertReplaceable(out);
  const staging = await StagingDir.create(out);
  const tableRef = (entity: string): string => `delta.\`${path.join(staging.path, entity)}\``;
  const finalRef = (entity: string): string => `delta.\`${path.join(out, entity)}\``;
  const dialect = sparkDialect({ properties: { 'synthgraph.seed': String(ir.seed), 'synthgraph.ir_hash': irHash(ir) }, tableRef: finalRef });
  const plan = buildPlan(ir, dialect, { tableRef, rowsPerPartition: o.rowsPerPartition ?? 1_000_000 });
  const steps = plan.tables.length + plan.checks.length + 1;
  let step = 0;
  const emit = (e: Omit<ProgressEvent, 'elapsedMs' | 'step' | 'steps'>): void => run.onProgress?.({ ...e, step, steps, elapsedMs: Math.round(performance.now() - t0) });
  const signal = run.signal;
  let session = o.session;
  const owned = !session;
  try {
    emit({ phase: 'plan', state: 'started', detail: 'starting local Spark' });
    if (!session) session = await LocalSpark.start({ warehouseDir: path.join(staging.path, '.spark-warehouse'), cores: o.cores, driverMemory: o.driverMemory, sparkHome: o.sparkHome, catalog: 'in-memory', signal, onLog: o.onLog, conf: LOCAL_CONF });
    const s = session;
    const scalar = async (sql: string): Promise<string> => String((await s.sql(sql, { collect: true, maxRows: 1, signal })).rows[0]?.[0] ?? '');
    const tables: Record<string, TableResult> = {};
    for (const t of plan.tables) {
      step++;
      const started = performance.now();
      emit({ phase: 'table', table: t.entity, state: 'started' });
      if (o.verifyPartitioning) {
        const found = findSinglePartitionExchanges(await s.explain(t.select, { signal }));
        if (found.length) throw new ConfigError([{ path: `entities.${t.entity}`, message: `the plan has a single-partition exchange: ${found.join('; ')}`, fix: 'partition windows and aggregates by a key' }]);
      }
      for (const sql of t.sql) await s.sql(sql, { collect: false, signal });
      const elapsedMs = Math.round(performance.now() - started);
      const stats = (await s.sql(tableStatsSql(t.table, t.plan.columns), { collect: true, maxRows: 1, signal })).rows[0];
      const { rows, contentHash } = parseTableStats(stats?.[0], stats?.[1]);
      tables[t.entity] = { rows, files: [], bytes: 0, contentHash, elapsedMs };
      emit({ phase: 'table', table: t.entity, state: 'finished', rows });
    }
    const checks: CheckResult[] = [];
    for (const g of groupChecks(plan.checks)) {
      step += g.checks.length;
      emit({ phase: 'check', table: g.entity, state: 'started', detail: `${g.checks.length} checks of ${g.entity}` });
      const row = (await s.sql(g.sql, { collect: true, maxRows: 1, signal })).rows[0] ?? [];
      g.checks.forEach((ch, i) => {
        const v = Number(row[i]);
        checks.push({ name: ch.name, table: ch.entity, violations: v });
        emit({ phase: 'check', table: ch.entity, state: 'finished', detail: ch.name, rows: v });
      });
    }
    step++;
    emit({ phase: 'write', state: 'started' });
    if (signal?.aborted) throw new CancelledError('The run was cancelled; nothing was written.');
    const sparkVersion = await scalar('SELECT version()');
    for (const t of plan.tables) {
      const { files, bytes } = await listFiles(path.join(staging.path, t.entity));
      tables[t.entity] = { ...(tables[t.entity] as TableResult), files: files.map((f) => `${t.entity}/${f}`), bytes };
    }
    const manifest = createManifest(ir, { engine: `spark ${sparkVersion.split(' ')[0] ?? sparkVersion}`, format: 'delta', tables, checks, elapsedMs: performance.now() - t0 });
    if (owned) await session.close();
    session = undefined;
    const { rm } = await import('node:fs/promises');
    await rm(path.join(staging.path, '.spark-warehouse'), { recursive: true, force: true });
    await writeFile(path.join(staging.path, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await staging.commit();
    emit({ phase: 'done', state: 'finished', rows: manifest.totalRows });
    return manifest;
  } catch (e) {
    if (owned) await session?.close().catch(() => undefined);
    await staging.discard();
    if (signal?.aborted && !(e instanceof CancelledError)) throw new CancelledError('The run was cancelled; nothing was written.', e);
    throw e;
  }
}
