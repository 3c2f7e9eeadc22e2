/**
 * The identity-graph preset end to end on DuckDB: the default config and three clearly
 * different ones at 10K households, one 100K run, determinism and appended batches.
 */
import path from 'node:path';
import { cp, rm } from 'node:fs/promises';
import { generate } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityGraph, IDENTITY_GRAPH_TABLES, resolveConfig } from '../src/index.js';
import { RETIREMENT_TOWNS, SEASONAL_BATCH3, YOUNG_URBAN } from './configs.js';
import { expectCleanManifest, expectInvariantsAndDistributions, expectKeysInRanges, run, tempDir } from './helpers.js';

const KEYS: Record<string, string> = {
  households: 'household_id',
  individuals: 'individual_id',
  identity_mappings: 'mapping_id',
  content_engagements: 'event_id',
  viewership_patterns: 'pattern_id',
  audience_attributes: 'attribute_id',
  campaigns: 'campaign_id',
  campaign_exposures: 'exposure_id',
  truth_assignment_outcomes: 'assignment_outcome_id',
  response_events: 'response_id',
  outcome_metrics: 'outcome_id',
  truth_conversions: 'truth_conversion_id',
  truth_source_records: 'record_id',
  source_records: 'record_id',
};

let root = '';
beforeAll(async () => {
  root = await tempDir('ig');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.sequential('identity graph on DuckDB', () => {
  const defaults = { households: { num_households: 10_000 } };

  it('default config, 10K households: ten tables, 0 violations, invariants and distributions hold', async () => {
    const out = path.join(root, 'default');
    const m = await run(defaults, out);
    expectCleanManifest(m);
    expect(m.tables['households']?.rows).toBe(10_000);
    expect(m.config).toEqual(JSON.parse(JSON.stringify(resolveConfig(defaults))));
    expect(m.extra['distributionTargets']).toBeDefined();
    await expectKeysInRanges(out, m);
    await expectInvariantsAndDistributions(out, defaults);
  });

  it('same seed ⇒ identical content hashes; another seed ⇒ different data', async () => {
    const small = { households: { num_households: 2_000 } };
    const a = await run(small, path.join(root, 'det-a'), 7);
    const b = await run(small, path.join(root, 'det-b'), 7);
    const c = await run(small, path.join(root, 'det-c'), 8);
    for (const t of IDENTITY_GRAPH_TABLES) {
      expect(b.tables[t]?.contentHash, t).toBe(a.tables[t]?.contentHash);
      expect(c.tables[t]?.contentHash, t).not.toBe(a.tables[t]?.contentHash);
    }
    expect(b.irHash).toBe(a.irHash);
  });

  it('content hashes do not depend on the thread count or the memory limit', { timeout: 600_000 }, async () => {
    // 3,000 households: the households range is read in two blocks, in parallel with 2 threads
    const size = { households: { num_households: 3_000 } };
    const a = await run(size, path.join(root, 'threads-2'), 9);
    const b = await generate(identityGraph(size), duckdb({ out: path.join(root, 'threads-1'), threads: 1, memoryLimit: '256MB' }), { seed: 9 });
    expectCleanManifest(b);
    for (const t of IDENTITY_GRAPH_TABLES) {
      expect(b.tables[t]?.rows, t).toBe(a.tables[t]?.rows);
      expect(b.tables[t]?.contentHash, t).toBe(a.tables[t]?.contentHash);
      expect(b.tables[t]?.canonicalHash, t).toBe(a.tables[t]?.canonicalHash);
    }
  });

  it.each([
    ['retirement towns', RETIREMENT_TOWNS],
    ['young urban', YOUNG_URBAN],
    ['seasonal, batch 3', SEASONAL_BATCH3],
  ] as const)('%s (10K households): 0 violations, invariants and distributions hold', async (name, config) => {
    const out = path.join(root, name.replace(/\W+/g, '-'));
    const m = await run(config, out, 11);
    expectCleanManifest(m);
    await expectKeysInRanges(out, m);
    await expectInvariantsAndDistributions(out, config);
  });

  it('appending batch 1 to batch 0 keeps every key unique across the union', async () => {
    const size = { households: { num_households: 2_000 }, campaigns: { num_campaigns: 10 } };
    const b0 = path.join(root, 'batch0');
    const b1 = path.join(root, 'batch1');
    expectCleanManifest(await run(size, b0, 5));
    expectCleanManifest(await run({ ...size, run: { batch: 1 } }, b1, 6));
    const reader = await DuckdbReader.open(b0);
    try {
      for (const [table, key] of Object.entries(KEYS)) {
        const union = `SELECT ${key} FROM read_parquet(['${b0}/${table}/*.parquet', '${b1}/${table}/*.parquet'])`;
        const [row] = await reader.query(`SELECT count(*) AS n, count(DISTINCT ${key}) AS d FROM (${union})`);
        expect(Number(row?.['n']), table).toBeGreaterThan(0);
        expect(Number(row?.['d']), table).toBe(Number(row?.['n']));
      }
    } finally {
      reader.close();
    }
    // the engine's own append mode: checks run over the union of both batches (batch 0 is b0, copied)
    const appended = path.join(root, 'appended');
    await cp(b0, appended, { recursive: true });
    const m = await generate(identityGraph({ ...size, run: { mode: 'append', batch: 1 } }), duckdb({ out: appended, mode: 'append', threads: 2 }), { seed: 6 });
    expect(m.batches).toHaveLength(2);
    expectCleanManifest(m);
    const r2 = await DuckdbReader.open(appended);
    try {
      const [row] = await r2.query('SELECT count(*) AS n, count(DISTINCT household_id) AS d FROM households');
      expect(Number(row?.['n'])).toBe(4_000);
      expect(Number(row?.['d'])).toBe(4_000);
    } finally {
      r2.close();
    }
  });

  it('100K households with the default config', { timeout: 600_000 }, async () => {
    const config = { households: { num_households: 100_000 } };
    const out = path.join(root, 'default-100k');
    const m = await run(config, out);
    expectCleanManifest(m);
    expect(m.tables['households']?.rows).toBe(100_000);
    await expectInvariantsAndDistributions(out, config);
    await rm(out, { recursive: true, force: true });
  });
});
