/**
 * The people half of the generation model: household size, ages, education, employment,
 * interests and housing, each fitted to the configured marginals.
 */
import type { IdentityGraphConfig } from './config-schema.js';
import { fitConditional, massMean, normalPdf, normalize, massSd, roundedLognormalMass, roundedNormalMass, solveIncreasing, sum } from './numeric.js';
import {
  EDUCATION_LEVELS,
  EDUCATION_MIN_AGE,
  EMPLOYMENT_MIN_AGE,
  EMPLOYMENT_STATUSES,
  GENDERS,
  HOUSING_TYPES,
  householderPropensity,
  US_ADULT_AGE_BANDS,
} from './vocabulary.js';
import { FANOUT, ROLE_MODEL, weightsOf, type AgeBand, type Conditional, type IdentityGraphModel } from './model-base.js';

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

/**
 * Education conditional on (age band, bracket).
 *
 * @example
 * ```ts
 * educationModel(config, ages, brackets).values; // EDUCATION_LEVELS
 * ```
 */
export function educationModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], brackets: readonly number[]): Conditional {
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

/**
 * Employment conditional on (age band, bracket).
 *
 * @example
 * ```ts
 * employmentModel(config, ages, brackets).marginal; // the fitted share of each status
 * ```
 */
export function employmentModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], brackets: readonly number[]): Conditional {
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

/**
 * Interest (primary content category) conditional on (age band, gender).
 *
 * @example
 * ```ts
 * interestModel(config, ages, gender).probs; // [age band][gender] → category probabilities
 * ```
 */
export function interestModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], gender: readonly number[]): IdentityGraphModel['interests'] {
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

/**
 * Housing type conditional on (bracket, size group 1 / 2 / 3+).
 *
 * @example
 * ```ts
 * housingModel(config, brackets, size.mass, size.min).probs; // [bracket][size group] → housing probabilities
 * ```
 */
export function housingModel(config: IdentityGraphConfig, brackets: readonly number[], sizeMass: readonly number[], sMin: number): IdentityGraphModel['housing'] {
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

