/**
 * `pnpm bench`: runs the chosen sections (scripts/bench/args.ts), each size in its own process,
 * and writes docs/benchmarks.md (scripts/bench/doc.ts). Benchmarks, not tests: nothing asserts
 * timings. See docs/benchmarks.md for what each section measures.
 */
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, parseBenchArgs, type BenchArgs } from './args.js';
import { readResults, sharedSeconds, writeDoc } from './doc.js';
import { runContext } from './machine.js';
import { SHARED_TABLES, mergeResults, type BaselineResult, type BenchResults, type DuckdbResult, type SparkResult } from './results.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const docFile = path.join(root, 'docs', 'benchmarks.md');
const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** Runs a command whose last stdout line is its JSON result; null (with the reason logged) when it fails. */
function runJson<T>(label: string, cmd: string, args: readonly string[], timeoutMs?: number): T | null {
  log(`${label} …`);
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  const last = r.stdout?.trim().split('\n').pop();
  if (r.status !== 0 || !last?.startsWith('{')) {
    log(`  ${label} failed (exit ${r.status ?? r.signal}); its output is above`);
    return null;
  }
  return JSON.parse(last) as T;
}

function tsChild<T>(label: string, script: string, args: readonly string[], timeoutMs?: number): T | null {
  return runJson<T>(label, process.execPath, ['--conditions=source', '--import', 'tsx', path.join(here, script), ...args], timeoutMs);
}

function duckdbRuns(sizes: readonly number[], extra: readonly string[]): Record<string, DuckdbResult> {
  const out: Record<string, DuckdbResult> = {};
  for (const n of sizes) {
    const r = tsChild<DuckdbResult>(`DuckDB, ${n.toLocaleString('en-US')} households${extra.length ? ` (${extra.join(' ')})` : ''}`, 'child-duckdb.ts', ['--households', String(n), ...extra]);
    if (!r) continue;
    out[String(n)] = r;
    log(`  ${(r.wallMs / 1000).toFixed(1)} s, ${r.rows} rows, peak RSS ${r.peakRssMiB} MiB${r.floorMs ? `, floor ${(r.floorMs / 1000).toFixed(1)} s` : ''}, ${r.violations} violations`);
  }
  return out;
}

function baselineRun(n: number, spark: SparkResult | undefined, timeoutMs: number): BaselineResult | null {
  if (!spark) {
    log(`dbldatagen baseline: needs synthgraph's Spark run at ${n} households for its row counts (run --only spark,baseline)`);
    return null;
  }
  const setup = spawnSync('bash', [path.join(root, 'scripts', 'setup-bench-baseline.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const python = setup.stdout.trim().split('\n').pop();
  if (setup.status !== 0 || !python) {
    log('dbldatagen baseline: scripts/setup-bench-baseline.sh failed (see above)');
    return null;
  }
  const context = runContext();
  const dir = mkdtempSync(path.join(process.env['SYNTHGRAPH_BENCH_TMP'] ?? tmpdir(), 'sg-baseline-'));
  try {
    const counts = SHARED_TABLES.flatMap((t) => [`--${t.replace(/_/g, '-')}`, String(spark.tables[t]?.rows ?? 0)]);
    const r = runJson<Omit<BaselineResult, keyof typeof context | 'households'>>(`dbldatagen baseline, ${n.toLocaleString('en-US')} households`, python, [
      path.join(here, 'dbldatagen_baseline.py'),
      '--out',
      dir,
      '--cores',
      String(spark.cores),
      '--driver-memory',
      spark.driverMemory,
      ...counts,
    ], timeoutMs);
    if (!r) return null;
    log(`  ${r.totalSeconds.toFixed(1)} s on the four tables (synthgraph: ${sharedSeconds(spark).toFixed(1)} s)`);
    return { ...context, households: n, ...r };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  let a: BenchArgs;
  try {
    a = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof BenchUsageError) {
      log(e.message);
      process.exit(2);
    }
    throw e;
  }
  log(`pnpm bench: ${a.sections.join(', ')}`);
  let doc = '# Benchmarks\n\nFigures from `pnpm bench` on the machine named in each section. Benchmarks, not tests: nothing asserts timings.\n';
  try {
    doc = await readFile(docFile, 'utf8');
  } catch {
    /* a new doc */
  }
  let results: BenchResults = readResults(doc);
  const save = async (add: Partial<BenchResults>): Promise<void> => {
    results = mergeResults(results, add);
    if (!a.write) return;
    doc = writeDoc(doc, results);
    await writeFile(docFile, doc);
  };
  let failed = false;
  for (const s of a.sections) {
    if (s === 'evaluator') {
      const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(root, 'scripts', 'bench-evaluator.ts'), ...a.evaluatorArgs], { cwd: root, stdio: 'inherit' });
      failed ||= r.status !== 0;
      doc = await readFile(docFile, 'utf8').catch(() => doc);
    } else if (s === 'duckdb') {
      const runs = duckdbRuns(a.households, []);
      failed ||= Object.keys(runs).length < a.households.length;
      await save({ duckdb: runs });
    } else if (s === 'duckdb-10m') {
      const runs = duckdbRuns([a.largeHouseholds], ['--memory-limit', a.memoryLimit, '--no-floor']);
      failed ||= !Object.keys(runs).length;
      await save({ duckdbLarge: runs });
    } else if (s === 'spark') {
      const r = tsChild<SparkResult>(`local Spark, ${a.sparkHouseholds.toLocaleString('en-US')} households`, 'child-spark.ts', ['--households', String(a.sparkHouseholds), '--driver-memory', a.sparkDriverMemory], a.sparkTimeoutMinutes * 60_000);
      if (r) log(`  ${(r.wallMs / 1000).toFixed(1)} s, ${r.rows} rows, ${r.violations} violations`);
      failed ||= !r;
      if (r) await save({ spark: { [String(a.sparkHouseholds)]: r } });
    } else {
      const r = baselineRun(a.sparkHouseholds, results.spark[String(a.sparkHouseholds)], a.sparkTimeoutMinutes * 60_000);
      failed ||= !r;
      if (r) await save({ baseline: { [String(a.sparkHouseholds)]: r } });
    }
  }
  if (a.write) log(`wrote ${docFile}`);
  else log(JSON.stringify(results));
  if (failed) process.exitCode = 1;
}

await main();
