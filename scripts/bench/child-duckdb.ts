/**
 * One DuckDB benchmark run in its own process (started by scripts/bench/main.ts): the
 * identity-graph preset, default config, seed 42, at `--households N`, optionally with
 * `--memory-limit`, then the floor — DuckDB writing the same number of rows and columns of
 * constant BIGINTs to Parquet (skipped with `--no-floor`). Prints one JSON line (DuckdbResult).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, type ProgressEvent } from '@synthgraph/core';
import { duckdb } from '@synthgraph/duckdb';
import { getPreset } from '@synthgraph/presets';
import { runContext } from './machine.js';
import { phasesOf, type DuckdbResult, type TableFigures } from './results.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const households = Number(flag('households'));
const memoryLimit = flag('memory-limit');
const context = runContext();
const preset = getPreset('identity-graph');
const v = preset.validateConfig({ households: { num_households: households } });
if (!v.ok) throw new TypeError(JSON.stringify(v.issues));
const dir = await mkdtemp(path.join(process.env['SYNTHGRAPH_BENCH_TMP'] ?? tmpdir(), 'sg-bench-'));
const ir = preset.build(v.config).toIR({ seed: 42 });
const events: ProgressEvent[] = [];
const t0 = performance.now();
const m = await generate(ir, duckdb({ out: path.join(dir, 'out'), ...(memoryLimit ? { memoryLimit } : {}) }), { onProgress: (e) => events.push(e) });
const wallMs = performance.now() - t0;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const tables: Record<string, TableFigures> = {};
for (const e of ir.entities) {
  const t = m.tables[e.name];
  tables[e.name] = { rows: t?.rows ?? 0, bytes: t?.bytes ?? 0, columns: e.columns.filter((c) => c.output).length, ms: t?.elapsedMs ?? 0 };
}
await rm(path.join(dir, 'out'), { recursive: true, force: true });
// Floor: the same rows × columns of constants written to Parquet by DuckDB.
const inst = await DuckDBInstance.create(':memory:');
const conn = await inst.connect();
await conn.run('SET preserve_insertion_order = false');
let floorMs: number | undefined;
if (!process.argv.includes('--no-floor')) {
  const f0 = performance.now();
  for (const [name, t] of Object.entries(tables)) {
    const cols = Array.from({ length: t.columns ?? 1 }, (_, i) => `${i}::BIGINT AS c${i}`).join(', ');
    await conn.run(`COPY (SELECT ${cols} FROM range(${t.rows})) TO '${path.join(dir, `${name}.parquet`)}' (FORMAT parquet, COMPRESSION zstd)`);
  }
  floorMs = performance.now() - f0;
}
const duckdbVersion = String((await conn.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
conn.closeSync();
inst.closeSync();
await rm(dir, { recursive: true, force: true });
const result: DuckdbResult = {
  ...context,
  households,
  wallMs: Math.round(wallMs),
  rows: m.totalRows,
  peakRssMiB: Math.round(peakRssMiB),
  ...(memoryLimit ? { memoryLimit } : {}),
  tables,
  ...(floorMs !== undefined ? { floorMs: Math.round(floorMs) } : {}),
  duckdbVersion,
  violations: m.checks.reduce((a, c) => a + c.violations, 0),
  phases: phasesOf(events, wallMs),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
