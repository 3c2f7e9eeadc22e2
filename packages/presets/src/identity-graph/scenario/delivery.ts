/**
 * Delivery: each campaign randomizes its addressable audience into treatment and control
 * (campaign_assignments) and buys impressions for the reached treatment members, paced evenly
 * over its flight (campaign_exposures, one row per reached individual carrying its impression
 * count and cost). Control members are never exposed. Assignments are a function of one
 * individual and the campaigns table; an exposure's cost also reads its campaign's total
 * rate-card cost (a window over the campaign's exposures), so spend is the planned cost.
 */
import { arrayContains, arrayGet, arraySize, coalesce, days, least, lit, nullOf, t, toScaled, uniform, wins, type ScenarioBuilder } from '@synthgraph/core';
import { deliveryModel, impressionMicros, plannedCost } from '../delivery-model.js';
import type { IdentityGraphModel } from '../model.js';
import { CHANNEL_PLACEMENTS } from '../vocabulary.js';
import type { campaignsTableStage } from './campaigns.js';
import { choose, firstOf } from './expressions.js';

type CampaignEntities = ReturnType<typeof campaignsTableStage> extends ScenarioBuilder<infer E> ? E : never;

const DAY = days(1);
/**
 * Assignment values of campaign_assignments.
 *
 * @example
 * ```ts
 * ASSIGNMENTS[1]; // "control"
 * ```
 */
export const ASSIGNMENTS = ['treatment', 'control'] as const;
/**
 * Most clicks recorded per exposure row (more than two clicks on one person's impressions of one
 * campaign is below 0.3% even for email at the cap).
 *
 * @example
 * ```ts
 * MAX_CLICKS_PER_EXPOSURE; // 2
 * ```
 */
export const MAX_CLICKS_PER_EXPOSURE = 2;

/**
 * Adds campaign_assignments and campaign_exposures.
 *
 * @example
 * ```ts
 * const s = deliveryStage(campaignsTableStage(audience, model), model);
 * ```
 */
export function deliveryStage(s: ScenarioBuilder<CampaignEntities>, m: IdentityGraphModel) {
  const w = m.window;
  const k = m.config.campaigns;
  const d = deliveryModel(m);
  const channels = k.channels;
  const cap = k.frequency.cap;
  // F = min(cap, 1 + ⌊s·(1/√u − 1)⌋): P(F ≥ f) = (1 + (f − 1)/s)^−2 before the cap
  const frequency = () =>
    d.scale <= 0 ? lit(1) : d.scale >= 1e11 ? lit(cap) : least(cap, lit(1).div(lit(1).minus(uniform()).sqrt()).minus(1).times(d.scale).floor().plus(1));
  return s
    .entity('campaign_assignments', (e) =>
      e
        .crossOf('audience_attributes', 'campaigns', { keep: (c) => uniform().lt(c.right.col('audience_share')) })
        .comment('The randomized audience of each campaign: every addressable individual is assigned to treatment or to the control group (never exposed).')
        .key('assignment_id', { comment: 'Assignment id, opaque (one per individual and campaign; reveals neither)' })
        .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'), { comment: 'The audience member' })
        .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'), { comment: 'The campaign' })
        .column('household_id', t.bigint(), (c) => c.left.col('household_id'), { comment: 'Household of the individual' })
        .column('assignment', t.string(), () => firstOf([[uniform().lt(k.holdout_share), lit('control')]], lit('treatment')), {
          comment: `treatment or control (holdout share ${k.holdout_share}); control members are never exposed`,
        })
        .column('assigned_at', t.timestamp(), (c) => c.right.col('created_at'), { comment: 'When the audience was randomized (the campaign set-up time)' })
        .column('in_target_segment', t.boolean(), (c) => {
          const target = c.right.col('target_segment');
          const t0 = arrayGet(target, 0);
          const t1 = arrayGet(target, 1);
          const primary = c.left.col('segment_primary');
          const secondary = c.left.col('segment_secondary');
          return t0.eq('all').or(t0.eq(primary)).or(coalesce(t1.eq(primary), false)).or(arrayContains(secondary, t0)).or(coalesce(arrayContains(secondary, t1), false));
        }, { comment: "Whether the individual belongs to one of the campaign's target segments (always true for 'all')" })
        .column('impressions', t.int(), (c) => firstOf([[c.col('assignment').eq('treatment').and(uniform().lt(c.right.col('planned_reach'))), frequency()]], lit(0)), {
          comment: `Impressions delivered (0 when not reached or in control; reached: heavy-tailed, mean ${k.frequency.mean}, capped at ${cap})`,
        })
        .column('channel', t.string(), (c) => {
          const list = c.right.col('channels');
          return firstOf([[c.col('impressions').gt(0), arrayGet(list, uniform().times(arraySize(list)).floor())]], nullOf(t.string()));
        }, { comment: "The channel that reached the individual (one of the campaign's, chosen evenly; NULL when not reached)" })
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('household_id', 'households')
        .oneOf('assignment', ASSIGNMENTS)
        .oneOf('channel', channels)
        .range('impressions', 0, cap)
        .rule('control_never_exposed', (c) => c.col('assignment').eq('control').and(c.col('impressions').gt(0)))
        .rule('channel_only_when_reached', (c) => c.col('impressions').gt(0).eq(c.col('channel').isNull())),
    )
    .entity('campaign_exposures', (e) =>
      e
        .windowOf('campaign_assignments', { partitionBy: ['campaign_id'], orderBy: [], where: (c) => c.col('impressions').gt(0) })
        .comment('One row per reached (individual, campaign): its impressions on one of the campaign’s channels, paced evenly over the flight, and what they cost.')
        .key('exposure_id', { comment: 'Exposure id, opaque (reveals neither the individual nor the campaign)' })
        .column('assignment_id', t.bigint(), (c) => c.row.col('assignment_id'), { comment: 'The (individual, campaign) assignment these impressions were delivered to' })
        .column('individual_id', t.bigint(), (c) => c.row.col('individual_id'), { comment: 'Who was exposed' })
        .column('campaign_id', t.bigint(), (c) => c.row.col('campaign_id'), { comment: 'The campaign' })
        .column('household_id', t.bigint(), (c) => c.row.col('household_id'), { comment: 'Household of the individual' })
        .column('in_target_segment', t.boolean(), (c) => c.row.col('in_target_segment'), { comment: "Whether the individual is in the campaign's target segment" })
        .column('channel', t.string(), (c) => c.row.col('channel'), { comment: "The channel that reached the individual (one of the campaign's, chosen evenly)" })
        .column('frequency', t.int(), (c) => c.row.col('impressions'), { comment: `Impressions delivered (1 to the cap of ${cap}; heavy-tailed)` })
        .column('flight_start', t.bigint(), (c) => c.lookup('campaigns', c.col('campaign_id'), 'start_date').times(DAY), { hidden: true })
        .column('flight_end', t.bigint(), (c) => c.lookup('campaigns', c.col('campaign_id'), 'end_date').plus(1).times(DAY), { hidden: true })
        .column('gap', t.bigint(), (c) => c.col('flight_end').minus(c.col('flight_start')).idiv(c.col('frequency')), { hidden: true })
        .column('exposure_ts', t.timestamp(), (c) => c.col('flight_start').plus(uniform().times(c.col('gap')).floor()).cast(t.timestamp()), {
          comment: 'First impression; impression k (0-based) follows at exposure_ts + k · (flight length / frequency): paced delivery',
        })
        .column('last_exposure_ts', t.timestamp(), (c) => c.col('exposure_ts').plus(c.col('frequency').minus(1).times(c.col('gap'))), { comment: 'Last impression' })
        .column('u_placement', t.double(), () => uniform(), { hidden: true })
        .column('placement', t.string(), (c) => {
          const list = channels.map((ch) => [c.col('channel').eq(ch), choose(c.col('u_placement'), CHANNEL_PLACEMENTS[ch].map(() => 1), CHANNEL_PLACEMENTS[ch])] as const);
          const last = list.pop() as (typeof list)[number];
          return firstOf(list, last[1]);
        }, { comment: 'Placement within the channel' })
        // Paced delivery spends the campaign's planned cost: every impression costs its channel's
        // rate-card price times the campaign's price index (planned cost / rate-card cost of all
        // its delivered impressions), so spend is the planned cost whatever the audience drew.
        .column('rate_card_micros', t.bigint(), (c) => c.col('frequency').times(impressionMicros(c.col('channel'), channels)), { hidden: true })
        .column('campaign_rate_card_micros', t.bigint(), (c) => wins.sum(c.row.col('impressions').times(impressionMicros(c.row.col('channel'), channels))), { hidden: true })
        .column('planned_cost', t.double(), (c) =>
          plannedCost(m, c.lookup('campaigns', c.col('campaign_id'), 'audience_share'), c.lookup('campaigns', c.col('campaign_id'), 'planned_reach'), c.lookup('campaigns', c.col('campaign_id'), 'channels')),
          { hidden: true },
        )
        .column('cost', t.decimal(12, 6), (c) => toScaled(c.col('rate_card_micros').times(c.col('planned_cost')).div(c.col('campaign_rate_card_micros')), 6), {
          comment: "Media cost of these impressions in dollars: frequency × channel CPM / 1000 × the campaign's price index (paced delivery spends the campaign's planned cost; see docs)",
        })
        .column('ctr', t.double(), (c) => firstOf(channels.map((ch) => [c.col('channel').eq(ch), lit(k.click_through_rate[ch])] as const), lit(0)), { hidden: true })
        .column('clicks', t.int(), (c) =>
          least(
            MAX_CLICKS_PER_EXPOSURE,
            Array.from({ length: cap }, (_, j) => firstOf([[c.col('frequency').gt(j).and(uniform().lt(c.col('ctr'))), lit(1)]], lit(0))).reduce((x, y) => x.plus(y)),
          ),
          { comment: `Clicked impressions (each at the channel's click-through rate; at most ${MAX_CLICKS_PER_EXPOSURE} recorded)` },
        )
        .foreignKey('assignment_id', 'campaign_assignments')
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('household_id', 'households')
        .oneOf('channel', channels)
        .range('frequency', 1, cap)
        .range('clicks', 0, MAX_CLICKS_PER_EXPOSURE)
        .range('cost', 0, null)
        .range('exposure_ts', w.startMicros, w.endMicros - 1)
        .range('last_exposure_ts', w.startMicros, w.endMicros - 1)
        .ordered('exposure_ts', 'last_exposure_ts'),
    );
}
