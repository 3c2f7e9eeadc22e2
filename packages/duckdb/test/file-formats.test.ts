/**
 * What the output files hold, as other tools read them: Parquet timestamps as UTC instants
 * (`isAdjustedToUTC=true`) whatever the machine's or the session's time zone, CSV arrays as JSON
 * text, appends of both formats reading back the generated rows, and real table sizes for a
 * `.duckdb` file.
 */
import { readFile, rm, mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type Manifest, type ScenarioIR } from '@synthgraph/core';
import { conformanceScenario } from '../../../test/conformance/scenario.js';
import { engineRows, evaluatorRows, firstDifferences } from '../../../test/conformance/compare.js';
import { duckdb, duckdbDialect, DUCKDB_FILE } from '../src/index.js';
import { runChild } from './support/child.js';
import { commitRun } from './support/commit-run.js';

let dir: string;
let ir: ScenarioIR;
let manifest: Manifest;
let raw: DuckDBConnection;
let instance: DuckDBInstance;

const lit = (p: string): string => `'${p.replace(/'/g, "''")}'`;
const rowsOf = async (sql: string): Promise<Record<string, unknown>[]> => (await raw.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
/** Entities of the conformance scenario with timestamp columns, and those columns. */
const timestampColumns = (): [string, string[]][] =>
  ir.entities.map((e) => [e.name, e.columns.filter((c) => c.output && c.type.kind === 'timestamp').map((c) => c.name)] as [string, string[]]).filter(([, cs]) => cs.length > 0);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-formats-'));
  ir = conformanceScenario(300).toIR({ seed: 7 });
  manifest = await commitRun(path.join(dir, 'parquet'), 300, 0, 'replace');
  instance = await DuckDBInstance.create(':memory:');
  raw = await instance.connect();
  // A reader far from UTC: instants must not depend on the reader's zone.
  await raw.run("SET TimeZone = 'Asia/Kolkata'");
}, 120_000);

afterAll(async () => {
  raw?.closeSync();
  instance?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('Parquet timestamps', () => {
  it('are written as UTC instants: TIMESTAMP(isAdjustedToUTC=true, MICROS) for every timestamp column', async () => {
    expect(timestampColumns().length).toBeGreaterThanOrEqual(3);
    for (const [entity, columns] of timestampColumns()) {
      const file = path.join(dir, 'parquet', entity, 'part-00000.parquet');
      const schema = await rowsOf(`SELECT name, logical_type, converted_type FROM parquet_schema(${lit(file)}) WHERE name IN (${columns.map(lit).join(', ')})`);
      expect(schema.map((r) => r['name']).sort(), entity).toEqual([...columns].sort());
      for (const r of schema) {
        expect(r['logical_type'], `${entity}.${String(r['name'])}`).toMatch(/^TimestampType\(isAdjustedToUTC=1, unit=TimeUnit\(.*MICROS=MicroSeconds\(\)/);
        expect(r['converted_type']).toBe('TIMESTAMP_MICROS');
      }
      // DuckDB itself reads them as TIMESTAMP WITH TIME ZONE.
      const types = await rowsOf(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${lit(file)})) WHERE column_name IN (${columns.map(lit).join(', ')})`);
      expect(new Set(types.map((t) => t['column_type']))).toEqual(new Set(['TIMESTAMP WITH TIME ZONE']));
    }
  });

  it('hold the generated instants, read in a session of another time zone', async () => {
    for (const [entity] of timestampColumns()) {
      const files = manifest.tables[entity]?.files.map((f) => lit(path.join(dir, 'parquet', f))) ?? [];
      await raw.run(`CREATE OR REPLACE VIEW ${duckdbDialect.quoteIdent(entity)} AS SELECT * FROM read_parquet([${files.join(', ')}])`);
      const expected = evaluatorRows(ir, entity);
      const { rows } = await engineRows(ir, entity, duckdbDialect, async (sql) => (await raw.runAndReadAll(sql)).getRows() as unknown[][]);
      expect(firstDifferences(expected, rows), entity).toEqual([]);
      expect(rows.length).toBe(expected.length);
    }
    // Spelled out for one value: the instant is the same whatever zone displays it.
    const [one] = await rowsOf(`SELECT epoch_us(created_at) AS us, strftime(timezone('UTC', created_at), '%H:%M') AS utc, strftime(created_at, '%H:%M') AS local FROM households ORDER BY household_id LIMIT 1`);
    const us = Number(one?.['us']);
    expect(one?.['utc']).toBe(new Date(us / 1000).toISOString().slice(11, 16));
    expect(one?.['local']).toBe(new Date(us / 1000 + 5.5 * 3_600_000).toISOString().slice(11, 16));
  });

  it("do not depend on the machine's time zone: a run under TZ=Pacific/Chatham writes the same instants and hashes", async () => {
    const out = path.join(dir, 'chatham');
    const child = await runChild(out, 300, 0, 'replace', undefined, { TZ: 'Pacific/Chatham' });
    expect(child.code, child.stderr).toBe(0);
    const other = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    for (const [t, r] of Object.entries(manifest.tables)) {
      expect(other.tables[t]?.canonicalHash, t).toBe(r.canonicalHash);
      expect(other.tables[t]?.contentHash, t).toBe(r.contentHash);
    }
    const sums = async (root: string): Promise<unknown> =>
      rowsOf(`SELECT sum(epoch_us(created_at)) AS s FROM read_parquet(${lit(path.join(root, 'households', 'part-00000.parquet'))})`);
    expect(await sums(out)).toEqual(await sums(path.join(dir, 'parquet')));
  });

  it('an appended batch is written as UTC instants too and the union reads back the generated rows', async () => {
    const out = path.join(dir, 'append');
    await commitRun(out, 300, 0, 'replace');
    const m = await commitRun(out, 200, 1, 'append');
    expect(m.checks.filter((c) => c.violations !== 0)).toEqual([]);
    const file = path.join(out, 'households', 'part-00001.parquet');
    const [ts] = await rowsOf(`SELECT logical_type FROM parquet_schema(${lit(file)}) WHERE name = 'created_at'`);
    expect(ts?.['logical_type']).toMatch(/isAdjustedToUTC=1/);
    expect(m.tables['households']?.rows).toBe(500);
  });
});

describe('CSV output', () => {
  let csv: Manifest;
  beforeAll(async () => {
    csv = await generate(ir, duckdb({ out: path.join(dir, 'csv'), format: 'csv', threads: 1 }));
  }, 120_000);

  it('writes arrays and maps as JSON text that a JSON parser reads back', async () => {
    const file = path.join(dir, 'csv', 'individuals', 'part-00000.csv');
    const text = await rowsOf(`SELECT individual_id, tags, affinity FROM read_csv(${lit(file)}, header = true, all_varchar = true) ORDER BY CAST(individual_id AS BIGINT)`);
    const typed = await rowsOf(`SELECT individual_id, tags, affinity FROM read_parquet(${lit(path.join(dir, 'parquet', 'individuals', 'part-00000.parquet'))}) ORDER BY individual_id`);
    expect(text.length).toBe(typed.length);
    expect(text.length).toBeGreaterThan(0);
    const parsed = text.map((r) => [String(r['individual_id']), JSON.parse(String(r['tags'])) as unknown, JSON.parse(String(r['affinity'])) as unknown]);
    const entries = (m: unknown): Record<string, unknown> => Object.fromEntries((m as { key: string; value: unknown }[]).map((e) => [e.key, e.value]));
    expect(parsed).toEqual(typed.map((r) => [String(r['individual_id']), r['tags'], entries(r['affinity'])]));
    expect(parsed.some(([, tags]) => Array.isArray(tags) && tags.length > 1)).toBe(true);
    expect(parsed.every(([, , affinity]) => Object.keys(affinity as object).sort().join() === 'news,sports')).toBe(true);
  });

  it('writes timestamps as UTC text without an offset', async () => {
    const file = path.join(dir, 'csv', 'households', 'part-00000.csv');
    const [first] = await rowsOf(`SELECT created_at FROM read_csv(${lit(file)}, header = true, all_varchar = true) ORDER BY CAST(household_id AS BIGINT) LIMIT 1`);
    const [parquet] = await rowsOf(`SELECT epoch_us(created_at) AS us FROM read_parquet(${lit(path.join(dir, 'parquet', 'households', 'part-00000.parquet'))}) ORDER BY household_id LIMIT 1`);
    const iso = new Date(Number(parquet?.['us']) / 1000).toISOString().replace('T', ' ').replace('Z', '');
    expect(String(first?.['created_at'])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/);
    expect(String(first?.['created_at']).startsWith(iso.slice(0, 19))).toBe(true);
    // The same rows as the Parquet output.
    for (const [t, r] of Object.entries(manifest.tables)) expect(csv.tables[t]?.canonicalHash, t).toBe(r.canonicalHash);
  });

  it('an appended CSV batch unions with the earlier batch as typed rows (arrays and timestamps included)', async () => {
    const parquetOut = path.join(dir, 'append-parquet');
    const csvOut = path.join(dir, 'append-csv');
    const batch = (b: number): ScenarioIR => conformanceScenario(b === 0 ? 300 : 200, b).toIR({ seed: 7 + b });
    await generate(batch(0), duckdb({ out: parquetOut, threads: 1 }));
    const p = await generate(batch(1), duckdb({ out: parquetOut, threads: 1, mode: 'append' }));
    await generate(batch(0), duckdb({ out: csvOut, format: 'csv', threads: 1 }));
    const c = await generate(batch(1), duckdb({ out: csvOut, format: 'csv', threads: 1, mode: 'append' }));
    expect(c.checks.filter((x) => x.violations !== 0)).toEqual([]);
    expect(c.checks.length).toBe(p.checks.length);
    for (const [t, r] of Object.entries(p.tables)) {
      expect(c.tables[t]?.canonicalHash, t).toBe(r.canonicalHash);
      expect(c.tables[t]?.files, t).toEqual([`${t}/part-00000.csv`, `${t}/part-00001.csv`]);
    }
  });
});

describe('--format duckdb', () => {
  it('reports the bytes each table occupies in the database file: every table > 0, together ≤ the file', async () => {
    const out = path.join(dir, 'db');
    const m = await generate(conformanceScenario(3000).toIR({ seed: 7 }), duckdb({ out, format: 'duckdb', threads: 1 }));
    const sizes = Object.entries(m.tables).map(([t, r]) => [t, r.bytes] as const);
    for (const [t, bytes] of sizes) expect(bytes, t).toBeGreaterThan(0);
    const total = sizes.reduce((a, [, b]) => a + b, 0);
    expect(total).toBeLessThanOrEqual((await stat(path.join(out, DUCKDB_FILE))).size);
    // The biggest table by rows is not the smallest by bytes.
    const byRows = Object.entries(m.tables).sort(([, a], [, b]) => b.rows - a.rows);
    expect(byRows[0]?.[1].bytes).toBeGreaterThan(Math.min(...sizes.map(([, b]) => b)));
  });
});
