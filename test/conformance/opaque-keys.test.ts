/**
 * Opaque keys (DESIGN.md, "Keys without coordination"): with the default `keys: 'opaque'` no id
 * of any table is divisible or shiftable into its parent's id; with `keys: 'structured'` the
 * readable layout returns and the same fits find it. In both modes every check holds and DuckDB
 * writes the rows the in-process evaluator computes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate, type KeyMode, type Manifest, type ScenarioIR } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineRows, evaluatorRows, firstDifferences } from './compare.js';
import { aboveChance, keyLeakFits, type LeakFit } from './key-leak.js';
import { CONFORMANCE_ENTITIES, conformanceScenario } from './scenario.js';

interface Run {
  readonly ir: ScenarioIR;
  readonly manifest: Manifest;
  readonly reader: DuckdbReader;
  readonly fits: LeakFit[];
}

let dir = '';
const runs = new Map<KeyMode, Run>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-keys-'));
  for (const mode of ['opaque', 'structured'] as const) {
    const ir = conformanceScenario(1500).keys(mode).toIR({ seed: 11 });
    const out = path.join(dir, mode);
    const manifest = await generate(ir, duckdb({ out, threads: 1 }));
    const reader = await DuckdbReader.open(out);
    runs.set(mode, { ir, manifest, reader, fits: await keyLeakFits(ir, (q) => reader.query(q)) });
  }
}, 120_000);
afterAll(async () => {
  for (const r of runs.values()) r.reader.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const get = (mode: KeyMode): Run => runs.get(mode) as Run;

describe.each(['opaque', 'structured'] as const)('keys: %s', (mode) => {
  it('every check holds', () => {
    const m = get(mode).manifest;
    expect(m.checks.length).toBeGreaterThan(15);
    expect(m.checks.filter((c) => c.violations !== 0)).toEqual([]);
  });

  it.each(CONFORMANCE_ENTITIES)('%s: DuckDB rows equal the in-process evaluator rows', async (entity) => {
    const { ir, reader } = get(mode);
    const expected = evaluatorRows(ir, entity);
    const { rows, sql } = await engineRows(ir, entity, duckdbDialect, (q) => reader.rows(q));
    expect(firstDifferences(expected, rows), `${entity} differs; query:\n${sql}`).toEqual([]);
    expect(rows.length).toBe(expected.length);
  });
});

describe('key leaks', () => {
  it('fits every table and foreign key (k = 2^1 … 2^20 and non-powers)', () => {
    const fits = get('opaque').fits;
    const pairs = new Set(fits.map((f) => `${f.table}.${f.foreignKey}`));
    // (derived tables keyed by their foreign key — household_stats, device_ranks — have no pair: key = parent id by design)
    expect([...pairs].sort()).toEqual(['devices.individual_id', 'individuals.household_id', 'matches.individual_id', 'matches.offer_id']);
    expect(fits.every((f) => f.rows > 0)).toBe(true);
  });

  it('opaque: no id is divisible or shiftable into its parent id above chance', () => {
    expect(aboveChance(get('opaque').fits)).toEqual([]);
  });

  it('structured: the same fits find the layout (child id div fan-out = parent id on every row)', () => {
    const found = aboveChance(get('structured').fits).filter((f) => f.matches === f.rows);
    const at = (table: string, fk: string, form: 'div' | 'shift'): number[] => found.filter((f) => f.table === table && f.foreignKey === fk && f.form === form).map((f) => f.k);
    expect(at('individuals', 'household_id', 'div')).toContain(8);
    expect(at('individuals', 'household_id', 'shift')).toContain(8);
    expect(at('devices', 'individual_id', 'div')).toContain(8);
    expect(at('matches', 'individual_id', 'shift').length).toBe(1);
  });

  it('opaque ids are non-negative BIGINTs below 2^52, unique per table', async () => {
    const { reader, ir } = get('opaque');
    for (const e of ir.entities) {
      const [row] = await reader.query(`SELECT count(*) AS n, count(DISTINCT "${e.keyColumn}") AS d, min("${e.keyColumn}") AS lo, max("${e.keyColumn}") AS hi FROM "${e.name}"`);
      expect(Number(row?.['d']), e.name).toBe(Number(row?.['n']));
      expect(Number(row?.['lo']), e.name).toBeGreaterThanOrEqual(0);
      expect(Number(row?.['hi']), e.name).toBeLessThan(2 ** 52);
    }
  });
});
