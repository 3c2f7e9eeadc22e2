/**
 * outcome_metrics: attribution as users run it. For every conversion and every configured model,
 * one row per touchpoint in the lookback window: the impressions and clicks delivered to that
 * individual by every campaign of the converting campaign's advertiser (its campaigns promote the
 * same offer, so each of their touches can claim the conversion; journeys.ts), none after the
 * conversion. Weights sum to 1 per (conversion, model). A conversion with no touch in the window
 * gets no rows (it looks organic to an attribution system).
 *
 * Everything is closed form per row (no window over touches): each slot (campaign of the
 * advertiser) contributes an index range of its exposure's paced impressions plus at most two
 * clicks (touchpoints.ts); the child index is model · n + r, r running over the slots in turn
 * (prefix sums); a touch's position in time order across the journey counts the other slots'
 * touches before it; the time-decay normaliser is a sum of geometric series, one per slot.
 */
import { coalesce, days, greatest, lit, steps, t, type AnyTypeDesc, type Micros, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { MAX_CAMPAIGNS_PER_ADVERTISER, MAX_FREQUENCY_CAP } from '../config-campaigns.js';
import { ATTRIBUTION_MODELS, CONVERSION_STATUSES, TOUCHPOINT_TYPES, type AttributionModel } from '../vocabulary.js';
import { MAX_CLICKS_PER_EXPOSURE } from './delivery.js';
import { firstOf } from './expressions.js';
import type { responseStage } from './response.js';
import { advertiserBase, advertiserLayout, advertiserOf, asTs, slotExposure, slotExposureKey, slotTouches, touchesBefore, type JourneyCtx } from './journeys.js';
import { clickImpressionIndex, clickTs, firstImpressionIndex, HALF_LIFE_MICROS, halfLifeDecay, impressionGap, impressionTs, inLookback, lastImpressionIndex } from './touchpoints.js';

type ResponseEntities = ReturnType<typeof responseStage> extends ScenarioBuilder<infer E> ? E : never;
type N = X<number>;

/**
 * Most touchpoints of one conversion: every impression up to the frequency cap plus every
 * recorded click.
 *
 * @example
 * ```ts
 * maxTouchpoints(config.campaigns); // 12 with the default cap of 10
 * ```
 */
export function maxTouchpoints(k: { readonly frequency: { readonly cap: number } }): number {
  return k.frequency.cap + MAX_CLICKS_PER_EXPOSURE;
}

/**
 * Most outcome rows of one conversion: every model times the most touchpoints of a journey (the
 * most campaigns per advertiser, each with the most touchpoints at the largest frequency cap).
 * Fixed (not the run's models, cap and advertiser size), so the key fan-out is the same in every
 * batch and appended batches keep disjoint key ranges.
 *
 * @example
 * ```ts
 * MAX_OUTCOMES_PER_RESPONSE; // 240
 * ```
 */
export const MAX_OUTCOMES_PER_RESPONSE = ATTRIBUTION_MODELS.length * MAX_CAMPAIGNS_PER_ADVERTISER * maxTouchpoints({ frequency: { cap: MAX_FREQUENCY_CAP } });

/** A builder whose columns are added under computed names (the DSL types only literal names). */
interface LooseBuilder {
  column(name: string, type: AnyTypeDesc, expr: (c: JourneyCtx) => X<unknown>, options: { hidden: true }): LooseBuilder;
}
/** The column context, read by computed column names. */
const L = (c: unknown): JourneyCtx => c as JourneyCtx;
const sum = (xs: readonly N[]): N => xs.reduce((x, y) => x.plus(y));


/**
 * The hidden per-slot columns of outcome_metrics: slot s is the s-th campaign of the conversion's
 * advertiser; `j<s>_…` hold its exposure (looked up by computed key), its in-window touches and
 * their time-decay sum; `j<s>_p` is the prefix sum of touches before the slot.
 */
function slotColumns(b: LooseBuilder, m: IdentityGraphModel): LooseBuilder {
  const a = advertiserLayout(m);
  const lookback = m.config.campaigns.attribution_lookback_days;
  const H = HALF_LIFE_MICROS;
  for (let s = 0; s < a.size; s++) {
    const j = (name: string): string => `j${s}_${name}`;
    const add = (name: string, type: AnyTypeDesc, expr: (c: JourneyCtx) => X<unknown>): void => {
      b = b.column(j(name), type, expr, { hidden: true });
    };
    const col = (c: JourneyCtx, name: string): N => c.col(j(name));
    const win = (c: JourneyCtx) => ({ first: asTs(col(c, 'first')), gap: col(c, 'gap'), frequency: col(c, 'freq'), at: asTs(c.col('conversion_ts')), lookbackDays: lookback });
    const frac = (name: string, of: (c: JourneyCtx) => N): void => {
      add(name, t.bigint(), of);
      add(`${name}_f`, t.double(), (c) => col(c, name).mod(H).div(H));
    };
    const decay = (c: JourneyCtx, name: string): N => halfLifeDecay(col(c, name).idiv(H), col(c, `${name}_f`));
    add('x', t.bigint(), (c) => slotExposureKey(c.col('individual_id'), c.col('adv_base'), s, a));
    const exposure = (c: JourneyCtx) => slotExposure(c, col(c, 'x'));
    add('first', t.timestamp(), (c) => exposure(c).first);
    add('freq', t.int(), (c) => exposure(c).frequency);
    add('clicks', t.int(), (c) => exposure(c).clicks);
    add('gap', t.bigint(), (c) => impressionGap(asTs(col(c, 'first')), asTs(exposure(c).last), col(c, 'freq')));
    add('klo', t.bigint(), (c) => firstImpressionIndex(win(c)));
    add('khi', t.bigint(), (c) => lastImpressionIndex(win(c)));
    add('nimp', t.bigint(), (c) => coalesce(greatest(0, col(c, 'khi').minus(col(c, 'klo')).plus(1)), 0 as never));
    for (const q of [0, 1] as const) {
      add(`c${q}ts`, t.timestamp(), (c) => clickTs(asTs(col(c, 'first')), lit(q), col(c, 'freq'), col(c, 'clicks'), col(c, 'gap')));
      add(`in${q}`, t.int(), (c) => firstOf([[col(c, 'clicks').gt(q).and(inLookback(asTs(col(c, `c${q}ts`)), asTs(c.col('conversion_ts')), lookback)), lit(1)]], lit(0)));
    }
    add('n', t.bigint(), (c) => col(c, 'nimp').plus(col(c, 'in0')).plus(col(c, 'in1')));
    add('p', t.bigint(), (c) => (s === 0 ? lit(0) : c.col(`j${s - 1}_p`).plus(c.col(`j${s - 1}_n`))));
    // time decay: the slot's in-window impressions form a geometric series, plus its clicks
    frac('dthi', (c) => c.col('conversion_ts').minus(impressionTs(asTs(col(c, 'first')), col(c, 'khi'), col(c, 'gap'))) as N);
    frac('span', (c) => col(c, 'nimp').times(col(c, 'gap')));
    add('gap_f', t.double(), (c) => col(c, 'gap').mod(H).div(H));
    frac('dc0', (c) => c.col('conversion_ts').minus(col(c, 'c0ts')));
    frac('dc1', (c) => c.col('conversion_ts').minus(col(c, 'c1ts')));
    add('dsum', t.double(), (c) => {
      const series = firstOf(
        [
          [col(c, 'nimp').eq(0), lit(0)],
          [col(c, 'nimp').eq(1), lit(1)],
        ],
        lit(1).minus(decay(c, 'span')).div(lit(1).minus(halfLifeDecay(col(c, 'gap').idiv(H), col(c, 'gap_f')))),
      );
      const click = (q: 0 | 1): N => firstOf([[col(c, `in${q}`).eq(1), decay(c, `dc${q}`)]], lit(0));
      return firstOf([[col(c, 'n').eq(0), lit(0)]], decay(c, 'dthi').times(series).plus(click(0)).plus(click(1)));
    });
  }
  return b;
}

/**
 * The hidden per-row columns of outcome_metrics: the row's model, its slot (prefix sums), its
 * touch j within the slot (time order) and that touch's time `ts`, and its position `pos`
 * (0-based) in time order across the journey: j plus the other slots' touches before ts (ties
 * ordered by slot).
 */
function rowColumns(b: LooseBuilder, m: IdentityGraphModel): LooseBuilder {
  const G = advertiserLayout(m).size;
  const slots = Array.from({ length: G }, (_, s) => s);
  const add = (name: string, type: AnyTypeDesc, expr: (c: JourneyCtx) => X<unknown>): void => {
    b = b.column(name, type, expr, { hidden: true });
  };
  const sel = (c: JourneyCtx, name: string): N =>
    firstOf(
      slots.slice(0, -1).map((s) => [c.col('slot').eq(s), c.col(`j${s}_${name}`)] as const),
      c.col(`j${G - 1}_${name}`),
    );
  add('n', t.bigint(), (c) => sum(slots.map((s) => c.col(`j${s}_n`))));
  add('model_index', t.int(), (c) => c.index().idiv(c.col('n')));
  add('r', t.bigint(), (c) => c.index().mod(c.col('n')));
  add('slot', t.int(), (c) => (G === 1 ? lit(0) : sum(slots.slice(1).map((s) => firstOf([[c.col(`j${s}_p`).le(c.col('r')), lit(1)]], lit(0))))));
  for (const name of ['x', 'first', 'freq', 'clicks', 'gap', 'klo', 'khi', 'in0', 'in1', 'c0ts', 'c1ts']) {
    const type = name === 'first' || name.endsWith('ts') ? t.timestamp() : t.bigint();
    add(`s_${name}`, type, (c) => sel(c, name));
  }
  add('j', t.bigint(), (c) => c.col('r').minus(sel(c, 'p')));
  const s = (c: JourneyCtx, name: string): N => c.col(`s_${name}`);
  // positions within the slot (0-based, time order): click q follows its impression ⌊q · frequency / clicks⌋
  add('p0', t.bigint(), (c) => greatest(0, clickImpressionIndex(lit(0), s(c, 'freq'), s(c, 'clicks')).minus(s(c, 'klo')).plus(1)));
  add('p1', t.bigint(), (c) => greatest(0, clickImpressionIndex(lit(1), s(c, 'freq'), s(c, 'clicks')).minus(s(c, 'klo')).plus(1)).plus(s(c, 'in0')));
  add('is_click0', t.boolean(), (c) => s(c, 'in0').eq(1).and(c.col('j').eq(c.col('p0'))));
  add('is_click1', t.boolean(), (c) => s(c, 'in1').eq(1).and(c.col('j').eq(c.col('p1'))));
  add('clicks_before', t.int(), (c) =>
    firstOf([[s(c, 'in0').eq(1).and(c.col('p0').lt(c.col('j'))), lit(1)]], lit(0)).plus(firstOf([[s(c, 'in1').eq(1).and(c.col('p1').lt(c.col('j'))), lit(1)]], lit(0))),
  );
  add('ts', t.timestamp(), (c) =>
    firstOf<number>(
      [
        [c.col('is_click0') as X<unknown> as X<boolean>, s(c, 'c0ts')],
        [c.col('is_click1') as X<unknown> as X<boolean>, s(c, 'c1ts')],
      ],
      impressionTs(asTs(s(c, 'first')), s(c, 'klo').plus(c.col('j')).minus(c.col('clicks_before')), s(c, 'gap')) as X<unknown> as N,
    ),
  );
  for (const q of slots) {
    // touches of slot q before this one: strictly earlier, or at the same time in a lower slot
    add(`j${q}_before`, t.bigint(), (c) => {
      const before = c.col('ts').plus(firstOf([[c.col('slot').gt(q), lit(1)]], lit(0)));
      const at = (name: string): N => c.col(`j${q}_${name}`);
      const x = { first: at('first'), gap: at('gap'), frequency: at('freq'), kLo: at('klo'), kHi: at('khi'), in0: at('in0'), in1: at('in1'), click0: at('c0ts'), click1: at('c1ts') };
      return firstOf([[c.col('slot').eq(q), lit(0)]], touchesBefore(x, before));
    });
  }
  add('pos', t.bigint(), (c) => c.col('j').plus(sum(slots.map((q) => c.col(`j${q}_before`)))));
  return b;
}

/**
 * Adds outcome_metrics.
 *
 * @example
 * ```ts
 * const s = attributionStage(responseStage(delivery, model), model);
 * ```
 */
export function attributionStage(s: ScenarioBuilder<ResponseEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  const models = k.attribution_models;
  const lookback = k.attribution_lookback_days;
  const H = HALF_LIFE_MICROS;
  const a = advertiserLayout(m);
  const G = a.size;
  const slots = Array.from({ length: G }, (_, i) => i);
  return s.entity('outcome_metrics', (e) => {
    const start = e
      .childrenOf('response_events', {
        count: (p) => {
          const pc = L(p);
          const base = advertiserBase(pc.col('campaign_id'), a);
          const touches = sum(slots.map((i) => slotTouches(slotExposure(pc, slotExposureKey(pc.col('individual_id'), base, i, a)), pc.col('response_ts'), lookback)));
          return firstOf([[p.col('response_type').eq('conversion'), touches.times(models.length)]], lit(0));
        },
        max: MAX_OUTCOMES_PER_RESPONSE,
      })
      .comment(
        `Attribution of every conversion under every configured model (${models.join(', ')}): one row per touchpoint (impression or click of any campaign of the converting campaign's advertiser) in the ${lookback}-day lookback window; weights sum to 1 per conversion and model.`,
      )
      .key('outcome_id', { comment: 'Outcome id, opaque (one per conversion, model and touchpoint)' })
      .column('response_id', t.bigint(), (c) => c.parent.col('response_id'), { comment: 'The conversion (response_events row) this touchpoint is credited for; one row per model and touchpoint' })
      .column('conversion_campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: 'Campaign of the conversion (response_events.campaign_id: whose offer was bought)' })
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who converted' })
      .column('conversion_ts', t.timestamp(), (c) => c.parent.col('response_ts'), { comment: 'When the conversion happened (response_events.response_ts)' })
      .column('adv_base', t.bigint(), (c) => advertiserBase(c.col('conversion_campaign_id'), a), { hidden: true });
    const b = rowColumns(slotColumns(start as unknown as LooseBuilder, m), m) as unknown as typeof start;
    return b
      .column('campaign_id', t.bigint(), (c) => L(c).col('adv_base').plus(L(c).col('slot')), {
        comment: "Campaign of the touchpoint: any campaign of the converting campaign's advertiser (campaigns.advertiser_id) that reached the individual",
      })
      .column('exposure_id', t.bigint(), (c) => L(c).col('s_x'), { comment: 'The exposure (campaign_exposures row) the touchpoint belongs to' })
      .column('channel', t.string(), (c) => c.lookup('campaign_exposures', c.col('exposure_id'), 'channel'), { comment: 'Channel of the touchpoint' })
      .column('attribution_model', t.string(), (c) => steps(L(c).col('model_index'), models.slice(1).map((_, i) => i + 1), [...models]), { comment: 'The attribution model of this row' })
      .column('touchpoint_type', t.string(), (c) => firstOf([[(L(c).col('is_click0') as X<unknown> as X<boolean>).or(L(c).col('is_click1') as X<unknown> as X<boolean>), lit('click')]], lit('impression')), {
        comment: 'impression or click',
      })
      .column('touchpoint_ts', t.timestamp(), (c) => asTs(L(c).col('ts')), { comment: `When the touch happened: within ${lookback} days before the conversion, never after it` })
      .column('touchpoint_position', t.int(), (c) => L(c).col('pos').plus(1), { comment: "1-based position of the touchpoint in time order across the journey (all of the advertiser's campaigns; simultaneous touches ordered by campaign)" })
      .column('touchpoints', t.int(), (c) => L(c).col('n'), { comment: "Touchpoints of this conversion in the lookback window (impressions and clicks of all the advertiser's campaigns)" })
      // time decay: 2^(−Δt / 7 days) over the touches; each slot's impressions form a geometric series
      .column('dt', t.bigint(), (c) => c.col('conversion_ts').minus(c.col('touchpoint_ts')), { hidden: true })
      .column('dt_frac', t.double(), (c) => c.col('dt').mod(H).div(H), { hidden: true })
      .column('decay', t.double(), (c) => halfLifeDecay(c.col('dt').idiv(H), c.col('dt_frac')), { hidden: true })
      .column('decay_sum', t.double(), (c) => sum(slots.map((i) => L(c).col(`j${i}_dsum`))), { hidden: true })
      .column('attribution_weight', t.double(), (c) => {
        const j = L(c).col('pos');
        const n = L(c).col('n');
        const byModel: Record<AttributionModel, N> = {
          last_touch: firstOf([[j.eq(n.minus(1)), lit(1)]], lit(0)),
          first_touch: firstOf([[j.eq(0), lit(1)]], lit(0)),
          linear: lit(1).div(n),
          position_based: firstOf(
            [
              [n.eq(1), lit(1)],
              [n.eq(2), lit(0.5)],
              [j.eq(0).or(j.eq(n.minus(1))), lit(0.4)],
            ],
            lit(0.2).div(n.minus(2)),
          ),
          time_decay: c.col('decay').div(c.col('decay_sum')),
        };
        return firstOf(
          models.map((mod, i) => [L(c).col('model_index').eq(i), byModel[mod]] as const),
          lit(0),
        );
      }, { comment: 'Share of the conversion credited to this touchpoint under the model (sums to 1 per conversion and model)' })
      .column('revenue', t.decimal(12, 2), (c) => (c.parent.col('value') as unknown as N).times(c.col('attribution_weight')).floor().cast(t.decimal(12, 2)), {
        comment: 'Conversion value credited to this touchpoint (value × weight, floored to the cent)',
      })
      .column('conversion_status', t.string(), (c) => firstOf([[c.col('touchpoint_position').eq(c.col('touchpoints')), lit('converted')]], lit('assisted')), {
        comment: 'converted on the last touchpoint before the conversion, assisted on the earlier ones',
      })
      .column('engagement_score', t.double(), (c) => firstOf([[c.col('touchpoint_type').eq('click'), lit(1)]], lit(0.5)).times(c.col('decay')).times(1000).floor().div(1000), {
        comment: 'Engagement 0–1 of the touch: 1 for a click, 0.5 for an impression, times its recency 2^(−Δt / 7 days), floored to 0.001',
      })
      .column('computed_at', t.timestamp(), w.endMicros as Micros, { comment: 'The reference end date' })
      .foreignKey('response_id', 'response_events')
      .foreignKey('campaign_id', 'campaigns')
      .foreignKey('conversion_campaign_id', 'campaigns')
      .foreignKey('individual_id', 'individuals')
      .foreignKey('exposure_id', 'campaign_exposures')
      .oneOf('attribution_model', models)
      .oneOf('touchpoint_type', TOUCHPOINT_TYPES)
      .oneOf('conversion_status', CONVERSION_STATUSES)
      .range('attribution_weight', 0, 1)
      .range('engagement_score', 0, 1)
      .range('revenue', 0, null)
      .range('touchpoints', 1, G * maxTouchpoints(k))
      .range('touchpoint_position', 1, G * maxTouchpoints(k))
      .ordered('touchpoint_ts', 'conversion_ts')
      .rule('touchpoint_within_lookback', (c) => c.col('touchpoint_ts').lt(c.col('conversion_ts').minus(days(lookback))).or(c.col('touchpoint_position').gt(c.col('touchpoints'))))
      .rule('touchpoint_from_advertiser', (c) => advertiserOf(c.col('campaign_id'), a).ne(advertiserOf(c.col('conversion_campaign_id'), a)));
  });
}
