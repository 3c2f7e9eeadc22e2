/**
 * The campaign half of the identity graph, in four files: the campaigns table (this file:
 * flights, targeting, channels, planned reach and the budget that buys it), delivery
 * (`delivery.ts`: campaign_assignments and impression-level campaign_exposures), response
 * (`response.ts`: clicks and conversions) and attribution (`attribution.ts`: outcome_metrics).
 */
import { array, arrayCompact, arrayGet, arraySize, bernoulli, concat, days, intBetween, lit, nullOf, pick, t, toScaled, uniform, type ScenarioBuilder, type X } from '@synthgraph/core';
import { BUDGET_RESERVE, plannedCost } from '../delivery-model.js';
import type { IdentityGraphModel } from '../model.js';
import { CAMPAIGN_KEY_STRIDE } from '../model.js';
import { CAMPAIGN_GOALS } from '../vocabulary.js';
import type { audienceStage } from './audience.js';
import { attributionStage } from './attribution.js';
import { deliveryStage } from './delivery.js';
import { clamp, firstOf } from './expressions.js';
import { advertiserLayout, advertiserOf } from './journeys.js';
import { outcomesStage } from './outcomes.js';
import { responseStage } from './response.js';
import { truthLiftStage } from './truth-lift.js';

type AudienceEntities = ReturnType<typeof audienceStage> extends ScenarioBuilder<infer E> ? E : never;

const DAY = days(1);
const ADJECTIVES = ['Bold', 'Bright', 'Fresh', 'Prime', 'Spring', 'Summer', 'Autumn', 'Holiday', 'Evergreen', 'Golden', 'Rapid', 'Smart', 'Urban', 'Pure', 'True', 'Next'];
const NOUNS = ['Reach', 'Push', 'Spotlight', 'Boost', 'Journey', 'Wave', 'Drive', 'Momentum', 'Launch', 'Pulse', 'Horizon', 'Spark', 'Rally', 'Signal', 'Surge', 'Bridge'];
/** Campaign goal mix (awareness, consideration, conversion, retention). */
const GOAL_WEIGHTS = [0.3, 0.25, 0.35, 0.1];

/** Reads a column added under a computed name (the DSL types only literal names). */
function colNamed(c: unknown, name: string): X<number> {
  return (c as { col(n: string): X<number> }).col(name);
}

/**
 * Adds the campaigns table. The budget is what the campaign's plan costs (`plannedCost`: its
 * audience — a share of the expected number of individuals — minus the holdout, times the planned
 * reach, the mean frequency and the mean CPM of its channels) plus a reserve drawn per campaign;
 * paced delivery (`delivery.ts`) spends the planned cost, so spend / budget is 92.6–98% at every size.
 *
 * @example
 * ```ts
 * const s = campaignsTableStage(audienceStage(identityStage(peopleStage(model), model), model), model);
 * ```
 */
export function campaignsTableStage(s: ScenarioBuilder<AudienceEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  const segments = m.config.audience.segments.map((x) => x.name);
  const channels = k.channels;
  return s.entity('campaigns', (e) => {
    let b = e
      .rows(k.num_campaigns, { keyOffset: m.keys.campaignOffset })
      .comment('Marketing campaigns: flights inside the engagement window, target segments, channels, planned reach and the budget that buys it.')
      .key('campaign_id', { comment: `Campaign id, opaque (a keyed bijection of the internal key; batch b owns internal keys from b·${CAMPAIGN_KEY_STRIDE})` })
      .column('advertiser_id', t.bigint(), (c) => advertiserOf(c.key(), advertiserLayout(m)), {
        comment: `Advertiser running the campaign: consecutive campaigns of a batch in groups of campaigns_per_advertiser (${k.campaigns_per_advertiser}); an advertiser's campaigns promote the same offer, so their touches share attribution journeys (outcome_metrics)`,
      })
      .column('goal', t.string(), () => pick(CAMPAIGN_GOALS, GOAL_WEIGHTS), { comment: 'awareness, consideration, conversion or retention' })
      .column('campaign_name', t.string(), (c) => concat(pick(ADJECTIVES), ' ', pick(NOUNS), ' – ', c.col('goal'), ' #', c.key().str()), { comment: 'Display name' })
      .column('duration', t.int(), () => intBetween(k.duration_days.min, k.duration_days.max), { hidden: true })
      .column('start_date', t.date(), (c) =>
        lit(w.endDay)
          .minus(c.col('duration'))
          .minus(uniform().times(c.col('duration').neg().plus(w.days + 1)).floor())
          .cast(t.date()),
        { comment: 'First day of the flight' },
      )
      .column('end_date', t.date(), (c) => c.col('start_date').plus(c.col('duration')).minus(1), { comment: 'Last day of the flight (inclusive)' })
      .column('segment_a', t.int(), () => intBetween(0, segments.length - 1), { hidden: true })
      .column('target_segment', t.array(t.string()), (c) => {
        const names = array(...segments);
        const second = segments.length > 1 ? firstOf([[bernoulli(0.35), arrayGet(names, c.col('segment_a').plus(intBetween(1, segments.length - 1)).mod(segments.length))]], nullOf(t.string())) : nullOf(t.string());
        return firstOf([[bernoulli(k.broad_targeting_share), array('all')]], arrayCompact(array(arrayGet(names, c.col('segment_a')), second)));
      }, { comment: "Segments the campaign targets ('all' = every audience member)" })
      .column('channel_a', t.int(), () => intBetween(0, channels.length - 1), { hidden: true });
    channels.forEach((ch, i) => {
      b = b.column(`has_${ch}`, t.int(), (c) => firstOf([[c.col('channel_a').eq(i).or(bernoulli(0.35)), lit(1)]], lit(0)), { hidden: true }) as typeof b;
    });
    return b
      .column('channels', t.array(t.string()), (c) => arrayCompact(array(...channels.map((ch) => firstOf([[colNamed(c, `has_${ch}`).eq(1), lit(ch)]], nullOf(t.string()))))), {
        comment: 'Channels used (a non-empty subset of the configured channels); each reached individual is reached on one of them, chosen evenly',
      })
      .column('audience_share', t.double(), () => uniform(k.audience_share.min, k.audience_share.max).times(10_000).floor().div(10_000), {
        comment: 'Share of all individuals in the addressable audience (randomized into treatment and control in campaign_assignments)',
      })
      .column('planned_reach', t.double(), () => clamp(uniform(0.75, 1.25).times(k.reach_percentage / 100).times(10_000).floor().div(10_000), 0.0001, 1), {
        comment: 'Planned share of the treatment group that sees at least one impression (what the budget buys)',
      })
      .column('planned_cost', t.double(), (c) => plannedCost(m, c.col('audience_share'), c.col('planned_reach'), c.col('channels')), { hidden: true })
      .column('budget', t.decimal(14, 2), (c) => toScaled(c.col('planned_cost').times(uniform(1 + BUDGET_RESERVE.min, 1 + BUDGET_RESERVE.max)).plus(0.01), 2), {
        comment: `Budget in dollars: the planned cost (planned reach × mean frequency × channel CPMs) plus a reserve of ${BUDGET_RESERVE.min * 100}–${BUDGET_RESERVE.max * 100}%; paced delivery spends the planned cost`,
      })
      .column('created_at', t.timestamp(), (c) =>
        c.col('start_date').times(DAY).cast(t.timestamp()).minus(intBetween(3, 45).times(DAY)).minus(intBetween(0, 86_399).times(1_000_000)),
        { comment: 'When the campaign was set up and its audience randomized (before its start)' },
      )
      .ordered('start_date', 'end_date')
      .range('start_date', w.startDay, w.endDay - 1)
      .range('end_date', w.startDay, w.endDay - 1)
      .range('budget', 0.01, null)
      .range('audience_share', 0, 1)
      .range('planned_reach', 0, 1)
      .oneOf('goal', CAMPAIGN_GOALS)
      .oneOf('channels', channels)
      .oneOf('target_segment', [...segments, 'all'])
      .rule('duration_in_range', (c) => c.col('end_date').minus(c.col('start_date')).plus(1).lt(k.duration_days.min).or(c.col('end_date').minus(c.col('start_date')).plus(1).gt(k.duration_days.max)))
      .rule('channels_not_empty', (c) => arraySize(c.col('channels')).lt(1));
  });
}

/**
 * Adds campaigns, campaign_assignments, campaign_exposures, truth_assignment_outcomes,
 * response_events, outcome_metrics, truth_conversions and truth_campaign_lift.
 *
 * @example
 * ```ts
 * const s = campaignStage(audienceStage(engagementsStage(identityStage(peopleStage(model), model), model), model), model);
 * ```
 */
export function campaignStage(s: ScenarioBuilder<AudienceEntities>, m: IdentityGraphModel) {
  return truthLiftStage(attributionStage(responseStage(outcomesStage(deliveryStage(campaignsTableStage(s, m), m), m), m), m), m);
}
