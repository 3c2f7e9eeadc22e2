/**
 * The generation model: every compile-time parameter the identity-graph scenario needs, derived
 * from a resolved config. Pure and deterministic; shared by the scenario, the distribution
 * targets and the plausibility rules of the config validation.
 */
import { ConfigError, dateToMicros, days as daysUs } from '@synthgraph/core';
import type { IdentityGraphConfig } from './config-schema.js';
import {
  massMean,
  normalize,
  POWER_LAW_ALPHA_RANGE,
  powerLawFloorMass,
  roundedLognormalMass,
  roundedNormalMass,
  shiftedPoissonMass,
  solveIncreasing,
} from './numeric.js';
import {
  DIURNAL_WEIGHTS,
  FULL_TIME_MIN_INCOME,
  GENDERS,
  IDENTIFIER_TYPES,
  INCOME_BRACKETS,
  MONTHLY_WEIGHTS,
  WEEKLY_WEIGHTS,
} from './vocabulary.js';
import { identifierModel } from './identity-model.js';
import { HOUSEHOLD_KEY_STRIDE, CAMPAIGN_KEY_STRIDE, weightsOf, type IdentityGraphModel } from './model-base.js';
import { engagementModel } from './event-model.js';
import { adultAgeWeights, ageModel, educationModel, employmentModel, householdSizeModel, housingModel, interestModel } from './people-model.js';
import { compositionModel, shareBelowIncome } from './composition-model.js';

export * from './model-base.js';
export { identifierModel, stalenessFactor, type IdentifierModel } from './identity-model.js';
export { adultAgeWeights, ageModel, householdSizeModel, shareAtLeast } from './people-model.js';
export { compositionModel } from './composition-model.js';

/**
 * Events-per-person model (parameters solved so the clamped mean equals the configured mean).
 *
 * @example
 * ```ts
 * eventsModel({ mean: 25, distribution: 'poisson', std_dev: 0, max: 200 });
 * ```
 */
export function eventsModel(e: Omit<IdentityGraphConfig['engagement']['events_per_person'], 'log_sd'> & { readonly log_sd?: number }): IdentityGraphModel['events'] | { error: string } {
  const max = e.max;
  if (e.distribution === 'poisson') {
    const massOf = (l: number): number[] => shiftedPoissonMass(l, 0, 1, max);
    const param = solveIncreasing((l) => massMean(massOf(l), 1), e.mean, 0, 2 * max + 10);
    const mass = massOf(param);
    return { kind: 'poisson', param, sd: 0, max, mass, mean: massMean(mass, 1) };
  }
  if (e.distribution === 'normal') {
    const massOf = (mu: number): number[] => roundedNormalMass(mu, e.std_dev, 1, max);
    const param = solveIncreasing((mu) => massMean(massOf(mu), 1), e.mean, -6 * e.std_dev - max, max + 6 * e.std_dev);
    const mass = massOf(param);
    return { kind: 'normal', param, sd: e.std_dev, max, mass, mean: massMean(mass, 1) };
  }
  if (e.distribution === 'lognormal') {
    const sigma = e.log_sd ?? 1.1;
    const massOf = (mu: number): number[] => roundedLognormalMass(mu, sigma, 1, max);
    const param = solveIncreasing((mu) => massMean(massOf(mu), 1), e.mean, -10, Math.log(max) + 10, 50);
    const mass = massOf(param);
    return { kind: 'lognormal', param, sd: sigma, max, mass, mean: massMean(mass, 1) };
  }
  if (max === 1) return { kind: 'power_law', param: POWER_LAW_ALPHA_RANGE[1], sd: 0, max, mass: [1], mean: 1 };
  const meanOf = (alpha: number): number => massMean(powerLawFloorMass(alpha, max), 1);
  const [aLo, aHi] = POWER_LAW_ALPHA_RANGE;
  const reachable = { lo: meanOf(aHi), hi: meanOf(aLo) };
  if (e.mean > reachable.hi + 1e-9 || e.mean < reachable.lo - 1e-9)
    return { error: `a power law on 1..${max} has a mean between ${reachable.lo.toFixed(2)} and ${reachable.hi.toFixed(2)}` };
  const alpha = solveIncreasing((a) => -meanOf(a), -e.mean, aLo, aHi, 50);
  const mass = powerLawFloorMass(alpha, max);
  return { kind: 'power_law', param: alpha, sd: 0, max, mass, mean: massMean(mass, 1) };
}

/**
 * The window: [end − days, end) in microseconds and epoch days.
 *
 * @example
 * ```ts
 * windowOf(resolveConfig({})).startDate; // '2025-10-03'
 * ```
 */
export function windowOf(config: IdentityGraphConfig): IdentityGraphModel['window'] {
  const endMicros = dateToMicros(config.engagement.end_date);
  const startMicros = endMicros - daysUs(config.engagement.time_period_days);
  const endDay = Math.round(endMicros / daysUs(1));
  const startDay = endDay - config.engagement.time_period_days;
  return { endMicros, startMicros, days: config.engagement.time_period_days, endDay, startDay, startDate: new Date(startMicros / 1000).toISOString().slice(0, 10) };
}

/**
 * Derives the generation model from a resolved config.
 *
 * @example
 * ```ts
 * const model = buildModel(resolveConfig({}));
 * model.composition.adultsMean; // ≈ 1.9 adults per household
 * ```
 */
export function buildModel(config: IdentityGraphConfig): IdentityGraphModel {
  const brackets = weightsOf(INCOME_BRACKETS, config.households.income_brackets);
  const householdSize = householdSizeModel(config.households.household_size);
  const ageList = Array.from({ length: config.demographics.age.max - config.demographics.age.min + 1 }, (_, i) => config.demographics.age.min + i);
  const composition = compositionModel(config, householdSize.mass, householdSize.min, adultAgeWeights(config.demographics.age, true), ageList);
  const ages = ageModel(config, brackets, composition);
  const gender = weightsOf(GENDERS, config.demographics.gender);
  const events = eventsModel(config.engagement.events_per_person);
  if ('error' in events) {
    const e = config.engagement.events_per_person;
    throw new ConfigError([{ path: 'engagement.events_per_person.mean', message: events.error, value: e.mean, fix: 'choose a mean in that range, raise max, or use another distribution' }]);
  }
  const pattern = config.engagement.temporal_pattern;
  const categories = Object.keys(config.engagement.content_categories);
  const identifiers = identifierModel(config);
  const engagementTypes = weightsOf(['view', 'click', 'share', 'like', 'comment'] as const, config.engagement.engagement_types);
  return {
    config,
    window: windowOf(config),
    keys: { householdOffset: config.run.batch * HOUSEHOLD_KEY_STRIDE, campaignOffset: config.run.batch * CAMPAIGN_KEY_STRIDE },
    brackets,
    householdSize,
    composition,
    ages,
    housing: housingModel(config, brackets, householdSize.mass, householdSize.min),
    gender,
    education: educationModel(config, ages, brackets),
    employment: employmentModel(config, ages, brackets, shareBelowIncome(composition, FULL_TIME_MIN_INCOME)),
    interests: interestModel(config, ages, gender),
    identifiers,
    events,
    temporal: {
      ...(pattern !== 'uniform' ? { hourly: DIURNAL_WEIGHTS } : {}),
      ...(pattern === 'weekly' || pattern === 'seasonal' ? { weekly: WEEKLY_WEIGHTS } : {}),
      ...(pattern === 'seasonal' ? { monthly: MONTHLY_WEIGHTS } : {}),
    },
    categories,
    categoryWeights: normalize(categories.map((c) => config.engagement.content_categories[c] ?? 0)),
    engagementTypes,
    engagement: engagementModel(config, engagementTypes, events.mass, { ages, ctvLinked: Math.min(1, (identifiers.shares[IDENTIFIER_TYPES.indexOf('ctv_id')] ?? 0) * identifiers.mean), ipShare: ((identifiers.shares[IDENTIFIER_TYPES.indexOf('ip_address')] ?? 0) * Math.min(1, identifiers.leaseDays / config.engagement.time_period_days)) }),
  };
}
