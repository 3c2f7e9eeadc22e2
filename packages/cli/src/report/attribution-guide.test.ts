/**
 * docs/guides/testing-attribution-and-incrementality.md: every ```sql block runs, in order, on
 * small tables of the shape the guide describes (campaign_assignments, response_events with
 * organic and incremental conversions, outcome_metrics with one row per conversion, model and
 * touchpoint, and the truth_* answer keys), and the guide's lift estimates are the report's.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDialect, SqlPrinter } from '@synthgraph/core';
import { DuckdbReader } from '@synthgraph/duckdb';
import { liftData } from './campaign-lift-section.js';
import { Schema } from './report-sql.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const GUIDE = 'docs/guides/testing-attribution-and-incrementality.md';

/** Tables of the guide's shape: 400 individuals, 3 campaigns, every 10th individual in control. */
const FIXTURE = [
  `CREATE TABLE campaigns AS SELECT c AS campaign_id, 'Campaign ' || c AS campaign_name, CAST(1000 AS DECIMAL(14,2)) AS budget FROM range(1, 4) r(c)`,
  `CREATE TABLE campaign_assignments AS
   SELECT c * 1000 + i AS assignment_id, i AS individual_id, c AS campaign_id, i // 3 AS household_id,
          CASE WHEN i % 10 = 0 THEN 'control' ELSE 'treatment' END AS assignment,
          TIMESTAMP '2026-01-01 00:00:00' AS assigned_at, i % 2 = 0 AS in_target_segment,
          CASE WHEN i % 10 = 0 THEN 0 ELSE 1 + i % 4 END AS impressions
   FROM range(1, 401) a(i), range(1, 4) b(c)`,
  // Organic conversions in both groups (i % 7 = campaign), incremental ones in treatment (i % 5 = campaign).
  `CREATE TABLE conv_src AS
   SELECT individual_id, campaign_id, assignment, false AS inc FROM campaign_assignments WHERE individual_id % 7 = campaign_id
   UNION ALL
   SELECT individual_id, campaign_id, assignment, true FROM campaign_assignments WHERE assignment = 'treatment' AND individual_id % 5 = campaign_id`,
  `CREATE TABLE conv AS
   SELECT row_number() OVER (ORDER BY individual_id, campaign_id, inc) AS response_id, * FROM conv_src`,
  `CREATE TABLE response_events AS
   SELECT response_id, individual_id, campaign_id, CAST(NULL AS BIGINT) AS exposure_id, 'conversion' AS response_type,
          TIMESTAMP '2026-01-10 12:00:00' AS response_ts,
          CASE WHEN inc OR (assignment = 'treatment' AND individual_id % 2 = 0) THEN campaign_id END AS attributed_campaign_id
   FROM conv
   UNION ALL
   SELECT 100000 + individual_id, individual_id, campaign_id, NULL, 'click', TIMESTAMP '2026-01-09 12:00:00', campaign_id
   FROM campaign_assignments WHERE assignment = 'treatment' AND individual_id % 11 = 0`,
  `CREATE TABLE truth_conversions AS
   SELECT response_id, inc AS is_incremental, CASE WHEN inc THEN campaign_id END AS causing_campaign_id FROM conv`,
  `CREATE TABLE truth_campaign_lift AS
   SELECT a.campaign_id,
          count(*) FILTER (WHERE a.assignment = 'treatment') AS treatment_size,
          count(*) FILTER (WHERE a.assignment = 'control') AS control_size,
          (SELECT count(*) FROM conv WHERE conv.campaign_id = a.campaign_id AND inc) AS incremental_conversions,
          (SELECT count(*) FROM conv WHERE conv.campaign_id = a.campaign_id AND NOT inc AND assignment = 'treatment') AS counterfactual_conversions,
          (SELECT count(*) FROM conv WHERE conv.campaign_id = a.campaign_id AND inc) * 1.0
            / (SELECT count(*) FROM conv WHERE conv.campaign_id = a.campaign_id AND NOT inc AND assignment = 'treatment') AS true_relative_lift
   FROM campaign_assignments a GROUP BY a.campaign_id`,
  `CREATE TABLE outcome_metrics AS
   SELECT r.response_id, r.attributed_campaign_id AS campaign_id, r.individual_id, 'last_touch' AS attribution_model, 'click' AS touchpoint_type,
          r.response_ts - INTERVAL 1 HOUR AS touchpoint_ts, 1.0 AS attribution_weight, CAST(50 AS DECIMAL(12,2)) AS revenue
   FROM response_events r WHERE r.response_type = 'conversion' AND r.attributed_campaign_id IS NOT NULL
   UNION ALL
   SELECT r.response_id, x.c, r.individual_id, 'linear', 'impression', r.response_ts - INTERVAL 2 DAY, 0.5, CAST(25 AS DECIMAL(12,2))
   FROM response_events r, (SELECT 0 AS k UNION ALL SELECT 1) s, LATERAL (SELECT CASE WHEN s.k = 0 THEN r.attributed_campaign_id ELSE r.attributed_campaign_id % 3 + 1 END AS c) x
   WHERE r.response_type = 'conversion' AND r.attributed_campaign_id IS NOT NULL`,
  'DROP TABLE conv_src',
  'DROP TABLE conv',
];

let dir: string;
let db: DuckdbReader;
let blocks: string[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-attribution-guide-'));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'parquet', tables: {} }));
  db = await DuckdbReader.open(dir);
  for (const s of FIXTURE) await db.query(s);
  blocks = [...(await readFile(path.join(root, GUIDE), 'utf8')).matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
});
afterAll(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

describe(GUIDE, () => {
  it('every SQL block runs in order; each query returns rows', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const [i, b] of blocks.entries()) {
      const rows = await db.query(b);
      if (/^\s*(WITH|SELECT)\b/i.test(b)) expect(rows.length, `block ${i + 1}:\n${b}`).toBeGreaterThan(0);
    }
    const coverage = await db.query('SELECT count(*) AS n FROM lift_estimates');
    expect(Number(coverage[0]?.['n'])).toBe(3);
  });

  it('the lift estimates of step 3 are the report’s (same method, same numbers)', async () => {
    const cols = new Map<string, Set<string>>();
    for (const r of await db.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()")) {
      const t = String(r['table_name']);
      if (!cols.has(t)) cols.set(t, new Set());
      cols.get(t)?.add(String(r['column_name']));
    }
    const dialect = getDialect('duckdb');
    const printer = new SqlPrinter(dialect, (e) => dialect.quoteIdent(e));
    const lift = await liftData({ printer, run: (s) => db.query(printer.select(s)) }, new Schema(cols));
    if (lift.status !== 'ok') throw new Error(lift.reason);
    const guide = new Map((await db.query('SELECT * FROM lift_estimates')).map((r) => [String(r['campaign_id']), r]));
    expect(lift.campaigns.map((c) => c.campaign)).toEqual([...guide.keys()].sort());
    for (const c of lift.campaigns) {
      const g = guide.get(c.campaign) ?? {};
      const e = c.estimate;
      expect([c.treatment.n, c.control.n]).toEqual([Number(g['n_t']), Number(g['n_c'])]);
      expect(e.relativeLift).toBeCloseTo(Number(g['est_lift']), 9);
      expect(e.relativeLiftCi?.lo).toBeCloseTo(Number(g['est_lift_lo']), 5);
      expect(e.relativeLiftCi?.hi).toBeCloseTo(Number(g['est_lift_hi']), 5);
      expect(e.incrementalConversions).toBeCloseTo(Number(g['est_incremental']), 9);
      expect(e.incrementalConversionsCi?.lo).toBeCloseTo(Number(g['est_incremental_lo']), 4);
      expect(e.incrementalConversionsCi?.hi).toBeCloseTo(Number(g['est_incremental_hi']), 4);
      expect(c.truth?.relativeLift).not.toBeNull();
    }
  });
});
