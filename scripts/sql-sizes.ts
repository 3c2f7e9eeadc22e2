/**
 * Measurement (not a test): the size of every statement of the identity graph's plan per dialect
 * and what dominates it — pool literals still inlined (`arrayGet` over an array of literals),
 * large bucket CASE trees (piecewise inverse CDFs, categorical draws with many values) and the
 * depth of nested SELECT layers — plus the lookup tables' setup statements.
 * Usage: node_modules/.bin/tsx --conditions=source scripts/sql-sizes.ts [households]
 */
import { buildPlan, getDialect, SqlPrinter, type Dialect, type SqlExpr, type SqlSelect } from '@synthgraph/core';
import '@synthgraph/duckdb';
import '@synthgraph/databricks';
import { getPreset } from '@synthgraph/presets';

const households = Number(process.argv[2] ?? 20_000);
const preset = getPreset('identity-graph');
const v = preset.validateConfig({ households: { num_households: households } });
if (!v.ok) throw new TypeError(JSON.stringify(v.issues));
const ir = preset.build(v.config).toIR({ seed: 42 });

/** Depth of nested SELECTs of a SELECT. */
function depth(s: SqlSelect): number {
  const from = (f: SqlSelect['from']): number => {
    switch (f.kind) {
      case 'subquery':
        return depth(f.select);
      case 'join':
        return Math.max(from(f.left), from(f.right));
      case 'repartition':
        return from(f.from);
      default:
        return 0;
    }
  };
  return 1 + from(s.from);
}

/** Every node object below `x` (SQL nodes are plain frozen objects). */
function* nodes(x: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(x)) for (const y of x) yield* nodes(y);
  else if (x && typeof x === 'object') {
    yield x as Record<string, unknown>;
    for (const y of Object.values(x)) yield* nodes(y);
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

for (const name of ['duckdb', 'spark']) {
  const d: Dialect = getDialect(name);
  const plan = buildPlan(ir, d);
  const p = new SqlPrinter(d, (e) => d.quoteIdent(e));
  console.log(`\n## ${name} (${households.toLocaleString('en-US')} households)\n`);
  console.log('| table | statement | nested SELECTs | inline pool literals | bucket trees > 32 branches |');
  console.log('|---|---:|---:|---:|---:|');
  let total = 0;
  for (const t of plan.tables) {
    let picks = 0;
    let buckets = 0;
    for (const n of nodes(t.plan.select)) {
      if (n['kind'] === 'call' && n['fn'] === 'arrayGet') {
        const arr = (n['args'] as SqlExpr[])[0];
        if (arr?.kind === 'array' && arr.items.length >= 32) picks += p.expr(arr).length;
      }
      // outermost large buckets only would be exact; nested ones are rare and small
      if (n['kind'] === 'bucket' && (n['values'] as unknown[]).length > 32) buckets += p.expr(n as unknown as SqlExpr).length;
    }
    const size = t.sql.join(';\n').length;
    total += size;
    console.log(`| ${t.entity} | ${kb(size)} | ${depth(t.plan.select)} | ${kb(picks)} | ${kb(buckets)} |`);
  }
  const lookups = plan.lookups ?? [];
  const setup = lookups.flatMap((l) => l.sql);
  console.log(`| **all tables** | ${kb(total)} | | | |`);
  console.log(`\nLookup tables: ${lookups.length} (${lookups.map((l) => `${l.name}: ${l.rows} rows`).join(', ') || 'none'}); setup statements: ${setup.length}, largest ${kb(Math.max(0, ...setup.map((s) => s.length)))}.`);
}
