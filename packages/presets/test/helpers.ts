/**
 * Shared helpers of the presets integration tests: run a config on DuckDB and check it.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodedTable, generate, keySpaces, sql, SqlPrinter, type Manifest } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { expect } from 'vitest';
import { distributionChecks, evaluateDistributions, identityGraph, identityGraphInvariants, IDENTITY_GRAPH_TABLES, type DistributionResult, type IdentityGraphConfigInput } from '../src/index.js';

/** A fresh temporary directory. */
export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `sg-presets-${prefix}-`));
}

/** Generates a config with the DuckDB engine into `out`. */
export async function run(config: IdentityGraphConfigInput, out: string, seed = 42): Promise<Manifest> {
  return generate(identityGraph(config), duckdb({ out, threads: 2 }), { seed });
}

/** Every table present, every declared check at 0 violations. */
export function expectCleanManifest(m: Manifest): void {
  expect(Object.keys(m.tables).sort()).toEqual([...IDENTITY_GRAPH_TABLES].sort());
  for (const t of IDENTITY_GRAPH_TABLES) expect(m.tables[t]?.rows, t).toBeGreaterThan(0);
  expect(m.checks.length).toBeGreaterThan(80);
  const failing = m.checks.filter((c) => c.violations !== 0);
  expect(failing, JSON.stringify(failing)).toEqual([]);
  expectReadableTemporalChecks(m);
}

const ISO = String.raw`\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(\.\d+)?Z)?`;
/** The range checks on the preset's DATE and TIMESTAMP columns. */
const TEMPORAL_RANGE = /\.range\((start_date|end_date|created_at|event_ts|exposure_ts|last_exposure_ts|last_seen|observed_at) in /;

/** Range checks on dates and timestamps name ISO dates and UTC instants, not epoch days or micros. */
export function expectReadableTemporalChecks(m: Manifest): void {
  const names = m.checks.map((c) => c.name).filter((n) => TEMPORAL_RANGE.test(n));
  expect(names.length).toBeGreaterThanOrEqual(8);
  for (const n of names) expect(n).toMatch(new RegExp(String.raw`in \[(-∞|${ISO}), ${ISO}\]\)$`));
}

/** Cross-table invariants at 0 and every distribution target within tolerance. */
export async function expectInvariantsAndDistributions(out: string, config: IdentityGraphConfigInput): Promise<DistributionResult[]> {
  const reader = await DuckdbReader.open(out);
  try {
    for (const inv of identityGraphInvariants()) {
      const [row] = await reader.query(inv.sql);
      expect(Number(row?.['violations']), `${inv.name}: ${inv.description}`).toBe(0);
    }
    const results = await evaluateDistributions(distributionChecks(config), (sql) => reader.query(sql));
    const failing = results.filter((r) => !r.pass);
    expect(failing, JSON.stringify(failing, null, 1)).toEqual([]);
    return results;
  } finally {
    reader.close();
  }
}

/** The key space of each table's key (the entity whose bijection writes it). */
const SPACES = keySpaces(identityGraph({ households: { num_households: 1_000 } }).toIR({ seed: 1 }).entities);

/** Internal keys of each table (the opaque ids decoded) inside the key ranges the manifest records. */
export async function expectKeysInRanges(out: string, m: Manifest): Promise<void> {
  const ranges = m.extra['keyRanges'] as Record<string, { start: number; end: number }>;
  const keyOf: Record<string, string> = {
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
    truth_campaign_lift: 'campaign_id',
    truth_source_records: 'record_id',
    source_records: 'record_id',
    truth_identity_links: 'mapping_id',
  };
  const reader = await DuckdbReader.open(out);
  try {
    for (const [table, key] of Object.entries(keyOf)) {
      const decoded = decodedTable(table, 't', [key], new Map([[key, SPACES.get(table) as string]]));
      const [row] = await reader.query(new SqlPrinter(duckdbDialect, (e) => duckdbDialect.quoteIdent(e)).select(sql.select([{ alias: 'lo', expr: sql.agg('min', sql.col('t', key)) }, { alias: 'hi', expr: sql.agg('max', sql.col('t', key)) }], decoded)));
      const r = ranges[table] as { start: number; end: number };
      expect(Number(row?.['lo']), table).toBeGreaterThanOrEqual(r.start);
      expect(Number(row?.['hi']), table).toBeLessThan(r.end);
    }
  } finally {
    reader.close();
  }
}
