/**
 * One local-Spark benchmark run in its own process (started by scripts/bench/main.ts): the
 * identity-graph preset, default config, seed 42, at `--households N` with `--target spark`'s
 * defaults (2 cores, 2 GB driver). Per table: rows, time (from the run's progress) and write
 * tasks (Parquet files of the table's Delta commit, `operationMetrics.numFiles`). Prints one
 * JSON line (SparkResult). Spark's log goes to stderr.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate, type ProgressEvent } from '@synthgraph/core';
import { localSpark } from '@synthgraph/databricks';
import { getPreset } from '@synthgraph/presets';
import { runContext } from './machine.js';
import { phasesOf, type SparkResult, type TableFigures } from './results.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Files written by the table's first commit that records them (its CTAS). */
async function writeTasks(table: string): Promise<number | undefined> {
  const log = path.join(table, '_delta_log');
  const commits = (await readdir(log).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  for (const c of commits) {
    for (const line of (await readFile(path.join(log, c), 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      const files = (JSON.parse(line) as { commitInfo?: { operationMetrics?: { numFiles?: string } } }).commitInfo?.operationMetrics?.numFiles;
      if (files !== undefined) return Number(files);
    }
  }
  return undefined;
}

const households = Number(flag('households'));
const cores = Number(flag('cores') ?? 2);
const driverMemory = flag('driver-memory') ?? '2g';
const context = runContext();
const preset = getPreset('identity-graph');
const v = preset.validateConfig({ households: { num_households: households } });
if (!v.ok) throw new TypeError(JSON.stringify(v.issues));
const dir = await mkdtemp(path.join(process.env['SYNTHGRAPH_BENCH_TMP'] ?? tmpdir(), 'sg-bench-spark-'));
const out = path.join(dir, 'out');
const ir = preset.build(v.config).toIR({ seed: 42 });
const events: ProgressEvent[] = [];
const t0 = performance.now();
try {
  const m = await generate(ir, localSpark({ out, cores, driverMemory, onLog: (l) => process.stderr.write(`${l}\n`) }), {
    onProgress: (e) => {
      events.push(e);
      if (e.phase === 'table' && e.state === 'finished') process.stderr.write(`  spark: ${e.table} ${e.rows} rows at ${(e.elapsedMs / 1000).toFixed(1)} s\n`);
    },
  });
  const wallMs = performance.now() - t0;
  const tables: Record<string, TableFigures> = {};
  for (const e of ir.entities) {
    const t = m.tables[e.name];
    const tasks = await writeTasks(path.join(out, e.name));
    tables[e.name] = { rows: t?.rows ?? 0, bytes: t?.bytes ?? 0, columns: e.columns.filter((c) => c.output).length, ms: t?.elapsedMs ?? 0, ...(tasks !== undefined ? { tasks } : {}) };
  }
  const result: SparkResult = {
    ...context,
    households,
    wallMs: Math.round(wallMs),
    rows: m.totalRows,
    tables,
    violations: m.checks.reduce((a, c) => a + c.violations, 0),
    phases: phasesOf(events, wallMs),
    cores,
    driverMemory,
    sparkVersion: m.engine,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
