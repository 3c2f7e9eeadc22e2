/**
 * response_events: the observable clicks and conversions of each assignment, children of its
 * truth_assignment_outcomes row with the index layout [clicks][incremental conversions][organic
 * conversions]. Clicks land on the exposure's impressions; an incremental conversion follows its
 * click (post-click window) or an impression (view-through window); organic conversions are spread
 * over the flight (+ the view-through window), independent of the ads. Each conversion carries
 * the campaign last-touch attribution gives it (the campaign of the advertiser whose impression or
 * click is the last within the lookback before it: journeys.ts), or NULL (organic). Order value depends on the household's income bracket.
 */
import { coalesce, days, greatest, hours, least, lit, lognormal, nullOf, t, toScaled, uniform, type ScenarioBuilder } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { INCOME_BRACKETS } from '../vocabulary.js';
import { MAX_CLICKS_PER_EXPOSURE } from './delivery.js';
import { firstOf, lomax } from './expressions.js';
import { advertiserBase, advertiserLayout, lastTouchSlot, slotExposure, slotExposureKey, slotLastTouch, type JourneyCtx } from './journeys.js';
import { clickTs, impressionGap } from './touchpoints.js';
import { MAX_INCREMENTAL_CONVERSIONS, MAX_ORGANIC_CONVERSIONS, type outcomesStage } from './outcomes.js';

type OutcomeEntities = ReturnType<typeof outcomesStage> extends ScenarioBuilder<infer E> ? E : never;

/**
 * Most responses of one assignment: its recorded clicks, incremental and organic conversions.
 *
 * @example
 * ```ts
 * MAX_RESPONSES_PER_ASSIGNMENT; // 6
 * ```
 */
export const MAX_RESPONSES_PER_ASSIGNMENT = MAX_CLICKS_PER_EXPOSURE + MAX_INCREMENTAL_CONVERSIONS + MAX_ORGANIC_CONVERSIONS;
/**
 * Spread (σ of the log) of order values around the bracket's median.
 *
 * @example
 * ```ts
 * ORDER_VALUE_SIGMA; // 0.6
 * ```
 */
export const ORDER_VALUE_SIGMA = 0.6;
const DAY = days(1);

/**
 * Adds response_events (children of truth_assignment_outcomes).
 *
 * @example
 * ```ts
 * const s = responseStage(outcomesStage(deliveryStage(campaigns, model), model), model);
 * ```
 */
export function responseStage(s: ScenarioBuilder<OutcomeEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  const lookback = days(k.attribution_lookback_days);
  const a = advertiserLayout(m);
  const slots = Array.from({ length: a.size }, (_, i) => i);
  return s.entity('response_events', (e) =>
    e
      .childrenOf('truth_assignment_outcomes', {
        count: (p) => p.col('clicks').plus(p.col('incremental_conversions')).plus(p.col('organic_conversions')),
        max: MAX_RESPONSES_PER_ASSIGNMENT,
      })
      .comment("Clicks and conversions of each campaign's audience: clicks on its impressions and purchases of its offer, caused by the ads or organic (both arms).")
      .key('response_id', { comment: 'Response id, opaque (reveals neither the assignment nor the exposure)' })
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'Who responded' })
      .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: 'The campaign whose offer was clicked or bought' })
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'Household of the individual' })
      .column('response_type', t.string(), (c) => firstOf([[c.index().lt(c.parent.col('clicks')), lit('click')]], lit('conversion')), { comment: 'click or conversion' })
      .column('organic', t.boolean(), (c) => c.index().ge(c.parent.col('clicks').plus(c.parent.col('incremental_conversions'))), { hidden: true })
      .column('frequency', t.int(), (c) => c.parent.col('impressions'), { hidden: true })
      .column('first_ts', t.bigint(), (c) => c.parent.col('exposure_ts').cast(t.bigint()), { hidden: true })
      .column('gap', t.bigint(), (c) => impressionGap(c.parent.col('exposure_ts'), c.parent.col('last_exposure_ts'), c.col('frequency')), { hidden: true })
      // click q lands on impression ⌊q · frequency / clicks⌋, 5 seconds after it (touchpoints.ts); conversion q follows click q
      .column('click_index', t.int(), (c) => firstOf([[c.col('response_type').eq('click'), c.index()]], c.index().minus(c.parent.col('clicks'))), { hidden: true })
      .column('click_ts', t.bigint(), (c) => clickTs(c.parent.col('exposure_ts'), c.col('click_index'), c.col('frequency'), c.parent.col('clicks'), c.col('gap')).cast(t.bigint()), { hidden: true })
      .column('flight_start', t.bigint(), (c) => c.lookup('campaigns', c.col('campaign_id'), 'start_date').times(DAY), { hidden: true })
      .column('flight_end', t.bigint(), (c) => c.lookup('campaigns', c.col('campaign_id'), 'end_date').plus(1).times(DAY), { hidden: true })
      .column('ts', t.bigint(), (c) => {
        const postClick = c.col('click_ts').plus(least(lomax(hours(6)), days(k.click_window_days) - 1).floor());
        const seen = c.col('first_ts').plus(uniform().times(c.col('frequency')).floor().times(c.col('gap')));
        const viewThrough = seen.plus(uniform().times(days(k.view_through_window_days) - 1).floor());
        const organic = c.col('flight_start').plus(uniform().times(c.col('flight_end').minus(c.col('flight_start')).plus(days(k.view_through_window_days))).floor());
        const ts = firstOf<number>([[c.col('organic'), organic], [c.col('response_type').eq('click'), c.col('click_ts')], [c.parent.col('clicks').gt(0), postClick]], viewThrough);
        return least(ts, w.endMicros - 1);
      }, { hidden: true })
      .column('response_ts', t.timestamp(), (c) => c.col('ts').cast(t.timestamp()), {
        comment: 'Click time; a post-click conversion within the click window after its click; a view-through conversion within the view-through window after an impression; an organic conversion anywhere in the flight (+ the view-through window)',
      })
      // touched: the individual was reached and its first impression lies before the response
      .column('touched', t.boolean(), (c) => coalesce(c.col('first_ts').le(c.col('ts')), false), { hidden: true })
      .column('exposure_id', t.bigint(), (c) => firstOf([[c.col('touched'), c.parent.col('exposure_id')]], nullOf(t.bigint())), {
        comment: "The campaign's exposure of this individual when one of its impressions precedes the response (also for organic conversions); NULL otherwise (control, not reached, or before the first impression)",
      })
      .column('channel', t.string(), (c) => firstOf([[c.col('touched'), c.parent.col('channel')]], nullOf(t.string())), { comment: 'Channel of the exposure (NULL without one)' })
      .column('exposure_ts', t.timestamp(), (c) => firstOf([[c.col('touched'), c.parent.col('exposure_ts')]], nullOf(t.timestamp())), { comment: 'First impression of the exposure (NULL without one)' })
      .column('time_to_conversion_hours', t.double(), (c) => c.col('response_ts').minus(c.col('exposure_ts')).div(hours(1)), { comment: 'Hours from the first impression to the response (NULL without an exposure)' })
      // last-touch attribution over the advertiser's campaigns (journeys.ts): each slot's last touch at or before ts
      .column('adv_base', t.bigint(), (c) => advertiserBase(c.col('campaign_id'), a), { hidden: true })
      .column('lt_slot', t.int(), (c) => {
        const lc = c as unknown as JourneyCtx;
        const lastTouches = slots.map((i) => slotLastTouch(slotExposure(lc, slotExposureKey(lc.col('individual_id'), lc.col('adv_base'), i, a)), lc.col('ts')));
        return lastTouchSlot(lastTouches, lc.col('ts'), lookback);
      }, { hidden: true })
      .column('attributed_campaign_id', t.bigint(), (c) =>
        firstOf([[c.col('response_type').eq('conversion').and(c.col('lt_slot').ge(0)), c.col('adv_base').plus(c.col('lt_slot'))]], nullOf(t.bigint())),
        { comment: `Conversions: the campaign last-touch attribution credits — the campaign of the advertiser (campaigns.advertiser_id; its campaigns promote the same offer) whose impression or click is the last one at most ${k.attribution_lookback_days} days before; NULL when none (organic); NULL for clicks` },
      )
      .column('income_bracket', t.string(), (c) => c.lookup('households', c.col('household_id'), 'income_bracket'), { hidden: true })
      .column('median_value', t.double(), (c) => firstOf(INCOME_BRACKETS.map((br) => [c.col('income_bracket').eq(br), lit(k.order_value[br])] as const), lit(k.order_value['50k-100k'])), { hidden: true })
      .column('value', t.decimal(12, 2), (c) =>
        firstOf([[c.col('response_type').eq('conversion'), toScaled(greatest(1, c.col('median_value').times(lognormal(0, ORDER_VALUE_SIGMA))), 2)]], nullOf(t.decimal(12, 2))),
        { comment: "Order value in dollars for conversions (log-normal around the income bracket's median); NULL otherwise" },
      )
      .foreignKey('individual_id', 'individuals')
      .foreignKey('campaign_id', 'campaigns')
      .foreignKey('exposure_id', 'campaign_exposures')
      .foreignKey('attributed_campaign_id', 'campaigns')
      .oneOf('response_type', ['click', 'conversion'])
      .ordered('exposure_ts', 'response_ts')
      .rule('value_only_for_conversions', (c) =>
        c.col('response_type').eq('conversion').and(coalesce(c.col('value').le(0), true)).or(c.col('response_type').ne('conversion').and(c.col('value').isNull().not())),
      ),
  );
}
