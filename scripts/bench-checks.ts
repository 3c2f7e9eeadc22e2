/**
 * Benchmark (not a test): how long the checks of the identity graph take on DuckDB.
 * Generates the preset once (Parquet, seed 42) and reports the check phase of the run from its
 * progress events (first check statement started → last check finished), per table and in total.
 * Usage: node --conditions=source --import tsx scripts/bench-checks.ts [--households 100000] [--threads 2]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProgressEvent } from '@synthgraph/core';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const households = arg('households', 100_000);
const threads = arg('threads', 0);
const { generate } = await import('@synthgraph/core');
const { duckdb } = await import('@synthgraph/duckdb');
const { getPreset } = await import('@synthgraph/presets');
const preset = getPreset('identity-graph');
const v = preset.validateConfig({ households: { num_households: households } });
if (!v.ok) throw new Error(JSON.stringify(v.issues));
const dir = await mkdtemp(path.join(tmpdir(), 'sg-bench-checks-'));
const ir = preset.build(v.config).toIR({ seed: 42 });
const events: ProgressEvent[] = [];
const t0 = performance.now();
const m = await generate(ir, duckdb({ out: path.join(dir, 'out'), ...(threads > 0 ? { threads } : {}) }), { onProgress: (e) => events.push(e) });
const wallMs = performance.now() - t0;
const checkEvents = events.filter((e) => e.phase === 'check');
const perTable = new Map<string, { start: number; end: number; checks: number }>();
for (const e of checkEvents) {
  const t = e.table ?? '?';
  const r = perTable.get(t) ?? { start: e.elapsedMs, end: e.elapsedMs, checks: 0 };
  r.start = Math.min(r.start, e.elapsedMs);
  r.end = Math.max(r.end, e.elapsedMs);
  if (e.state === 'finished') r.checks++;
  perTable.set(t, r);
}
const first = Math.min(...checkEvents.map((e) => e.elapsedMs));
const last = Math.max(...checkEvents.map((e) => e.elapsedMs));
process.stdout.write(`${households} households, ${m.totalRows} rows, run ${(wallMs / 1000).toFixed(1)} s, checks ${((last - first) / 1000).toFixed(1)} s (${m.checks.length} checks, ${m.checks.reduce((a, c) => a + c.violations, 0)} violations)\n`);
for (const [t, r] of perTable) process.stdout.write(`  ${t}: ${r.checks} checks, ${((r.end - r.start) / 1000).toFixed(2)} s\n`);
await rm(dir, { recursive: true, force: true });
