/**
 * The people half of the generation model: household size, ages, education, employment,
 * interests and housing, each fitted to the configured marginals.
 */
import type { IdentityGraphConfig } from './config-schema.js';
import { fitConditional, massMean, normalPdf, normalize, massSd, roundedLognormalMass, roundedNormalMass, solveIncreasing, sum } from './numeric.js';
import {
  EDUCATION_LEVELS,
  EDUCATION_MIN_AGE,
  EMPLOYMENT_BY_AGE,
  EMPLOYMENT_BY_BRACKET,
  EMPLOYMENT_MIN_AGE,
  EMPLOYMENT_STATUSES,
  GENDERS,
  HOUSING_TYPES,
  householderPropensity,
  OTHER_MEMBER_ROLES,
  ROLE_AGE_GAPS,
  US_ADULT_AGE_BANDS,
  US_HOUSEHOLD_SIZE_SHARES,
} from './vocabulary.js';
import { weightsOf, type AgeBand, type Conditional, type IdentityGraphModel } from './model-base.js';
import { compositionModel } from './composition-model.js';

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
 * Persons-per-household mass: the CPS shares, or a rounded lognormal / normal whose location is
 * solved for an exact mean.
 *
 * @example
 * ```ts
 * householdSizeModel({ distribution: 'census', mean: 2.5, std_dev: 1.4, min: 1, max: 10 }).mass[0]; // 0.285
 * ```
 */
export function householdSizeModel(hs: IdentityGraphConfig['households']['household_size']): IdentityGraphModel['householdSize'] {
  if (hs.distribution === 'census') {
    const mass = normalize(US_HOUSEHOLD_SIZE_SHARES.map((p, i) => (i + 1 >= hs.min && i + 1 <= hs.max ? p : 0)).slice(hs.min - 1, hs.max));
    return { kind: 'census', mu: massMean(mass, hs.min), sd: massSd(mass, hs.min), min: hs.min, max: hs.max, mass };
  }
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
 * Age model: householder per bracket, other adults, and everyone's ages (a mixture over roles:
 * the householder, a partner in `couplesShare` of households, the other adults as adult
 * children, parents, other relatives and roommates).
 *
 * @example
 * ```ts
 * ageModel(config, [0.2, 0.2, 0.2, 0.2, 0.2]).population;
 * ```
 */
export function ageModel(config: IdentityGraphConfig, brackets: readonly number[], composition?: IdentityGraphModel['composition']): IdentityGraphModel['ages'] {
  const age = config.demographics.age;
  const list = Array.from({ length: age.max - age.min + 1 }, (_, i) => age.min + i);
  const householder = adultAgeWeights(age, true);
  const otherAdult = adultAgeWeights(age, false);
  const fit = fitConditional(
    householder,
    brackets.map((w, i) => ({ weight: w, tilt: list.map((a) => Math.exp(0.3 * (i - 2) * ageIncomeEffect(a))) })),
  );
  const householderByBracket = fit.conditional;
  const size = householdSizeModel(config.households.household_size);
  const comp = composition ?? compositionModel(config, size.mass, size.min, householder, list);
  const others = Math.max(0, comp.adultsMean - 1 - comp.couplesShare);
  const partnerKernel = roundedNormalMass(0, ROLE_AGE_GAPS.partnerSd, -20, 20);
  const [gMin, gMax] = ROLE_AGE_GAPS.generation;
  const gapP = 1 / (gMax - gMin + 1);
  const roleTotal = sum(Object.values(OTHER_MEMBER_ROLES));
  const [wChild, wParent] = [OTHER_MEMBER_ROLES.adult_child / roleTotal, OTHER_MEMBER_ROLES.parent / roleTotal];
  const n = list.length;
  const at = (arr: number[], j: number, x: number): void => {
    const k = Math.min(n - 1, Math.max(0, j));
    arr[k] = (arr[k] as number) + x;
  };
  const populationByBracket = householderByBracket.map((h) => {
    const partner = new Array<number>(n).fill(0);
    const other = new Array<number>(n).fill(0);
    let toOtherAdult = 0;
    h.forEach((pa, ia) => {
      const hh = list[ia] as number;
      partnerKernel.forEach((pk, k) => at(partner, ia + (k - 20), pa * pk));
      if (hh >= Math.max(ROLE_AGE_GAPS.adultChildMinHouseholderAge, age.min + gMin)) for (let g = gMin; g <= gMax; g++) at(other, ia - Math.min(g, hh - age.min), pa * gapP * wChild);
      else toOtherAdult += pa * wChild;
      if (age.max - hh >= gMin) for (let g = gMin; g <= gMax; g++) at(other, ia + Math.min(g, age.max - hh), pa * gapP * wParent);
      else toOtherAdult += pa * wParent;
    });
    const rest = 1 - wChild - wParent + toOtherAdult;
    const pop = list.map((_, i) => (h[i] as number) + comp.couplesShare * (partner[i] as number) + others * ((other[i] as number) + rest * (otherAdult[i] as number)));
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
export function employmentModel(config: IdentityGraphConfig, ages: IdentityGraphModel['ages'], brackets: readonly number[], belowFloor: readonly number[] = brackets.map(() => 0)): Conditional {
  const target = weightsOf(EMPLOYMENT_STATUSES, config.demographics.employment);
  const bands = clipBands(EMPLOYMENT_BY_AGE, ages.min, ages.max);
  const tiltOf = (s: number, band: AgeBand, i: number): number => {
    const status = EMPLOYMENT_STATUSES[s] as (typeof EMPLOYMENT_STATUSES)[number];
    if (EMPLOYMENT_MIN_AGE[status] > band.from) return 0;
    const base = EMPLOYMENT_BY_AGE.find((b) => band.from >= b.from && band.from <= b.to)?.shares[s] ?? 0;
    return base * (EMPLOYMENT_BY_BRACKET[status][i] ?? 1);
  };
  const groups = bands.flatMap((band) => brackets.map((w, i) => ({ weight: w * bandWeight(ages, i, band), tilt: EMPLOYMENT_STATUSES.map((_, s) => tiltOf(s, band, i)) })));
  // full-time draws below the full-time income floor become part time: fit a target that
  // anticipates this, so the marginal after the floor is the configured one
  const [ft, pt] = [EMPLOYMENT_STATUSES.indexOf('full_time'), EMPLOYMENT_STATUSES.indexOf('part_time')];
  const total = sum(groups.map((g) => g.weight)) || 1;
  const fitTarget = [...target];
  let fit = fitConditional(fitTarget, groups);
  for (let it = 0; it < 8 && (target[ft] as number) > 0; it++) {
    const moved = sum(fit.conditional.map((row, gi) => ((row[ft] as number) * (groups[gi]?.weight as number) * (belowFloor[gi % brackets.length] as number)) / total));
    const wantFt = (target[ft] as number) + moved;
    fitTarget[ft] = Math.min(wantFt, (target[ft] as number) + (target[pt] as number));
    fitTarget[pt] = Math.max(0, (target[ft] as number) + (target[pt] as number) - (fitTarget[ft] as number));
    fit = fitConditional(fitTarget, groups);
  }
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

