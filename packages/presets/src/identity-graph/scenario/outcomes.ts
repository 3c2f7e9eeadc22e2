/**
 * truth_assignment_outcomes: the potential outcomes of every (individual, campaign) assignment.
 * Each campaign promotes its own offer; a conversion is a purchase of that offer by a member of
 * the campaign's randomized audience. Everyone converts organically at a baseline rate (both
 * arms alike: the counterfactual); treatment members who were reached add the conversions the ads
 * caused (post-click and view-through). response_events and truth_conversions are its children,
 * so the answer key and the observable events come from the same counts.
 */
import { coalesce, lit, t, uniform, type ScenarioBuilder, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from '../model.js';
import { CAMPAIGN_GOALS, CHANNELS } from '../vocabulary.js';
import { MAX_CLICKS_PER_EXPOSURE, type deliveryStage } from './delivery.js';
import { firstOf } from './expressions.js';

type DeliveryEntities = ReturnType<typeof deliveryStage> extends ScenarioBuilder<infer E> ? E : never;

/**
 * Most organic conversions of one assignment and flight (a Bernoulli draw: the rate per person is
 * a few percent, so a second purchase of the same offer is left out; keeps response keys of the
 * largest batch below 2^53).
 *
 * @example
 * ```ts
 * MAX_ORGANIC_CONVERSIONS; // 1
 * ```
 */
export const MAX_ORGANIC_CONVERSIONS = 1;
/**
 * Most ad-caused conversions of one assignment: one purchase of the offer, after a converting
 * click or, without a click, view-through.
 *
 * @example
 * ```ts
 * MAX_INCREMENTAL_CONVERSIONS; // 1
 * ```
 */
export const MAX_INCREMENTAL_CONVERSIONS = 1;

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
 * The odds multiplier of ad-caused conversions: the person's multiplier times the channel's true
 * incremental effect (`campaigns.incremental_effect`). With every channel at 1 (the default) the
 * person's multiplier is used as it is, so the default scenario is unchanged.
 *
 * @example
 * ```ts
 * causedMultiplier(c.col('conversion_multiplier'), c.col('channel'), config.campaigns.incremental_effect);
 * ```
 */
export function causedMultiplier(person: X<number>, channel: X<string>, effect: Readonly<Record<(typeof CHANNELS)[number], number>>): X<number> {
  if (CHANNELS.every((ch) => effect[ch] === 1)) return person;
  return person.times(firstOf(CHANNELS.map((ch) => [channel.eq(ch), lit(effect[ch])] as const), lit(0)));
}

/**
 * Adds truth_assignment_outcomes (one row per campaign_assignments row).
 *
 * @example
 * ```ts
 * const s = outcomesStage(deliveryStage(campaigns, model), model);
 * ```
 */
export function outcomesStage(s: ScenarioBuilder<DeliveryEntities>, m: IdentityGraphModel) {
  const k = m.config.campaigns;
  const bit = (cond: X<boolean>): X<number> => firstOf([[cond, lit(1)]], lit(0));
  return s.entity('truth_assignment_outcomes', (e) =>
    e
      .childrenOf('campaign_assignments', { count: () => lit(1), max: 1 })
      .comment(
        "ANSWER KEY: the potential outcomes of each (individual, campaign) assignment — organic conversions (both arms) and the conversions the campaign's ads caused (reached treatment members). Drop every truth_* table for a blind test.",
      )
      .key('assignment_outcome_id', { comment: 'Row id, opaque' })
      .column('assignment_id', t.bigint(), (c) => c.parent.col('assignment_id'), { comment: 'The assignment (one row each)' })
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'), { comment: 'The audience member' })
      .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'), { comment: "The campaign (its offer is the product converted on)" })
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'), { comment: 'Household of the individual' })
      .column('assignment', t.string(), (c) => c.parent.col('assignment'), { comment: 'treatment or control' })
      .column('in_target_segment', t.boolean(), (c) => c.parent.col('in_target_segment'), { comment: "Whether the individual is in the campaign's target segment" })
      // fanout 1: the exposure's internal key equals its assignment's
      .column('exposure_id', t.bigint(), (c) => c.lookup('campaign_exposures', c.parent.col('assignment_id'), 'exposure_id'), { comment: 'The exposure when the individual was reached; NULL otherwise (control, or treatment not reached)' })
      .column('impressions', t.int(), (c) => c.parent.col('impressions'), { comment: 'Impressions delivered (0 when not reached)' })
      .column('clicks', t.int(), (c) => coalesce(c.lookup('campaign_exposures', c.parent.col('assignment_id'), 'clicks'), 0 as never) as X<number>, { comment: 'Clicks recorded on those impressions (0 when not reached)' })
      .column('channel', t.string(), (c) => c.lookup('campaign_exposures', c.parent.col('assignment_id'), 'channel'), { comment: 'Channel of the exposure (NULL when not reached)' })
      .column('exposure_ts', t.timestamp(), (c) => c.lookup('campaign_exposures', c.parent.col('assignment_id'), 'exposure_ts'), { comment: 'First impression (NULL when not reached)' })
      .column('last_exposure_ts', t.timestamp(), (c) => c.lookup('campaign_exposures', c.parent.col('assignment_id'), 'last_exposure_ts'), { comment: 'Last impression (NULL when not reached)' })
      .column('conversion_multiplier', t.double(), (c) =>
        conversionMultiplier(c.lookup('audience_attributes', c.col('individual_id'), 'propensity_to_convert'), c.col('in_target_segment'), c.lookup('campaigns', c.col('campaign_id'), 'goal'), k),
        { comment: 'Conversion odds relative to an average non-target person (0.25 + 1.5 · propensity, × target multiplier in the target segment, × goal multiplier)' },
      )
      .column('organic_conversions', t.int(), (c) => bit(uniform().lt(c.col('conversion_multiplier').times(k.organic_conversion_rate))), {
        comment: `Conversions that happen without the ads (both arms; probability organic_conversion_rate × multiplier, at most ${MAX_ORGANIC_CONVERSIONS})`,
      })
      .column('post_click_conversions', t.int(), (c) =>
        bit(Array.from({ length: MAX_CLICKS_PER_EXPOSURE }, (_, j) => c.col('clicks').gt(j).and(uniform().lt(causedMultiplier(c.col('conversion_multiplier'), c.col('channel'), k.incremental_effect).times(k.post_click_conversion_rate)))).reduce((x, y) => x.or(y))),
        { comment: "Conversion caused by a click (each click converts at post_click_conversion_rate × multiplier × the channel's incremental_effect; one purchase at most)" },
      )
      .column('view_through_conversions', t.int(), (c) =>
        bit(c.col('impressions').gt(0).and(c.col('clicks').eq(0)).and(uniform().lt(c.col('impressions').times(causedMultiplier(c.col('conversion_multiplier'), c.col('channel'), k.incremental_effect)).times(k.view_through_rate)))),
        { comment: "Conversion caused by an impression without a click (impressions × view_through_rate × multiplier × the channel's incremental_effect)" },
      )
      .column('incremental_conversions', t.int(), (c) => c.col('post_click_conversions').plus(c.col('view_through_conversions')), {
        comment: `Conversions the campaign caused (0 in control and for treatment members not reached; at most ${MAX_INCREMENTAL_CONVERSIONS})`,
      })
      .foreignKey('assignment_id', 'campaign_assignments')
      .foreignKey('individual_id', 'individuals')
      .foreignKey('campaign_id', 'campaigns')
      .foreignKey('household_id', 'households')
      .foreignKey('exposure_id', 'campaign_exposures')
      .unique('assignment_id')
      .range('organic_conversions', 0, MAX_ORGANIC_CONVERSIONS)
      .range('incremental_conversions', 0, MAX_INCREMENTAL_CONVERSIONS)
      .rule('incremental_only_when_reached', (c) => c.col('incremental_conversions').gt(0).and(c.col('exposure_id').isNull().or(c.col('assignment').ne('treatment')))),
  );
}
