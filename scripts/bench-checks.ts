/**
 * Benchmark (not a test): how long the checks of the identity graph take on DuckDB.
 * Generates the preset once (Parquet, seed 42) and reports the check phase of the run from its
 * progress events (first check statement started → last check finished), per table and in total;
 * then, over the same Parquet output, times both forms of the checks side by side (`--repeat`
 * rounds, alternating): one statement per table of per-check scalar subqueries (each scanning the
 * table again; the form before the checks were fused) and the fused statement per table (one scan),
 * and verifies they count the same.
 * Usage: node --conditions=source --import tsx scripts/bench-checks.ts [--households 100000] [--threads 2] [--repeat 2]
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

// A/B over the same output: per-check subqueries (one scan per check) against the fused statements.
const { buildPlan, checkColumn } = await import('@synthgraph/core');
const { duckdbDialect, DuckdbSession } = await import('@synthgraph/duckdb');
const { readBack } = await import('../packages/duckdb/src/file-columns.js');
const plan = buildPlan(ir, duckdbDialect);
const session = await DuckdbSession.open({ path: ':memory:', tempDirectory: path.join(dir, 'spill'), ...(threads > 0 ? { threads } : {}) });
for (const t of plan.tables) await session.execute(`CREATE VIEW ${t.table} AS ${readBack(t.plan.columns, `read_parquet('${path.join(dir, 'out', t.entity)}/*.parquet')`)}`, t.entity);
const perCheck = plan.checkGroups.map((g) => {
  const checks = plan.checks.filter((c) => c.entity === g.entity);
  return { entity: g.entity, names: g.names, sql: `SELECT ${checks.map((c, i) => `(\n${c.sql}\n) AS ${duckdbDialect.quoteIdent(checkColumn(i))}`).join(',\n')}` };
});
const forms = { 'per-check subqueries': perCheck, fused: plan.checkGroups };
const timing: Record<string, Record<string, number>> = { 'per-check subqueries': {}, fused: {} };
const results: Record<string, string> = {};
for (let round = 0; round < arg('repeat', 2); round++) {
  for (const [form, groups] of Object.entries(forms)) {
    for (const g of groups) {
      const s0 = performance.now();
      const row = (await session.query(g.sql, g.entity))[0] ?? {};
      const ms = performance.now() - s0;
      const t = timing[form] as Record<string, number>;
      t[g.entity] = Math.min(t[g.entity] ?? Infinity, ms);
      const counts = JSON.stringify(g.names.map((_, i) => Number(row[checkColumn(i)])));
      if (results[g.entity] !== undefined && results[g.entity] !== counts) throw new Error(`${g.entity}: the two forms count differently: ${results[g.entity]} vs ${counts}`);
      results[g.entity] = counts;
    }
  }
}
await session.close();
const total = (form: string): number => Object.values(timing[form] ?? {}).reduce((a, b) => a + b, 0);
process.stdout.write(`\nsame output, best of ${arg('repeat', 2)} (s): table | per-check subqueries | fused\n`);
for (const g of plan.checkGroups) process.stdout.write(`  ${g.entity} | ${((timing['per-check subqueries']?.[g.entity] ?? 0) / 1000).toFixed(2)} | ${((timing['fused']?.[g.entity] ?? 0) / 1000).toFixed(2)}\n`);
process.stdout.write(`  total | ${(total('per-check subqueries') / 1000).toFixed(2)} | ${(total('fused') / 1000).toFixed(2)}\n`);
await rm(dir, { recursive: true, force: true });
