/**
 * The shapes and fixed constants of the generation model: key strides, fan-out bounds, role
 * probabilities and the {@link IdentityGraphModel} type that `model.ts` builds.
 */
import type { IdentityGraphConfig } from './config-schema.js';
import { MAX_EVENTS_PER_PERSON } from './config-schema.js';
import { normalize } from './numeric.js';
import type { IdentifierModel } from './identity-model.js';
import type { EngagementModel } from './event-model.js';

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
    readonly kind: 'census' | 'lognormal' | 'normal';
    /** Location (normal mean, lognormal μ, or the census shares' mean). */
    readonly mu: number;
    /** Scale (normal sd, lognormal σ, or the census shares' sd). */
    readonly sd: number;
    readonly min: number;
    readonly max: number;
    readonly mass: readonly number[];
  };
  /** Who lives in a household: minors, adults, couples (see `composition-model.ts`). */
  readonly composition: {
    /** [size group 2, 3, 4, 5+][householder age band] → probability that the household has minors. */
    readonly childProb: readonly (readonly number[])[];
    /** Upper ends of the householder age bands of `childProb` (the last band is open). */
    readonly childAgeBands: readonly number[];
    /** Probability that a household of 3+ persons with minors has one adult. */
    readonly singleParent: number;
    /** Probability that a household of 2+ adults has a partner. */
    readonly partner: number;
    /** Mass of adults per household over 1..max. */
    readonly adultsMass: readonly number[];
    readonly adultsMean: number;
    readonly childrenMean: number;
    readonly childrenSd: number;
    /** Share of households with minors. */
    readonly childrenShare: number;
    /** Share of households with a partner. */
    readonly couplesShare: number;
    /** Share of households with 2+ adults. */
    readonly multiAdultShare: number;
  };
  readonly ages: {
    readonly min: number;
    readonly max: number;
    readonly list: readonly number[];
    /** Householder age probabilities per bracket. */
    readonly householderByBracket: readonly (readonly number[])[];
    /** Householder age marginal. */
    readonly householder: readonly number[];
    /** Ages of other adults (roommates, other relatives). */
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
  readonly identifiers: IdentifierModel;
  readonly events: { readonly kind: 'poisson' | 'normal' | 'power_law' | 'lognormal'; readonly param: number; readonly sd: number; readonly max: number; readonly mass: readonly number[]; readonly mean: number };
  readonly temporal: { readonly hourly?: readonly number[]; readonly weekly?: readonly number[]; readonly monthly?: readonly number[] };
  readonly categories: readonly string[];
  readonly categoryWeights: readonly number[];
  readonly engagementTypes: readonly number[];
  /** Sessions, type mix per device, daylight-time days (see `event-model.ts`). */
  readonly engagement: EngagementModel;
}

