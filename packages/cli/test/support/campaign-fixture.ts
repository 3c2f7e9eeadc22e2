/**
 * A hand-made campaign output for the report's campaign-measurement tests: small Parquet tables
 * written with DuckDB (campaigns, campaign_assignments, campaign_exposures, response_events,
 * outcome_metrics and, on request, the answer keys truth_campaign_lift / truth_conversions) and
 * a manifest listing them, so `buildReport(dir)` reads it like a generated output. Every number
 * is small enough to be computed by hand (see campaign-measurement.test.ts).
 * Test support only; not exported from the package.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckdbReader } from '@synthgraph/duckdb';

/** Which optional tables the fixture writes. */
export interface CampaignFixtureOptions {
  /** Write `truth_campaign_lift` (default false). */
  readonly truthLift?: boolean;
  /** Write `truth_conversions` (default false). */
  readonly truthConversions?: boolean;
  /** Write `campaign_assignments` (default true). */
  readonly assignments?: boolean;
  /** outcome_metrics as today (one model per journey) or as one row per (conversion, model, touchpoint). */
  readonly outcomes?: 'journey' | 'touchpoint';
}

type Row = readonly (string | number | boolean | null)[];
const lit = (v: string | number | boolean | null): string => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));

/** The tables: name → [column definitions as `name TYPE`, rows]. */
function tables(o: CampaignFixtureOptions): Record<string, [readonly string[], readonly Row[]]> {
  const assignments: Row[] = [];
  let id = 1;
  const assign = (campaign: number, from: number, to: number, group: string): void => {
    for (let i = from; i <= to; i++) assignments.push([id++, i, campaign, group]);
  };
  assign(1, 1, 10, 'treatment'); // campaign 1: individuals 1–10 treatment, 11–15 control
  assign(1, 11, 15, 'control');
  assign(2, 1, 6, 'treatment'); // campaign 2: 1–6 treatment, 7–8 control
  assign(2, 7, 8, 'control');
  assign(10, 1, 2, 'treatment'); // campaign 10: no control group
  const conv = (rid: number, ind: number, camp: number, type = 'conversion'): Row => [rid, ind, camp, type];
  const out: Record<string, [readonly string[], readonly Row[]]> = {
    campaigns: [
      ['campaign_id BIGINT', 'campaign_name VARCHAR', 'budget DECIMAL(14,2)'],
      [
        [1, 'Spring', 100],
        [2, 'Fall', 200],
        [10, 'Winter', 50],
      ],
    ],
    campaign_exposures: [
      ['exposure_id BIGINT', 'individual_id BIGINT', 'campaign_id BIGINT', 'frequency INTEGER', 'cost DECIMAL(12,6)'],
      [
        [1, 1, 1, 3, 30],
        [2, 2, 1, 1, 10],
        [3, 3, 1, 10, 40],
        [4, 1, 2, 2, 50],
        [5, 2, 10, 1, 5],
      ],
    ],
    response_events: [
      ['response_id BIGINT', 'individual_id BIGINT', 'campaign_id BIGINT', 'response_type VARCHAR'],
      [
        // campaign 1 treatment: individual 1 twice, 2 and 3 once; control: 11 once
        conv(1, 1, 1),
        conv(2, 1, 1),
        conv(3, 2, 1),
        conv(4, 3, 1),
        conv(5, 11, 1),
        conv(6, 4, 1, 'click'), // a click is no conversion
        conv(7, 99, 1), // not in the audience: ignored
        // campaign 2 treatment: 1 and 2 once; control: 7 once
        conv(8, 1, 2),
        conv(9, 2, 2),
        conv(10, 7, 2),
      ],
    ],
  };
  if (o.assignments ?? true) out['campaign_assignments'] = [['assignment_id BIGINT', 'individual_id BIGINT', 'campaign_id BIGINT', 'assignment VARCHAR'], assignments];
  // as one row per touchpoint, the first column is the response: conversion 2's journey spans campaigns 1 and 2
  const om: Row[] = [
    [1, 1, 'last_touch', 1, 20],
    [2, 1, 'linear', 0.5, 10],
    [2, 2, 'linear', 0.5, 10],
    [4, 2, 'first_touch', 1, 20],
    [5, 1, 'last_touch', 0, 0],
  ];
  out['outcome_metrics'] =
    o.outcomes === 'touchpoint'
      ? [
          ['response_id BIGINT', 'campaign_id BIGINT', 'attribution_model VARCHAR', 'attribution_weight DOUBLE', 'revenue DECIMAL(12,2)', 'touchpoint_type VARCHAR'],
          om.map((r) => [...r, 'impression']),
        ]
      : [['outcome_id BIGINT', 'campaign_id BIGINT', 'attribution_model VARCHAR', 'attribution_weight DOUBLE', 'revenue DECIMAL(12,2)'], om];
  if (o.truthLift)
    out['truth_campaign_lift'] = [
      ['campaign_id BIGINT', 'treatment_size BIGINT', 'control_size BIGINT', 'incremental_conversions DOUBLE', 'counterfactual_conversions DOUBLE', 'true_relative_lift DOUBLE'],
      [
        [1, 10, 5, 2, 2, 1],
        [2, 6, 2, 0.5, 1.5, 8],
        [10, 2, 0, 0, 0, 0.1],
      ],
    ];
  if (o.truthConversions)
    out['truth_conversions'] = [
      ['response_id BIGINT', 'is_incremental BOOLEAN', 'causing_campaign_id BIGINT'],
      [
        [1, true, 1],
        [2, true, 1],
        [3, false, null],
        [8, true, 2],
      ],
    ];
  return out;
}

/**
 * Writes the fixture into `dir` (created, emptied first) and returns the table names.
 *
 * @example
 * ```ts
 * await writeCampaignFixture(dir, { truthLift: true });
 * const { json } = await buildReport(dir);
 * ```
 */
export async function writeCampaignFixture(dir: string, o: CampaignFixtureOptions = {}): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const t = tables(o);
  const manifest = (names: readonly string[]) => ({
    synthgraph: '0.0.0-test',
    manifestVersion: 1,
    scenario: 'campaign-fixture',
    irHash: 'sha256:0',
    irVersion: 1,
    seed: 1,
    engine: 'duckdb',
    format: 'parquet',
    config: {},
    tables: Object.fromEntries(names.map((n) => [n, { rows: t[n]?.[1].length ?? 0, bytes: 0, files: [`${n}.parquet`], elapsedMs: 0, contentHash: 'sha256:0' }])),
    checks: [],
    totalRows: names.reduce((a, n) => a + (t[n]?.[1].length ?? 0), 0),
    elapsedMs: 0,
    extra: {},
    batches: [],
  });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest([])));
  const db = await DuckdbReader.open(dir);
  try {
    for (const [name, [cols, rows]] of Object.entries(t)) {
      const names = cols.map((c) => c.split(' ')[0] as string);
      const select = `SELECT ${cols.map((c, i) => `CAST(v.c${i} AS ${c.slice(c.indexOf(' ') + 1)}) AS ${names[i]}`).join(', ')} FROM (VALUES ${rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}) AS v(${names.map((_, i) => `c${i}`).join(', ')})`;
      await db.query(`COPY (${select}) TO '${path.join(dir, `${name}.parquet`).replace(/'/g, "''")}' (FORMAT parquet)`);
    }
  } finally {
    db.close();
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest(Object.keys(t))));
  return Object.keys(t);
}
