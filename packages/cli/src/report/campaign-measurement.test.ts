/**
 * The campaign-measurement panels (delivery, lift, attribution) on a hand-made output whose
 * numbers are computed by hand below, with and without the answer keys, and the lift statistics
 * against hand-computed intervals.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCampaignFixture } from '../../test/support/campaign-fixture.js';
import { sparkDialect } from '@synthgraph/databricks';
import { buildReport, readManifest, type BuiltReport } from './report-builder.js';
import { collectReport } from './report-collector.js';
import { covers, groupOutcome, liftEstimate } from './lift-statistics.js';
import type { Maybe } from './report-types.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sg-campaign-report-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function ok<T>(m: Maybe<T>): T {
  if (m.status !== 'ok') throw new Error(`${m.id} is unavailable: ${m.reason}`);
  return m;
}
async function report(name: string, o: Parameters<typeof writeCampaignFixture>[1]): Promise<BuiltReport> {
  const dir = path.join(root, name);
  await writeCampaignFixture(dir, o);
  return buildReport(dir);
}

describe('lift statistics', () => {
  it('mean and sample variance of conversions per member', () => {
    // 10 members with conversions 2, 1, 1, 0 × 7: sum 4, sum of squares 6.
    const g = groupOutcome({ n: 10, sum: 4, sumSquares: 6, converters: 3 });
    expect(g.mean).toBe(0.4);
    expect(g.variance).toBeCloseTo((6 - 16 / 10) / 9, 15); // 0.4888…
    expect(groupOutcome({ n: 1, sum: 1, sumSquares: 1, converters: 1 }).variance).toBeNull();
    expect(groupOutcome({ n: 0, sum: 0, sumSquares: 0, converters: 0 }).mean).toBeNull();
  });

  it('difference, relative lift and their 95% intervals match a hand computation', () => {
    const t = groupOutcome({ n: 10, sum: 4, sumSquares: 6, converters: 3 });
    const c = groupOutcome({ n: 5, sum: 1, sumSquares: 1, converters: 1 });
    const e = liftEstimate(t, c);
    // d = 0.4 − 0.2 = 0.2; se = √(0.48889/10 + 0.2/5) = √0.088889 = 0.298142; 1.96 · se = 0.584348.
    expect(e.difference).toBeCloseTo(0.2, 12);
    expect(e.differenceCi?.lo).toBeCloseTo(-0.384348, 5);
    expect(e.differenceCi?.hi).toBeCloseTo(0.784348, 5);
    // Ratio 2: se(log) = √(0.48889/(10·0.16) + 0.2/(5·0.04)) = √1.305556 = 1.142609;
    // 2·exp(∓1.96·1.142609) − 1 = −0.786971 … 17.776759.
    expect(e.relativeLift).toBeCloseTo(1, 12);
    expect(e.relativeLiftCi?.lo).toBeCloseTo(-0.786971, 5);
    expect(e.relativeLiftCi?.hi).toBeCloseTo(17.776759, 5);
    // Incremental conversions of the treatment group: d × 10 = 2 (−3.843484 … 7.843484).
    expect(e.incrementalConversions).toBeCloseTo(2, 12);
    expect(e.incrementalConversionsCi?.lo).toBeCloseTo(-3.843484, 5);
    expect(e.incrementalConversionsCi?.hi).toBeCloseTo(7.843484, 5);
  });

  it('gives no ratio without control conversions and no interval without two members per group', () => {
    const t = groupOutcome({ n: 10, sum: 4, sumSquares: 6, converters: 3 });
    expect(liftEstimate(t, groupOutcome({ n: 5, sum: 0, sumSquares: 0, converters: 0 }))).toMatchObject({ relativeLift: null, relativeLiftCi: null, difference: 0.4 });
    expect(liftEstimate(t, groupOutcome({ n: 0, sum: 0, sumSquares: 0, converters: 0 })).difference).toBeNull();
    expect(liftEstimate(t, groupOutcome({ n: 1, sum: 1, sumSquares: 1, converters: 1 })).differenceCi).toBeNull();
    expect(covers({ lo: 0, hi: 1 }, 1)).toBe(true);
    expect(covers({ lo: 0, hi: 1 }, 1.5)).toBe(false);
    expect(covers(null, 1)).toBeNull();
  });
});

describe('campaign panels with the answer keys', () => {
  let r: BuiltReport;
  beforeAll(async () => {
    r = await report('truth', { truthLift: true, outcomes: 'touchpoint' });
  });

  it('delivery: spend / budget, reach of the treatment group and the frequency curve per campaign', () => {
    const d = ok(r.json.delivery);
    expect(d.campaigns.map((c) => [c.campaign, c.label])).toEqual([
      ['1', 'Spring'],
      ['2', 'Fall'],
      ['10', 'Winter'],
    ]);
    const [c1, c2] = d.campaigns;
    expect(c1).toMatchObject({ spend: 80, budget: 100, spendShare: 0.8, audience: 15, treatment: 10, control: 5, reached: 3, reach: 0.3, impressions: 14 });
    expect(c1?.meanFrequency).toBeCloseTo(14 / 3, 10);
    // Frequencies 3, 1, 10: all have ≥ 1, two have ≥ 2 and ≥ 3, one has ≥ 4 … ≥ 10.
    expect(c1?.atLeast.map((x) => Number(x.toFixed(6)))).toEqual([1, 0.666667, 0.666667, 0.333333, 0.333333, 0.333333, 0.333333, 0.333333, 0.333333, 0.333333]);
    expect(c2).toMatchObject({ spend: 50, budget: 200, spendShare: 0.25, treatment: 6, control: 2, reached: 1, impressions: 2 });
    expect(c2?.reach).toBeCloseTo(1 / 6, 12);
    expect(d.maxFrequency).toBe(10);
    // All campaigns: pairs with frequencies 3, 1, 10, 2, 1.
    expect(d.total).toMatchObject({ spend: 135, budget: 350, reached: 5, treatment: 18, control: 7, impressions: 17 });
    expect(d.total.atLeast.slice(0, 4)).toEqual([1, 0.6, 0.4, 0.2]);
    expect(d.total.reach).toBeCloseTo(5 / 18, 12);
  });

  it('lift: treatment vs control per campaign, next to the true lift, with coverage', () => {
    const l = ok(r.json.lift);
    expect(l.hasTruth).toBe(true);
    const [c1, c2, c10] = l.campaigns;
    // Campaign 1: the click and the conversion of individual 99 (not in the audience) do not count.
    expect(c1?.treatment).toMatchObject({ n: 10, conversions: 4, converters: 3, mean: 0.4 });
    expect(c1?.control).toMatchObject({ n: 5, conversions: 1, converters: 1, mean: 0.2 });
    expect(c1?.estimate.relativeLift).toBeCloseTo(1, 12);
    expect(c1?.estimate.relativeLiftCi?.hi).toBeCloseTo(17.776759, 5);
    expect(c1?.truth).toEqual({ treatmentSize: 10, controlSize: 5, incrementalConversions: 2, counterfactualConversions: 2, relativeLift: 1 });
    expect(c1?.covered).toBe(true);
    // Campaign 2: 2 of 6 vs 1 of 2 → −33.3%, interval −0.934423 … 5.777414; the true lift 8 lies outside.
    expect(c2?.estimate.relativeLift).toBeCloseTo(-1 / 3, 12);
    expect(c2?.estimate.relativeLiftCi?.lo).toBeCloseTo(-0.934423, 5);
    expect(c2?.estimate.relativeLiftCi?.hi).toBeCloseTo(5.777414, 5);
    expect(c2?.covered).toBe(false);
    // Campaign 10 has no control group: no estimate, so no coverage verdict.
    expect(c10?.control.n).toBe(0);
    expect(c10?.estimate.relativeLift).toBeNull();
    expect(c10?.covered).toBeNull();
    expect(l.coverage).toEqual({ covered: 1, campaigns: 2 });
  });

  it('attribution: credited conversions per model next to the true incremental conversions', () => {
    const a = ok(r.json.attribution);
    expect(a.models).toEqual(['first_touch', 'last_touch', 'linear']);
    expect(a.truthSource).toBe('truth_campaign_lift.incremental_conversions');
    expect(a.campaigns.map((c) => [c.campaign, c.credited, c.trueIncremental])).toEqual([
      ['1', { first_touch: 0, last_touch: 1, linear: 0.5 }, 2],
      ['2', { first_touch: 1, last_touch: 0, linear: 0.5 }, 0.5],
      ['10', { first_touch: 0, last_touch: 0, linear: 0 }, 0],
    ]);
    expect(a.campaigns[0]?.revenue).toEqual({ first_touch: 0, last_touch: 20, linear: 10 });
    expect(a.absoluteError).toEqual({ first_touch: 2.5, last_touch: 1.5, linear: 1.5 });
    // conversions 1, 2, 4, 5; conversion 2's touchpoints come from campaigns 1 and 2
    expect(a.journeys).toEqual({ conversions: 4, crossCampaign: 1 });
    // campaigns 1 and 2 are credited 0, 1 and 0.5 by the three models; campaign 10 never
    expect(a.disagreeing).toBe(2);
  });

  it('the page shows the panels with their numbers and labels the answer key', () => {
    const html = r.html;
    expect(html).toContain('<section id="campaign-measurement">');
    for (const id of ['delivery-spend', 'delivery-frequency', 'lift-rates', 'attribution-credit']) expect(html).toContain(`data-chart="${id}"`);
    expect(html).toContain('data-key="delivery:1:spendShare" data-value="0.8"');
    expect(html).toContain('data-key="lift:1:trueRelativeLift" data-value="1"');
    expect(html).toContain('data-key="lift-coverage" data-value="0.5"');
    expect(html).toContain('data-key="attribution-error:linear" data-value="1.5"');
    expect(html).toContain('data-key="attribution-cross-campaign" data-value="0.25"');
    expect(html).toContain('answer key');
  });
});

describe('campaign panels without the answer keys', () => {
  it('shows estimates and credit without truth columns', async () => {
    const r = await report('blind', { outcomes: 'journey' });
    const l = ok(r.json.lift);
    expect(l.hasTruth).toBe(false);
    expect(l.coverage).toBeNull();
    expect(l.campaigns.every((c) => c.truth === null && c.covered === null)).toBe(true);
    expect(l.campaigns[0]?.estimate.relativeLift).toBeCloseTo(1, 12);
    const a = ok(r.json.attribution);
    expect(a.truthSource).toBeNull();
    expect(a.absoluteError).toBeNull();
    expect(a.campaigns.map((c) => c.campaign)).toEqual(['1', '2']);
    expect(a.campaigns.every((c) => c.trueIncremental === null)).toBe(true);
    expect(a.journeys).toBeNull();
    expect(r.html).not.toContain('true lift (answer key)');
    expect(r.html).not.toContain('data-key="lift-coverage"');
  });

  it('falls back to truth_conversions for the true incremental conversions', async () => {
    const r = await report('truth-conversions', { truthConversions: true });
    const a = ok(r.json.attribution);
    expect(a.truthSource).toBe('truth_conversions (is_incremental, causing_campaign_id)');
    expect(a.campaigns.map((c) => [c.campaign, c.trueIncremental])).toEqual([
      ['1', 2],
      ['2', 1],
    ]);
    expect(ok(r.json.lift).hasTruth).toBe(false);
  });

  it('without campaign_assignments the lift panel is unavailable and reach is unknown', async () => {
    const r = await report('no-assignments', { assignments: false });
    expect(r.json.lift).toMatchObject({ status: 'unavailable', reason: 'table campaign_assignments is absent' });
    const d = ok(r.json.delivery);
    expect(d.audienceSource).toBeNull();
    expect(d.campaigns[0]).toMatchObject({ reach: null, treatment: null, spendShare: 0.8 });
    expect(r.json.notes.some((n) => n.startsWith('Lift (treatment vs control): not shown'))).toBe(true);
    expect(r.html).toContain('data-unavailable="lift"');
  });
});

describe('campaign panels on another engine', () => {
  it('are SQL trees printed in the output’s dialect (Spark here)', async () => {
    const dir = path.join(root, 'spark');
    await writeCampaignFixture(dir, { truthLift: true, outcomes: 'touchpoint' });
    const seen: string[] = [];
    const columns = new Map([
      ['campaigns', new Set(['campaign_id', 'campaign_name', 'budget'])],
      ['campaign_assignments', new Set(['assignment_id', 'individual_id', 'campaign_id', 'assignment'])],
      ['campaign_exposures', new Set(['exposure_id', 'individual_id', 'campaign_id', 'frequency', 'cost'])],
      ['response_events', new Set(['response_id', 'individual_id', 'campaign_id', 'response_type'])],
      ['outcome_metrics', new Set(['response_id', 'campaign_id', 'attribution_model', 'attribution_weight', 'revenue'])],
      ['truth_campaign_lift', new Set(['campaign_id', 'treatment_size', 'control_size', 'incremental_conversions', 'counterfactual_conversions', 'true_relative_lift'])],
    ]);
    const db = { query: async (q: string) => (seen.push(q), []), columns: async () => columns };
    const data = await collectReport(db, await readManifest(dir), { dialect: sparkDialect(), table: (name) => `delta.\`/data/${name}\`` });
    for (const m of [data.delivery, data.lift, data.attribution]) expect(m.status).toBe('ok');
    const lift = seen.filter((q) => q.includes('delta.`/data/campaign_assignments`') && q.includes('delta.`/data/response_events`'));
    expect(lift.length).toBe(1);
    expect(lift[0]).toMatch(/LEFT JOIN/i);
    expect(seen.some((q) => q.includes('delta.`/data/truth_campaign_lift`'))).toBe(true);
    expect(seen.some((q) => q.includes('delta.`/data/outcome_metrics`') && q.includes('`attribution_weight`'))).toBe(true);
    for (const q of seen) expect(q).not.toMatch(/"[a-z_]+"\./); // Spark quotes with backticks, never double quotes
  });
});
