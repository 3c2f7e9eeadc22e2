/**
 * Compile-time parameters of campaign delivery: the capped heavy-tailed frequency distribution
 * and the audience-size moments that turn a planned reach into a budget whose paced spend stays
 * below it (see docs/tables/campaign_exposures.md).
 */
import type { IdentityGraphModel } from './model.js';
import { massMean, massSd, solveIncreasing } from './numeric.js';
import { CHANNEL_CPM, type Channel } from './vocabulary.js';

/**
 * Standard deviations of spend the budget keeps above its expected spend: a campaign overspends
 * with probability below 1 in 4,000, and at 20K households spend lands at 94–97% of budget.
 *
 * @example
 * ```ts
 * BUDGET_SAFETY_Z; // 3.5
 * ```
 */
export const BUDGET_SAFETY_Z = 3.5;
/**
 * Half-width of the per-impression price noise around the channel CPM (uniform, mean 1).
 *
 * @example
 * ```ts
 * PRICE_NOISE; // 0.1
 * ```
 */
export const PRICE_NOISE = 0.1;

/** Delivery parameters derived from the config. */
export interface DeliveryModel {
  /** Lomax scale s: P(F ≥ f) = (1 + (f − 1)/s)^−2 before the cap. */
  readonly scale: number;
  /** P(F = f) for f = 1..cap. */
  readonly mass: readonly number[];
  /** E[F] and E[F²] of the capped count. */
  readonly ef: number;
  readonly ef2: number;
  /** Share of reached individuals at the cap. */
  readonly capShare: number;
  /** Expected number of individuals and the variance of individuals per household. */
  readonly individuals: number;
  readonly perHouseholdMean: number;
  readonly perHouseholdVar: number;
}

const capped = (s: number, cap: number): number[] => {
  const tail = (f: number): number => (s <= 0 ? (f <= 1 ? 1 : 0) : (1 + (f - 1) / s) ** -2);
  return Array.from({ length: cap }, (_, i) => (i + 1 === cap ? tail(cap) : tail(i + 1) - tail(i + 2)));
};

/**
 * Solves the frequency distribution for the configured mean and cap.
 *
 * @example
 * ```ts
 * deliveryModel(buildModel(resolveConfig({}))).ef; // 3 (the configured mean)
 * ```
 */
export function deliveryModel(m: IdentityGraphModel): DeliveryModel {
  const { mean, cap } = m.config.campaigns.frequency;
  const meanOf = (s: number): number => capped(s, cap).reduce((a, p, i) => a + p * (i + 1), 0);
  const scale = mean <= 1 ? 0 : mean >= cap ? 1e12 : solveIncreasing(meanOf, mean, 1e-6, 1e6, 200);
  const mass = capped(scale, cap);
  const ef = mass.reduce((a, p, i) => a + p * (i + 1), 0);
  const ef2 = mass.reduce((a, p, i) => a + p * (i + 1) ** 2, 0);
  // Individuals are a household's adults (minors are counted, not modelled).
  const adults = m.composition.adultsMass;
  const perHouseholdMean = massMean(adults, 1);
  return {
    scale,
    mass,
    ef,
    ef2,
    capShare: mass[cap - 1] ?? 0,
    individuals: m.config.households.num_households * perHouseholdMean,
    perHouseholdMean,
    perHouseholdVar: massSd(adults, 1) ** 2,
  };
}

/**
 * CPM of a channel in dollars per thousand impressions.
 *
 * @example
 * ```ts
 * cpmOf('ctv'); // 32
 * ```
 */
export function cpmOf(ch: Channel): number {
  return CHANNEL_CPM[ch];
}
