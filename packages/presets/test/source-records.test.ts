/**
 * source_records and its answer key on DuckDB: the public table reveals nobody, every record maps
 * to one individual, records without noise show the true values, each noise flag shows in the
 * record, and the config's noise and coverage knobs act.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOISE_TYPES } from '../src/index.js';
import { run, tempDir } from './helpers.js';

const SIZE = { households: { num_households: 1_500 } };
let root = '';
let reader: DuckdbReader;
const one = async (sql: string): Promise<Record<string, unknown>> => (await reader.query(sql))[0] ?? {};
const n = async (sql: string): Promise<number> => Number((await one(sql))['n']);
const joined = 'source_records s JOIN truth_source_records t USING (record_id)';
const noNoise = NOISE_TYPES.filter((x) => x !== 'lookalike' && x !== 'duplicate')
  .map((x) => `NOT t.noise_${x}`)
  .join(' AND ');

beforeAll(async () => {
  root = await tempDir('source-records');
  const m = await run(SIZE, path.join(root, 'default'), 5);
  expect(m.checks.filter((c) => c.violations !== 0)).toEqual([]);
  reader = await DuckdbReader.open(path.join(root, 'default'));
});
afterAll(async () => {
  reader?.close();
  await rm(root, { recursive: true, force: true });
});

describe('source_records', () => {
  it('holds only what a source system holds: no person, household or noise column', async () => {
    const cols = (await reader.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'source_records' ORDER BY ordinal_position")).map((r) => r['column_name']);
    expect(cols).toEqual(['record_id', 'source_system', 'first_name', 'last_name', 'email', 'phone', 'address_line', 'city', 'state', 'zip', 'date_of_birth', 'observed_at']);
  });

  it('maps every record to exactly one individual of the truth, and back', async () => {
    expect(await n('SELECT count(*) AS n FROM source_records')).toBe(await n('SELECT count(*) AS n FROM truth_source_records'));
    expect(await n('SELECT count(*) AS n FROM source_records s ANTI JOIN truth_source_records t USING (record_id)')).toBe(0);
    expect(await n('SELECT count(*) AS n FROM truth_source_records t ANTI JOIN individuals i USING (individual_id)')).toBe(0);
    expect(await n('SELECT count(*) AS n FROM (SELECT record_id FROM truth_source_records GROUP BY record_id HAVING count(*) > 1)')).toBe(0);
  });

  it("agrees on a person's true values across all their records", async () => {
    const cols = ['true_first_name', 'true_last_name', 'true_email', 'true_phone', 'true_date_of_birth', 'true_address_line', 'true_zip'];
    for (const c of cols) expect(await n(`SELECT count(*) AS n FROM (SELECT individual_id FROM truth_source_records GROUP BY individual_id HAVING count(DISTINCT ${c}) > 1)`), c).toBe(0);
  });

  it('shows the true values in records without noise, and each kind of noise in the record', async () => {
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${noNoise}`)).toBeGreaterThan(1000);
    const differs = ['first_name', 'last_name', 'email', 'phone', 'address_line', 'city', 'state', 'zip', 'date_of_birth'].map((c) => `s.${c} IS DISTINCT FROM t.true_${c}`).join(' OR ');
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${noNoise} AND (${differs})`)).toBe(0);
    const only = (flag: string): string => `t.noise_${flag} AND ${noNoise.replace(`NOT t.noise_${flag}`, 'true')}`;
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('nickname')} AND s.first_name <> t.true_nickname`)).toBe(0);
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('transposed')} AND (s.first_name <> t.true_last_name OR s.last_name <> t.true_first_name)`)).toBe(0);
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('stale_address')} AND (s.address_line <> t.previous_address_line OR s.zip <> t.previous_zip)`)).toBe(0);
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('shared_contact')} AND (s.email <> t.household_email OR s.phone <> t.household_phone)`)).toBe(0);
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('name_change')} AND s.last_name <> t.previous_last_name`)).toBe(0);
    // A typo is one or two edits in one field: the record differs from the truth in exactly one of them.
    const fields = ['first_name', 'last_name', 'email', 'address_line'].map((c) => `(s.${c} <> t.true_${c})::INT`).join(' + ');
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('typo')} AND ${fields} > 1`)).toBe(0);
    expect(await n(`SELECT count(*) AS n FROM ${joined} WHERE ${only('typo')} AND ${fields} = 1`)).toBeGreaterThan(20);
  });

  it('follows the knobs: no noise at noise_scale 0, no records when disabled, full coverage at coverage 1, look-alikes share names', async () => {
    const clean = path.join(root, 'clean');
    await run({ ...SIZE, resolution: { noise_scale: 0, duplicate_rate: 0, lookalike_rate: 0.6, sources: { crm: { coverage: 1 } } } }, clean, 5);
    const off = path.join(root, 'off');
    const m = await run({ households: { num_households: 200 }, resolution: { enabled: false } }, off, 5);
    expect(m.tables['source_records']?.rows).toBe(0);
    expect(m.tables['truth_source_records']?.rows).toBe(0);
    const r = await DuckdbReader.open(clean);
    try {
      const flags = NOISE_TYPES.filter((x) => x !== 'lookalike').map((x) => `count(*) FILTER (WHERE noise_${x})`).join(' + ');
      expect(Number((await r.query(`SELECT ${flags} AS n FROM truth_source_records`))[0]?.['n'])).toBe(0);
      const [c] = await r.query("SELECT (SELECT count(DISTINCT individual_id) FROM truth_source_records WHERE source_system = 'crm') AS crm, (SELECT count(*) FROM individuals) AS people");
      expect(Number(c?.['crm'])).toBe(Number(c?.['people']));
      // Look-alikes: different people of one ZIP area (first three digits) share first and last name.
      const [l] = await r.query('SELECT count(*) AS n FROM (SELECT substr(true_zip, 1, 3), true_first_name, true_last_name FROM truth_source_records WHERE noise_lookalike GROUP BY ALL HAVING count(DISTINCT individual_id) > 1)');
      expect(Number(l?.['n'])).toBeGreaterThan(0);
    } finally {
      r.close();
    }
  });
});
