/**
 * Household shards on the identity graph: which tables are household-local (core's
 * `shardLayout`), and DuckDB runs in shards of 1,000 or 333 households (threads 1 and 2) writing
 * exactly the rows of an unsharded run — every table's content hashes equal — with 0 violations.
 */
import path from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import { buildPlan, generate, shardLayout, shardSource, type Manifest, type ProgressEvent } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityGraph, IDENTITY_GRAPH_TABLES } from '../src/index.js';
import { expectCleanManifest, tempDir } from './helpers.js';

const HOUSEHOLDS = 3_000;
const ir = identityGraph({ households: { num_households: HOUSEHOLDS } }).toIR({ seed: 42 });

let root = '';
beforeAll(async () => {
  root = await tempDir('shards');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('household-local tables of the identity graph', () => {
  const layout = shardLayout(ir);

  it('the households are the shard root; campaigns and the per-campaign tables are global', () => {
    expect(layout?.root).toBe('households');
    expect(layout?.households).toBe(HOUSEHOLDS);
    expect(layout?.global).toEqual(['campaigns', 'campaign_exposures', 'truth_campaign_lift']);
    expect([...(layout?.local.keys() ?? [])].sort()).toEqual(IDENTITY_GRAPH_TABLES.filter((t) => !layout?.global.includes(t)).sort());
  });

  it('each local table is restricted through its parent, its left side or a local id column', () => {
    expect(layout?.local.get('households')).toEqual({ kind: 'range' });
    expect(layout?.local.get('individuals')).toEqual({ kind: 'parent', perHousehold: 1 });
    // individuals: 16 keys per household (fanout 16); identity_mappings: 16 more per individual
    expect(layout?.local.get('identity_mappings')).toEqual({ kind: 'parent', perHousehold: 16 });
    expect(layout?.local.get('viewership_patterns')).toEqual({ kind: 'column', column: 'individual_id', perHousehold: 16 });
    expect(layout?.local.get('campaign_assignments')).toEqual({ kind: 'left', perHousehold: 16 });
    expect(layout?.local.get('source_records')).toEqual({ kind: 'column', column: 'individual_id', perHousehold: 16 });
    expect(layout?.local.get('truth_identity_links')).toEqual({ kind: 'column', column: 'individual_id', perHousehold: 16 });
  });

  it('a shard reads only the same shard of its parent, left side or parent-keyed source where the keys prove it', () => {
    const sources = Object.fromEntries(IDENTITY_GRAPH_TABLES.map((t) => [t, layout ? shardSource(ir, layout, t) : null]));
    expect(sources).toEqual({
      households: null,
      individuals: 'households',
      identity_mappings: 'individuals',
      content_engagements: 'individuals',
      // grouped by individual_id = the events' parent key
      viewership_patterns: 'content_engagements',
      audience_attributes: 'content_engagements',
      campaigns: null,
      campaign_assignments: 'audience_attributes',
      campaign_exposures: null,
      truth_assignment_outcomes: 'campaign_assignments',
      response_events: 'truth_assignment_outcomes',
      outcome_metrics: 'response_events',
      truth_conversions: 'truth_assignment_outcomes',
      truth_campaign_lift: null,
      truth_source_records: 'individuals',
      source_records: 'truth_source_records',
      truth_identity_links: 'identity_mappings',
    });
  });

  it('the plan shards exactly the local tables, in ranges covering every key', () => {
    const plan = buildPlan(ir, duckdbDialect, { shardHouseholds: 1_000 });
    for (const t of plan.tables) {
      if (layout?.global.includes(t.entity)) expect(t.shards, t.entity).toBeUndefined();
      else expect(t.shards?.map((s) => [s.lo, s.hi]), t.entity).toEqual([[null, 1_000], [1_000, 2_000], [2_000, null]]);
    }
    expect(buildPlan(ir, duckdbDialect, { shardHouseholds: HOUSEHOLDS }).tables.every((t) => t.shards === undefined)).toBe(true);
  });
});

describe.sequential('identity graph in household shards on DuckDB', () => {
  let whole: Manifest;
  beforeAll(async () => {
    whole = await generate(ir, duckdb({ out: path.join(root, 'whole'), threads: 2, shardHouseholds: 'off' }));
  });

  it.each([
    { shardHouseholds: 1_000, threads: 1 },
    { shardHouseholds: 333, threads: 2 },
  ])('$shardHouseholds households per shard, $threads thread(s): every content hash equals the unsharded run', async ({ shardHouseholds, threads }) => {
    const events: ProgressEvent[] = [];
    const out = path.join(root, `s${shardHouseholds}-t${threads}`);
    const m = await generate(ir, duckdb({ out, threads, shardHouseholds }), { onProgress: (e) => events.push(e) });
    expectCleanManifest(m);
    for (const t of IDENTITY_GRAPH_TABLES) {
      expect(m.tables[t]?.rows, t).toBe(whole.tables[t]?.rows);
      expect(m.tables[t]?.canonicalHash, t).toBe(whole.tables[t]?.canonicalHash);
      expect(m.tables[t]?.contentHash, t).toBe(whole.tables[t]?.contentHash);
    }
    const shards = Math.ceil(HOUSEHOLDS / shardHouseholds);
    expect(m.extra['householdShards']).toEqual({ householdsPerShard: shardHouseholds, shards });
    expect(whole.extra['householdShards']).toBeUndefined();
    // one Parquet part per shard for a local table, one file for a global one
    expect(m.tables['individuals']?.files).toHaveLength(shards);
    expect(await readdir(path.join(out, 'individuals'))).toHaveLength(shards);
    expect(m.tables['campaigns']?.files).toEqual(['campaigns/part-00000.parquet']);
    const running = events.filter((e) => e.phase === 'table' && e.state === 'running' && e.table === 'individuals').map((e) => e.detail);
    expect(running).toEqual(Array.from({ length: shards }, (_, i) => `shard ${i + 1}/${shards}`));
    const reader = await DuckdbReader.open(out, ['individuals']);
    try {
      const [row] = await reader.query('SELECT count(*) AS n, count(DISTINCT individual_id) AS d FROM individuals');
      expect(row?.['d']).toBe(row?.['n']);
    } finally {
      reader.close();
    }
  });

  it('a .duckdb output written in shards holds the same rows', async () => {
    const m = await generate(ir, duckdb({ out: path.join(root, 'db'), format: 'duckdb', threads: 2, shardHouseholds: 1_000 }));
    for (const t of IDENTITY_GRAPH_TABLES) expect(m.tables[t]?.contentHash, t).toBe(whole.tables[t]?.contentHash);
  });
});
