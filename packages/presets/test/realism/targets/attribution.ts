/** Realism targets of attribution (outcome_metrics; see docs/realism.md). */
import type { RealismTarget } from './types.js';

const AREA = 'attribution';
const SOURCE = 'issue 12 (every conversion has a full set of rows for every model, weights summing to 1)';

export const ATTRIBUTION_TARGETS: readonly RealismTarget[] = [
  {
    id: 'attribution.weight_sum_deviation',
    area: AREA,
    target: 'weights sum to 1 for every (conversion, model): largest deviation ≤ 1e-9',
    source: SOURCE,
    sql: `SELECT max(abs(s - 1)) AS value FROM (SELECT response_id, attribution_model, sum(attribution_weight) AS s FROM outcome_metrics GROUP BY ALL)`,
    min: 0,
    max: 1e-9,
    format: 'number',
  },
  {
    id: 'attribution.every_model',
    area: AREA,
    target: 'every conversion with a touchpoint is scored under all five default models',
    source: SOURCE,
    sql: `SELECT avg((n = 5)::INT) AS value FROM (SELECT response_id, count(DISTINCT attribution_model) AS n FROM outcome_metrics GROUP BY response_id)`,
    min: 1,
    max: 1,
    format: 'percent',
  },
  {
    id: 'attribution.exposed_conversions_scored',
    area: AREA,
    target: 'conversions that follow an impression within the 28-day lookback have outcome rows (all of them)',
    source: 'campaigns.attribution_lookback_days (default 28: Meta 28-day click, Google Ads 30-day default windows)',
    sql: `SELECT avg((r.response_id IN (SELECT response_id FROM outcome_metrics))::INT) AS value
      FROM response_events r JOIN campaign_exposures x USING (exposure_id)
      WHERE r.response_type = 'conversion' AND r.response_ts BETWEEN x.exposure_ts AND x.exposure_ts + INTERVAL 28 DAY`,
    min: 1,
    max: 1,
    format: 'percent',
  },
  {
    id: 'attribution.cross_campaign_journeys',
    area: AREA,
    target: "scored conversions whose journey holds touchpoints of ≥ 2 of the advertiser's campaigns: 10–90%",
    source: 'issue 12 (models must be comparable per campaign: journeys span the campaigns of one advertiser, campaigns.campaigns_per_advertiser default 4)',
    sql: `SELECT avg((n >= 2)::INT) AS value FROM (SELECT response_id, count(DISTINCT campaign_id) AS n FROM outcome_metrics GROUP BY response_id)`,
    min: 0.1,
    max: 0.9,
    format: 'percent',
  },
  {
    id: 'attribution.models_disagree',
    area: AREA,
    target: 'campaigns whose credited conversions differ between last_touch and first_touch (by > 0.5): at least half',
    source: 'issue 12 (a team comparing last-touch with first-touch or linear per campaign must see different totals)',
    sql: `SELECT avg((abs(l - f) > 0.5)::INT) AS value FROM (
      SELECT campaign_id, sum(attribution_weight) FILTER (WHERE attribution_model = 'last_touch') AS l,
             sum(attribution_weight) FILTER (WHERE attribution_model = 'first_touch') AS f
      FROM outcome_metrics GROUP BY campaign_id)`,
    min: 0.5,
    max: 1,
    format: 'percent',
  },
];
