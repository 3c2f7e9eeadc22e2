/** Realism targets of the campaigns area (see docs/realism.md). */
import type { RealismTarget } from './types.js';

const AREA = 'campaigns';
/** Clicks per impression of one channel. */
const ctr = (channel: string, min: number, max: number, source: string, target: string): RealismTarget => ({
  id: `campaigns.ctr_${channel}`,
  area: AREA,
  target,
  source,
  sql: `SELECT sum(clicks)::DOUBLE / sum(frequency) AS value FROM campaign_exposures WHERE channel = '${channel}'`,
  min,
  max,
  format: 'percent',
});
/** Conversions per audience member (both arms) in targeted campaigns, by target-segment membership. */
const conversionsPerMember = (inTarget: boolean) => `(SELECT count(r.response_id)::DOUBLE / count(DISTINCT a.assignment_id)
    FROM campaign_assignments a JOIN campaigns c USING (campaign_id)
    LEFT JOIN response_events r ON r.individual_id = a.individual_id AND r.campaign_id = a.campaign_id AND r.response_type = 'conversion'
    WHERE c.target_segment[1] <> 'all' AND a.in_target_segment = ${inTarget})`;
/** Conversions per audience member of one arm, over all campaigns (observable tables only). */
const armRate = (arm: string) => `(SELECT count(r.response_id)::DOUBLE / count(DISTINCT a.assignment_id)
    FROM campaign_assignments a LEFT JOIN response_events r ON r.individual_id = a.individual_id AND r.campaign_id = a.campaign_id AND r.response_type = 'conversion'
    WHERE a.assignment = '${arm}')`;
const LIFT_SOURCE = 'Gordon, Moakler & Zettelmeyer 2022 (663 Facebook RCTs): median lift 6% for purchases (lower funnel), 19% mid funnel';
const spendRatio = (agg: 'min' | 'max') =>
  `SELECT ${agg}(s.spend / c.budget) AS value FROM campaigns c JOIN (SELECT campaign_id, sum(cost) AS spend FROM campaign_exposures GROUP BY campaign_id) s USING (campaign_id)`;

export const CAMPAIGNS_TARGETS: readonly RealismTarget[] = [
  {
    id: 'campaigns.spend_budget_min',
    area: AREA,
    target: 'every campaign spends at least 90% of its budget (lowest spend / budget)',
    source: 'issue 12: paced delivery spends 90–100% of budget (here the planned cost; budget = planned cost + a 2–8% reserve)',
    sql: spendRatio('min'),
    min: 0.9,
    max: 1,
    format: 'percent',
  },
  {
    id: 'campaigns.spend_budget_max',
    area: AREA,
    target: 'no campaign spends more than its budget (highest spend / budget)',
    source: 'issue 12: paced delivery spends 90–100% of budget (here the planned cost; budget = planned cost + a 2–8% reserve)',
    sql: spendRatio('max'),
    min: 0.9,
    max: 1,
    format: 'percent',
  },
  ctr('email', 0.01, 0.04, 'Mailchimp Email Marketing Benchmarks (average click rate 2.6%)', 'email clicks per delivered message 1–4%'),
  ctr('social', 0.005, 0.015, 'WordStream Facebook Ads Benchmarks 2023 (average CTR 0.9%)', 'social click-through 0.5–1.5%'),
  ctr('display', 0.0005, 0.003, 'Google / DoubleClick display benchmarks (standard display ≈ 0.1%)', 'display click-through 0.05–0.3%'),
  ctr('video', 0.003, 0.01, 'Google / DoubleClick in-stream video benchmarks (≈ 0.5%)', 'online video click-through 0.3–1%'),
  ctr('ctv', 0, 0.0001, 'CTV ads are not clickable (IAB CTV Advertising Playbook)', 'CTV ≈ 0 clicks'),
  {
    id: 'campaigns.post_click_conversion',
    area: AREA,
    target: 'post-click conversion 2–6% of clicks',
    source: 'Unbounce Conversion Benchmark Report (median landing-page conversion 4.3%)',
    // ad-caused conversions only (organic purchases of clickers are not caused by the click)
    sql: `SELECT sum(post_click_conversions)::DOUBLE / sum(clicks) AS value FROM truth_assignment_outcomes`,
    min: 0.02,
    max: 0.06,
    format: 'percent',
  },
  {
    id: 'campaigns.view_through_rate',
    area: AREA,
    target: 'view-through conversions per non-clicked impression well below post-click conversions per click (ratio < 0.05)',
    source: 'issue 12: view-through at a lower rate than post-click',
    sql: `SELECT (sum(view_through_conversions)::DOUBLE / sum(impressions) FILTER (WHERE clicks = 0)) / (sum(post_click_conversions)::DOUBLE / sum(clicks)) AS value
      FROM truth_assignment_outcomes`,
    min: 0.001,
    max: 0.05,
  },
  {
    id: 'campaigns.targeted_conversion_ratio',
    area: AREA,
    target: 'in targeted campaigns a target-segment member converts at ≥ 1.5× a non-target member',
    source: 'issue 12 (targeting effect; default target_multiplier 2)',
    sql: `SELECT ${conversionsPerMember(true)} / ${conversionsPerMember(false)} AS value`,
    min: 1.5,
    max: 4,
  },
  {
    id: 'campaigns.order_value_income_ratio',
    area: AREA,
    target: 'conversions of $150k+ households are worth 1.5–3.5× those of <$25k households',
    source: 'BLS Consumer Expenditure Survey 2023, Table 1101 (spending by income quintile)',
    sql: `SELECT avg(value) FILTER (WHERE h.income_bracket = '150k+') / avg(value) FILTER (WHERE h.income_bracket = '<25k') AS value
      FROM response_events r JOIN households h USING (household_id) WHERE r.response_type = 'conversion'`,
    min: 1.5,
    max: 3.5,
  },
  {
    id: 'campaigns.mean_frequency',
    area: AREA,
    target: 'mean impressions per reached individual and campaign ≈ 3 (configured)',
    source: 'config campaigns.frequency.mean (industry planning norm of 3+ exposures)',
    sql: 'SELECT avg(frequency) AS value FROM campaign_exposures',
    min: 2.8,
    max: 3.2,
  },
  {
    id: 'campaigns.capped_share',
    area: AREA,
    target: 'the frequency cap binds for some reached individuals (1–15% at the cap)',
    source: 'issue 12 (heavy tail of frequent viewers)',
    sql: `SELECT avg((frequency = (SELECT max(frequency) FROM campaign_exposures))::INT) AS value FROM campaign_exposures`,
    min: 0.01,
    max: 0.15,
    format: 'percent',
  },
  {
    id: 'campaigns.control_exposures',
    area: AREA,
    target: 'control-group members are never exposed',
    source: 'issue 12 (randomized holdout, default 10%)',
    sql: `SELECT count(*) AS value FROM campaign_exposures x JOIN campaign_assignments a USING (assignment_id) WHERE a.assignment = 'control'`,
    min: 0,
    max: 0,
    format: 'number',
  },
  {
    id: 'campaigns.holdout_share',
    area: AREA,
    target: 'about 10% of each audience is held out (lowest and highest campaign within 8–12%)',
    source: 'config campaigns.holdout_share (default 10%)',
    sql: `SELECT CASE WHEN min(s) >= 0.08 AND max(s) <= 0.12 THEN avg(s) ELSE -1 END AS value
      FROM (SELECT avg((assignment = 'control')::INT) AS s FROM campaign_assignments GROUP BY campaign_id)`,
    min: 0.08,
    max: 0.12,
    format: 'percent',
  },
  {
    id: 'campaigns.true_relative_lift',
    area: AREA,
    target: 'true relative lift of the treatment groups (incremental / counterfactual conversions, truth_campaign_lift) 5–19%',
    source: LIFT_SOURCE,
    sql: 'SELECT sum(incremental_conversions)::DOUBLE / sum(counterfactual_conversions) AS value FROM truth_campaign_lift',
    min: 0.05,
    max: 0.19,
    format: 'percent',
  },
  {
    id: 'campaigns.measured_relative_lift',
    area: AREA,
    target: 'measured lift (treatment vs control conversion rate, all campaigns) 0–25%: the true lift within ≈ 2.5 standard errors at 20K households',
    source: LIFT_SOURCE,
    sql: `SELECT ${armRate('treatment')} / ${armRate('control')} - 1 AS value`,
    min: 0,
    max: 0.25,
    format: 'percent',
  },
  {
    id: 'campaigns.control_treatment_rate_ratio',
    area: AREA,
    target: 'control members convert at 80–100% of the treatment rate (organic conversions in both arms, the ads add the rest)',
    source: LIFT_SOURCE,
    sql: `SELECT ${armRate('control')} / ${armRate('treatment')} AS value`,
    min: 0.8,
    max: 1,
  },
];
