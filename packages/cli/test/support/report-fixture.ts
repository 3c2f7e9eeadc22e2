/**
 * A small identity-graph-shaped scenario for the report's tests: eight of the ten spec tables
 * with the spec's column names, a resolved-config-like `config` and
 * `extra.distributionTargets`, so every report section has data without the preset.
 * Test support only; not exported from the package.
 */
import {
  array,
  bernoulli,
  concat,
  days,
  greatest,
  hours,
  intBetween,
  least,
  normal,
  nullOf,
  pick,
  poisson,
  scenario,
  steps,
  t,
  timestampIn,
  toScaled,
  uniform,
  when,
} from '@synthgraph/core';

/**
 * Income bracket weights of the fixture (configured in `config.households.income_brackets`).
 *
 * @example
 * ```ts
 * FIXTURE_INCOME['<25k']; // 0.2
 * ```
 */
export const FIXTURE_INCOME = { '<25k': 0.2, '25-50k': 0.25, '50-75k': 0.2, '75-150k': 0.25, '150k+': 0.1 } as const;
/**
 * Gender weights (configured in `extra.distributionTargets`).
 *
 * @example
 * ```ts
 * FIXTURE_GENDER.female; // 0.49
 * ```
 */
export const FIXTURE_GENDER = { female: 0.49, male: 0.48, non_binary: 0.02, undisclosed: 0.01 } as const;
/**
 * Identifier type weights (configured in `config.demographics.identifier_types`).
 *
 * @example
 * ```ts
 * FIXTURE_IDENTIFIERS.ctv_id; // 0.08
 * ```
 */
export const FIXTURE_IDENTIFIERS = { email_hash: 0.25, cookie_id: 0.3, mobile_ad_id: 0.2, device_id: 0.1, ctv_id: 0.08, ip_address: 0.07 } as const;
/**
 * Engagement type weights (configured in `config.engagement.engagement_types`).
 *
 * @example
 * ```ts
 * FIXTURE_ENGAGEMENT.view; // 0.55
 * ```
 */
export const FIXTURE_ENGAGEMENT = { view: 0.55, click: 0.2, share: 0.05, like: 0.15, comment: 0.05 } as const;

const DIURNAL = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 2.5, 2, 1.8, 1.8, 2, 1.8, 1.6, 1.6, 1.8, 2.2, 3, 3.6, 3.8, 3.2, 2.4, 1.6];
const WEEKLY = [1, 1, 1, 1, 1.1, 1.5, 1.4];
const MONTHLY = [1, 0.9, 1, 1, 1, 0.9, 0.9, 1, 1, 1.1, 1.3, 1.6];

/**
 * The fixture scenario with `households` households (about 2.5 individuals each).
 *
 * @example
 * ```ts
 * const manifest = await generate(reportFixture(300), duckdb({ out }), { seed: 7 });
 * ```
 */
export function reportFixture(households = 300) {
  return scenario('report-fixture')
    .meta({
      config: {
        run: { seed: 7, target: 'local', mode: 'replace' },
        households: { num_households: households, size: { mean: 2.5, std_dev: 1.2, min: 1, max: 5 }, income_brackets: { ...FIXTURE_INCOME } },
        demographics: { age_range: { min: 18, max: 90 }, identifiers_per_person: { mean: 4 }, identifier_types: { ...FIXTURE_IDENTIFIERS } },
        engagement: { period_days: 365, end_date: '2026-01-01', temporal_pattern: 'seasonal', events_per_session: 3, engagement_types: { ...FIXTURE_ENGAGEMENT } },
        audience: {},
        campaigns: { num_campaigns: 4, reach: 0.3 },
      },
      manifestExtra: { distributionTargets: { 'individuals.gender': { weights: { ...FIXTURE_GENDER } } } },
    })
    .entity('households', (e) =>
      e
        .rows(households)
        .key('household_id')
        .column('location_city', t.string(), () => pick({ Austin: 2, Chicago: 3, 'New York': 4, Denver: 1 }))
        .column('location_state', t.string(), (c) => when(c.col('location_city').eq('Austin'), 'TX').when(c.col('location_city').eq('Chicago'), 'IL').when(c.col('location_city').eq('Denver'), 'CO').otherwise('NY'))
        .column('location_zip', t.string(), () => pick(['10001', '60601', '73301', '80202']))
        .column('time_zone', t.string(), (c) => when(c.col('location_state').eq('NY'), 'America/New_York').when(c.col('location_state').eq('CO'), 'America/Denver').otherwise('America/Chicago'))
        .column('income_bracket', t.string(), () => pick({ ...FIXTURE_INCOME }))
        .column('household_size', t.int(), () => greatest(1, least(5, normal(2.5, 1.2).floor())))
        .column('num_children', t.int(), () => pick([0, 0, 1, 2]))
        .column('housing_type', t.string(), () => pick({ house: 6, apartment: 3, condo: 1 }))
        .column('created_at', t.timestamp(), () => timestampIn({ start: '2024-01-01', days: 365 })),
    )
    .entity('individuals', (e) =>
      e
        .childrenOf('households', { count: (p) => p.col('household_size'), max: 10 })
        .key('individual_id')
        .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
        .column('household_role', t.string(), () => pick({ householder: 5, partner: 3, adult_child: 2 }))
        .column('age', t.int(), () => greatest(18, least(90, normal(44, 16).floor())))
        .column('gender', t.string(), () => pick({ ...FIXTURE_GENDER }))
        .column('education_level', t.string(), () => pick({ high_school: 4, bachelor: 3, master: 2, doctorate: 1 }))
        .column('employment_status', t.string(), (c) => when(c.col('age').ge(67), 'retired').otherwise(pick({ employed: 7, unemployed: 1, student: 1 })))
        .column('income_individual', t.decimal(12, 2), () => toScaled(uniform(10000, 150000), 2))
        .column('created_at', t.timestamp(), (c) => c.parent.col('created_at'))
        .foreignKey('household_id', 'households'),
    )
    .entity('identity_mappings', (e) =>
      e
        .childrenOf('individuals', { count: () => poisson(2).plus(2), max: 15 })
        .key('mapping_id')
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
        .column('identifier_type', t.string(), () => pick({ ...FIXTURE_IDENTIFIERS }))
        .column('identifier_value', t.string(), (c) =>
          // Household-shared devices: one CTV and one IP per household.
          when(c.col('identifier_type').eq('ctv_id'), concat('ctv-', c.parent.col('household_id').str()))
            .when(c.col('identifier_type').eq('ip_address'), concat('10.0.', c.parent.col('household_id').str()))
            .otherwise(concat(c.col('identifier_type'), '-', c.key().str())),
        )
        .column('first_seen', t.timestamp(), () => timestampIn({ start: '2024-06-01', days: 180 }))
        .column('last_seen', t.timestamp(), (c) => c.col('first_seen').plus(intBetween(0, 300).times(days(1))))
        .column('active', t.boolean(), () => bernoulli(0.8))
        .column('confidence_score', t.double(), () => uniform(0.5, 1))
        .column('is_primary', t.boolean(), (c) => c.index().eq(0))
        .foreignKey('individual_id', 'individuals')
        .ordered('first_seen', 'last_seen'),
    )
    .entity('content_engagements', (e) =>
      e
        .childrenOf('individuals', { count: () => poisson(6), max: 32 })
        .key('event_id')
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
        .column('identifier_type', t.string(), () => pick(['cookie_id', 'mobile_ad_id', 'ctv_id']))
        .column('identifier_value', t.string(), (c) => concat(c.col('identifier_type'), '-', c.parent.col('individual_id').str()))
        // Half the events are on the session's own item, so some reactions follow a view of it.
        .column('content_id', t.string(), (c) => when(bernoulli(0.5), concat('s-', c.key().idiv(3).str())).otherwise(concat('c-', intBetween(1, 500).str())))
        .column('content_category', t.string(), () => pick({ news: 3, sports: 2, drama: 2, comedy: 2, kids: 1 }))
        .column('engagement_type', t.string(), () => pick({ ...FIXTURE_ENGAGEMENT }))
        .column('event_ts', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 365, hourly: DIURNAL, weekly: WEEKLY, monthly: MONTHLY }))
        .column('duration_seconds', t.int(), (c) => when(c.col('engagement_type').eq('view'), intBetween(5, 3600)).otherwise(nullOf(t.int())))
        .column('device_type', t.string(), () => pick({ mobile: 5, desktop: 3, ctv: 2 }))
        .column('session_id', t.string(), (c) => concat('s-', c.key().idiv(3).str()))
        .foreignKey('individual_id', 'individuals'),
    )
    .entity('audience_attributes', (e) =>
      e
        .childrenOf('individuals', { count: () => 1, max: 1 })
        .key('attribute_id')
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
        .column('segment_primary', t.string(), (c) => steps(c.parent.col('age'), [30, 55], ['young_streamers', 'family_viewers', 'mature_loyalists']))
        .column('propensity_to_convert', t.double(), () => uniform(0, 1))
        .foreignKey('individual_id', 'individuals'),
    )
    .entity('campaigns', (e) =>
      e
        .rows(4)
        .key('campaign_id')
        .column('campaign_name', t.string(), (c) => concat('Campaign ', c.key().str()))
        .column('start_date', t.timestamp(), () => timestampIn({ start: '2025-03-01', days: 30 }))
        .column('end_date', t.timestamp(), (c) => c.col('start_date').plus(intBetween(14, 60).times(days(1))))
        .column('channels', t.array(t.string()), () => array('email', 'ctv'))
        .column('budget', t.decimal(14, 2), () => toScaled(uniform(1000, 50000), 2))
        .column('goal', t.string(), () => pick(['awareness', 'conversion'])),
    )
    .entity('campaign_exposures', (e) =>
      e
        .crossOf('individuals', 'campaigns', { keep: (c) => bernoulli(0.3).or(c.left.col('age').lt(30).and(bernoulli(0.2))) })
        .key('exposure_id')
        .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
        .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'))
        .column('exposure_ts', t.timestamp(), (c) => c.right.col('start_date').plus(intBetween(0, 13).times(days(1))))
        .column('channel', t.string(), () => pick(['email', 'ctv']))
        .column('frequency', t.int(), () => intBetween(1, 10))
        .column('placement', t.string(), () => pick(['pre-roll', 'banner', 'inbox']))
        .column('cost', t.decimal(12, 4), () => toScaled(uniform(0, 0.05), 4))
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns'),
    )
    .entity('response_events', (e) =>
      e
        .childrenOf('campaign_exposures', { count: () => when(bernoulli(0.25), 1).otherwise(0), max: 1 })
        .key('response_id')
        .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
        .column('campaign_id', t.bigint(), (c) => c.parent.col('campaign_id'))
        .column('exposure_id', t.bigint(), (c) => c.parent.col('exposure_id'))
        .column('response_type', t.string(), () => pick({ click: 5, engagement: 3, conversion: 2 }))
        .column('exposure_ts', t.timestamp(), (c) => c.parent.col('exposure_ts'))
        .column('response_ts', t.timestamp(), (c) => c.col('exposure_ts').plus(intBetween(1, 96).times(hours(1))))
        .column('time_to_conversion_hours', t.double(), (c) => c.col('response_ts').minus(c.col('exposure_ts')).div(hours(1)))
        .column('value', t.decimal(12, 2), (c) => when(c.col('response_type').eq('conversion'), toScaled(uniform(5, 200), 2)).otherwise(nullOf(t.decimal(12, 2))))
        .foreignKey('individual_id', 'individuals')
        .foreignKey('campaign_id', 'campaigns')
        .foreignKey('exposure_id', 'campaign_exposures')
        .ordered('exposure_ts', 'response_ts'),
    );
}
