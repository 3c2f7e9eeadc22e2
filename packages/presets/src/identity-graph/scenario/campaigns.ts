/**
 * The campaign half of the identity graph, in four files: the campaigns table (this file:
 * flights, targeting, channels, planned reach and the budget that buys it), delivery
 * (`delivery.ts`: campaign_assignments and impression-level campaign_exposures), response
 * (`response.ts`: clicks and conversions) and attribution (`attribution.ts`: outcome_metrics).
 */
import { array, arrayCompact, arrayGet, arraySize, bernoulli, concat, days, intBetween, lit, nullOf, pick, t, toScaled, uniform, type ScenarioBuilder, type X } from '@synthgraph/core';
import { BUDGET_SAFETY_Z, deliveryModel, PRICE_NOISE } from '../delivery-model.js';
import type { IdentityGraphModel } from '../model.js';
import { CAMPAIGN_KEY_STRIDE } from '../model.js';
import { CAMPAIGN_GOALS, CHANNEL_CPM } from '../vocabulary.js';
import type { audienceStage } from './audience.js';
import { attributionStage } from './attribution.js';
import { deliveryStage } from './delivery.js';
import { clamp, firstOf } from './expressions.js';
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
 * Adds the campaigns table. The budget is what the campaign's plan costs: its audience (a share
 * of the expected number of individuals) minus the holdout, times the planned reach, the mean
 * frequency and the mean CPM of its channels — plus a safety margin of 3.5 standard deviations of
 * the delivered spend, so paced delivery spends 90–100% of it at realistic sizes and never more.
 *
 * @example
 * ```ts
 * const s = campaignsTableStage(audienceStage(identityStage(peopleStage(model), model), model), model);
 * ```
 */
export function campaignsTableStage(s: ScenarioBuilder<AudienceEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  const d = deliveryModel(m);
  const segments = m.config.audience.segments.map((x) => x.name);
  const channels = k.channels;
  const noise2 = 1 + (PRICE_NOISE * PRICE_NOISE) / 3;
  return s.entity('campaigns', (e) => {
    let b = e
      .rows(k.num_campaigns, { keyOffset: m.keys.campaignOffset })
      .comment('Marketing campaigns: flights inside the engagement window, target segments, channels, planned reach and the budget that buys it.')
      .key('campaign_id', { comment: `Campaign id, opaque (a keyed bijection of the internal key; batch b owns internal keys from b·${CAMPAIGN_KEY_STRIDE})` })
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
    const has = (c: unknown): X<number>[] => channels.map((ch) => colNamed(c, `has_${ch}`));
    return b
      .column('channels', t.array(t.string()), (c) => arrayCompact(array(...channels.map((ch) => firstOf([[colNamed(c, `has_${ch}`).eq(1), lit(ch)]], nullOf(t.string()))))), {
        comment: 'Channels used (a non-empty subset of the configured channels); impressions are spread evenly over them',
      })
      .column('n_channels', t.int(), (c) => has(c).reduce((x, y) => x.plus(y)), { hidden: true })
      .column('cpm_mean', t.double(), (c) => has(c).map((h, i) => h.times(CHANNEL_CPM[channels[i] as keyof typeof CHANNEL_CPM] / 1000)).reduce((x, y) => x.plus(y)).div(c.col('n_channels')), { hidden: true })
      .column('cpm_sq', t.double(), (c) => has(c).map((h, i) => h.times((CHANNEL_CPM[channels[i] as keyof typeof CHANNEL_CPM] / 1000) ** 2 * noise2)).reduce((x, y) => x.plus(y)).div(c.col('n_channels')), { hidden: true })
      .column('audience_share', t.double(), () => uniform(k.audience_share.min, k.audience_share.max).times(10_000).floor().div(10_000), {
        comment: 'Share of all individuals in the addressable audience (randomized into treatment and control in campaign_assignments)',
      })
      .column('planned_reach', t.double(), () => clamp(uniform(0.75, 1.25).times(k.reach_percentage / 100).times(10_000).floor().div(10_000), 0.0001, 1), {
        comment: 'Planned share of the treatment group that sees at least one impression (what the budget buys)',
      })
      .column('p_reach', t.double(), (c) => c.col('audience_share').times(1 - k.holdout_share).times(c.col('planned_reach')), { hidden: true })
      // spend per individual Y: reached with p_reach, then F impressions on one channel (cost c each)
      .column('ey', t.double(), (c) => c.col('p_reach').times(d.ef).times(c.col('cpm_mean')), { hidden: true })
      .column('ey2', t.double(), (c) => c.col('p_reach').times(c.col('cpm_sq')).times(d.ef2), { hidden: true })
      // per household: A individuals (A random)
      .column('var_t', t.double(), (c) => c.col('ey2').minus(c.col('ey').times(c.col('ey'))).times(d.perHouseholdMean).plus(c.col('ey').times(c.col('ey')).times(d.perHouseholdVar)), { hidden: true })
      .column('expected_spend', t.double(), (c) => c.col('ey').times(d.individuals), { hidden: true })
      .column('spend_sd', t.double(), (c) => c.col('var_t').times(m.config.households.num_households).sqrt(), { hidden: true })
      .column('budget', t.decimal(14, 2), (c) => toScaled(c.col('expected_spend').plus(c.col('spend_sd').times(BUDGET_SAFETY_Z)).plus(0.01), 2), {
        comment: 'Budget in dollars: the cost of the planned reach at the mean frequency and channel CPMs, with a pacing margin (delivered spend stays below it)',
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
