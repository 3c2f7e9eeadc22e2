import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRowText, canonicalSelect, generate, outputTypes, type Manifest, type ScenarioIR } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { LOCAL_CONF, LocalSpark, localSpark, sparkDialect } from '@synthgraph/databricks';
import { identityGraph } from '@synthgraph/presets';
import { engineRows, firstDifferences } from './compare.js';

let dir: string;
let spark: LocalSpark;
let ir: ScenarioIR;
let manifest: Manifest;
let duck: DuckdbReader;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-ig-spark-'));
  spark = await LocalSpark.start({ warehouseDir: path.join(dir, 'warehouse'), catalog: 'in-memory', cores: 2, conf: LOCAL_CONF });
  ir = identityGraph({ households: { num_households: 150 } }).toIR({ seed: 42 });
  manifest = await generate(ir, localSpark({ out: path.join(dir, 'spark'), session: spark, verifyPartitioning: true, rowsPerPartition: 100 }));
  await generate(ir, duckdb({ out: path.join(dir, 'duck') }));
  duck = await DuckdbReader.open(path.join(dir, 'duck'));
}, 1_200_000);

afterAll(async () => {
  duck?.close();
  await spark?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('identity graph on local Spark + Delta', () => {
  it('creates all ten tables with every check at 0 and no single-partition exchange', () => {
    expect(Object.keys(manifest.tables)).toHaveLength(10);
    expect(manifest.checks.filter((c) => c.violations !== 0)).toEqual([]);
  });

  it('every table equals DuckDB for the same seed', async () => {
    for (const e of ir.entities) {
      const { rows: d } = await engineRows(ir, e.name, duckdbDialect, (q) => duck.rows(q));
      const types = outputTypes(ir, e.name);
      const sql = canonicalSelect(ir, e.name, sparkDialect(), (n) => `delta.\`${path.join(dir, 'spark', n)}\``);
      const s = (await spark.sql(sql, { collect: true, maxRows: 5_000_000 })).rows.map((r) => canonicalRowText(types, r as unknown[])).sort();
      expect(firstDifferences(d, s), e.name).toEqual([]);
      expect(s.length, e.name).toBe(manifest.tables[e.name]?.rows);
    }
  });
});
