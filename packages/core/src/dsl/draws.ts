/**
 * Random draws: each builder returns an expression whose value is a pure function of the seed,
 * the entity, the column and the row (see docs/determinism.md), plus pool lookups.
 */
import type { Dist, LiteralValue } from '../ir/types.js';
import type { Micros } from './column-types.js';
import { SpecError } from '../errors.js';
import { X, node, type In } from './expr-node.js';

const draw = <T>(dist: Dist, slot = ''): X<T> => new X<T>({ kind: 'draw', slot, dist });

/**
 * Uniform double in [min, max).
 *
 * @example
 * ```ts
 * uniform(0, 1)
 * ```
 */
export function uniform(min = 0, max = 1): X<number> {
  return draw({ kind: 'uniform', min, max });
}
/**
 * Uniform integer in [min, max] (inclusive).
 *
 * @example
 * ```ts
 * intBetween(18, 90)
 * ```
 */
export function intBetween(min: number, max: number): X<number> {
  return draw({ kind: 'int', min, max });
}
/**
 * True with probability p.
 *
 * @example
 * ```ts
 * bernoulli(0.3)
 * ```
 */
export function bernoulli(p: number): X<boolean> {
  return draw({ kind: 'bernoulli', p });
}
/**
 * Weighted categorical choice. Weights are relative (they need not sum to 1).
 *
 * @example
 * ```ts
 * pick({ view: 0.6, click: 0.25, share: 0.05, like: 0.07, comment: 0.03 })
 * ```
 */
export function pick<K extends string>(weights: Readonly<Record<K, number>>): X<K>;
/** Weighted choice among explicit values. */
export function pick<V extends LiteralValue>(values: readonly V[], weights?: readonly number[]): X<V extends number ? number : V extends string ? string : V extends boolean ? boolean : never>;
export function pick(a: Readonly<Record<string, number>> | readonly LiteralValue[], weights?: readonly number[]): X<unknown> {
  if (Array.isArray(a)) return draw({ kind: 'categorical', values: [...a], weights: weights ? [...weights] : a.map(() => 1) });
  const entries = Object.entries(a as Record<string, number>);
  return draw({ kind: 'categorical', values: entries.map(([k]) => k), weights: entries.map(([, w]) => w) });
}
/**
 * Normal draw (compile-time inverse-CDF table, portable across engines).
 *
 * @example
 * ```ts
 * normal(45, 12)
 * ```
 */
export function normal(mean = 0, sd = 1): X<number> {
  return draw({ kind: 'normal', mean, sd });
}
/**
 * Log-normal draw: exp(N(mu, sigma)).
 *
 * @example
 * ```ts
 * lognormal(10.8, 0.6)
 * ```
 */
export function lognormal(mu: number, sigma: number): X<number> {
  return draw({ kind: 'lognormal', mu, sigma });
}
/**
 * Exponential draw with the given rate (mean 1/rate).
 *
 * @example
 * ```ts
 * exponential(0.1)
 * ```
 */
export function exponential(rate: number): X<number> {
  return draw({ kind: 'exponential', rate });
}
/**
 * Truncated continuous power law (Pareto) on [min, max] with density ∝ x^-alpha.
 *
 * @example
 * ```ts
 * powerLaw(2.2, 1, 500).floor()
 * ```
 */
export function powerLaw(alpha: number, min: number, max: number): X<number> {
  return draw({ kind: 'powerLaw', alpha, min, max });
}
/**
 * Poisson count with mean lambda (exact inverse CDF).
 *
 * @example
 * ```ts
 * poisson(4)
 * ```
 */
export function poisson(lambda: number): X<number> {
  return draw({ kind: 'poisson', lambda });
}
/**
 * Zipf rank in 1..n with exponent s.
 *
 * @example
 * ```ts
 * zipf(50, 1.1)
 * ```
 */
export function zipf(n: number, s: number): X<number> {
  return draw({ kind: 'zipf', n, s });
}

/** Options of {@link timestampIn}. */
export interface TimestampWindow {
  /** First day of the window, `YYYY-MM-DD` (UTC midnight) or epoch microseconds. */
  readonly start: string | number;
  /** Number of days in the window. */
  readonly days: number;
  /** 24 relative weights, hour 0 first. */
  readonly hourly?: readonly number[];
  /** 7 relative weights, Monday first. */
  readonly weekly?: readonly number[];
  /** 12 relative weights, January first. */
  readonly monthly?: readonly number[];
  /** Keep the draw inside per-row bounds (inclusive, epoch microseconds). */
  readonly within?: { readonly from: X<Micros>; readonly to: X<Micros> };
}

/** Epoch microseconds of a `YYYY-MM-DD` date (UTC midnight). */
export function dateToMicros(date: string): Micros {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new SpecError([{ path: 'date', message: 'must be a date as YYYY-MM-DD', value: date, fix: "write the date as e.g. '2024-01-31'" }]);
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) * 1000) as Micros;
}

/**
 * A timestamp inside a window, shaped by diurnal, weekly and seasonal weights.
 *
 * @example
 * ```ts
 * timestampIn({ start: '2026-01-01', days: 90, hourly: DIURNAL })
 * ```
 */
export function timestampIn(w: TimestampWindow): X<Micros> {
  return draw({
    kind: 'timestamp',
    start: typeof w.start === 'number' ? w.start : dateToMicros(w.start),
    days: w.days,
    hourWeights: w.hourly ? [...w.hourly] : null,
    weekdayWeights: w.weekly ? [...w.weekly] : null,
    monthWeights: w.monthly ? [...w.monthly] : null,
    within: w.within ? { from: w.within.from.node, to: w.within.to.node } : null,
  });
}

/**
 * A weighted (or uniform, when the pool has no weights) random row index of a pool.
 *
 * @example
 * ```ts
 * const place = poolRow('places');
 * ```
 */
export function poolRow(pool: string): X<number> {
  return draw({ kind: 'poolRow', pool });
}
/**
 * The value of a pool column at a row index.
 *
 * @example
 * ```ts
 * poolValue('places', 'city', c.col('place_idx'))
 * ```
 */
export function poolValue<T = string>(pool: string, column: string, index: In<number>): X<T> {
  return new X<T>({ kind: 'pool', pool, column, index: node(index as X<unknown> | number) });
}
