/**
 * The generation model: every compile-time parameter the identity-graph scenario needs, derived
 * from a resolved config. Pure and deterministic; shared by the scenario, the distribution
 * targets and the plausibility rules of the config validation.
 */
import { ConfigError, dateToMicros, days as daysUs } from '@synthgraph/core';
import type { IdentityGraphConfig } from './config-schema.js';
import { MAX_EVENTS_PER_PERSON } from './config-schema.js';
import {
  fitConditional,
  massMean,
  normalPdf,
  normalize,
  POWER_LAW_ALPHA_RANGE,
  massSd,
  powerLawFloorMass,
  roundedLognormalMass,
  roundedNormalMass,
  shiftedPoissonMass,
  solveIncreasing,
  sum,
} from './numeric.js';
import {
  DIURNAL_WEIGHTS,
  EDUCATION_LEVELS,
  EDUCATION_MIN_AGE,
  EMPLOYMENT_MIN_AGE,
  EMPLOYMENT_STATUSES,
  GENDERS,
  HOUSING_TYPES,
  householderPropensity,
  IDENTIFIER_TYPES,
  INCOME_BRACKETS,
  MONTHLY_WEIGHTS,
  PERSONAL_TYPES,
  US_ADULT_AGE_BANDS,
  WEEKLY_WEIGHTS,
  type IdentifierType,
  type PersonalType,
} from './vocabulary.js';

/**
 * Household key stride of a batch: batch b owns household keys [b·2^26, b·2^26 + n).
 *
 * @example
 * ```ts
 * HOUSEHOLD_KEY_STRIDE; // 67108864
 * ```
 */
export const HOUSEHOLD_KEY_STRIDE = 2 ** 26;
/**
 * Campaign key stride of a batch: batch b owns campaign keys [b·128, b·128 + n).
 *
 * @example
 * ```ts
 * CAMPAIGN_KEY_STRIDE; // 128
 * ```
 */
export const CAMPAIGN_KEY_STRIDE = 128;
/**
 * Fan-out bounds (child key = parent key × fan-out + index). Fixed, so batches never overlap.
 *
 * @example
 * ```ts
 * FANOUT["individuals"]; // 10
 * ```
 */
export const FANOUT = { individuals: 10, identifiers: 15, events: MAX_EVENTS_PER_PERSON } as const;

/**
 * Probability of each value of a weight map, in vocabulary order.
 *
 * @example
 * ```ts
 * weightsOf(['a', 'b'], { a: 3 }); // [1, 0]
 * ```
 */
export function weightsOf<K extends string>(names: readonly K[], w: Readonly<Partial<Record<K, number | undefined>>>): number[] {
  return normalize(names.map((n) => w[n] ?? 0));
}

/** An inclusive age band. */
export interface AgeBand {
  readonly from: number;
  readonly to: number;
}

/** Clips bands to [min, max], dropping empty ones. */
function clipBands(bands: readonly AgeBand[], min: number, max: number): AgeBand[] {
  return bands.map((b) => ({ from: Math.max(b.from, min), to: Math.min(b.to, max) })).filter((b) => b.from <= b.to);
}

/** Bands of the education model: their lower ends are the education minimum ages. */
const EDUCATION_BANDS: readonly AgeBand[] = [
  { from: 18, to: 18 },
  { from: 19, to: 20 },
  { from: 21, to: 22 },
  { from: 23, to: 25 },
  { from: 26, to: 34 },
  { from: 35, to: 64 },
  { from: 65, to: 100 },
];
/** Bands of the employment model. */
const EMPLOYMENT_BANDS: readonly AgeBand[] = [
  { from: 18, to: 21 },
  { from: 22, to: 24 },
  { from: 25, to: 34 },
  { from: 35, to: 49 },
  { from: 50, to: 61 },
  { from: 62, to: 66 },
  { from: 67, to: 100 },
];
/** Bands of the interest model. */
const INTEREST_BANDS: readonly AgeBand[] = [
  { from: 18, to: 34 },
  { from: 35, to: 54 },
  { from: 55, to: 100 },
];

/**
 * Role probabilities of members after the householder.
 *
 * @example
 * ```ts
 * ROLE_MODEL["secondPartner"]; // 0.7
 * ```
 */
export const ROLE_MODEL = { secondPartner: 0.7, secondChild: 0.12, laterChild: 0.75, childGap: [20, 38] as const, partnerAgeSd: 4 } as const;

/** A conditional categorical: one probability vector per group. */
export interface Conditional {
  readonly values: readonly string[];
  readonly bands: readonly AgeBand[];
  /** [band][bracket or gender] → probabilities over `values`. */
  readonly probs: readonly (readonly (readonly number[])[])[];
  /** The marginal the fit achieved. */
  readonly marginal: readonly number[];
}

/** Everything the scenario needs. */
export interface IdentityGraphModel {
  readonly config: IdentityGraphConfig;
  readonly window: { readonly endMicros: number; readonly startMicros: number; readonly days: number; readonly endDay: number; readonly startDay: number; readonly startDate: string };
  readonly keys: { readonly householdOffset: number; readonly campaignOffset: number };
  readonly brackets: readonly number[];
  readonly householdSize: {
    readonly kind: 'lognormal' | 'normal';
    /** Location (normal mean, or lognormal μ). */
    readonly mu: number;
    /** Scale (normal sd, or lognormal σ). */
    readonly sd: number;
    readonly min: number;
    readonly max: number;
    readonly mass: readonly number[];
  };
  readonly ages: {
    readonly min: number;
    readonly max: number;
    readonly list: readonly number[];
    /** Householder age probabilities per bracket. */
    readonly householderByBracket: readonly (readonly number[])[];
    /** Householder age marginal. */
    readonly householder: readonly number[];
    /** Ages of other adults (roommates, relatives). */
    readonly otherAdult: readonly number[];
    /** Everyone's age per bracket (mixture over roles). */
    readonly populationByBracket: readonly (readonly number[])[];
    /** Everyone's age marginal. */
    readonly population: readonly number[];
  };
  readonly housing: { readonly probs: readonly (readonly (readonly number[])[])[]; readonly marginal: readonly number[] };
  readonly gender: readonly number[];
  readonly education: Conditional;
  readonly employment: Conditional;
  readonly interests: Conditional & { readonly categories: readonly string[]; readonly weights: readonly number[] };
  readonly identifiers: {
    readonly lambda: number;
    readonly min: number;
    readonly max: number;
    readonly mass: readonly number[];
    readonly mean: number;
    readonly primary: PersonalType;
    /** Probability that slot 1 is the household CTV. */
    readonly ctvAtSlot1: number;
    /** Probability that slot 2 (when present) is the household IP. */
    readonly ipAtSlot2: number;
    /** Weights of personal types in the other slots. */
    readonly personal: readonly number[];
    /** Expected share of each identifier type among mappings (IDENTIFIER_TYPES order). */
    readonly shares: readonly number[];
  };
  readonly events: { readonly kind: 'poisson' | 'normal' | 'power_law'; readonly param: number; readonly sd: number; readonly max: number; readonly mass: readonly number[]; readonly mean: number };
  readonly temporal: { readonly hourly?: readonly number[]; readonly weekly?: readonly number[]; readonly monthly?: readonly number[] };
  readonly categories: readonly string[];
  readonly categoryWeights: readonly number[];
  readonly engagementTypes: readonly number[];
}

/**
 * Base adult age weights over min..max for the configured shape.
 *
 * @example
 * ```ts
 * adultAgeWeights({ min: 18, max: 95, distribution: 'census', mean: 47, std_dev: 17 }, true).length; // 78
 * ```
 */
export function adultAgeWeights(age: IdentityGraphConfig['demographics']['age'], householder: boolean): number[] {
  const out: number[] = [];
  for (let a = age.min; a <= age.max; a++) {
    let w: number;
    if (age.distribution === 'uniform') w = 1;
    else if (age.distribution === 'normal') w = normalPdf(a, age.mean, age.std_dev);
    else {
      const band = US_ADULT_AGE_BANDS.find((b) => a >= b.from && a <= b.to);
      w = band ? band.share / (band.to - band.from + 1) : 0;
      if (householder) w *= householderPropensity(a);
    }
    out.push(w);
  }
  return normalize(out);
}

/** How income varies with the householder's age: log-tilt per bracket step. */
function ageIncomeEffect(a: number): number {
  if (a < 25) return -1.2;
  if (a < 35) return -0.3;
  if (a < 55) return 0.6;
  if (a < 65) return 0.3;
  if (a < 75) return -0.5;
  return -1;
}

/**
 * Household size mass for the configured mean (location parameter solved for an exact mean).
 *
 * @example
 * ```ts
 * householdSizeModel({ mean: 2.5, std_dev: 1.4, min: 1, max: 8 }).mu; // location of the rounded normal
 * ```
 */
export function householdSizeModel(hs: IdentityGraphConfig['households']['household_size']): IdentityGraphModel['householdSize'] {
  if (hs.distribution === 'lognormal' && hs.std_dev > 0 && hs.min < hs.max) {
    const massOf = (mu: number, sigma: number): number[] => roundedLognormalMass(mu, sigma, hs.min, hs.max);
    const muFor = (sigma: number): number => solveIncreasing((m) => massMean(massOf(m, sigma), hs.min), hs.mean, -4, 4, 45);
    const sigma = solveIncreasing((s) => massSd(massOf(muFor(s), s), hs.min), hs.std_dev, 0.02, 2.5, 30);
    const mu = muFor(sigma);
    return { kind: 'lognormal', mu, sd: sigma, min: hs.min, max: hs.max, mass: massOf(mu, sigma) };
  }
  const mu = solveIncreasing((m) => massMean(roundedNormalMass(m, hs.std_dev, hs.min, hs.max), hs.min), hs.mean, hs.min - 6 * hs.std_dev - 10, hs.max + 6 * hs.std_dev + 10);
  return { kind: 'normal', mu, sd: hs.std_dev, min: hs.min, max: hs.max, mass: roundedNormalMass(mu, hs.std_dev, hs.min, hs.max) };
}

/**
 * Age model: householder per bracket, other adults, population mixture.
 *
 * @example
 * ```ts
 * ageModel(config, householdSizeModel(config.households.household_size).mass, [0.2, 0.2, 0.2, 0.2, 0.2]).population;
 * ```
 */
export function ageModel(config: IdentityGraphConfig, sizeMass: readonly number[], brackets: readonly number[]): IdentityGraphModel['ages'] {
  const age = config.demographics.age;
  const list = Array.from({ length: age.max - age.min + 1 }, (_, i) => age.min + i);
  const householder = adultAgeWeights(age, true);
  const otherAdult = adultAgeWeights(age, false);
  const fit = fitConditional(
    householder,
    brackets.map((w, i) => ({ weight: w, tilt: list.map((a) => Math.exp(0.3 * (i - 2) * ageIncomeEffect(a))) })),
  );
  const householderByBracket = fit.conditional;
  // members after the householder
  const sMin = config.households.household_size.min;
  const pMore = (j: number): number => sum(sizeMass.filter((_, i) => sMin + i > j)); // P(size > j)
  const meanSize = massMean(sizeMass, sMin);
  const partnerKernel = roundedNormalMass(0, ROLE_MODEL.partnerAgeSd, -20, 20);
  const [gMin, gMax] = ROLE_MODEL.childGap;
  const gapP = 1 / (gMax - gMin + 1);
  const n = list.length;
  const populationByBracket = householderByBracket.map((h) => {
    const partner = new Array<number>(n).fill(0);
    const child = new Array<number>(n).fill(0);
    let childInfeasible = 0;
    h.forEach((pa, ia) => {
      partnerKernel.forEach((pk, k) => {
        const j = Math.min(n - 1, Math.max(0, ia + (k - 20)));
        partner[j] = (partner[j] as number) + pa * pk;
      });
      for (let g = gMin; g <= gMax; g++) {
        const j = ia - g;
        if (j >= 0) child[j] = (child[j] as number) + pa * gapP;
        else childInfeasible += pa * gapP;
      }
    });
    const p1 = pMore(1);
    let later = 0;
    for (let j = 2; j < FANOUT.individuals; j++) later += pMore(j);
    const other1 = 1 - ROLE_MODEL.secondPartner - ROLE_MODEL.secondChild;
    const pop = list.map((_, i) => {
      const o = otherAdult[i] as number;
      const second = ROLE_MODEL.secondPartner * (partner[i] as number) + ROLE_MODEL.secondChild * ((child[i] as number) + childInfeasible * o) + other1 * o;
      const rest = ROLE_MODEL.laterChild * ((child[i] as number) + childInfeasible * o) + (1 - ROLE_MODEL.laterChild) * o;
      return ((h[i] as number) + p1 * second + later * rest) / meanSize;
    });
    return normalize(pop);
  });
  const population = list.map((_, i) => sum(populationByBracket.map((p, b) => (p[i] as number) * (brackets[b] as number))));
  return { min: age.min, max: age.max, list, householderByBracket, householder, otherAdult, populationByBracket, population };
}

/**
 * Share of the population aged at least `a`.
 *
 * @example
 * ```ts
 * shareAtLeast(buildModel(resolveConfig({})).ages, 26); // ≈ 0.88
 * ```
 */
export function shareAtLeast(ages: IdentityGraphModel['ages'], a: number): number {
  return sum(ages.population.filter((_, i) => (ages.list[i] as number) >= a));
}

function bandWeight(ages: IdentityGraphModel['ages'], bracket: number, band: AgeBand): number {
  return sum(ages.populationByBracket[bracket]?.filter((_, i) => (ages.list[i] as number) >= band.from && (ages.list[i] as number) <= band.to) ?? []);
}

/** Education conditional on (age band, bracket). */
function educationModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], brackets: readonly number[]): Conditional {
  const target = weightsOf(EDUCATION_LEVELS, config.demographics.education);
  const bands = clipBands(EDUCATION_BANDS, ages.min, ages.max);
  const groups = bands.flatMap((band) =>
    brackets.map((w, i) => ({
      weight: w * bandWeight(ages, i, band),
      tilt: EDUCATION_LEVELS.map((lvl, e) => {
        if (EDUCATION_MIN_AGE[lvl] > band.from) return 0;
        let t = Math.exp(0.3 * (e - 3) * (i - 2));
        if (band.from >= 65) t *= Math.exp(-0.12 * (e - 3));
        if (band.to <= 25 && (lvl === 'some_college' || lvl === 'high_school')) t *= 1.6;
        return t;
      }),
    })),
  );
  const fit = fitConditional(target, groups);
  const probs = bands.map((_, b) => brackets.map((_, i) => fit.conditional[b * brackets.length + i] as number[]));
  return { values: EDUCATION_LEVELS, bands, probs, marginal: fit.marginal };
}

/** Employment conditional on (age band, bracket). */
function employmentModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], brackets: readonly number[]): Conditional {
  const target = weightsOf(EMPLOYMENT_STATUSES, config.demographics.employment);
  const bands = clipBands(EMPLOYMENT_BANDS, ages.min, ages.max);
  const tiltOf = (status: (typeof EMPLOYMENT_STATUSES)[number], band: AgeBand, i: number): number => {
    if (EMPLOYMENT_MIN_AGE[status] > band.from) return 0;
    const mid = (band.from + band.to) / 2;
    const inc = i - 2;
    switch (status) {
      case 'full_time':
        return (mid >= 67 ? 0.12 : mid >= 62 ? 0.55 : mid < 22 ? 0.35 : 1) * Math.exp(0.25 * inc);
      case 'part_time':
        return (mid < 25 ? 1.8 : mid >= 67 ? 0.5 : 1) * Math.exp(-0.1 * inc);
      case 'self_employed':
        return (mid < 25 ? 0.3 : mid >= 35 ? 1.3 : 1) * Math.exp(0.15 * inc);
      case 'unemployed':
        return (mid >= 67 ? 0.2 : mid < 25 ? 1.6 : 1) * Math.exp(-0.45 * inc);
      case 'student':
        return mid < 22 ? 14 : mid < 25 ? 4 : mid < 35 ? 0.6 : mid < 50 ? 0.15 : 0.03;
      case 'retired':
        return mid >= 67 ? 10 : mid >= 62 ? 3 : 0.3;
      case 'not_in_labor_force':
        return (mid >= 67 ? 0.7 : 1) * Math.exp(-0.2 * inc);
    }
  };
  const groups = bands.flatMap((band) => brackets.map((w, i) => ({ weight: w * bandWeight(ages, i, band), tilt: EMPLOYMENT_STATUSES.map((s) => tiltOf(s, band, i)) })));
  const fit = fitConditional(target, groups);
  const probs = bands.map((_, b) => brackets.map((_, i) => fit.conditional[b * brackets.length + i] as number[]));
  return { values: EMPLOYMENT_STATUSES, bands, probs, marginal: fit.marginal };
}

/** Interest (primary content category) conditional on (age band, gender). */
function interestModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], gender: readonly number[]): IdentityGraphModel['interests'] {
  const categories = Object.keys(config.engagement.content_categories);
  const weights = normalize(categories.map((c) => config.engagement.content_categories[c] ?? 0));
  const bands = clipBands(INTEREST_BANDS, ages.min, ages.max);
  const share = (band: AgeBand): number => sum(ages.population.filter((_, i) => (ages.list[i] as number) >= band.from && (ages.list[i] as number) <= band.to));
  const tilt = (cat: string, band: AgeBand, g: (typeof GENDERS)[number]): number => {
    const young = band.to <= 34;
    const old = band.from >= 55;
    const m = g === 'male';
    const f = g === 'female';
    switch (cat) {
      case 'gaming':
        return (young ? 2.2 : old ? 0.35 : 1) * (m ? 1.5 : f ? 0.7 : 1);
      case 'news':
        return young ? 0.6 : old ? 1.7 : 1.1;
      case 'music':
        return young ? 1.6 : old ? 0.6 : 1;
      case 'sports':
        return m ? 1.6 : f ? 0.6 : 1;
      case 'finance':
        return (young ? 0.7 : old ? 1.1 : 1.3) * (m ? 1.2 : 1);
      case 'lifestyle':
        return f ? 1.5 : m ? 0.65 : 1;
      case 'food':
        return f ? 1.2 : 1;
      case 'technology':
        return (young ? 1.3 : old ? 0.6 : 1) * (m ? 1.3 : 1);
      case 'travel':
        return old ? 1.2 : 1;
      default:
        return 1;
    }
  };
  const groups = bands.flatMap((band) => GENDERS.map((g, gi) => ({ weight: share(band) * (gender[gi] as number), tilt: categories.map((c) => tilt(c, band, g)) })));
  const fit = fitConditional(weights, groups);
  const probs = bands.map((_, b) => GENDERS.map((_, gi) => fit.conditional[b * GENDERS.length + gi] as number[]));
  return { values: categories, bands, probs, marginal: fit.marginal, categories, weights };
}

/** Housing type conditional on (bracket, size group 1 / 2 / 3+). */
function housingModel(config: IdentityGraphConfig, brackets: readonly number[], sizeMass: readonly number[], sMin: number): IdentityGraphModel['housing'] {
  const target = weightsOf(HOUSING_TYPES, config.households.housing_types);
  const pSize = [sum(sizeMass.filter((_, i) => sMin + i === 1)), sum(sizeMass.filter((_, i) => sMin + i === 2)), sum(sizeMass.filter((_, i) => sMin + i >= 3))];
  const tilt = (type: (typeof HOUSING_TYPES)[number], i: number, sg: number): number => {
    const inc = i - 2;
    switch (type) {
      case 'single_family':
        return Math.exp(0.35 * inc) * [0.6, 1, 1.6][sg]!;
      case 'apartment':
        return Math.exp(-0.35 * inc) * [1.8, 1, 0.7][sg]!;
      case 'townhouse':
        return 1;
      case 'mobile_home':
        return Math.exp(-0.5 * inc);
    }
  };
  const groups = brackets.flatMap((w, i) => pSize.map((ps, sg) => ({ weight: w * ps, tilt: HOUSING_TYPES.map((t) => tilt(t, i, sg)) })));
  const fit = fitConditional(target, groups);
  return { probs: brackets.map((_, i) => pSize.map((_, sg) => fit.conditional[i * 3 + sg] as number[])), marginal: fit.marginal };
}

/**
 * Identifier-count and identifier-type model.
 *
 * @example
 * ```ts
 * identifierModel(resolveConfig({})).lambda; // Poisson mean of identifiers above the minimum
 * ```
 */
export function identifierModel(config: IdentityGraphConfig): IdentityGraphModel['identifiers'] {
  const ip = config.demographics.identifiers_per_person;
  const massOf = (l: number): number[] => shiftedPoissonMass(l, ip.min, ip.min, ip.max);
  const lambda = ip.mean <= ip.min ? 0 : solveIncreasing((l) => massMean(massOf(l), ip.min), ip.mean, 0, 4 * ip.max);
  const mass = massOf(lambda);
  const m = massMean(mass, ip.min);
  const w = weightsOf(IDENTIFIER_TYPES, config.demographics.identifier_types);
  const wOf = (t: IdentifierType): number => w[IDENTIFIER_TYPES.indexOf(t)] as number;
  const p3 = sum(mass.filter((_, i) => ip.min + i >= 3));
  const ctvAtSlot1 = Math.min(1, wOf('ctv_id') * m);
  const ipAtSlot2 = p3 > 0 ? Math.min(1, (wOf('ip_address') * m) / p3) : 0;
  const personalSlots = m - 1 - ctvAtSlot1 - ipAtSlot2 * p3;
  const primary = config.demographics.primary_identifier;
  const raw = PERSONAL_TYPES.map((t) => Math.max(0, m * wOf(t) - (t === primary ? 1 : 0)));
  const personal = sum(raw) > 0 ? normalize(raw) : PERSONAL_TYPES.map((t) => (t === primary ? 1 : 0));
  const shares = IDENTIFIER_TYPES.map((t) => {
    if (t === 'ctv_id') return ctvAtSlot1 / m;
    if (t === 'ip_address') return (ipAtSlot2 * p3) / m;
    const k = PERSONAL_TYPES.indexOf(t as PersonalType);
    return ((t === primary ? 1 : 0) + personalSlots * (personal[k] as number)) / m;
  });
  return { lambda, min: ip.min, max: ip.max, mass, mean: m, primary, ctvAtSlot1, ipAtSlot2, personal, shares };
}

/**
 * Events-per-person model (parameters solved so the clamped mean equals the configured mean).
 *
 * @example
 * ```ts
 * eventsModel({ mean: 25, distribution: 'poisson', std_dev: 0, max: 200 });
 * ```
 */
export function eventsModel(e: IdentityGraphConfig['engagement']['events_per_person']): IdentityGraphModel['events'] | { error: string } {
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
 * model.householdSize.mu; // location of the rounded normal whose mean is 2.5
 * ```
 */
export function buildModel(config: IdentityGraphConfig): IdentityGraphModel {
  const brackets = weightsOf(INCOME_BRACKETS, config.households.income_brackets);
  const householdSize = householdSizeModel(config.households.household_size);
  const ages = ageModel(config, householdSize.mass, brackets);
  const gender = weightsOf(GENDERS, config.demographics.gender);
  const events = eventsModel(config.engagement.events_per_person);
  if ('error' in events) {
    const e = config.engagement.events_per_person;
    throw new ConfigError([{ path: 'engagement.events_per_person.mean', message: events.error, value: e.mean, fix: 'choose a mean in that range, raise max, or use another distribution' }]);
  }
  const pattern = config.engagement.temporal_pattern;
  const categories = Object.keys(config.engagement.content_categories);
  return {
    config,
    window: windowOf(config),
    keys: { householdOffset: config.run.batch * HOUSEHOLD_KEY_STRIDE, campaignOffset: config.run.batch * CAMPAIGN_KEY_STRIDE },
    brackets,
    householdSize,
    ages,
    housing: housingModel(config, brackets, householdSize.mass, householdSize.min),
    gender,
    education: educationModel(config, ages, brackets),
    employment: employmentModel(config, ages, brackets),
    interests: interestModel(config, ages, gender),
    identifiers: identifierModel(config),
    events,
    temporal: {
      ...(pattern !== 'uniform' ? { hourly: DIURNAL_WEIGHTS } : {}),
      ...(pattern === 'weekly' || pattern === 'seasonal' ? { weekly: WEEKLY_WEIGHTS } : {}),
      ...(pattern === 'seasonal' ? { monthly: MONTHLY_WEIGHTS } : {}),
    },
    categories,
    categoryWeights: normalize(categories.map((c) => config.engagement.content_categories[c] ?? 0)),
    engagementTypes: weightsOf(['view', 'click', 'share', 'like', 'comment'] as const, config.engagement.engagement_types),
  };
}
