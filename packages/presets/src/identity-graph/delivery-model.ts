/**
 * Compile-time parameters of campaign delivery: the capped heavy-tailed frequency distribution,
 * the audience size that turns a planned reach into a planned cost, and the channel prices
 * (see docs/tables/campaign_exposures.md).
 */
import { arrayContains, arraySize, lit, type X } from '@synthgraph/core';
import type { IdentityGraphModel } from './model.js';
import { firstOf } from './scenario/expressions.js';
import { massMean, solveIncreasing } from './numeric.js';
import { CHANNEL_CPM, type Channel } from './vocabulary.js';

/**
 * Share of the planned cost a campaign's budget holds in reserve, drawn per campaign: paced
 * delivery spends the planned cost, so spend / budget = 1 / (1 + reserve) lies in 92.6–98%
 * (issue 12: 90–100% of budget per campaign) at every audience size.
 *
 * @example
 * ```ts
 * BUDGET_RESERVE.max; // 0.08
 * ```
 */
export const BUDGET_RESERVE = { min: 0.02, max: 0.08 } as const;

/** Delivery parameters derived from the config. */
export interface DeliveryModel {
  /** Lomax scale s: P(F ≥ f) = (1 + (f − 1)/s)^−2 before the cap. */
  readonly scale: number;
  /** P(F = f) for f = 1..cap. */
  readonly mass: readonly number[];
  /** E[F] of the capped count. */
  readonly ef: number;
  /** Share of reached individuals at the cap. */
  readonly capShare: number;
  /** Expected number of individuals (the households' adults). */
  readonly individuals: number;
}

const capped = (s: number, cap: number): number[] => {
  const tail = (f: number): number => (s <= 0 ? (f <= 1 ? 1 : 0) : (1 + (f - 1) / s) ** -2);
  return Array.from({ length: cap }, (_, i) => (i + 1 === cap ? tail(cap) : tail(i + 1) - tail(i + 2)));
};

/**
 * Solves the frequency distribution for the configured mean and cap.
 *
 * @example
 * ```ts
 * deliveryModel(buildModel(resolveConfig({}))).ef; // 3 (the configured mean)
 * ```
 */
export function deliveryModel(m: IdentityGraphModel): DeliveryModel {
  const { mean, cap } = m.config.campaigns.frequency;
  const meanOf = (s: number): number => capped(s, cap).reduce((a, p, i) => a + p * (i + 1), 0);
  const scale = mean <= 1 ? 0 : mean >= cap ? 1e12 : solveIncreasing(meanOf, mean, 1e-6, 1e6, 200);
  const mass = capped(scale, cap);
  const ef = mass.reduce((a, p, i) => a + p * (i + 1), 0);
  // Individuals are a household's adults (minors are counted, not modelled).
  return {
    scale,
    mass,
    ef,
    capShare: mass[cap - 1] ?? 0,
    individuals: m.config.households.num_households * massMean(m.composition.adultsMass, 1),
  };
}

/**
 * Rate-card price of one impression on a channel in micro-dollars (CPM × 1,000: an integer for
 * every channel, so sums of impression costs are exact on every engine).
 *
 * @example
 * ```ts
 * impressionMicros(c.col('channel'), ['email', 'ctv']); // CASE … 1500 … 32000
 * ```
 */
export function impressionMicros(channel: X<string>, channels: readonly Channel[]): X<number> {
  return firstOf(channels.map((ch) => [channel.eq(ch), lit(CHANNEL_CPM[ch] * 1000)] as const), lit(0));
}

/**
 * Mean rate-card price of one impression, in dollars, over a campaign's channels (impressions are
 * spread evenly over them).
 *
 * @example
 * ```ts
 * meanImpressionPrice(c.col('channels'), config.campaigns.channels);
 * ```
 */
export function meanImpressionPrice(campaignChannels: X<readonly string[]>, channels: readonly Channel[]): X<number> {
  const total = channels.map((ch) => firstOf([[arrayContains(campaignChannels, ch), lit(CHANNEL_CPM[ch] / 1000)]], lit(0))).reduce((x, y) => x.plus(y));
  return total.div(arraySize(campaignChannels));
}

/**
 * The planned cost of a campaign in dollars: its expected treatment group (audience share of the
 * expected individuals, minus the holdout) times the planned reach, the mean frequency and the
 * mean impression price of its channels. The budget adds a reserve to it; paced delivery spends it.
 *
 * @example
 * ```ts
 * plannedCost(model, c.col('audience_share'), c.col('planned_reach'), c.col('channels'));
 * ```
 */
export function plannedCost(m: IdentityGraphModel, audienceShare: X<number>, plannedReach: X<number>, campaignChannels: X<readonly string[]>): X<number> {
  const d = deliveryModel(m);
  return audienceShare
    .times(d.individuals * (1 - m.config.campaigns.holdout_share) * d.ef)
    .times(plannedReach)
    .times(meanImpressionPrice(campaignChannels, m.config.campaigns.channels));
}

/**
 * CPM of a channel in dollars per thousand impressions.
 *
 * @example
 * ```ts
 * cpmOf('ctv'); // 32
 * ```
 */
export function cpmOf(ch: Channel): number {
  return CHANNEL_CPM[ch];
}
