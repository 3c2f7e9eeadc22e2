/**
 * Configurations the integration tests run: the defaults and three clearly different markets.
 */
import type { IdentityGraphConfigInput } from '../src/index.js';

/** Retirement towns: small, older, lower-income households in three states; few events, a short daily-pattern window, two channels. */
export const RETIREMENT_TOWNS: IdentityGraphConfigInput = {
  households: {
    num_households: 10_000,
    household_size: { distribution: 'lognormal', mean: 1.7, std_dev: 0.8, min: 1, max: 5 },
    children: { share: 0.03, single_parent_share: 0.3 },
    couples: { share: 0.35, opposite_gender_share: 0.98 },
    income_brackets: { '<25k': 0.3, '25k-50k': 0.3, '50k-100k': 0.25, '100k-150k': 0.1, '150k+': 0.05 },
    housing_types: { single_family: 0.5, apartment: 0.2, townhouse: 0.1, mobile_home: 0.2 },
    location: { states: { FL: 0.5, AZ: 0.3, ME: 0.2 } },
  },
  demographics: {
    age: { min: 45, max: 100, distribution: 'normal', mean: 70, std_dev: 10 },
    education: { less_than_high_school: 0.15, high_school: 0.35, some_college: 0.2, associate: 0.08, bachelor: 0.14, master: 0.06, doctorate: 0.02 },
    employment: { full_time: 0.2, part_time: 0.1, self_employed: 0.05, unemployed: 0.02, student: 0, retired: 0.6, not_in_labor_force: 0.03 },
    identifiers_per_person: { mean: 3.5, min: 2, max: 8 },
    identifier_types: { email_hash: 0.35, cookie_id: 0.15, mobile_ad_id: 0.1, device_id: 0.1, ctv_id: 0.15, ip_address: 0.1, phone_hash: 0.05 },
  },
  engagement: {
    end_date: '2025-07-01',
    time_period_days: 30,
    events_per_person: { mean: 8, distribution: 'poisson', max: 60 },
    content_categories: { news: 0.4, finance: 0.2, travel: 0.2, food: 0.2 },
    engagement_types: { view: 0.8, click: 0.1, share: 0.02, like: 0.05, comment: 0.03 },
    temporal_pattern: 'daily',
  },
  audience: {
    segments: [
      { name: 'news_readers', categories: ['news'], min_affinity: 0.7 },
      { name: 'planners', categories: ['finance'], min_affinity: 0.5, income_brackets: ['50k-100k', '100k-150k', '150k+'] },
      { name: 'snowbirds', categories: ['travel', 'food'], min_affinity: 0.5 },
    ],
    propensity_weights: { engagement: 0.2, recency: 0.2, income: 0.4, age: 0.2, affinity: 0 },
  },
  campaigns: {
    num_campaigns: 5,
    duration_days: { min: 3, max: 20 },
    channels: ['email', 'ctv'],
    reach_percentage: 60,
    post_click_conversion_rate: 0.05,
    attribution_models: ['last_touch', 'linear'],
  },
};

/** Young urban digital natives: bigger shared households, many cookies, heavy normal engagement over half a year, 60 campaigns; weights given as percentages and normalized. */
export const YOUNG_URBAN: IdentityGraphConfigInput = {
  households: {
    num_households: 10_000,
    household_size: { distribution: 'lognormal', mean: 3.2, std_dev: 1.6, min: 1, max: 10 },
    income_brackets: { '<25k': 15, '25k-50k': 25, '50k-100k': 35, '100k-150k': 15, '150k+': 10 },
    location: { regions: { west: 60, northeast: 40 } },
    normalize_weights: true,
  },
  demographics: {
    age: { min: 18, max: 45, distribution: 'uniform' },
    gender: { female: 48, male: 48, non_binary: 3, undisclosed: 1 },
    education: { less_than_high_school: 5, high_school: 25, some_college: 30, associate: 10, bachelor: 22, master: 7, doctorate: 1 },
    employment: { full_time: 45, part_time: 20, self_employed: 8, unemployed: 7, student: 20, retired: 0, not_in_labor_force: 0 },
    identifiers_per_person: { mean: 11, min: 4, max: 15 },
    identifier_types: { email_hash: 10, cookie_id: 45, mobile_ad_id: 15, device_id: 15, ctv_id: 5, ip_address: 8, phone_hash: 2 },
    primary_identifier: 'mobile_ad_id',
    normalize_weights: true,
  },
  engagement: {
    end_date: '2024-06-15',
    time_period_days: 180,
    events_per_person: { mean: 45, distribution: 'normal', std_dev: 15, max: 150 },
    content_categories: { gaming: 3, music: 3, sports: 2, technology: 1, entertainment: 1 },
    engagement_types: { view: 40, click: 25, share: 10, like: 20, comment: 5 },
    temporal_pattern: 'weekly',
    normalize_weights: true,
  },
  audience: {
    segments: [
      { name: 'gamers', categories: ['gaming'], min_affinity: 0.6 },
      { name: 'music_lovers', categories: ['music'], min_affinity: 0.6, age_max: 30 },
      { name: 'fans', categories: ['sports'], min_affinity: 0.5, genders: ['male', 'non_binary'] },
      { name: 'students', categories: [], age_max: 24 },
    ],
    behavioral_thresholds: { heavy_daily_events: 0.3, regular_daily_events: 0.1, lapsed_after_days: 14 },
  },
  campaigns: {
    num_campaigns: 60,
    duration_days: { min: 14, max: 120 },
    channels: ['social', 'video', 'display'],
    reach_percentage: 15,
    post_click_conversion_rate: 0.02,
    holdout_share: 0.2,
    frequency: { mean: 4, cap: 8 },
    broad_targeting_share: 0.3,
  },
};

/** Two-year seasonal window with heavy-tailed engagement, 100 long campaigns, conversion-heavy responses — and batch 3 (offset key ranges). */
export const SEASONAL_BATCH3: IdentityGraphConfigInput = {
  run: { batch: 3 },
  households: { num_households: 10_000, household_size: { distribution: 'lognormal', mean: 2.6, std_dev: 1.2, min: 1, max: 7 } },
  demographics: { identifiers_per_person: { mean: 5, min: 2, max: 12 } },
  engagement: {
    end_date: '2025-01-01',
    time_period_days: 730,
    events_per_person: { mean: 30, distribution: 'power_law', max: 4096 },
    temporal_pattern: 'seasonal',
    interest_strength: 0.7,
  },
  campaigns: {
    num_campaigns: 100,
    duration_days: { min: 30, max: 120 },
    reach_percentage: 10,
    frequency: { mean: 6, cap: 6 },
    post_click_conversion_rate: 0.06,
    view_through_rate: 0.001,
    view_through_window_days: 7,
    attribution_models: ['time_decay', 'position_based', 'first_touch'],
  },
};
