/**
 * Benchmark (not a test): how long the checks of the identity graph take, fused (one statement
 * per table that scans it once) against the form before (one statement per table of per-check
 * scalar subqueries, each scanning the table again), over the same tables, `--repeat` rounds
 * alternating, best time kept; both forms must count the same.
 *
 * DuckDB (default): generates the preset (Parquet, seed 42) with the DuckDB engine, reports the
 * check phase of that run from its progress events, then compares the two forms over its output.
 * `--target spark`: writes the tables with the plan's CTAS statements into Delta on local Spark
 * (the engine's session settings) and compares the two forms there.
 *
 * Usage: node --conditions=source --import tsx scripts/bench-checks.ts [--households 100000]
 *        [--threads 2] [--repeat 2] [--target duckdb|spark]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProgressEvent, ScenarioIR, StatementPlan } from '@synthgraph/core';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? String(process.argv[i + 1]) : fallback;
};
const households = Number(arg('households', '100000'));
const threads = Number(arg('threads', '0'));
const repeat = Number(arg('repeat', '2'));
const target = arg('target', 'duckdb');
const out = (line: string): boolean => process.stdout.write(`${line}\n`);

const { buildPlan, checkColumn } = await import('@synthgraph/core');
const { getPreset } = await import('@synthgraph/presets');
const preset = getPreset('identity-graph');
const v = preset.validateConfig({ households: { num_households: households } });
if (!v.ok) throw new Error(JSON.stringify(v.issues));
const ir: ScenarioIR = preset.build(v.config).toIR({ seed: 42 });
const dir = await mkdtemp(path.join(tmpdir(), 'sg-bench-checks-'));

type Query = (sql: string, what: string) => Promise<readonly Readonly<Record<string, unknown>>[]>;

/** Times both forms of the checks of `plan` (best of `repeat`), and fails if they count differently. */
async function compare(plan: StatementPlan, query: Query, quote: (name: string) => string): Promise<void> {
  const perCheck = plan.checkGroups.map((g) => {
    const checks = plan.checks.filter((c) => c.entity === g.entity);
    return { entity: g.entity, names: g.names, sql: `SELECT ${checks.map((c, i) => `(\n${c.sql}\n) AS ${quote(checkColumn(i))}`).join(',\n')}` };
  });
  const forms = { before: perCheck, fused: plan.checkGroups };
  const best: Record<string, Record<string, number>> = { before: {}, fused: {} };
  const counts: Record<string, string> = {};
  for (let round = 0; round < repeat; round++) {
    for (const [i, entity] of plan.checkGroups.map((g) => g.entity).entries()) {
      for (const [form, groups] of Object.entries(forms)) {
        const g = groups[i] as (typeof groups)[number];
        const t0 = performance.now();
        const row = (await query(g.sql, `${form} checks of ${g.entity}`))[0] ?? {};
        const ms = performance.now() - t0;
        const times = best[form] as Record<string, number>;
        times[g.entity] = Math.min(times[g.entity] ?? Infinity, ms);
        const got = JSON.stringify(g.names.map((_, i) => Number(row[checkColumn(i)])));
        if (counts[g.entity] !== undefined && counts[g.entity] !== got) throw new Error(`${g.entity}: the two forms count differently: ${counts[g.entity]} vs ${got}`);
        counts[g.entity] = got;
        process.stderr.write(`round ${round + 1} ${entity} ${form}: ${(ms / 1000).toFixed(2)} s\n`);
      }
    }
  }
  const s = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(2);
  const total = (form: string): number => Object.values(best[form] ?? {}).reduce((a, b) => a + b, 0);
  out(`\nchecks over the same tables, best of ${repeat} rounds (seconds; equal counts):`);
  out('| table | checks | per-check subqueries (before) | fused (after) |');
  out('|---|---:|---:|---:|');
  for (const g of plan.checkGroups) out(`| ${g.entity} | ${g.names.length} | ${s(best['before']?.[g.entity])} | ${s(best['fused']?.[g.entity])} |`);
  out(`| **total** | ${plan.checks.length} | **${s(total('before'))}** | **${s(total('fused'))}** |`);
}

async function onDuckdb(): Promise<void> {
  const { generate } = await import('@synthgraph/core');
  const { duckdb, duckdbDialect, DuckdbSession } = await import('@synthgraph/duckdb');
  const { readBack } = await import('../packages/duckdb/src/file-columns.js');
  const events: ProgressEvent[] = [];
  const t0 = performance.now();
  const m = await generate(ir, duckdb({ out: path.join(dir, 'out'), ...(threads > 0 ? { threads } : {}) }), { onProgress: (e) => events.push(e) });
  const checks = events.filter((e) => e.phase === 'check').map((e) => e.elapsedMs);
  out(`DuckDB, ${households} households, ${m.totalRows} rows: run ${((performance.now() - t0) / 1000).toFixed(1)} s, its check phase ${((Math.max(...checks) - Math.min(...checks)) / 1000).toFixed(1)} s (${m.checks.length} checks, ${m.checks.reduce((a, c) => a + c.violations, 0)} violations)`);
  const plan = buildPlan(ir, duckdbDialect);
  const session = await DuckdbSession.open({ path: ':memory:', tempDirectory: path.join(dir, 'spill'), ...(threads > 0 ? { threads } : {}) });
  try {
    for (const t of plan.tables) await session.execute(`CREATE VIEW ${t.table} AS ${readBack(t.plan.columns, `read_parquet('${path.join(dir, 'out', t.entity)}/*.parquet')`)}`, t.entity);
    await compare(plan, (sql, what) => session.query(sql, what), duckdbDialect.quoteIdent);
  } finally {
    await session.close();
  }
}

async function onSpark(): Promise<void> {
  const { LocalSpark, sparkDialect, LOCAL_CONF } = await import('@synthgraph/databricks');
  const tableRef = (entity: string): string => `delta.\`${path.join(dir, 'tables', entity)}\``;
  const plan = buildPlan(ir, sparkDialect({ tableRef }), { tableRef, rowsPerPartition: 1_000_000, minPartitions: 2 });
  const spark = await LocalSpark.start({ warehouseDir: path.join(dir, 'warehouse'), cores: 2, catalog: 'in-memory', conf: LOCAL_CONF });
  try {
    const t0 = performance.now();
    for (const t of plan.tables) for (const sql of t.sql) await spark.sql(sql, { collect: false });
    out(`local Spark (2 cores), ${households} households: tables written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await compare(
      plan,
      async (sql) => {
        const r = await spark.sql(sql);
        return r.rows.map((row) => Object.fromEntries(row.map((x, i) => [r.columns[i]?.name ?? '', x])));
      },
      sparkDialect().quoteIdent,
    );
  } finally {
    await spark.close();
  }
}

try {
  await (target === 'spark' ? onSpark() : onDuckdb());
} finally {
  await rm(dir, { recursive: true, force: true });
}
