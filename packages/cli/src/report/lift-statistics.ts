/**
 * The statistics of the lift panel: difference in means between a campaign's treatment and
 * control groups with a normal-approximation (Welch) 95% interval, and the relative lift with a
 * delta-method interval on the log of the ratio of means. Pure functions of per-group sums.
 */
import type { GroupOutcome, Interval, LiftEstimate } from './campaign-measurement-types.js';

/** The 97.5% quantile of the standard normal distribution (two-sided 95%). */
export const Z95 = 1.959963984540054;

/**
 * How the lift is estimated, in words (shown in the report and in docs/report.md).
 *
 * @example
 * ```ts
 * data.lift.method === LIFT_METHOD; // true
 * ```
 */
export const LIFT_METHOD =
  'Conversions per member, treatment vs control. Difference in means with a Welch (unpooled) normal 95% interval: d ± 1.96·√(s²t/nt + s²c/nc). Relative lift = mean_t / mean_c − 1 with a delta-method 95% interval on log(mean_t / mean_c): se² = s²t/(nt·mean_t²) + s²c/(nc·mean_c²), back-transformed with exp. Incremental conversions = d × nt (interval scaled alike).';

/** Per-group sums: members, conversions, conversions squared (per member), converters. */
export interface GroupSums {
  readonly n: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly converters: number;
}

/**
 * Mean and sample variance of conversions per member of one group.
 *
 * @example
 * ```ts
 * groupOutcome({ n: 4, sum: 2, sumSquares: 2, converters: 2 }); // mean 0.5, variance 1/3
 * ```
 */
export function groupOutcome(g: GroupSums): GroupOutcome {
  const mean = g.n > 0 ? g.sum / g.n : null;
  const variance = g.n > 1 ? Math.max(0, (g.sumSquares - (g.sum * g.sum) / g.n) / (g.n - 1)) : null;
  return { n: g.n, conversions: g.sum, converters: g.converters, mean, variance };
}

const interval = (centre: number, half: number): Interval => ({ lo: centre - half, hi: centre + half });

/**
 * The lift estimate of treatment `t` against control `c` (see {@link LIFT_METHOD}). Parts that
 * cannot be computed (an empty group, no control conversions) are null.
 *
 * @example
 * ```ts
 * const e = liftEstimate(groupOutcome(t), groupOutcome(c));
 * if (e.relativeLiftCi) console.log(e.relativeLiftCi.lo, e.relativeLiftCi.hi);
 * ```
 */
export function liftEstimate(t: GroupOutcome, c: GroupOutcome): LiftEstimate {
  const none: LiftEstimate = { difference: null, differenceCi: null, relativeLift: null, relativeLiftCi: null, incrementalConversions: null, incrementalConversionsCi: null };
  if (t.mean === null || c.mean === null) return none;
  const difference = t.mean - c.mean;
  const seDiff = t.variance !== null && c.variance !== null ? Math.sqrt(t.variance / t.n + c.variance / c.n) : null;
  const differenceCi = seDiff === null ? null : interval(difference, Z95 * seDiff);
  let relativeLift: number | null = null;
  let relativeLiftCi: Interval | null = null;
  if (c.mean > 0) {
    relativeLift = t.mean / c.mean - 1;
    if (t.mean > 0 && t.variance !== null && c.variance !== null) {
      const seLog = Math.sqrt(t.variance / (t.n * t.mean * t.mean) + c.variance / (c.n * c.mean * c.mean));
      const logRatio = Math.log(t.mean / c.mean);
      relativeLiftCi = { lo: Math.exp(logRatio - Z95 * seLog) - 1, hi: Math.exp(logRatio + Z95 * seLog) - 1 };
    }
  }
  return {
    difference,
    differenceCi,
    relativeLift,
    relativeLiftCi,
    incrementalConversions: difference * t.n,
    incrementalConversionsCi: differenceCi ? { lo: differenceCi.lo * t.n, hi: differenceCi.hi * t.n } : null,
  };
}

/**
 * Whether `value` lies inside `ci` (null when either is missing).
 *
 * @example
 * ```ts
 * covers({ lo: 0.1, hi: 0.3 }, 0.2); // true
 * ```
 */
export const covers = (ci: Interval | null, value: number | null): boolean | null => (ci === null || value === null ? null : ci.lo <= value && value <= ci.hi);
