/**
 * Response: clicks per impression at the channel's click-through rate, post-click conversions
 * (a share of clicks, within the click window) and view-through conversions (a lower rate per
 * non-clicked impression, within the view-through window). Conversion odds rise with
 * propensity_to_convert, with target-segment membership and with the campaign goal; order value
 * depends on the household's income bracket.
 */
import { coalesce, days, greatest, hours, least, lit, lognormal, nullOf, t, toScaled, uniform, type Micros, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { CAMPAIGN_GOALS, INCOME_BRACKETS } from '../vocabulary.js';
import { MAX_CLICKS_PER_EXPOSURE, type deliveryStage } from './delivery.js';
import { firstOf, lomax } from './expressions.js';
import { clickTs, impressionGap } from './touchpoints.js';

type DeliveryEntities = ReturnType<typeof deliveryStage> extends ScenarioBuilder<infer E> ? E : never;

/**
 * Most responses one exposure row produces (each recorded click and its post-click conversion).
 *
 * @example
 * ```ts
 * MAX_RESPONSES_PER_EXPOSURE; // 4
 * ```
 */
export const MAX_RESPONSES_PER_EXPOSURE = 2 * MAX_CLICKS_PER_EXPOSURE;
/**
 * Spread (σ of the log) of order values around the bracket's median.
 *
 * @example
 * ```ts
 * ORDER_VALUE_SIGMA; // 0.6
 * ```
 */
export const ORDER_VALUE_SIGMA = 0.6;

/**
 * The conversion-odds multiplier of a person: 0.25 + 1.5 · propensity (1 at propensity 0.5),
 * times the target multiplier in the target segment, times the goal multiplier.
 *
 * @example
 * ```ts
 * conversionMultiplier(propensity, inTarget, goal, config.campaigns);
 * ```
 */
export function conversionMultiplier(propensity: X<number>, inTarget: X<boolean>, goal: X<string>, k: IdentityGraphModel['config']['campaigns']): X<number> {
  const goalMult = firstOf(
    CAMPAIGN_GOALS.map((g) => [goal.eq(g), lit(k.goal_multiplier[g])] as const),
    lit(1),
  );
  return propensity.times(1.5).plus(0.25).times(firstOf([[inTarget, lit(k.target_multiplier)]], lit(1))).times(goalMult);
}

/**
 * Adds the clicks and conversion decisions to campaign_exposures' children: response_events.
 *
 * @example
 * ```ts
 * const s = responseStage(deliveryStage(campaigns, model), model);
 * ```
 */
export function responseStage(s: ScenarioBuilder<DeliveryEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  return s.entity('response_events', (e) =>
    e
      .childrenOf('campaign_exposures', {
        // a click at the channel's CTR; then a post-click conversion (share of clicks) or, without
        // a click, a view-through conversion (per impression) — both scaled by the person's odds
        count: (p) => {
          const mult = conversionMultiplier(p.lookup('audience_attributes', p.col('individual_id'), 'propensity_to_convert'), p.col('in_target_segment'), p.lookup('campaigns', p.col('campaign_id'), 'goal'), k);
          const postClick = Array.from({ length: MAX_CLICKS_PER_EXPOSURE }, (_, j) => firstOf([[p.col('clicks').gt(j).and(uniform().lt(mult.times(k.post_click_conversion_rate))), lit(1)]], lit(0)));
          const viewThrough = firstOf([[p.col('clicks').eq(0).and(uniform().lt(p.col('frequency').times(mult).times(k.view_through_rate))), lit(1)]], lit(0));
          return [...postClick, viewThrough].reduce((x, y) => x.plus(y), p.col('clicks'));
        },
        max: MAX_RESPONSES_PER_EXPOSURE,
      })
      .comment('Clicks and conversions caused by impressions: a click and possibly its post-click conversion, or a view-through conversion.')
      .key('response_id', { comment: 'Response id, opaque (does not reveal the exposure)' })
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who responded' })
      .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: 'The campaign responded to' })
      .column('exposure_id', t.bigint(), (c) => c.parent.col('exposure_id'), { comment: 'The impression responded to' })
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'Household of the individual' })
      .column('channel', t.string(), (c) => c.parent.col('channel'), { comment: 'Channel of the impression' })
      .column('response_type', t.string(), (c) => firstOf([[c.index().lt(c.parent.col('clicks')), lit('click')]], lit('conversion')), { comment: 'click or conversion' })
      .column('exposure_ts', t.timestamp(), (c) => c.parent.col('exposure_ts'), { comment: 'First impression of the exposure (copied from campaign_exposures)' })
      .column('gap', t.bigint(), (c) => impressionGap(c.parent.col('exposure_ts'), c.parent.col('last_exposure_ts'), c.parent.col('frequency')), { hidden: true })
      // click q lands on impression ⌊q · frequency / clicks⌋, 5 seconds after it (touchpoints.ts); conversion q follows click q
      .column('click_index', t.int(), (c) => firstOf([[c.col('response_type').eq('click'), c.index()]], c.index().minus(c.parent.col('clicks'))), { hidden: true })
      .column('click_ts', t.timestamp(), (c) => clickTs(c.parent.col('exposure_ts'), c.col('click_index'), c.parent.col('frequency'), c.parent.col('clicks'), c.col('gap')), { hidden: true })
      .column('response_ts', t.timestamp(), (c) => {
        const postClick = c.col('click_ts').plus(least(lomax(hours(6)), days(k.click_window_days) - 1).floor());
        const seen = c.parent.col('exposure_ts').plus(uniform().times(c.parent.col('frequency')).floor().times(c.col('gap')));
        const viewThrough = seen.plus(uniform().times(days(k.view_through_window_days) - 1).floor());
        const ts = firstOf<Micros>([[c.col('response_type').eq('click'), c.col('click_ts')], [c.parent.col('clicks').gt(0), postClick]], viewThrough);
        return greatest<Micros>(c.col('exposure_ts'), least<Micros>(ts, w.endMicros - 1));
      }, { comment: 'Click time; a post-click conversion within the click window after its click; a view-through conversion within the view-through window after an impression' })
      .column('time_to_conversion_hours', t.double(), (c) => c.col('response_ts').minus(c.col('exposure_ts')).div(hours(1)), { comment: 'Hours from exposure to response' })
      .column('income_bracket', t.string(), (c) => c.lookup('households', c.col('household_id'), 'income_bracket'), { hidden: true })
      .column('median_value', t.double(), (c) => firstOf(INCOME_BRACKETS.map((br) => [c.col('income_bracket').eq(br), lit(k.order_value[br])] as const), lit(k.order_value['50k-100k'])), { hidden: true })
      .column('value', t.decimal(12, 2), (c) =>
        firstOf([[c.col('response_type').eq('conversion'), toScaled(greatest(1, c.col('median_value').times(lognormal(0, ORDER_VALUE_SIGMA))), 2)]], nullOf(t.decimal(12, 2))),
        { comment: "Order value in dollars for conversions (log-normal around the income bracket's median); NULL otherwise" },
      )
      .foreignKey('individual_id', 'individuals')
      .foreignKey('campaign_id', 'campaigns')
      .foreignKey('exposure_id', 'campaign_exposures')
      .oneOf('response_type', ['click', 'conversion'])
      .ordered('exposure_ts', 'response_ts')
      .rule('value_only_for_conversions', (c) =>
        c.col('response_type').eq('conversion').and(coalesce(c.col('value').le(0), true)).or(c.col('response_type').ne('conversion').and(c.col('value').isNull().not())),
      ),
  );
}
