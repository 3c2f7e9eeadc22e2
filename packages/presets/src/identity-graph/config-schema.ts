/**
 * The identity-graph configuration: six steps (run, households, demographics, engagement,
 * audience, campaigns), each a strict zod object whose fields carry their allowed range and a
 * description (also exported as JSON Schema). Defaults describe a realistic US market.
 *
 * Rules that involve several fields (weights summing to 1, min ≤ max, segments naming existing
 * categories, age plausibility) live in `config-validation.ts`, which reports them as issues
 * with path, value, allowed range and fix.
 */
import { z } from 'zod';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  GENDERS,
  HOUSING_TYPES,
  IDENTIFIER_TYPES,
  INCOME_BRACKETS,
  PERSONAL_TYPES,
  TEMPORAL_PATTERNS,
  US_REGIONS,
} from './vocabulary.js';

import { campaignsStep } from './config-campaigns.js';
import { identityLinksField } from './config-identity.js';
import { childrenField, couplesField, householdSizeField } from './config-households.js';
import { DATE, int, MAX_BATCH, MAX_EVENTS_PER_PERSON, meta, name, normalizeWeights, num, weight, weights } from './config-fields.js';

import { resolutionStep } from './resolution-config.js';

export { campaignsStep } from './config-campaigns.js';

export { MAX_BATCH, MAX_EVENTS_PER_PERSON, MAX_HOUSEHOLDS_PER_BATCH, type FieldMeta } from './config-fields.js';

// ---------------------------------------------------------------- run

/**
 * Step 1 — how and where to run.
 *
 * @example
 * ```ts
 * runStep.parse({ batch: 1 }).mode; // 'replace'
 * ```
 */
export const runStep = z.strictObject({
  seed: meta(z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(), 'the seed: same seed and config ⇒ identical tables (the CLI picks and prints one when absent)', 'an integer from 0 to 2^53-1'),
  target: meta(
    z
      .string()
      .regex(/^(local|[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)$/, "must be 'local' or catalog.schema")
      .default('local'),
    "where tables go: 'local' (DuckDB / Parquet files) or a Databricks 'catalog.schema'",
    "'local' or catalog.schema",
  ),
  table_prefix: meta(
    z
      .string()
      .regex(/^([a-z][a-z0-9_]{0,29})?$/, 'must be empty or lower_snake_case')
      .default(''),
    'prefix of every table name, to keep several runs apart in one schema (applied by the engine / CLI)',
    'empty or lower_snake_case, up to 30 characters',
  ),
  mode: meta(z.enum(['replace', 'append']).default('replace'), "'replace' writes new tables; 'append' adds this run as a new batch to existing ones", "'replace' or 'append'"),
  batch: int(0, MAX_BATCH, 0, 'batch index: batch b owns its own household and campaign key ranges, so appended batches never collide (use a new index for every append)'),
});

// ---------------------------------------------------------------- households

/**
 * Step 2 — households.
 *
 * @example
 * ```ts
 * householdsStep.parse({}).num_households; // 10000
 * ```
 */
export const householdsStep = z.strictObject({
  num_households: int(1, Number.MAX_SAFE_INTEGER, 10_000, 'number of households of this batch (1,000–10,000,000 is the supported range; smaller runs are for tests, larger ones are warned about)'),
  household_size: householdSizeField,
  children: childrenField,
  couples: couplesField,
  income_brackets: weights(INCOME_BRACKETS, { '<25k': 0.18, '25k-50k': 0.2, '50k-100k': 0.29, '100k-150k': 0.15, '150k+': 0.18 }, 'share of households in each annual income bracket (US ACS 2022 by default)'),
  housing_types: weights(HOUSING_TYPES, { single_family: 0.63, apartment: 0.26, townhouse: 0.06, mobile_home: 0.05 }, 'share of households by housing type (tilted by income and size, marginal kept)'),
  location: meta(
    z
      .strictObject({
        states: meta(z.record(z.string(), z.number().min(0)).optional(), 'weights by state code (e.g. { "CA": 0.5, "NY": 0.5 })', 'US state codes (and DC) with weights summing to 1'),
        regions: meta(
          z.strictObject(Object.fromEntries(Object.keys(US_REGIONS).map((r) => [r, weight(`weight of the ${r} region`)])) as Record<keyof typeof US_REGIONS, ReturnType<typeof weight>>).optional(),
          'weights by census region (northeast, midwest, south, west)',
          'weights summing to 1',
        ),
      })
      .default({}),
    'where households are: by default every residential US ZIP (a populated Census ZCTA: no PO-box, unique-organisation, military or inactive ZIP) weighted by its residential population, states at their 2020 Census shares; states or regions reweight the states (not both), ZIPs within a state keep their population weights',
    'at most one of states / regions',
  ),
  normalize_weights: normalizeWeights,
});

// ---------------------------------------------------------------- demographics

/**
 * Step 3 — demographics of individuals and their identifiers.
 *
 * @example
 * ```ts
 * demographicsStep.parse({}).age.max; // 95
 * ```
 */
export const demographicsStep = z.strictObject({
  age: meta(
    z
      .strictObject({
        min: int(18, 100, 18, 'youngest adult'),
        max: int(18, 100, 95, 'oldest adult'),
        distribution: meta(z.enum(['census', 'uniform', 'normal']).default('census'), "householder age shape: US census adults, uniform, or normal(mean, std_dev)", "'census', 'uniform' or 'normal'"),
        mean: num(18, 100, 47, "mean age when distribution is 'normal'"),
        std_dev: num(1, 40, 17, "standard deviation when distribution is 'normal'"),
      })
      .default({ min: 18, max: 95, distribution: 'census', mean: 47, std_dev: 17 }),
    'age range (within 18–100) and distribution of the householder; other members follow (partners of similar age, adult children 20–38 years younger)',
    '18 ≤ min < max ≤ 100',
  ),
  gender: weights(GENDERS, { female: 0.508, male: 0.482, non_binary: 0.007, undisclosed: 0.003 }, 'share of individuals by gender'),
  education: weights(
    EDUCATION_LEVELS,
    { less_than_high_school: 0.09, high_school: 0.27, some_college: 0.16, associate: 0.1, bachelor: 0.23, master: 0.11, doctorate: 0.04 },
    'share of individuals by highest education (correlated with age and income; marginal kept)',
  ),
  employment: weights(
    EMPLOYMENT_STATUSES,
    { full_time: 0.45, part_time: 0.1, self_employed: 0.065, unemployed: 0.03, student: 0.04, retired: 0.205, not_in_labor_force: 0.11 },
    'share of adults by employment status; the age shape follows BLS CPS table 3 (students at 18–24, retirement from 62), the marginal is kept',
  ),
  identifiers_per_person: meta(
    z
      .strictObject({
        mean: num(2, 15, 6, 'mean number of identifiers per individual'),
        min: int(2, 15, 2, 'fewest identifiers per individual'),
        max: int(2, 15, 15, 'most identifiers per individual'),
      })
      .default({ mean: 6, min: 2, max: 15 }),
    'identifiers per individual: min + Poisson, clamped to [min, max], mean matched exactly',
    '2 ≤ min ≤ mean ≤ max ≤ 15',
  ),
  identifier_types: weights(
    IDENTIFIER_TYPES,
    { email_hash: 0.17, cookie_id: 0.22, mobile_ad_id: 0.11, device_id: 0.11, ctv_id: 0.08, ip_address: 0.25, phone_hash: 0.06 },
    'share of identity mappings by identifier type (ctv_id and home IPs are shared within a household; a household has one home IP per DHCP lease)',
  ),
  primary_identifier: meta(z.enum(PERSONAL_TYPES).default('email_hash'), 'type of the one primary identifier of every individual', PERSONAL_TYPES.join(', ')),
  identity_links: identityLinksField,
  normalize_weights: normalizeWeights,
});

// ---------------------------------------------------------------- engagement

/**
 * Step 4 — content engagement.
 *
 * @example
 * ```ts
 * engagementStep.parse({}).end_date; // '2026-01-01'
 * ```
 */
export const engagementStep = z.strictObject({
  end_date: meta(z.string().regex(DATE, 'must be YYYY-MM-DD').default('2026-01-01'), 'reference date (UTC midnight, exclusive end of the window): never the wall clock, so runs are reproducible', 'a date YYYY-MM-DD from 2000-01-01 to 2100-01-01'),
  time_period_days: int(7, 730, 90, 'length of the engagement window ending at end_date'),
  events_per_person: meta(
    z
      .strictObject({
        mean: num(1, 500, 25, 'mean engagement events per individual'),
        distribution: meta(z.enum(['poisson', 'normal', 'power_law', 'lognormal']).default('lognormal'), 'shape of events per individual', "'poisson', 'normal', 'power_law' or 'lognormal'"),
        std_dev: num(0, 500, 15, "standard deviation when distribution is 'normal'"),
        log_sd: num(0.1, 3, 1.1, "σ of the log of events when distribution is 'lognormal' (1.1: 2–5% of people with one event, top 1% of people make ≈ 10% of events)"),
        max: int(1, MAX_EVENTS_PER_PERSON, 2000, 'most events of one individual (heavy-tail cap)'),
      })
      .default({ mean: 25, distribution: 'lognormal', std_dev: 15, log_sd: 1.1, max: 2000 }),
    'events per individual: at least 1, at most max, mean matched exactly',
    `mean 1–500, max ≥ mean, max ≤ ${MAX_EVENTS_PER_PERSON}`,
  ),
  events_per_session: num(1, 50, 5, "mean events of a full session (a person's sessions hold 2 to 2·mean − 2 events, minutes apart on one identifier; the last may be cut short)"),
  content_categories: meta(
    z
      .record(z.string(), z.number().min(0))
      .default({ news: 0.14, sports: 0.13, entertainment: 0.2, music: 0.1, gaming: 0.08, lifestyle: 0.1, technology: 0.08, food: 0.07, travel: 0.05, finance: 0.05 }),
    'content categories and their share of engagements',
    '1–30 lower_snake_case names with weights summing to 1',
  ),
  engagement_types: weights(['view', 'click', 'share', 'like', 'comment'] as const, { view: 0.55, click: 0.2, share: 0.05, like: 0.13, comment: 0.07 }, 'share of engagements by type'),
  temporal_pattern: meta(
    z.enum(TEMPORAL_PATTERNS).default('seasonal'),
    "'uniform' (flat), 'daily' (diurnal), 'weekly' (diurnal + weekend lift), 'seasonal' (diurnal + weekly + holiday peak)",
    TEMPORAL_PATTERNS.join(', '),
  ),
  interest_strength: num(0, 0.95, 0.45, "share of an individual's events in their primary interest (the rest follows the category weights)"),
  content_catalog_size: int(10, 1_000_000, 2_000, 'content items per category (popularity is power-law)'),
  normalize_weights: normalizeWeights,
});

/**
 * A segment definition.
 *
 * @example
 * ```ts
 * segmentSchema.parse({ name: 'fans', categories: ['sports'] }).min_affinity; // 0.5
 * ```
 */
export const segmentSchema = z.strictObject({
  name: name('segment name'),
  categories: meta(z.array(z.string()).default([]), 'content categories whose affinity qualifies (empty: demographics only)', 'names of configured content categories'),
  min_affinity: num(0, 1, 0.5, 'smallest affinity (share of engagements relative to the top category) in one of the categories'),
  age_min: meta(z.int().min(18).max(100).optional(), 'youngest member', 'an integer from 18 to 100'),
  age_max: meta(z.int().min(18).max(100).optional(), 'oldest member', 'an integer from 18 to 100'),
  income_brackets: meta(z.array(z.enum(INCOME_BRACKETS)).optional(), 'household income brackets that qualify', INCOME_BRACKETS.join(', ')),
  genders: meta(z.array(z.enum(GENDERS)).optional(), 'genders that qualify', GENDERS.join(', ')),
});
/** A segment definition. */
export type SegmentConfig = z.output<typeof segmentSchema>;

/**
 * The default segments (evaluated in order; the first match is the primary segment).
 *
 * @example
 * ```ts
 * DEFAULT_SEGMENTS[0]; // {"name":"sports_fans","categories":["sports"],"min_affinity":0.6}
 * ```
 */
export const DEFAULT_SEGMENTS: readonly z.input<typeof segmentSchema>[] = [
  { name: 'sports_fans', categories: ['sports'], min_affinity: 0.6 },
  { name: 'gamers', categories: ['gaming'], min_affinity: 0.5, age_max: 44 },
  { name: 'news_junkies', categories: ['news', 'finance'], min_affinity: 0.6, age_min: 30 },
  { name: 'affluent_travelers', categories: ['travel', 'food', 'lifestyle'], min_affinity: 0.4, income_brackets: ['100k-150k', '150k+'] },
  { name: 'tech_enthusiasts', categories: ['technology'], min_affinity: 0.5 },
  { name: 'entertainment_seekers', categories: ['entertainment', 'music'], min_affinity: 0.6 },
  { name: 'young_professionals', categories: [], age_min: 25, age_max: 39, income_brackets: ['50k-100k', '100k-150k', '150k+'] },
];

// ---------------------------------------------------------------- audience

/**
 * Step 5 — audience segments, behaviour classes and the propensity model.
 *
 * @example
 * ```ts
 * audienceStep.parse({}).segments.length; // 7
 * ```
 */
export const audienceStep = z.strictObject({
  segments: meta(
    z.array(segmentSchema).default(() => DEFAULT_SEGMENTS.map((s) => segmentSchema.parse(s))),
    "segments in priority order; an individual's primary segment is the first that matches ('general' when none), the others it matches are secondary",
    '1–30 segments with unique names (not general / all)',
  ),
  behavioral_thresholds: meta(
    z
      .strictObject({
        heavy_daily_events: num(0, 100, 1, 'events per day from which an individual is heavy'),
        regular_daily_events: num(0, 100, 0.2, 'events per day from which an individual is regular (below: light)'),
        lapsed_after_days: int(1, 730, 30, 'days without engagement before the end date after which an individual is lapsed'),
      })
      .default({ heavy_daily_events: 1, regular_daily_events: 0.2, lapsed_after_days: 30 }),
    'behavioural classification: lapsed, else heavy / regular / light by daily events',
    'heavy_daily_events > regular_daily_events',
  ),
  propensity_weights: weights(
    ['engagement', 'recency', 'income', 'age', 'affinity'] as const,
    { engagement: 0.3, recency: 0.2, income: 0.2, age: 0.1, affinity: 0.2 },
    'weights of the features of propensity_to_convert (each feature is scaled to 0–1)',
  ),
  propensity_noise: num(0, 1, 0.2, 'share of propensity that is individual noise rather than features'),
  normalize_weights: normalizeWeights,
});

/**
 * The whole configuration.
 *
 * @example
 * ```ts
 * identityGraphConfigSchema.parse({}).campaigns.num_campaigns; // 20
 * ```
 */
export const identityGraphConfigSchema = z.strictObject({
  run: runStep.prefault({}),
  households: householdsStep.prefault({}),
  demographics: demographicsStep.prefault({}),
  engagement: engagementStep.prefault({}),
  audience: audienceStep.prefault({}),
  campaigns: campaignsStep.prefault({}),
  resolution: resolutionStep.prefault({}),
});

/**
 * The six step names, in wizard order.
 *
 * @example
 * ```ts
 * STEP_NAMES[0]; // "run"
 * ```
 */
export const STEP_NAMES = ['run', 'households', 'demographics', 'engagement', 'audience', 'campaigns'] as const;
/** A step name. */
export type StepName = (typeof STEP_NAMES)[number];
/**
 * The schema of each step.
 *
 * @example
 * ```ts
 * STEP_SCHEMAS.households.safeParse({ num_households: 0 }).success; // false
 * ```
 */
export const STEP_SCHEMAS = { run: runStep, households: householdsStep, demographics: demographicsStep, engagement: engagementStep, audience: audienceStep, campaigns: campaignsStep } as const;

/** A resolved (validated, defaulted) configuration. */
export type IdentityGraphConfig = z.output<typeof identityGraphConfigSchema>;
/** What users write: every field optional, defaults fill the rest. */
export type IdentityGraphConfigInput = z.input<typeof identityGraphConfigSchema>;
/** A resolved step. */
export type StepConfig<S extends StepName> = z.output<(typeof STEP_SCHEMAS)[S]>;
/** A step as users write it. */
export type StepInput<S extends StepName> = z.input<(typeof STEP_SCHEMAS)[S]>;

/**
 * Weight-map fields checked to sum to 1, per step (path inside the step).
 *
 * @example
 * ```ts
 * WEIGHT_FIELDS["run"]; // []
 * ```
 */
export const WEIGHT_FIELDS: Readonly<Record<StepName, readonly string[]>> = {
  run: [],
  households: ['income_brackets', 'housing_types', 'location.states', 'location.regions'],
  demographics: ['gender', 'education', 'employment', 'identifier_types'],
  engagement: ['content_categories', 'engagement_types'],
  audience: ['propensity_weights'],
  campaigns: [],
};
