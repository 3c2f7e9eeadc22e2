/**
 * outcome_metrics: attribution as users run it. For every conversion and every configured model,
 * one row per touchpoint in the lookback window: the impressions and clicks of the converting
 * campaign delivered to that individual (each campaign promotes its own offer, so only its own
 * touches can claim the conversion), none after the conversion. Weights sum to 1 per (conversion,
 * model). A conversion without an exposure, or with no touch in the window, gets no rows (it looks
 * organic to an attribution system).
 *
 * Everything is closed form per row (no window over touches): the touch window is an index range
 * of the exposure's paced impressions plus at most two clicks (touchpoints.ts); the child index
 * is model · n + j with touch j in time order; the time-decay normaliser is a geometric series.
 */
import { coalesce, days, greatest, lit, steps, t, type Micros, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { MAX_FREQUENCY_CAP } from '../config-campaigns.js';
import { ATTRIBUTION_MODELS, CONVERSION_STATUSES, TOUCHPOINT_TYPES, type AttributionModel } from '../vocabulary.js';
import { MAX_CLICKS_PER_EXPOSURE } from './delivery.js';
import { firstOf } from './expressions.js';
import type { responseStage } from './response.js';
import { clickImpressionIndex, clickTs, firstImpressionIndex, HALF_LIFE_MICROS, halfLifeDecay, impressionGap, impressionTs, inLookback, lastImpressionIndex, touchCount, type TouchWindowInput } from './touchpoints.js';

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
 * Most outcome rows of one conversion: every model times the most touchpoints at the largest
 * frequency cap. Fixed (not the run's models and cap), so the key fan-out is the same in every
 * batch and appended batches keep disjoint key ranges.
 *
 * @example
 * ```ts
 * MAX_OUTCOMES_PER_RESPONSE; // 60
 * ```
 */
export const MAX_OUTCOMES_PER_RESPONSE = ATTRIBUTION_MODELS.length * maxTouchpoints({ frequency: { cap: MAX_FREQUENCY_CAP } });

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
  // the touch window of an outcome row's conversion (its exposure's columns)
  const win = (c: { col: (name: 'first' | 'gap' | 'frequency' | 'conversion_ts') => X<unknown> }): TouchWindowInput => ({
    first: c.col('first') as X<Micros>,
    gap: c.col('gap') as N,
    frequency: c.col('frequency') as N,
    at: c.col('conversion_ts') as X<Micros>,
    lookbackDays: lookback,
  });
  return s.entity('outcome_metrics', (e) =>
    e
      .childrenOf('response_events', {
        count: (p) => {
          const exposure = p.col('exposure_id');
          const first = p.lookup('campaign_exposures', exposure, 'exposure_ts');
          const frequency = p.lookup('campaign_exposures', exposure, 'frequency');
          const gap = impressionGap(first, p.lookup('campaign_exposures', exposure, 'last_exposure_ts'), frequency);
          const touches = touchCount({ first, gap, frequency, at: p.col('response_ts'), lookbackDays: lookback }, p.lookup('campaign_exposures', exposure, 'clicks'), MAX_CLICKS_PER_EXPOSURE);
          return firstOf([[p.col('response_type').eq('conversion'), coalesce(touches, 0).times(models.length)]], lit(0));
        },
        max: MAX_OUTCOMES_PER_RESPONSE,
      })
      .comment(
        `Attribution of every conversion under every configured model (${models.join(', ')}): one row per touchpoint (impression or click of the converting campaign) in the ${lookback}-day lookback window; weights sum to 1 per conversion and model.`,
      )
      .key('outcome_id', { comment: 'Outcome id, opaque (one per conversion, model and touchpoint)' })
      .column('response_id', t.bigint(), (c) => c.parent.col('response_id'), { comment: 'The conversion (response_events row) this touchpoint is credited for; one row per model and touchpoint' })
      .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: 'Campaign of the conversion and of its touchpoints' })
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who converted' })
      .column('exposure_id', t.bigint(), (c) => c.parent.col('exposure_id'), { hidden: true })
      .column('conversion_ts', t.timestamp(), (c) => c.parent.col('response_ts'), { comment: 'When the conversion happened (response_events.response_ts)' })
      .column('channel', t.string(), (c) => c.lookup('campaign_exposures', c.col('exposure_id'), 'channel'), { comment: 'Channel of the touchpoint' })
      .column('first', t.timestamp(), (c) => c.lookup('campaign_exposures', c.col('exposure_id'), 'exposure_ts'), { hidden: true })
      .column('last', t.timestamp(), (c) => c.lookup('campaign_exposures', c.col('exposure_id'), 'last_exposure_ts'), { hidden: true })
      .column('frequency', t.int(), (c) => c.lookup('campaign_exposures', c.col('exposure_id'), 'frequency'), { hidden: true })
      .column('clicks', t.int(), (c) => c.lookup('campaign_exposures', c.col('exposure_id'), 'clicks'), { hidden: true })
      .column('gap', t.bigint(), (c) => impressionGap(c.col('first'), c.col('last'), c.col('frequency')), { hidden: true })
      .column('k_lo', t.bigint(), (c) => firstImpressionIndex(win(c)), { hidden: true })
      .column('k_hi', t.bigint(), (c) => lastImpressionIndex(win(c)), { hidden: true })
      .column('n_imp', t.bigint(), (c) => greatest(0, c.col('k_hi').minus(c.col('k_lo')).plus(1)), { hidden: true })
      .column('click0_ts', t.timestamp(), (c) => clickTs(c.col('first'), lit(0), c.col('frequency'), c.col('clicks'), c.col('gap')), { hidden: true })
      .column('click1_ts', t.timestamp(), (c) => clickTs(c.col('first'), lit(1), c.col('frequency'), c.col('clicks'), c.col('gap')), { hidden: true })
      .column('in0', t.int(), (c) => firstOf([[c.col('clicks').gt(0).and(inLookback(c.col('click0_ts'), c.col('conversion_ts'), lookback)), lit(1)]], lit(0)), { hidden: true })
      .column('in1', t.int(), (c) => firstOf([[c.col('clicks').gt(1).and(inLookback(c.col('click1_ts'), c.col('conversion_ts'), lookback)), lit(1)]], lit(0)), { hidden: true })
      .column('n', t.int(), (c) => c.col('n_imp').plus(c.col('in0')).plus(c.col('in1')), { hidden: true })
      // positions (0-based, time order): click q follows its impression ⌊q · frequency / clicks⌋
      // (in-window impressions up to its impression, plus in-window clicks before it)
      .column('p0', t.bigint(), (c) => greatest(0, clickImpressionIndex(lit(0), c.col('frequency'), c.col('clicks')).minus(c.col('k_lo')).plus(1)), { hidden: true })
      .column('p1', t.bigint(), (c) => greatest(0, clickImpressionIndex(lit(1), c.col('frequency'), c.col('clicks')).minus(c.col('k_lo')).plus(1)).plus(c.col('in0')), { hidden: true })
      .column('model_index', t.int(), (c) => c.index().idiv(c.col('n')), { hidden: true })
      .column('j', t.int(), (c) => c.index().mod(c.col('n')), { hidden: true })
      .column('is_click0', t.boolean(), (c) => c.col('in0').eq(1).and(c.col('j').eq(c.col('p0'))), { hidden: true })
      .column('is_click1', t.boolean(), (c) => c.col('in1').eq(1).and(c.col('j').eq(c.col('p1'))), { hidden: true })
      .column('clicks_before', t.int(), (c) =>
        firstOf([[c.col('in0').eq(1).and(c.col('p0').lt(c.col('j'))), lit(1)]], lit(0)).plus(firstOf([[c.col('in1').eq(1).and(c.col('p1').lt(c.col('j'))), lit(1)]], lit(0))),
        { hidden: true },
      )
      .column('attribution_model', t.string(), (c) => steps(c.col('model_index'), models.slice(1).map((_, i) => i + 1), [...models]), { comment: 'The attribution model of this row' })
      .column('touchpoint_type', t.string(), (c) => firstOf([[c.col('is_click0').or(c.col('is_click1')), lit('click')]], lit('impression')), { comment: 'impression or click' })
      .column('touchpoint_ts', t.timestamp(), (c) =>
        firstOf<Micros>(
          [
            [c.col('is_click0'), c.col('click0_ts')],
            [c.col('is_click1'), c.col('click1_ts')],
          ],
          impressionTs(c.col('first'), c.col('k_lo').plus(c.col('j')).minus(c.col('clicks_before')), c.col('gap')),
        ),
        { comment: `When the touch happened: within ${lookback} days before the conversion, never after it` },
      )
      .column('touchpoint_position', t.int(), (c) => c.col('j').plus(1), { comment: '1-based position of the touchpoint in time order' })
      .column('touchpoints', t.int(), (c) => c.col('n'), { comment: 'Touchpoints of this conversion in the lookback window (impressions and clicks)' })
      // time decay: 2^(−Δt / 7 days) over the touches; impressions form a geometric series
      .column('dt', t.bigint(), (c) => c.col('conversion_ts').minus(c.col('touchpoint_ts')), { hidden: true })
      .column('dt_frac', t.double(), (c) => c.col('dt').mod(H).div(H), { hidden: true })
      .column('decay', t.double(), (c) => halfLifeDecay(c.col('dt').idiv(H), c.col('dt_frac')), { hidden: true })
      .column('dt_hi', t.bigint(), (c) => c.col('conversion_ts').minus(impressionTs(c.col('first'), c.col('k_hi'), c.col('gap'))), { hidden: true })
      .column('dt_hi_frac', t.double(), (c) => c.col('dt_hi').mod(H).div(H), { hidden: true })
      .column('span', t.bigint(), (c) => c.col('n_imp').times(c.col('gap')), { hidden: true })
      .column('span_frac', t.double(), (c) => c.col('span').mod(H).div(H), { hidden: true })
      .column('gap_frac', t.double(), (c) => c.col('gap').mod(H).div(H), { hidden: true })
      .column('dt_c0', t.bigint(), (c) => c.col('conversion_ts').minus(c.col('click0_ts')), { hidden: true })
      .column('dt_c0_frac', t.double(), (c) => c.col('dt_c0').mod(H).div(H), { hidden: true })
      .column('dt_c1', t.bigint(), (c) => c.col('conversion_ts').minus(c.col('click1_ts')), { hidden: true })
      .column('dt_c1_frac', t.double(), (c) => c.col('dt_c1').mod(H).div(H), { hidden: true })
      .column('decay_sum', t.double(), (c) => {
        const series = firstOf(
          [
            [c.col('n_imp').eq(0), lit(0)],
            [c.col('n_imp').eq(1), lit(1)],
          ],
          lit(1).minus(halfLifeDecay(c.col('span').idiv(H), c.col('span_frac'))).div(lit(1).minus(halfLifeDecay(c.col('gap').idiv(H), c.col('gap_frac')))),
        );
        const impressions = halfLifeDecay(c.col('dt_hi').idiv(H), c.col('dt_hi_frac')).times(series);
        const click = (q: 0 | 1) => firstOf([[c.col(`in${q}`).eq(1), halfLifeDecay(c.col(`dt_c${q}`).idiv(H), c.col(`dt_c${q}_frac`))]], lit(0));
        return impressions.plus(click(0)).plus(click(1));
      }, { hidden: true })
      .column('attribution_weight', t.double(), (c) => {
        const j = c.col('j');
        const n = c.col('n');
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
          models.map((mod, i) => [c.col('model_index').eq(i), byModel[mod]] as const),
          lit(0),
        );
      }, { comment: 'Share of the conversion credited to this touchpoint under the model (sums to 1 per conversion and model)' })
      .column('revenue', t.decimal(12, 2), (c) => (c.parent.col('value') as unknown as N).times(c.col('attribution_weight')).floor().cast(t.decimal(12, 2)), {
        comment: 'Conversion value credited to this touchpoint (value × weight, floored to the cent)',
      })
      .column('conversion_status', t.string(), (c) => firstOf([[c.col('j').eq(c.col('n').minus(1)), lit('converted')]], lit('assisted')), {
        comment: 'converted on the last touchpoint before the conversion, assisted on the earlier ones',
      })
      .column('engagement_score', t.double(), (c) => firstOf([[c.col('touchpoint_type').eq('click'), lit(1)]], lit(0.5)).times(c.col('decay')).times(1000).floor().div(1000), {
        comment: 'Engagement 0–1 of the touch: 1 for a click, 0.5 for an impression, times its recency 2^(−Δt / 7 days), floored to 0.001',
      })
      .column('computed_at', t.timestamp(), w.endMicros as Micros, { comment: 'The reference end date' })
      .foreignKey('response_id', 'response_events')
      .foreignKey('campaign_id', 'campaigns')
      .foreignKey('individual_id', 'individuals')
      .oneOf('attribution_model', models)
      .oneOf('touchpoint_type', TOUCHPOINT_TYPES)
      .oneOf('conversion_status', CONVERSION_STATUSES)
      .range('attribution_weight', 0, 1)
      .range('engagement_score', 0, 1)
      .range('revenue', 0, null)
      .range('touchpoint_position', 1, maxTouchpoints(k))
      .ordered('touchpoint_ts', 'conversion_ts')
      .rule('touchpoint_within_lookback', (c) => c.col('touchpoint_ts').lt(c.col('conversion_ts').minus(days(lookback))).or(c.col('touchpoint_position').gt(c.col('touchpoints')))),
  );
}

