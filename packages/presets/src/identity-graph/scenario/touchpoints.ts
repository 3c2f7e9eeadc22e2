/**
 * Touchpoint timing, in one place for response_events (when a click happens) and outcome_metrics
 * (which impressions and clicks precede a conversion inside the lookback window).
 *
 * An exposure row (campaign_exposures) carries `frequency` paced impressions: impression k
 * (0-based) is at `exposure_ts + k · gap` with `gap = (last_exposure_ts − exposure_ts) /
 * (frequency − 1)` (0 for a single impression). Click q (0-based, q < clicks) lands on impression
 * ⌊q · frequency / clicks⌋, {@link CLICK_DELAY_MICROS} after it. Everything here is integer
 * arithmetic on microseconds (exact on every engine) except the time-decay factor, which is a
 * power of two times a fixed polynomial (only `+`, `*` and exact powers of two: portable).
 */
import { days, greatest, least, lit, type Micros, type X } from '@synthgraph/core';
import { firstOf } from './expressions.js';

/**
 * A click follows the impression it lands on by this many microseconds (5 seconds).
 *
 * @example
 * ```ts
 * CLICK_DELAY_MICROS; // 5000000
 * ```
 */
export const CLICK_DELAY_MICROS = 5_000_000;

/**
 * Half-life of the time-decay attribution model in days: a touch 7 days before the conversion
 * earns half the credit of one at the conversion (Google Ads / Google Search Attribution time
 * decay: "half-life is 1 week").
 *
 * @example
 * ```ts
 * TIME_DECAY_HALF_LIFE_DAYS; // 7
 * ```
 */
export const TIME_DECAY_HALF_LIFE_DAYS = 7;

type N = X<number>;
const asNum = (x: X<unknown>): N => x as N;

/**
 * Spacing of an exposure's paced impressions in microseconds: `(last − first) / (frequency − 1)`,
 * 0 for a single impression.
 *
 * @example
 * ```ts
 * impressionGap(c.col('exposure_ts'), c.col('last_exposure_ts'), c.col('frequency'));
 * ```
 */
export function impressionGap(first: X<Micros>, last: X<Micros>, frequency: N): N {
  return asNum(last.minus(first).idiv(greatest(1, frequency.minus(1))));
}

/**
 * Time of impression k (0-based): `first + k · gap`.
 *
 * @example
 * ```ts
 * impressionTs(c.col('exposure_ts'), c.col('k'), c.col('gap'));
 * ```
 */
export function impressionTs(first: X<Micros>, k: N, gap: N): X<Micros> {
  return first.plus(k.times(gap));
}

/**
 * Index of the impression click q (0-based) lands on: ⌊q · frequency / clicks⌋ (clicks spread
 * evenly over the impressions; click 0 on the first).
 *
 * @example
 * ```ts
 * clickImpressionIndex(lit(1), c.col('frequency'), c.col('clicks'));
 * ```
 */
export function clickImpressionIndex(q: N, frequency: N, clicks: N): N {
  return q.times(frequency).idiv(greatest(1, clicks));
}

/**
 * Time of click q (0-based): impression {@link clickImpressionIndex} plus {@link CLICK_DELAY_MICROS}.
 *
 * @example
 * ```ts
 * clickTs(c.parent.col('exposure_ts'), c.col('click_index'), c.parent.col('frequency'), c.parent.col('clicks'), c.col('gap'));
 * ```
 */
export function clickTs(first: X<Micros>, q: N, frequency: N, clicks: N, gap: N): X<Micros> {
  return first.plus(clickImpressionIndex(q, frequency, clicks).times(gap).plus(CLICK_DELAY_MICROS));
}

/** The exposure and the conversion a touchpoint window is taken from. */
export interface TouchWindowInput {
  /** First impression (exposure_ts). */
  readonly first: X<Micros>;
  /** Impression spacing ({@link impressionGap}). */
  readonly gap: N;
  /** Impressions of the exposure. */
  readonly frequency: N;
  /** The conversion time. */
  readonly at: X<Micros>;
  /** Lookback window in days. */
  readonly lookbackDays: number;
}

/**
 * Index of the last impression at or before the conversion (−1 when none): ⌊(at − first) / gap⌋,
 * at most frequency − 1.
 *
 * @example
 * ```ts
 * lastImpressionIndex({ first, gap, frequency, at, lookbackDays: 28 });
 * ```
 */
export function lastImpressionIndex(w: TouchWindowInput): N {
  const elapsed = asNum(w.at.minus(w.first));
  return firstOf([[elapsed.lt(0), lit(-1)], [w.gap.eq(0), lit(0)]], least(w.frequency.minus(1), elapsed.idiv(w.gap)));
}

/**
 * Index of the first impression inside the lookback window (at − lookback ≤ t): ⌈(at − lookback −
 * first) / gap⌉, 0 when the window starts before the first impression.
 *
 * @example
 * ```ts
 * firstImpressionIndex({ first, gap, frequency, at, lookbackDays: 28 });
 * ```
 */
export function firstImpressionIndex(w: TouchWindowInput): N {
  const before = asNum(w.at.minus(days(w.lookbackDays)).minus(w.first));
  return firstOf([[before.le(0), lit(0)], [w.gap.eq(0), lit(1)]], before.plus(w.gap).minus(1).idiv(w.gap));
}

/**
 * Whether a touch at `ts` lies in the lookback window `[at − lookback, at]`.
 *
 * @example
 * ```ts
 * inLookback(c.col('click0_ts'), c.col('conversion_ts'), 28);
 * ```
 */
export function inLookback(ts: X<Micros>, at: X<Micros>, lookbackDays: number): X<boolean> {
  return ts.le(at).and(ts.ge(at.minus(days(lookbackDays))));
}

/**
 * Touchpoints of a conversion in its lookback window: the exposure's impressions in the window
 * plus its clicks (at most `maxClicks`) in the window. NULL inputs give 0.
 *
 * @example
 * ```ts
 * touchCount({ first, gap, frequency, at, lookbackDays: 28 }, clicks, 2);
 * ```
 */
export function touchCount(w: TouchWindowInput, clicks: N, maxClicks: number): N {
  const impressions = greatest(0, lastImpressionIndex(w).minus(firstImpressionIndex(w)).plus(1));
  const clickTerms = Array.from({ length: maxClicks }, (_, q) =>
    firstOf([[clicks.gt(q).and(inLookback(clickTs(w.first, lit(q), w.frequency, clicks, w.gap), w.at, w.lookbackDays)), lit(1)]], lit(0)),
  );
  return clickTerms.reduce((x, y) => x.plus(y), impressions);
}

/** Degree of the 2^−u polynomial (Taylor terms of e^(−u·ln 2), truncation below 2e−16 on [0, 1)). */
const DEGREE = 16;
/** Bits of the whole half-lives (more clamp to 127: 2^−127 is 0 for every purpose; flights last at most 730 days, 105 half-lives). */
const POW_BITS = 7;

/**
 * The time-decay factor 2^(−Δt / half-life) from whole half-lives `whole = ⌊Δt / H⌋` and the
 * fraction `frac = (Δt mod H) / H` in [0, 1): an exact power of two (a product of
 * one CASE per bit) times a degree-16 polynomial in `frac` (Horner; relative error near 1e−16).
 * Only `+`, `*` and literals: bit-identical on the evaluator, DuckDB and Spark. Pass column
 * references: `frac` appears once per Horner step.
 *
 * @example
 * ```ts
 * halfLifeDecay(c.col('dt').idiv(H), c.col('dt_frac'));
 * ```
 */
export function halfLifeDecay(whole: N, frac: N): N {
  const coef = Array.from({ length: DEGREE + 1 }, (_, k) => {
    let v = 1;
    for (let i = 1; i <= k; i++) v *= -Math.LN2 / i;
    return v;
  });
  let poly: N = lit(coef[DEGREE] as number);
  for (let k = DEGREE - 1; k >= 0; k--) poly = frac.times(poly).plus(coef[k] as number);
  const q = least(whole, 2 ** POW_BITS - 1);
  const bits = Array.from({ length: POW_BITS }, (_, b) => firstOf([[q.idiv(2 ** b).mod(2).eq(1), lit(2 ** -(2 ** b))]], lit(1)));
  return bits.reduce((x, y) => x.times(y), poly);
}

/**
 * The half-life in microseconds.
 *
 * @example
 * ```ts
 * HALF_LIFE_MICROS; // 604800000000
 * ```
 */
export const HALF_LIFE_MICROS = days(TIME_DECAY_HALF_LIFE_DAYS);
