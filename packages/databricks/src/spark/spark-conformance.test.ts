import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, canonicalRowText, canonicalSelect, generate, outputTypes, type Manifest, type ScenarioIR } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { conformanceScenario, CONFORMANCE_ENTITIES, DERIVED_ENTITIES } from '../../../../test/conformance/scenario.js';
import { engineRows, evaluatorRows, firstDifferences } from '../../../../test/conformance/compare.js';
import { lookupScenarioIR } from '../../../../test/conformance/lookup-scenario.js';
import { LocalSpark } from '../local-spark/index.js';
import { LOCAL_CONF, localSpark } from './spark-engine.js';
import { sparkDialect, sparkString } from './spark-dialect.js';
import { LocalSparkSession, writtenFiles } from './spark-session.js';

let dir: string;
let spark: LocalSpark;
let ir: ScenarioIR;
let manifest: Manifest;
let duckManifest: Manifest;
let duck: DuckdbReader;

const ref = (entity: string): string => `delta.\`${path.join(dir, 'spark', entity)}\``;
const sparkQuery = async (sql: string): Promise<unknown[][]> => (await spark.sql(sql, { collect: true, maxRows: 1_000_000 })).rows as unknown[][];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-spark-'));
  spark = await LocalSpark.start({ warehouseDir: path.join(dir, 'warehouse'), catalog: 'in-memory', cores: 2, conf: LOCAL_CONF });
  ir = conformanceScenario(300).toIR({ seed: 42 });
  manifest = await generate(ir, localSpark({ out: path.join(dir, 'spark'), session: spark, verifyPartitioning: true, rowsPerPartition: 100 }));
  duckManifest = await generate(ir, duckdb({ out: path.join(dir, 'duck') }));
  duck = await DuckdbReader.open(path.join(dir, 'duck'));
}, 900_000);

afterAll(async () => {
  duck?.close();
  await spark?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('local Spark + Delta conformance', () => {
  it('creates every table with no single-partition exchange and every check at 0', () => {
    expect(Object.keys(manifest.tables)).toEqual([...CONFORMANCE_ENTITIES, ...DERIVED_ENTITIES]);
    expect(manifest.format).toBe('delta');
    expect(manifest.engine).toMatch(/^spark 4\./);
    expect(manifest.checks.filter((c) => c.violations !== 0)).toEqual([]);
    for (const [t, r] of Object.entries(manifest.tables)) expect(r.files.length, t).toBeGreaterThan(0);
  });

  it.each(CONFORMANCE_ENTITIES)('%s: Spark rows equal the in-process evaluator rows', async (entity) => {
    const expected = evaluatorRows(ir, entity);
    const types = outputTypes(ir, entity);
    const sql = canonicalSelect(ir, entity, sparkDialect(), ref);
    const rows = (await sparkQuery(sql)).map((r) => canonicalRowText(types, r)).sort();
    expect(firstDifferences(expected, rows), `${entity}; query:\n${sql}`).toEqual([]);
    expect(rows.length).toBe(expected.length);
  });

  it.each([...CONFORMANCE_ENTITIES, ...DERIVED_ENTITIES])('%s: Spark rows equal DuckDB rows', async (entity) => {
    const { rows: d } = await engineRows(ir, entity, duckdbDialect, (q) => duck.rows(q));
    const types = outputTypes(ir, entity);
    const sql = canonicalSelect(ir, entity, sparkDialect(), ref);
    const s = (await sparkQuery(sql)).map((r) => canonicalRowText(types, r)).sort();
    expect(firstDifferences(d, s), `${entity}; query:\n${sql}`).toEqual([]);
    expect(s.length).toBe(manifest.tables[entity]?.rows);
  });

  it('the manifest shows the canonical content hash of the DuckDB run for every table', () => {
    const canonical = (m: Manifest): Record<string, string> => Object.fromEntries(Object.entries(m.tables).map(([t, r]) => [t, r.canonicalHash]));
    expect(canonical(manifest)).toEqual(canonical(duckManifest));
    for (const [t, r] of Object.entries(manifest.tables)) expect(r.canonicalHash, t).toMatch(new RegExp(`^canonical1:[0-9a-f]{16}:${r.rows}$`));
    // The engine-native hashes stay, and differ by engine.
    expect(manifest.tables['households']?.contentHash).toMatch(/^spark-xxh64:/);
    expect(duckManifest.tables['households']?.contentHash).toMatch(/^duckdb-xxh:/);
  });

  it('every table estimated above rowsPerPartition was written by at least the session\'s parallelism in tasks', async () => {
    const plan = buildPlan(ir, sparkDialect(), { rowsPerPartition: 100, minPartitions: spark.cores });
    const big = plan.tables.filter((t) => (t.plan.estimatedRows ?? 0) > 100);
    // the fan-outs (children, cross product), groups and windows of the scenario, not only its sequence
    expect(big.map((t) => t.entity)).toEqual(expect.arrayContaining(['households', ...DERIVED_ENTITIES]));
    const session = new LocalSparkSession(spark, false);
    const tasks = Object.fromEntries(await Promise.all(big.map(async (t) => [t.entity, await writtenFiles(session, ref(t.entity))] as const)));
    for (const t of big) expect(tasks[t.entity], `${t.entity} (estimated ${t.plan.estimatedRows} rows)`).toBeGreaterThanOrEqual(spark.cores);
  });

  it('reads a large pool from a lookup table: the rows of the evaluator, and no lookup table left in the catalog or the output', async () => {
    const lir = lookupScenarioIR();
    const out = path.join(dir, 'spark-lookups');
    const m = await generate(lir, localSpark({ out, session: spark }));
    expect(Object.keys(m.tables)).toEqual(['people']);
    const sql = canonicalSelect(lir, 'people', sparkDialect(), (e) => `delta.\`${path.join(out, e)}\``);
    const types = outputTypes(lir, 'people');
    const rows = (await sparkQuery(sql)).map((r) => canonicalRowText(types, r)).sort();
    expect(firstDifferences(evaluatorRows(lir, 'people'), rows)).toEqual([]);
    expect((await sparkQuery('SHOW TABLES')).filter((r) => String(r[1]).includes('_sg_lookup_'))).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'people']);
  });

  it('joins every lookup and bucket table as a broadcast hash join, never a nested-loop join', async () => {
    const lir = lookupScenarioIR();
    const plan = buildPlan(lir, sparkDialect(), { tableRef: (e) => `delta.\`${path.join(dir, 'explain', e)}\`` });
    const lookups = plan.lookups ?? [];
    expect(lookups.filter((l) => l.name.startsWith('bucket_'))).toHaveLength(4);
    for (const l of lookups) for (const s of l.sql) await spark.sql(s, { collect: false });
    try {
      const explained = await spark.explain(plan.tables[0]?.select ?? '');
      expect((explained.match(/BroadcastHashJoin/g) ?? []).length).toBeGreaterThanOrEqual(lookups.length);
      expect(explained).not.toMatch(/NestedLoopJoin|CartesianProduct|SortMergeJoin/);
    } finally {
      for (const l of lookups) await spark.sql(l.drop, { collect: false });
    }
  });

  it('string literals with quotes, backslashes and line breaks round-trip on Spark and DuckDB', async () => {
    const nasty = `O'Brien \\ "x" \n\t; DROP TABLE t; --`;
    const viaSpark = await sparkQuery(`SELECT ${sparkString(nasty)} AS v`);
    expect(viaSpark[0]?.[0]).toBe(nasty);
    const viaDuck = await duck.rows(`SELECT ${duckdbDialect.stringLiteral(nasty)} AS v`);
    expect(viaDuck[0]?.[0]).toBe(nasty);
  });

  it('Unity Catalog informational constraints and clustering are emitted as SQL text', () => {
    const d = sparkDialect({ unityCatalogConstraints: true, clusterBy: { individuals: ['household_id'] }, properties: { 'synthgraph.run_id': "r'1" }, tableRef: (e) => `\`main\`.\`synth\`.\`${e}\`` });
    const plan = buildPlan(ir, d, { tableRef: (e) => `\`main\`.\`synth\`.\`${e}\``, entities: ['households', 'individuals'] });
    const ind = plan.tables[1]?.sql ?? [];
    expect(ind[0]).toMatch(/^CREATE OR REPLACE TABLE `main`.`synth`.`individuals`\nUSING DELTA\nCLUSTER BY \(`household_id`\)/);
    expect(ind[0]).toContain("TBLPROPERTIES ('synthgraph.entity' = 'individuals', 'synthgraph.run_id' = 'r\\'1')");
    expect(ind).toContain('ALTER TABLE `main`.`synth`.`individuals` ALTER COLUMN `individual_id` SET NOT NULL');
    expect(ind).toContain('ALTER TABLE `main`.`synth`.`individuals` ADD CONSTRAINT `individuals_pk` PRIMARY KEY (`individual_id`) NOT ENFORCED');
    expect(ind).toContain(
      'ALTER TABLE `main`.`synth`.`individuals` ADD CONSTRAINT `individuals_household_id_fk` FOREIGN KEY (`household_id`) REFERENCES `main`.`synth`.`households` (`household_id`) NOT ENFORCED',
    );
  });
});
