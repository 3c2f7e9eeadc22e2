/**
 * Household composition model: which households have minors (by size and householder age,
 * scaled to the configured share), how many of their persons are adults, and how often the
 * householder has a partner. Exact expectations, so the distribution targets and the validation
 * rules use the same numbers the scenario draws with.
 */
import type { IdentityGraphConfig } from './config-schema.js';
import type { IdentityGraphModel } from './model-base.js';
import { solveIncreasing, sum } from './numeric.js';
import { CHILDREN_BY_SIZE, childrenByHouseholderAge, INCOME_WEIGHTS, THIRD_ADULT_WITH_MINORS } from './people-vocabulary.js';
import { BRACKET_INCOME, INCOME_BRACKETS } from './vocabulary.js';

/** Highest probability of minors in any (size, householder age) cell. */
const CHILD_CAP = 0.97;
/** Upper ends of the householder age bands of the minors table (the last band is open). */
const CHILD_AGE_BANDS: readonly number[] = [24, 34, 44, 54, 64];
/** Lower end of each band (its representative age for `childrenByHouseholderAge`). */
const bandFrom = (k: number): number => (k === 0 ? 18 : (CHILD_AGE_BANDS[k - 1] as number) + 1);
const bandOf = (age: number): number => {
  const k = CHILD_AGE_BANDS.findIndex((to) => age <= to);
  return k < 0 ? CHILD_AGE_BANDS.length : k;
};
/** Size group of the minors table: 2, 3, 4, 5+ persons → 0..3 (−1 for one person). */
const sizeGroup = (s: number): number => (s < 2 ? -1 : Math.min(s, 5) - 2);

/**
 * The composition of households for a size mass over `sizeMin..` and the householders' ages.
 *
 * @example
 * ```ts
 * const size = householdSizeModel(config.households.household_size);
 * compositionModel(config, size.mass, size.min, ages.householder, ages.list).adultsMean; // ≈ 1.9
 * ```
 */
export function compositionModel(
  config: IdentityGraphConfig,
  sizeMass: readonly number[],
  sizeMin: number,
  householderAges: readonly number[],
  ageList: readonly number[],
): IdentityGraphModel['composition'] {
  const { children, couples } = config.households;
  const bandMass = new Array<number>(CHILD_AGE_BANDS.length + 1).fill(0);
  householderAges.forEach((p, i) => {
    const k = bandOf(ageList[i] as number);
    bandMass[k] = (bandMass[k] as number) + p;
  });
  const tableFor = (c: number): number[][] => CHILDREN_BY_SIZE.map((t) => bandMass.map((_, k) => Math.min(CHILD_CAP, c * t * childrenByHouseholderAge(bandFrom(k)))));
  const kidsGiven = (table: number[][], s: number): number => (sizeGroup(s) < 0 ? 0 : sum(bandMass.map((b, k) => b * (table[sizeGroup(s)]?.[k] as number))));
  const shareOf = (table: number[][]): number => sum(sizeMass.map((p, i) => p * kidsGiven(table, sizeMin + i)));
  const maxShare = shareOf(tableFor(1e6));
  const scale = children.share <= 0 ? 0 : children.share >= maxShare ? 1e6 : solveIncreasing((c) => shareOf(tableFor(c)), children.share, 0, 1e3, 80);
  const childProb = tableFor(scale);
  const maxSize = sizeMin + sizeMass.length - 1;
  const adultsMass = new Array<number>(maxSize).fill(0);
  let childrenMean = 0;
  let childrenSquare = 0;
  sizeMass.forEach((p, i) => {
    const s = sizeMin + i;
    const k = kidsGiven(childProb, s);
    const add = (a: number, q: number): void => {
      adultsMass[a - 1] = (adultsMass[a - 1] as number) + q;
      childrenMean += q * (s - a);
      childrenSquare += q * (s - a) ** 2;
    };
    add(s, p * (1 - k));
    if (s === 2) add(1, p * k);
    else if (s >= 3) {
      const third = s >= 4 ? Math.min(THIRD_ADULT_WITH_MINORS, 1 - children.single_parent_share) : 0;
      add(1, p * k * children.single_parent_share);
      add(2, p * k * (1 - children.single_parent_share - third));
      if (third > 0) add(3, p * k * third);
    }
  });
  const multiAdultShare = sum(adultsMass.slice(1));
  const partner = multiAdultShare > 0 ? Math.min(1, couples.share / multiAdultShare) : 0;
  return {
    childProb,
    childAgeBands: CHILD_AGE_BANDS,
    singleParent: children.single_parent_share,
    partner,
    adultsMass,
    adultsMean: sum(adultsMass.map((p, i) => p * (i + 1))),
    childrenMean,
    childrenSd: Math.sqrt(Math.max(0, childrenSquare - childrenMean ** 2)),
    childrenShare: shareOf(childProb),
    couplesShare: partner * multiAdultShare,
    multiAdultShare,
  };
}

/**
 * Per income bracket, the share of adults whose slice of the household income (split by role
 * weight) is below `floor` dollars: the full-time workers the scenario turns part time. The
 * employment fit pre-compensates with it so the configured marginal holds.
 *
 * @example
 * ```ts
 * shareBelowIncome(model.composition, 15_080); // ≈ [0.9, 0.35, 0.02, 0, 0]
 * ```
 */
export function shareBelowIncome(comp: IdentityGraphModel['composition'], floor: number): number[] {
  const slices: { share: number; weight: number }[] = [];
  comp.adultsMass.forEach((p, i) => {
    const a = i + 1;
    const withPartner = a >= 2 ? comp.partner : 0;
    for (const [partner, q] of [
      [true, withPartner],
      [false, 1 - withPartner],
    ] as const) {
      if (q <= 0) continue;
      const others = a - 1 - (partner ? 1 : 0);
      const total = INCOME_WEIGHTS.householder + (partner ? INCOME_WEIGHTS.partner : 0) + others * INCOME_WEIGHTS.other;
      slices.push({ share: INCOME_WEIGHTS.householder / total, weight: p * q });
      if (partner) slices.push({ share: INCOME_WEIGHTS.partner / total, weight: p * q });
      if (others > 0) slices.push({ share: INCOME_WEIGHTS.other / total, weight: p * q * others });
    }
  });
  const people = sum(slices.map((x) => x.weight));
  return INCOME_BRACKETS.map((b) => {
    const { min, max } = BRACKET_INCOME[b];
    if (b === '150k+') return 0;
    return sum(slices.map((x) => x.weight * Math.min(1, Math.max(0, (floor / x.share - min) / (max - min))))) / people;
  });
}
