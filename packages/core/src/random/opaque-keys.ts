/**
 * Opaque keys: public ids are a keyed bijection of the structured internal keys
 * (`child = parent · fanout + index`), so an id reveals nothing about its parent while staying
 * unique, non-negative, computed locally and identical on every engine.
 *
 * The bijection is a 4-round alternating Feistel network over 52 bits (two 26-bit halves `a`
 * (high) and `b` (low)); round `i` adds `F_i(other half)` with `F_i(v) = lowbias32(v ^ k_i) & (2^26 − 1)`
 * by xor, to `a` in even rounds and to `b` in odd rounds. Round keys come from the key space's
 * name only (not the seed), so batches generated with different seeds share one bijection and
 * their disjoint internal key ranges stay disjoint after encoding. See docs/determinism.md for
 * the specification and test vectors.
 */
import { InternalError, SpecError } from '../errors.js';
import { lowbias32, streamKeys, streamOf } from './mixer.js';

/** The key layout of a scenario: opaque public ids (default) or the readable internal keys. */
export type KeyMode = 'opaque' | 'structured';

/** The key modes, for validation and docs. */
export const KEY_MODES: readonly KeyMode[] = Object.freeze(['opaque', 'structured']);

/**
 * The Feistel network's shape, in the one place the evaluator and the SQL lowering read it from.
 *
 * @example
 * ```ts
 * OPAQUE_KEY.bits; // 52
 * ```
 */
export const OPAQUE_KEY = Object.freeze({
  /** Width of the key domain: internal keys must be below 2^bits. */
  bits: 52,
  /** Width of each half. */
  halfBits: 26,
  /** Number of Feistel rounds. */
  rounds: 4,
});

/** 2^26: one half's modulus. */
const HALF = 2 ** OPAQUE_KEY.halfBits;
const HALF_MASK = HALF - 1;
/** 2^52: the key domain's size. */
export const OPAQUE_KEY_DOMAIN = 2 ** OPAQUE_KEY.bits;

/**
 * The round keys of a key space (an entity name): `k_i = streamKeys(0, streamOf('$key.<space>.<i>')).k0`.
 *
 * @example
 * ```ts
 * keyRoundKeys('households').length; // 4
 * ```
 */
export function keyRoundKeys(space: string): readonly number[] {
  return Object.freeze(Array.from({ length: OPAQUE_KEY.rounds }, (_, i) => streamKeys(0, streamOf(`$key.${space}.${i}`)).k0));
}

/**
 * The Feistel round function on a 26-bit half.
 *
 * @example
 * ```ts
 * feistelRound(5, 123); // a 26-bit value
 * ```
 */
export function feistelRound(v: number, k: number): number {
  return lowbias32((v ^ k) >>> 0) & HALF_MASK;
}

function check(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0 || x >= OPAQUE_KEY_DOMAIN) throw new InternalError(`${what} ${x} is outside the opaque key domain [0, 2^${OPAQUE_KEY.bits})`);
}

/**
 * The public id of an internal key.
 *
 * @example
 * ```ts
 * encodeKey(keyRoundKeys('households'), 0); // an id in [0, 2^52)
 * ```
 */
export function encodeKey(roundKeys: readonly number[], key: number): number {
  check(key, 'internal key');
  let a = Math.floor(key / HALF);
  let b = key % HALF;
  roundKeys.forEach((k, i) => {
    if (i % 2 === 0) a = (a ^ feistelRound(b, k)) >>> 0;
    else b = (b ^ feistelRound(a, k)) >>> 0;
  });
  return a * HALF + b;
}

/**
 * The internal key of a public id (the inverse of {@link encodeKey}).
 *
 * @example
 * ```ts
 * const rk = keyRoundKeys('households');
 * decodeKey(rk, encodeKey(rk, 7)); // 7
 * ```
 */
export function decodeKey(roundKeys: readonly number[], id: number): number {
  check(id, 'id');
  let a = Math.floor(id / HALF);
  let b = id % HALF;
  for (let i = roundKeys.length - 1; i >= 0; i--) {
    const k = roundKeys[i] as number;
    if (i % 2 === 0) a = (a ^ feistelRound(b, k)) >>> 0;
    else b = (b ^ feistelRound(a, k)) >>> 0;
  }
  return a * HALF + b;
}

/**
 * Checks a key mode given by a user.
 *
 * @example
 * ```ts
 * keyMode('structured'); // 'structured'
 * ```
 */
export function keyMode(mode: unknown): KeyMode {
  if (mode === 'opaque' || mode === 'structured') return mode;
  throw new SpecError([{ path: 'keys', message: `unknown key mode ${JSON.stringify(mode)}`, value: mode, fix: "use 'opaque' (the default) or 'structured'" }]);
}
