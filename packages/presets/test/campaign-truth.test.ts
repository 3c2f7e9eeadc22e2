/**
 * Issue 12, "campaigns with known truth": organic conversions in both arms, ad-caused conversions
 * only for reached treatment members, one answer-key row per conversion, last-touch attribution
 * that leaves unexposed conversions organic, and a treatment-vs-control estimate that recovers
 * the true incremental conversions of truth_campaign_lift.
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanManifest, run, tempDir } from './helpers.js';

let root = '';
let reader: DuckdbReader;
const one = async (q: string): Promise<Record<string, unknown>> => ((await reader.query(q))[0] ?? {}) as Record<string, unknown>;
const num = async (q: string): Promise<number> => Number((await one(q))['v']);

beforeAll(async () => {
  root = await tempDir('truth');
  const out = path.join(root, 'default');
  expectCleanManifest(await run({ households: { num_households: 8_000 } }, out, 12));
  reader = await DuckdbReader.open(out);
}, 300_000);
afterAll(async () => {
  reader.close();
  await rm(root, { recursive: true, force: true });
});

describe('campaign experiments with known truth', () => {
  it('control members convert (organically), and so do treatment members never reached', async () => {
    const control = `SELECT count(*) AS v FROM response_events r JOIN campaign_assignments a USING (individual_id, campaign_id) WHERE r.response_type = 'conversion' AND a.assignment = 'control'`;
    expect(await num(control)).toBeGreaterThan(50);
    expect(await num(`SELECT count(*) AS v FROM response_events r JOIN campaign_assignments a USING (individual_id, campaign_id) WHERE r.response_type <> 'conversion' AND a.assignment = 'control'`)).toBe(0);
    expect(await num(`SELECT count(*) AS v FROM response_events r JOIN campaign_assignments a USING (individual_id, campaign_id) WHERE r.response_type = 'conversion' AND a.assignment = 'treatment' AND a.impressions = 0`)).toBeGreaterThan(0);
  });

  it('every conversion has exactly one truth_conversions row and every truth row is a conversion', async () => {
    const row = await one(`SELECT count(*) AS conversions, count(t.response_id) AS matched, count(DISTINCT t.truth_conversion_id) AS truth_rows
      FROM response_events r LEFT JOIN truth_conversions t USING (response_id) WHERE r.response_type = 'conversion'`);
    expect(Number(row['matched'])).toBe(Number(row['conversions']));
    expect(Number(row['truth_rows'])).toBe(Number(row['conversions']));
    expect(await num(`SELECT count(*) AS v FROM truth_conversions t LEFT JOIN response_events r USING (response_id) WHERE r.response_id IS NULL OR r.response_type <> 'conversion'`)).toBe(0);
  });

  it('ad-caused conversions only for reached treatment members; causing campaign = campaign', async () => {
    const bad = `SELECT count(*) AS v FROM truth_conversions t JOIN response_events r USING (response_id) JOIN campaign_assignments a ON a.individual_id = r.individual_id AND a.campaign_id = r.campaign_id
      WHERE t.is_incremental AND (a.assignment <> 'treatment' OR a.impressions = 0 OR r.exposure_id IS NULL OR t.causing_campaign_id IS DISTINCT FROM r.campaign_id)`;
    expect(await num(bad)).toBe(0);
    expect(await num(`SELECT count(*) AS v FROM truth_conversions WHERE is_incremental`)).toBeGreaterThan(0);
    expect(await num(`SELECT count(*) AS v FROM truth_conversions WHERE NOT is_incremental AND causing_campaign_id IS NOT NULL`)).toBe(0);
  });

  it("conversions without a touch of their advertiser's campaigns are unattributed (organic); attributed ones follow a touch of the credited campaign", async () => {
    // the advertiser's exposures of the converting individual
    const touched = `EXISTS (SELECT 1 FROM campaign_exposures x JOIN campaigns cx USING (campaign_id) JOIN campaigns c ON c.campaign_id = r.campaign_id
      WHERE x.individual_id = r.individual_id AND cx.advertiser_id = c.advertiser_id AND x.exposure_ts <= r.response_ts)`;
    expect(await num(`SELECT count(*) AS v FROM response_events r WHERE NOT ${touched} AND attributed_campaign_id IS NOT NULL`)).toBe(0);
    expect(await num(`SELECT count(*) AS v FROM response_events r WHERE response_type = 'conversion' AND NOT ${touched}`)).toBeGreaterThan(0);
    expect(await num(`SELECT count(*) AS v FROM response_events WHERE attributed_campaign_id IS NOT NULL AND response_type <> 'conversion'`)).toBe(0);
    // the credited campaign belongs to the converting campaign's advertiser and reached the individual before the conversion
    expect(
      await num(`SELECT count(*) AS v FROM response_events r JOIN campaigns a ON a.campaign_id = r.attributed_campaign_id JOIN campaigns c ON c.campaign_id = r.campaign_id
        WHERE a.advertiser_id <> c.advertiser_id OR NOT EXISTS (SELECT 1 FROM campaign_exposures x WHERE x.individual_id = r.individual_id AND x.campaign_id = r.attributed_campaign_id AND x.exposure_ts <= r.response_ts)`),
    ).toBe(0);
    // journeys cross campaigns: some conversions are credited to a sibling campaign of their advertiser
    expect(await num(`SELECT count(*) AS v FROM response_events WHERE attributed_campaign_id <> campaign_id`)).toBeGreaterThan(0);
    // the same campaign as the last-touch rows of outcome_metrics
    expect(
      await num(`SELECT count(*) AS v FROM response_events r JOIN outcome_metrics o USING (response_id)
        WHERE o.attribution_model = 'last_touch' AND o.attribution_weight = 1 AND o.campaign_id IS DISTINCT FROM r.attributed_campaign_id`),
    ).toBe(0);
    expect(await num(`SELECT count(*) AS v FROM response_events r WHERE attributed_campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outcome_metrics o WHERE o.response_id = r.response_id)`)).toBe(0);
    // last touch credits some organic conversions of exposed people: attribution over-credits
    expect(await num(`SELECT count(*) AS v FROM truth_conversions t JOIN response_events r USING (response_id) WHERE NOT t.is_incremental AND r.attributed_campaign_id IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('truth_campaign_lift adds up from the outcomes and response_events', async () => {
    const row = await one(`SELECT sum(l.incremental_conversions) AS inc, sum(l.treatment_conversions + l.control_conversions) AS conv,
      (SELECT count(*) FROM response_events WHERE response_type = 'conversion') AS observed,
      (SELECT count(*) FROM truth_conversions WHERE is_incremental) AS truth_inc FROM truth_campaign_lift l`);
    expect(Number(row['conv'])).toBe(Number(row['observed']));
    expect(Number(row['inc'])).toBe(Number(row['truth_inc']));
    const sizes = await one(`SELECT (SELECT sum(treatment_size + control_size) FROM truth_campaign_lift) AS l, (SELECT count(*) FROM campaign_assignments) AS a`);
    expect(Number(sizes['l'])).toBe(Number(sizes['a']));
  });

  it('treatment − control difference in means recovers the true incremental conversions (95% interval)', async () => {
    // estimate = n_T · (c_T / n_T − c_C / n_C), variance from Poisson counts: n_T² · (c_T / n_T² + c_C / n_C²)
    const rows = await reader.query(`SELECT campaign_id, incremental_conversions AS truth,
        treatment_conversions - control_conversions * treatment_size / control_size AS est,
        1.96 * sqrt(treatment_conversions + control_conversions * (treatment_size::DOUBLE / control_size) ^ 2) AS half
      FROM truth_campaign_lift WHERE control_size > 0`);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const covered = rows.filter((r) => Math.abs(Number(r['est']) - Number(r['truth'])) <= Number(r['half'])).length;
    // 95% intervals: at least 80% of campaigns cover their truth (binomial, P(fail) < 2% at 20 campaigns)
    expect(covered / rows.length).toBeGreaterThanOrEqual(0.8);
    // pooled over campaigns, the truth lies within the pooled 99% interval
    const pooled = await one(`SELECT sum(incremental_conversions) AS truth, sum(treatment_conversions - control_conversions * treatment_size / control_size) AS est,
        2.58 * sqrt(sum(treatment_conversions + control_conversions * (treatment_size::DOUBLE / control_size) ^ 2)) AS half FROM truth_campaign_lift WHERE control_size > 0`);
    expect(Math.abs(Number(pooled['est']) - Number(pooled['truth']))).toBeLessThanOrEqual(Number(pooled['half']));
    expect(Number(pooled['truth'])).toBeGreaterThan(0);
  });
});

describe('the true incremental effect by channel (campaigns.incremental_effect)', () => {
  let dir = '';
  const counts = async (out: string): Promise<Map<string, { reached: number; incremental: number }>> => {
    const r = await DuckdbReader.open(out);
    try {
      const rows = await r.query(`SELECT channel, count(*) AS reached, sum(incremental_conversions) AS inc FROM truth_assignment_outcomes WHERE exposure_id IS NOT NULL GROUP BY channel`);
      return new Map(rows.map((x) => [String(x['channel']), { reached: Number(x['reached']), incremental: Number(x['inc']) }]));
    } finally {
      r.close();
    }
  };
  beforeAll(async () => {
    dir = await tempDir('effect');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a channel at 0 causes no conversion; a channel at 3 causes at least every conversion it caused at 1 (same draws)', async () => {
    const base = path.join(dir, 'base');
    const varied = path.join(dir, 'varied');
    expectCleanManifest(await run({ households: { num_households: 3_000 } }, base, 5));
    expectCleanManifest(await run({ households: { num_households: 3_000 }, campaigns: { incremental_effect: { display: 0, email: 3 } } }, varied, 5));
    const [b, v] = [await counts(base), await counts(varied)];
    // delivery is untouched: the same individuals are reached on the same channels
    expect([...v.entries()].map(([ch, x]) => [ch, x.reached])).toEqual([...b.entries()].map(([ch, x]) => [ch, x.reached]));
    expect(b.get('display')?.incremental).toBeGreaterThan(0);
    expect(v.get('display')?.incremental).toBe(0);
    expect(v.get('email')?.incremental).toBeGreaterThan(b.get('email')?.incremental ?? Infinity);
    expect(v.get('social')?.incremental).toBe(b.get('social')?.incremental);
  }, 300_000);
});
