/**
 * Measurement (not a test): whole-stage code generation of the identity graph's statements on
 * local Spark — for each table, `EXPLAIN CODEGEN` of its SELECT (subtrees and the largest
 * generated method; -1 when Janino could not compile it) and the CTAS time with codegen on.
 * Usage: node_modules/.bin/tsx --conditions=source scripts/spark-codegen.ts [households] [on|off] [last table]
 * (needs `bash scripts/setup-spark.sh`); with a last table, stops after it (tables run in plan order).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildPlan } from '@synthgraph/core';
import { LocalSpark, sparkDialect } from '@synthgraph/databricks';
import { getPreset } from '@synthgraph/presets';

const households = Number(process.argv[2] ?? 150);
const codegen = (process.argv[3] ?? 'on') === 'on';
const last = process.argv[4];
const preset = getPreset('identity-graph');
const v = preset.validateConfig({ households: { num_households: households } });
if (!v.ok) throw new TypeError(JSON.stringify(v.issues));
const ir = preset.build(v.config).toIR({ seed: 42 });
const dir = await mkdtemp(path.join(os.tmpdir(), 'sg-codegen-'));
const ref = (e: string): string => `delta.\`${path.join(dir, 'out', e)}\``;
const plan = buildPlan(ir, sparkDialect(), { tableRef: ref, rowsPerPartition: 1_000_000, minPartitions: 2 });
const spark = await LocalSpark.start({ warehouseDir: path.join(dir, 'warehouse'), catalog: 'in-memory', cores: 2, conf: { 'spark.sql.codegen.wholeStage': String(codegen) } });
try {
  const t0 = performance.now();
  const setup = (plan.lookups ?? []).flatMap((l) => l.sql);
  for (const s of setup) await spark.sql(s);
  console.log(`codegen ${codegen ? 'on' : 'off'}, ${households} households; lookup tables: ${setup.length} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  console.log('| table | SQL | whole-stage subtrees | largest generated method | CTAS |');
  console.log('|---|---:|---:|---:|---:|');
  for (const t of plan.tables) {
    const explained = await spark.explain(t.select, { mode: 'codegen' });
    const sizes = [...explained.matchAll(/maxMethodCodeSize:(-?\d+)/g)].map((m) => Number(m[1]));
    const t0 = performance.now();
    for (const s of t.sql) await spark.sql(s);
    const ms = performance.now() - t0;
    const largest = sizes.includes(-1) ? 'not compiled (-1)' : sizes.length ? `${Math.max(...sizes).toLocaleString('en-US')} bytes` : '–';
    console.log(`| ${t.entity} | ${(t.sql.join(';\n').length / 1024).toFixed(0)} KB | ${sizes.length} | ${largest} | ${(ms / 1000).toFixed(1)} s |`);
    if (t.entity === last) break;
  }
} finally {
  await spark.close();
  await rm(dir, { recursive: true, force: true });
}
