/**
 * Small expression helpers shared by the identity-graph entities, built only from core's DSL.
 */
import { greatest, least, lit, poolValue, steps, uniform, when, type In, type Num, type X } from '@synthgraph/core';
import { cumulative } from '../numeric.js';

/**
 * Name of the one-row pool holding seed-derived salts.
 *
 * @example
 * ```ts
 * SALT_POOL; // "seed_salt"
 * ```
 */
export const SALT_POOL = 'seed_salt';

/**
 * A categorical choice from a uniform [0, 1) expression (shared by several conditional branches
 * so that one draw serves them all).
 *
 * @example
 * ```ts
 * choose(c.col('u_housing'), [0.6, 0.4], ['house', 'flat']);
 * ```
 */
export function choose<V extends string | number>(u: X<number>, probs: readonly number[], values: readonly V[]): X<V> {
  return steps<V>(u, cumulative(probs), values as unknown as readonly In<V>[]);
}

/**
 * CASE over conditions with a fallback (the first matching branch wins).
 *
 * @example
 * ```ts
 * firstOf([[c.col('age').lt(25), young]], older);
 * ```
 */
export function firstOf<T>(branches: readonly (readonly [X<boolean>, X<T>])[], otherwise: X<T>): X<T> {
  const [head, ...rest] = branches;
  if (!head) return otherwise;
  let b = when(head[0], head[1]);
  for (const [cond, value] of rest) b = b.when(cond, value);
  return b.otherwise(otherwise);
}

/**
 * `min(hi, max(lo, x))`.
 *
 * @example
 * ```ts
 * clamp(normal(2.5, 1.4).plus(0.5).floor(), 1, 8);
 * ```
 */
export function clamp<T extends Num>(x: X<T>, lo: number | X<T>, hi: number | X<T>): X<T> {
  return least<T>(hi, greatest<T>(lo, x));
}

/** The Mersenne prime 2^31 − 1 (the Park–Miller modulus). */
const P31 = 2_147_483_647;

/**
 * A seed-salted, well-spread integer in [0, n) derived from a non-negative integer key with exact
 * integer arithmetic (products stay below 2^53): a stable per-entity choice without a draw,
 * e.g. the same first name for every email of one individual.
 *
 * @example
 * ```ts
 * poolValue('first_names', 'first', hashIndex(c.col('individual_id'), 1000, 1));
 * ```
 */
export function hashIndex(key: X<number>, n: number, round: number): X<number> {
  const salt = poolValue<number>(SALT_POOL, 'n', 0);
  const x1 = key.mod(P31).plus(salt).plus(round * 7919).mod(P31).times(48_271).mod(P31);
  const x2 = x1.plus(round).times(69_621).mod(P31);
  return x2.mod(n);
}

/**
 * The seed-derived hexadecimal salt (so hashed identifiers differ between seeds).
 *
 * @example
 * ```ts
 * sha256(concat(saltHex(), 'cookie', c.key().str()));
 * ```
 */
export function saltHex(): X<string> {
  return poolValue<string>(SALT_POOL, 'hex', 0);
}

/**
 * A Lomax (Pareto II, shape 2) draw with the given mean: `mean · (1/√(1−u) − 1)`. Heavy-tailed,
 * closed form with portable operations only (no piecewise table), so it is cheap on every engine.
 *
 * @example
 * ```ts
 * lomax(30).times(days(1)); // a lifetime of 30 days on average
 * ```
 */
export function lomax(mean: number | X<number>): X<number> {
  const tail = lit(1).div(lit(1).minus(uniform()).sqrt()).minus(1);
  return typeof mean === 'number' ? tail.times(mean) : tail.times(mean);
}

/**
 * A log-logistic draw (shape 2) with the given median: `median · √(u / (1 − u))`.
 *
 * @example
 * ```ts
 * logLogistic(240); // view seconds, median 4 minutes, long right tail
 * ```
 */
export function logLogistic(median: number | X<number>): X<number> {
  const u = uniform();
  const shape = u.div(lit(1).minus(u)).sqrt();
  return typeof median === 'number' ? shape.times(median) : shape.times(median);
}

/**
 * A popularity rank in 1..n with P(rank ≥ k) ≈ k^(−1/4) (a Zipf-like head with a long tail), in
 * closed form: `⌊(1 − u·c)^(−4)⌋` with `c = 1 − (n + 1)^(−1/4)`.
 *
 * @example
 * ```ts
 * popularityRank(2000); // content item rank, about 16% on rank 1
 * ```
 */
export function popularityRank(n: number): X<number> {
  const c = 1 - (n + 1) ** -0.25;
  const inv = lit(1).div(lit(1).minus(uniform().times(c)));
  const sq = inv.times(inv);
  return least(n, greatest(1, sq.times(sq).floor()));
}
