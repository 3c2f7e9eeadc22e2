/**
 * A keyed hash for values shared by several rows (every event of a session, both events of a
 * session block): draws are a function of the row key, so a value all events of one session must
 * agree on comes from a hash of the session key instead. Exact integer arithmetic modulo the
 * Mersenne prime 2^31 − 1 with two modular squarings (products stay below 2^48, so the
 * evaluator, DuckDB and Spark agree bit for bit); in three stages, one column each, so no SQL
 * expression repeats its input more than five times.
 */
import { lit, poolValue, type X } from '@synthgraph/core';
import { SALT_POOL } from './expressions.js';

/** The Mersenne prime 2^31 − 1. */
export const HASH_MODULUS = 2_147_483_647;
const P = HASH_MODULUS;
const TWO_16 = 65_536;

/** x² mod (2^31 − 1) for 0 ≤ x < 2^31 − 1, exactly: x = a·2^16 + b and 2^32 ≡ 2. */
function squareMod(x: X<number>): X<number> {
  const a = x.idiv(TWO_16);
  const b = x.mod(TWO_16);
  return a.times(a).times(2).plus(a.times(b).times(2).mod(P).times(TWO_16).mod(P)).plus(b.times(b)).mod(P);
}

/**
 * Stage 1 of the hash of a non-negative integer key (below 2^53) in a numbered round: the
 * seed-salted key, scrambled affinely.
 *
 * @example
 * ```ts
 * .column('h1_a', t.bigint(), (c) => hashStage1(c.col('session_key'), 1), { hidden: true })
 * ```
 */
export function hashStage1(key: X<number>, round: number): X<number> {
  const salt = poolValue<number>(SALT_POOL, 'n', 0);
  return key.mod(P).plus(salt).plus(lit(round * 7919)).mod(P).times(48_271).plus(1).mod(P);
}

/**
 * Stage 2: a modular squaring, scaled and shifted by the round.
 *
 * @example
 * ```ts
 * .column('h1_b', t.bigint(), (c) => hashStage2(c.col('h1_a'), 1), { hidden: true })
 * ```
 */
export function hashStage2(x: X<number>, round: number): X<number> {
  return squareMod(x).times(69_621).plus(round).mod(P);
}

/**
 * Stage 3: a second squaring; the result is well spread over [0, 2^31 − 1).
 *
 * @example
 * ```ts
 * .column('h1', t.bigint(), (c) => hashStage3(c.col('h1_b')), { hidden: true })
 * ```
 */
export function hashStage3(x: X<number>): X<number> {
  return squareMod(x).times(16_807).mod(P);
}

/**
 * A uniform [0, 1) value from `bits` bits of a hash, starting at bit `from` (by integer division
 * and modulo, so it is exact everywhere).
 *
 * @example
 * ```ts
 * hashUnit(c.col('h1'), 0, 10); // the low ten bits as a value in [0, 1)
 * ```
 */
export function hashUnit(h: X<number>, from: number, bits: number): X<number> {
  const slice = from > 0 ? h.idiv(2 ** from) : h;
  const top = from + bits >= 31 ? slice : slice.mod(2 ** bits);
  const range = from + bits >= 31 ? Math.ceil(P / 2 ** from) : 2 ** bits;
  return top.plus(0.5).div(range);
}
