/**
 * Step 6 of the identity-graph configuration — campaigns: flights, delivery (budget, reach,
 * frequency, holdout), response rates and attribution. Every rate names its denominator and
 * its public source in the description (docs/config-reference.md prints them).
 */
import { z } from 'zod';
import { ATTRIBUTION_MODELS, CAMPAIGN_GOALS, CHANNELS, INCOME_BRACKETS } from './vocabulary.js';
import { int, meta, normalizeWeights, num } from './config-fields.js';

const rate = (def: number, description: string) => num(0, 1, def, description);
const perKey = <K extends string>(names: readonly K[], defaults: Readonly<Record<K, number>>, min: number, max: number, description: string, allowed: string) =>
  meta(z.strictObject(Object.fromEntries(names.map((n) => [n, num(min, max, defaults[n], `${n}`)])) as Record<K, ReturnType<typeof num>>).default({ ...defaults } as never), description, allowed);

/**
 * Click-through rate defaults per channel (clicks per impression; for email, clicks per
 * delivered message): Mailchimp Email Marketing Benchmarks (average click rate 2.6%), WordStream
 * Facebook Ads Benchmarks 2023 (average CTR 0.9%), Google Rich Media / DoubleClick display
 * benchmarks (standard display ≈ 0.1%, in-stream video ≈ 0.5%); CTV ads are not clickable.
 *
 * @example
 * ```ts
 * DEFAULT_CTR.social; // 0.009
 * ```
 */
export const DEFAULT_CTR = { email: 0.025, social: 0.009, display: 0.001, video: 0.005, ctv: 0 } as const;

/**
 * Median order value per income bracket, in dollars (scaled from the BLS Consumer Expenditure
 * Survey 2023, Table 1101: spending rises with income, the top quintile spends about 2.3× the
 * bottom one on discretionary goods).
 *
 * @example
 * ```ts
 * DEFAULT_ORDER_VALUE['150k+']; // 110
 * ```
 */
export const DEFAULT_ORDER_VALUE = { '<25k': 48, '25k-50k': 58, '50k-100k': 70, '100k-150k': 86, '150k+': 110 } as const;

/**
 * Largest configurable frequency cap (impressions per individual and campaign).
 *
 * @example
 * ```ts
 * MAX_FREQUENCY_CAP; // 10
 * ```
 */
export const MAX_FREQUENCY_CAP = 10;
/**
 * Largest configurable number of campaigns per advertiser (the attribution journey of a
 * conversion spans at most this many campaigns; a fixed bound, so outcome keys keep one fan-out).
 *
 * @example
 * ```ts
 * MAX_CAMPAIGNS_PER_ADVERTISER; // 4
 * ```
 */
export const MAX_CAMPAIGNS_PER_ADVERTISER = 4;

/**
 * Step 6 — campaigns, delivery, responses and attribution.
 *
 * @example
 * ```ts
 * campaignsStep.parse({}).channels; // ['email', 'social', 'display', 'video', 'ctv']
 * ```
 */
export const campaignsStep = z.strictObject({
  num_campaigns: int(1, 100, 20, 'number of campaigns of this batch'),
  campaigns_per_advertiser: int(
    1,
    MAX_CAMPAIGNS_PER_ADVERTISER,
    4,
    "campaigns per advertiser: consecutive campaigns of a batch are grouped into advertisers of this many (the last may have fewer); an advertiser's campaigns promote the same offer, so a conversion's attribution journey (outcome_metrics) holds the touches of all of them and attribution models credit different campaigns. 1 = every campaign its own advertiser (journeys of one campaign)",
  ),
  duration_days: meta(
    z
      .strictObject({ min: int(1, 730, 7, 'shortest flight in days'), max: int(1, 730, 45, 'longest flight in days') })
      .default({ min: 7, max: 45 }),
    'campaign flight length in days (flights lie inside the engagement window)',
    '1 ≤ min ≤ max ≤ engagement.time_period_days',
  ),
  channels: meta(z.array(z.enum(CHANNELS)).default([...CHANNELS]), 'channels campaigns may use', `a non-empty subset of ${CHANNELS.join(', ')} without repeats`),
  audience_share: meta(
    z.strictObject({ min: num(0.01, 1, 0.5, 'smallest audience share'), max: num(0.01, 1, 0.9, 'largest audience share') }).default({ min: 0.5, max: 0.9 }),
    "share of all individuals in a campaign's addressable audience (drawn per campaign; the audience is randomized into treatment and control)",
    '0.01 ≤ min ≤ max ≤ 1',
  ),
  holdout_share: num(0, 0.5, 0.1, 'share of each campaign’s audience randomized into the control group (never exposed)'),
  reach_percentage: num(1, 100, 50, 'planned reach: mean percentage of a campaign’s treatment group that sees at least one impression (each campaign draws within ±25% of it); the budget buys this reach at the configured frequency'),
  broad_targeting_share: num(0, 1, 0.15, "share of campaigns that target every audience member ('all') instead of segments"),
  frequency: meta(
    z.strictObject({ mean: num(1, 10, 3, 'mean impressions per reached individual'), cap: int(1, MAX_FREQUENCY_CAP, 10, 'frequency cap') }).default({ mean: 3, cap: 10 }),
    'impressions per reached individual and campaign: a heavy-tailed (Lomax) count with this mean, capped (the cap binds for the heaviest viewers)',
    '1 ≤ mean ≤ cap ≤ 10',
  ),
  click_through_rate: perKey(
    CHANNELS,
    DEFAULT_CTR,
    0,
    0.5,
    'clicks per impression by channel (email: per delivered message); sources: Mailchimp email benchmarks 2.6%, WordStream Facebook 0.9%, Google/DoubleClick display 0.1% and in-stream video 0.5%, CTV not clickable',
    'a number from 0 to 0.5 per channel',
  ),
  post_click_conversion_rate: rate(0.035, 'conversions per click for an average person (denominator: clicks); Unbounce Conversion Benchmark Report: median landing-page conversion 4.3%, WordStream cross-industry 2–6%'),
  view_through_rate: rate(0.0004, 'view-through conversions per impression without a click for an average person (denominator: non-clicked impressions); lower than post-click by construction'),
  view_through_window_days: int(1, 30, 1, 'view-through window: a view-through conversion follows its impression within this many days (IAB/MRC and Meta default: 1 day)'),
  click_window_days: int(1, 90, 7, 'post-click window: a post-click conversion follows its click within this many days (Google Ads / Meta default: 7 days)'),
  incremental_effect: perKey(
    CHANNELS,
    { email: 1, social: 1, display: 1, video: 1, ctv: 1 },
    0,
    10,
    "the true incremental effect by channel: a multiplier of the conversions an exposure on that channel causes (post-click and view-through; denominator: the configured rates above). 1 leaves the benchmark rates as they are; 0 makes a channel's ads cause nothing (every conversion after them organic), e.g. to test whether a method credits an ineffective channel",
    'a number from 0 to 10 per channel',
  ),
  organic_conversion_rate: rate(
    0.012,
    "organic conversions (purchases of the campaign's offer without the ads' help) per audience member per flight at propensity 0.5 outside the target segment (denominator: assigned individuals, treatment and control alike); scaled by propensity, target segment and goal like ad-driven conversions. chosen so the true relative lift of the treatment groups (≈ 9%) lies between the median lower-funnel (purchase) lift of 6% and mid-funnel lift of 19% over 663 Facebook RCTs (Gordon, Moakler & Zettelmeyer 2022, arXiv:2201.07055)",
  ),
  target_multiplier: num(1, 10, 2, 'conversion odds of a person in the campaign’s target segment relative to a non-target person (≥ 1.5 per the campaign-response requirement)'),
  goal_multiplier: perKey(CAMPAIGN_GOALS, { awareness: 0.7, consideration: 0.9, conversion: 1.3, retention: 1 }, 0, 5, 'conversion-rate multiplier by campaign goal (awareness campaigns convert least, conversion campaigns most)', 'a number from 0 to 5 per goal'),
  order_value: perKey(INCOME_BRACKETS, DEFAULT_ORDER_VALUE, 1, 100_000, 'median order value in dollars by household income bracket (log-normal, σ 0.6); scaled from BLS Consumer Expenditure Survey 2023 Table 1101', 'a number from 1 to 100,000 per bracket'),
  attribution_models: meta(
    z.array(z.enum(ATTRIBUTION_MODELS)).default([...ATTRIBUTION_MODELS]),
    'attribution models; every conversion is scored under each of them (outcome_metrics: one row per conversion, model and touchpoint)',
    `a non-empty subset of ${ATTRIBUTION_MODELS.join(', ')} without repeats`,
  ),
  attribution_lookback_days: int(
    1,
    90,
    28,
    "attribution lookback window: impressions and clicks at most this many days before a conversion are its touchpoints in outcome_metrics, and the last of them names response_events.attributed_campaign_id (none ⇒ organic) (Meta's attribution windows are 1, 7 or 28 days, 28-day click its long-standing default; Google Ads conversion windows 1–90 days, default 30)",
  ),
  normalize_weights: normalizeWeights,
});
