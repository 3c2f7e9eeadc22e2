/**
 * outcome_metrics against an independent reconstruction: for every conversion, the touchpoints
 * are recomputed in TypeScript from the converting individual's exposure rows to every campaign
 * of the converting campaign's advertiser (paced impressions, clicks on impression ⌊q · frequency
 * / clicks⌋ + 5 s), cut to the lookback window, and each model's weights from their textbook
 * definitions (time decay with Math.pow, a 7-day half-life). The generated rows must match them,
 * for the default config (journeys over several campaigns) and for a short window with two models
 * and one campaign per advertiser (own-campaign journeys).
 */
import { rm } from 'node:fs/promises';
import { DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type AttributionModel, type IdentityGraphConfigInput } from '../src/index.js';
import { expectCleanManifest, run, tempDir } from './helpers.js';

const DAY = 86_400_000_000;
const HALF_LIFE = 7 * DAY;

interface Touch {
  readonly type: 'impression' | 'click';
  readonly ts: number;
  readonly campaign: string;
}
interface Exposure {
  readonly campaign: string;
  readonly first: number;
  readonly last: number;
  readonly frequency: number;
  readonly clicks: number;
}
interface Conversion {
  readonly responseId: string;
  readonly ts: number;
  readonly cents: number;
  readonly touches: readonly Touch[];
}
interface Outcome {
  readonly responseId: string;
  readonly campaign: string;
  readonly conversionCampaign: string;
  readonly model: AttributionModel;
  readonly type: string;
  readonly ts: number;
  readonly conversionTs: number;
  readonly position: number;
  readonly touchpoints: number;
  readonly weight: number;
  readonly cents: number;
  readonly status: string;
}

/** The touches of a conversion at `ts`, from its advertiser's exposure rows, inside the lookback window. */
function expectedTouches(exposures: readonly Exposure[], ts: number, lookbackDays: number): Touch[] {
  const all: Touch[] = [];
  for (const x of exposures) {
    const gap = Math.trunc((x.last - x.first) / Math.max(1, x.frequency - 1));
    for (let k = 0; k < x.frequency; k++) all.push({ type: 'impression', ts: x.first + k * gap, campaign: x.campaign });
    for (let q = 0; q < x.clicks; q++) all.push({ type: 'click', ts: x.first + Math.trunc((q * x.frequency) / x.clicks) * gap + 5_000_000, campaign: x.campaign });
  }
  return all.filter((t) => t.ts <= ts && t.ts >= ts - lookbackDays * DAY).sort((a, b) => a.ts - b.ts);
}

/** Each model's textbook weights for n touches at the given times. */
function expectedWeights(model: AttributionModel, touches: readonly Touch[], at: number): number[] {
  const n = touches.length;
  switch (model) {
    case 'last_touch':
      return touches.map((_, j) => (j === n - 1 ? 1 : 0));
    case 'first_touch':
      return touches.map((_, j) => (j === 0 ? 1 : 0));
    case 'linear':
      return touches.map(() => 1 / n);
    case 'position_based':
      return touches.map((_, j) => (n === 1 ? 1 : n === 2 ? 0.5 : j === 0 || j === n - 1 ? 0.4 : 0.2 / (n - 2)));
    case 'time_decay': {
      const raw = touches.map((t) => Math.pow(2, -(at - t.ts) / HALF_LIFE));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((r) => r / sum);
    }
  }
}

async function load(out: string, lookbackDays: number): Promise<{ conversions: Conversion[]; outcomes: Outcome[] }> {
  const reader = await DuckdbReader.open(out);
  try {
    // every exposure of the converting individual to a campaign of the converting campaign's advertiser
    const conv = await reader.query(`
      SELECT r.response_id::VARCHAR AS id, epoch_us(r.response_ts) AS ts, CAST(round(r.value * 100) AS BIGINT) AS cents,
             x.campaign_id::VARCHAR AS campaign, epoch_us(x.exposure_ts) AS first, epoch_us(x.last_exposure_ts) AS last, x.frequency, x.clicks
      FROM response_events r JOIN campaigns c ON c.campaign_id = r.campaign_id
      LEFT JOIN (campaign_exposures x JOIN campaigns cx ON cx.campaign_id = x.campaign_id) ON x.individual_id = r.individual_id AND cx.advertiser_id = c.advertiser_id
      WHERE r.response_type = 'conversion'`);
    const rows = await reader.query(`
      SELECT response_id::VARCHAR AS id, campaign_id::VARCHAR AS campaign, conversion_campaign_id::VARCHAR AS conversion_campaign, attribution_model, touchpoint_type,
             epoch_us(touchpoint_ts) AS ts, epoch_us(conversion_ts) AS cts, touchpoint_position, touchpoints, attribution_weight,
             CAST(round(revenue * 100) AS BIGINT) AS cents, conversion_status
      FROM outcome_metrics`);
    const byConversion = new Map<string, { ts: number; cents: number; exposures: Exposure[] }>();
    for (const r of conv) {
      const id = String(r['id']);
      const c = byConversion.get(id) ?? { ts: Number(r['ts']), cents: Number(r['cents']), exposures: [] };
      if (r['campaign'] !== null) c.exposures.push({ campaign: String(r['campaign']), first: Number(r['first']), last: Number(r['last']), frequency: Number(r['frequency']), clicks: Number(r['clicks']) });
      byConversion.set(id, c);
    }
    const conversions = [...byConversion].map(([responseId, c]) => ({ responseId, ts: c.ts, cents: c.cents, touches: expectedTouches(c.exposures, c.ts, lookbackDays) }));
    const outcomes = rows.map((r) => ({
      responseId: String(r['id']),
      campaign: String(r['campaign']),
      conversionCampaign: String(r['conversion_campaign']),
      model: r['attribution_model'] as AttributionModel,
      type: String(r['touchpoint_type']),
      ts: Number(r['ts']),
      conversionTs: Number(r['cts']),
      position: Number(r['touchpoint_position']),
      touchpoints: Number(r['touchpoints']),
      weight: Number(r['attribution_weight']),
      cents: Number(r['cents']),
      status: String(r['conversion_status']),
    }));
    return { conversions, outcomes };
  } finally {
    reader.close();
  }
}

/** Every conversion's rows under every model equal the reconstruction. */
function expectReconstruction(conversions: readonly Conversion[], outcomes: readonly Outcome[], models: readonly AttributionModel[]): void {
  const byKey = new Map<string, Outcome[]>();
  for (const o of outcomes) byKey.set(`${o.responseId}|${o.model}`, [...(byKey.get(`${o.responseId}|${o.model}`) ?? []), o]);
  let rows = 0;
  for (const c of conversions) {
    for (const model of models) {
      const got = (byKey.get(`${c.responseId}|${model}`) ?? []).sort((a, b) => a.position - b.position);
      rows += got.length;
      const where = `conversion ${c.responseId}, ${model}`;
      expect(got.map((o) => [o.type, o.ts]), where).toEqual(c.touches.map((t) => [t.type, t.ts]));
      // each touch's campaign (simultaneous touches of two campaigns may come in either order)
      const touchKey = (x: { ts: number; type: string; campaign: string }): string => `${x.ts}|${x.type}|${x.campaign}`;
      expect(got.map(touchKey).sort(), where).toEqual(c.touches.map(touchKey).sort());
      if (!got.length) continue;
      const weights = expectedWeights(model, c.touches, c.ts);
      got.forEach((o, j) => {
        expect(o.weight, `${where}, touch ${j}`).toBeCloseTo(weights[j] as number, 12);
        expect(o.cents, `${where}, touch ${j}: revenue = value × weight`).toBe(Math.floor(c.cents * o.weight));
        expect(o.position).toBe(j + 1);
        expect(o.touchpoints).toBe(c.touches.length);
        expect(o.conversionTs).toBe(c.ts);
        expect(o.status).toBe(j === got.length - 1 ? 'converted' : 'assisted');
      });
      expect(Math.abs(got.reduce((a, o) => a + o.weight, 0) - 1), where).toBeLessThan(1e-9);
    }
  }
  // nothing else: no rows for other models or responses
  expect(outcomes.length).toBe(rows);
}

const cases: { name: string; config: IdentityGraphConfigInput; longJourneys: boolean }[] = [
  { name: 'default models, 28-day lookback', config: { households: { num_households: 3_000 } }, longJourneys: true },
  {
    name: 'three models, 3-day lookback, one campaign per advertiser',
    config: { households: { num_households: 3_000 }, campaigns: { attribution_models: ['time_decay', 'position_based', 'last_touch'], attribution_lookback_days: 3, campaigns_per_advertiser: 1 } },
    longJourneys: false,
  },
];

/** Conversions credited to each campaign under each model (sum of weights). */
function credited(outcomes: readonly Outcome[]): Map<string, Map<AttributionModel, number>> {
  const out = new Map<string, Map<AttributionModel, number>>();
  for (const o of outcomes) {
    const m = out.get(o.campaign) ?? new Map<AttributionModel, number>();
    m.set(o.model, (m.get(o.model) ?? 0) + o.weight);
    out.set(o.campaign, m);
  }
  return out;
}

describe.each(cases)('outcome_metrics ($name)', ({ config, longJourneys }) => {
  const resolved = resolveConfig(config).campaigns;
  const G = resolved.campaigns_per_advertiser;
  let out = '';
  let data: { conversions: Conversion[]; outcomes: Outcome[] };

  beforeAll(async () => {
    out = await tempDir('attribution');
    expectCleanManifest(await run(config, out, 11));
    data = await load(out, resolved.attribution_lookback_days);
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('scores every conversion with a touchpoint under every model, over exactly its touchpoints in the window', () => {
    expect(data.conversions.filter((c) => c.touches.length > 0).length).toBeGreaterThan(20);
    expectReconstruction(data.conversions, data.outcomes, resolved.attribution_models);
  });

  it('counts impressions and clicks, never a touch after the conversion or before the lookback', () => {
    expect(data.outcomes.some((o) => o.type === 'click')).toBe(true);
    expect(data.outcomes.some((o) => o.type === 'impression')).toBe(true);
    // journeys of several touches under the long window (up to the frequency cap plus two clicks)
    if (longJourneys) expect(data.outcomes.some((o) => o.touchpoints >= 3)).toBe(true);
    for (const o of data.outcomes) {
      expect(o.ts).toBeLessThanOrEqual(o.conversionTs);
      expect(o.ts).toBeGreaterThanOrEqual(o.conversionTs - resolved.attribution_lookback_days * DAY);
    }
  });

  it("holds touches of several of the advertiser's campaigns (or only the converting campaign's with one per advertiser)", () => {
    const campaignsOf = new Map<string, Set<string>>();
    for (const o of data.outcomes) campaignsOf.set(o.responseId, (campaignsOf.get(o.responseId) ?? new Set()).add(o.campaign));
    const multi = [...campaignsOf.values()].filter((c) => c.size >= 2).length;
    if (G === 1) {
      expect(multi).toBe(0);
      expect(data.outcomes.every((o) => o.campaign === o.conversionCampaign)).toBe(true);
    } else {
      // a sizeable share of journeys cross campaigns, and some touches credit another campaign than the converting one
      expect(multi / campaignsOf.size).toBeGreaterThan(0.1);
      expect(data.outcomes.some((o) => o.campaign !== o.conversionCampaign)).toBe(true);
    }
  });

  it('credits campaigns differently under different models only when journeys cross campaigns', () => {
    const byCampaign = [...credited(data.outcomes).values()];
    const [a, b] = G === 1 ? ['last_touch', 'time_decay'] as const : ['last_touch', 'first_touch'] as const;
    const differs = (m: Map<AttributionModel, number>, x: AttributionModel, y: AttributionModel): boolean => Math.abs((m.get(x) ?? 0) - (m.get(y) ?? 0)) > 0.5;
    if (G === 1) {
      // own-campaign journeys: every model credits each campaign with all of its conversions
      for (const m of byCampaign) expect(Math.abs((m.get(a) ?? 0) - (m.get(b) ?? 0))).toBeLessThan(1e-6);
    } else {
      const disagree = byCampaign.filter((m) => differs(m, a, b) && differs(m, a, 'linear'));
      expect(disagree.length / byCampaign.length).toBeGreaterThan(0.5);
    }
  });
});

describe('the lookback window', () => {
  it('leaves out earlier impressions of the same exposure when it is short', async () => {
    const out = await tempDir('attribution-short');
    try {
      await run({ households: { num_households: 1_500 }, campaigns: { attribution_lookback_days: 1 } }, out, 11);
      const { conversions, outcomes } = await load(out, 1);
      const all = await load(out, 90);
      // the same conversions, some with fewer touches in a 1-day window than in a 90-day one
      const wide = new Map(all.conversions.map((c) => [c.responseId, c.touches.length]));
      expect(conversions.some((c) => c.touches.length < (wide.get(c.responseId) ?? 0))).toBe(true);
      expectReconstruction(conversions, outcomes, resolveConfig({}).campaigns.attribution_models);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
