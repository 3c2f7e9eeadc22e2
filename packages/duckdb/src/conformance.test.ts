import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, ConfigError, generate, type Manifest, type ScenarioIR } from '@synthgraph/core';
import { conformanceScenario, CONFORMANCE_ENTITIES, DERIVED_ENTITIES } from '../../../test/conformance/scenario.js';
import { engineRows, evaluatorRows, firstDifferences } from '../../../test/conformance/compare.js';
import { defaultMemoryLimit, duckdb, duckdbDialect, DuckdbReader } from './index.js';

let dir: string;
let ir: ScenarioIR;
let manifest: Manifest;
let reader: DuckdbReader;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-duckdb-'));
  ir = conformanceScenario(3000).toIR({ seed: 42 });
  manifest = await generate(ir, duckdb({ out: path.join(dir, 'out') }));
  reader = await DuckdbReader.open(path.join(dir, 'out'));
});
afterAll(async () => {
  reader?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DuckDB engine conformance', () => {
  it('writes every table with a Parquet folder and a manifest', async () => {
    expect(Object.keys(manifest.tables)).toEqual([...CONFORMANCE_ENTITIES, ...DERIVED_ENTITIES]);
    for (const [t, r] of Object.entries(manifest.tables)) {
      expect(r.rows, t).toBeGreaterThan(0);
      expect(r.files, t).toEqual([`${t}/part-00000.parquet`]);
      expect(existsSync(path.join(dir, 'out', t, 'part-00000.parquet'))).toBe(true);
    }
    expect(existsSync(path.join(dir, 'out', 'manifest.json'))).toBe(true);
    expect(manifest.seed).toBe(42);
    expect(manifest.irHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reports 0 violations for every declared check', () => {
    expect(manifest.checks.length).toBeGreaterThan(15);
    expect(manifest.checks.filter((c) => c.violations !== 0)).toEqual([]);
  });

  it.each(CONFORMANCE_ENTITIES)('%s: DuckDB rows equal the in-process evaluator rows', async (entity) => {
    const expected = evaluatorRows(ir, entity);
    const { rows, sql } = await engineRows(ir, entity, duckdbDialect, (q) => reader.rows(q));
    const diff = firstDifferences(expected, rows);
    expect(diff, `${entity} differs; query:\n${sql}`).toEqual([]);
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBe(manifest.tables[entity]?.rows);
  });

  it('derived group entity aggregates its source exactly', async () => {
    const bad = await reader.query(`
      SELECT count(*) AS n FROM household_stats s
      JOIN (SELECT household_id, count(*) AS c, max(age) AS m, sum(CASE WHEN active THEN 1 ELSE 0 END) AS a FROM individuals GROUP BY household_id) x USING (household_id)
      WHERE s.members <> x.c OR s.oldest <> x.m OR s.active_members <> x.a OR abs(s.share_active - x.a / x.c) > 1e-12 OR len(s.bands) < 1`);
    expect(Number(bad[0]?.['n'])).toBe(0);
    const missing = await reader.query('SELECT count(*) AS n FROM (SELECT DISTINCT household_id FROM individuals) i ANTI JOIN household_stats USING (household_id)');
    expect(Number(missing[0]?.['n'])).toBe(0);
    // mode = most frequent band, ties broken by the smallest value
    const mode = await reader.query(`
      WITH c AS (SELECT household_id, band, count(*) AS n FROM individuals GROUP BY ALL),
      r AS (SELECT household_id, band, row_number() OVER (PARTITION BY household_id ORDER BY n DESC, band) AS rn FROM c)
      SELECT count(*) AS n FROM r JOIN household_stats s USING (household_id) WHERE rn = 1 AND s.top_band <> r.band`);
    expect(Number(mode[0]?.['n'])).toBe(0);
  });

  it('derived window entity numbers rows within each partition', async () => {
    const bad = await reader.query(`
      SELECT count(*) AS n FROM device_ranks WHERE position < 1 OR position > "of" OR weight <= 0 OR weight > 1`);
    expect(Number(bad[0]?.['n'])).toBe(0);
    const counts = await reader.query(`SELECT count(*) AS n FROM (SELECT individual_id, count(*) c, max(position) m, min("of") o FROM device_ranks GROUP BY 1) WHERE c <> m OR c <> o`);
    expect(Number(counts[0]?.['n'])).toBe(0);
    expect(manifest.tables['device_ranks']?.rows).toBe(manifest.tables['devices']?.rows);
  });

  it('content hashes do not depend on the thread count, the memory limit or the household shards, and change with the seed', async () => {
    const one = await generate(ir, duckdb({ out: path.join(dir, 'one'), threads: 1, shardHouseholds: 1000 }));
    const small = await generate(ir, duckdb({ out: path.join(dir, 'small'), threads: 2, memoryLimit: '128MB', shardHouseholds: 333 }));
    // households, individuals, devices, matches, household_stats and device_ranks are household-local; offers is not
    expect(one.tables['device_ranks']?.files).toHaveLength(3);
    expect(small.tables['matches']?.files).toHaveLength(10);
    expect(small.tables['offers']?.files).toHaveLength(1);
    for (const t of Object.keys(manifest.tables)) {
      expect(one.tables[t]?.contentHash, t).toBe(manifest.tables[t]?.contentHash);
      expect(small.tables[t]?.contentHash, t).toBe(manifest.tables[t]?.contentHash);
      expect(small.tables[t]?.canonicalHash, t).toBe(manifest.tables[t]?.canonicalHash);
    }
    const other = await generate(conformanceScenario(3000).toIR({ seed: 43 }), duckdb({ out: path.join(dir, 'seed43'), threads: 1 }));
    for (const t of Object.keys(manifest.tables)) expect(other.tables[t]?.contentHash, t).not.toBe(manifest.tables[t]?.contentHash);
  });

  it('writes the same rows as a .duckdb file and as CSV', async () => {
    const db = await generate(ir, duckdb({ out: path.join(dir, 'db'), format: 'duckdb' }));
    const csv = await generate(ir, duckdb({ out: path.join(dir, 'csv'), format: 'csv' }));
    for (const t of Object.keys(manifest.tables)) {
      expect(db.tables[t]?.contentHash, t).toBe(manifest.tables[t]?.contentHash);
      expect(csv.tables[t]?.rows, t).toBe(manifest.tables[t]?.rows);
    }
    expect(await readdir(path.join(dir, 'db'))).toEqual(['manifest.json', 'synthgraph.duckdb']);
    expect(await readdir(path.join(dir, 'csv', 'households'))).toEqual(['part-00000.csv']);
  });

  it('cancelling mid-run leaves no partial output and no temporary files', async () => {
    const controller = new AbortController();
    const out = path.join(dir, 'cancelled');
    const run = generate(ir, duckdb({ out }), {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'table' && e.state === 'finished' && e.table === 'individuals') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('synthgraph-tmp'))).toEqual([]);
  });

  it('a cancelled re-run keeps the previous complete output intact', async () => {
    const controller = new AbortController();
    const out = path.join(dir, 'out');
    const run = generate(conformanceScenario(3000).toIR({ seed: 7 }), duckdb({ out }), {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'table' && e.state === 'finished') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const again = await DuckdbReader.open(out);
    const n = await again.query('SELECT count(*) AS n FROM households');
    again.close();
    expect(Number(n[0]?.['n'])).toBe(3000);
  });

  it('appends a batch with disjoint keys and checks the union', async () => {
    const out = path.join(dir, 'append');
    const first = await generate(conformanceScenario(1000, 0).toIR({ seed: 42 }), duckdb({ out }));
    const second = await generate(conformanceScenario(1000, 1).toIR({ seed: 42 }), duckdb({ out, mode: 'append' }));
    expect(second.batches.map((b) => b.index)).toEqual([0, 1]);
    expect(second.checks.filter((c) => c.violations !== 0)).toEqual([]);
    for (const t of Object.keys(first.tables)) {
      expect(second.tables[t]?.rows, t).toBe((first.tables[t]?.rows ?? 0) + (second.batches[1]?.rows[t] ?? 0));
      expect(second.tables[t]?.files, t).toEqual([`${t}/part-00000.parquet`, `${t}/part-00001.parquet`]);
    }
    const r = await DuckdbReader.open(out);
    const dup = await r.query('SELECT count(*) - count(DISTINCT individual_id) AS d, count(*) AS n FROM individuals');
    r.close();
    expect(Number(dup[0]?.['d'])).toBe(0);
    expect(Number(dup[0]?.['n'])).toBe(second.tables['individuals']?.rows);
    expect((await readdir(out)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('an append whose keys collide with an earlier batch is reported by the checks and not committed', async () => {
    const out = path.join(dir, 'collide');
    const first = await generate(conformanceScenario(500, 0).toIR({ seed: 1 }), duckdb({ out }));
    const again = generate(conformanceScenario(500, 0).toIR({ seed: 2 }), duckdb({ out, mode: 'append' }));
    await expect(again).rejects.toThrow(/households\.primaryKey\(household_id\): 500 violations/);
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'))).toEqual(first);
  });

  it('append needs an existing output of the same format', async () => {
    await expect(generate(ir, duckdb({ out: path.join(dir, 'nothing-here'), mode: 'append' }))).rejects.toBeInstanceOf(ConfigError);
    expect(existsSync(path.join(dir, 'nothing-here'))).toBe(false);
  });

  it('rejects invalid options with every problem named', () => {
    try {
      duckdb({ out: '', format: 'xml' as never, threads: 0, memoryLimit: 'lots' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).issues.map((i) => i.path)).toEqual(['out', 'format', 'threads', 'memoryLimit']);
    }
  });

  it('refuses to replace a directory it did not write', async () => {
    const foreign = path.join(dir, 'foreign');
    await import('node:fs/promises').then((fs) => fs.mkdir(foreign).then(() => fs.writeFile(path.join(foreign, 'keep.txt'), 'mine')));
    await expect(generate(ir, duckdb({ out: foreign }))).rejects.toBeInstanceOf(ConfigError);
    expect(await readdir(foreign)).toEqual(['keep.txt']);
  });
});

describe('DuckDB sizing', () => {
  it.each([
    [0, 1],
    [0, 2048],
    [0, 2049],
    [5, 10_000],
    [100_000, 104_097],
  ])('the range source [%i, %i) yields every integer once, in blocks read in parallel', async (start, end) => {
    const [row] = await reader.query(
      `SELECT count(*) AS n, count(DISTINCT "__range") AS d, min("__range") AS lo, max("__range") AS hi, sum("__range") AS s FROM ${duckdbDialect.range(start, end, 1, 'r')}`,
    );
    const n = end - start;
    expect([row?.['n'], row?.['d'], row?.['lo'], row?.['hi'], row?.['s']].map(Number)).toEqual([n, n, start, end - 1, ((start + end - 1) * n) / 2]);
  });

  it('the default memory limit is 1 GiB per thread, at least 1 GiB, at most half the RAM', () => {
    const gib = 2 ** 30;
    expect(defaultMemoryLimit(2, 24 * gib)).toBe('2048MiB');
    expect(defaultMemoryLimit(1, 24 * gib)).toBe('1024MiB');
    expect(defaultMemoryLimit(64, 16 * gib)).toBe('8192MiB');
    expect(defaultMemoryLimit(4, 1 * gib)).toBe('1024MiB');
    expect(defaultMemoryLimit()).toMatch(/^\d+MiB$/);
  });
});
