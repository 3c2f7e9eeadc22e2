/**
 * A seeded `pure-rand` generator behind faker's `Randomizer` interface, so that pools are a pure
 * function of (seed, stream) — never of `Math.random` or the clock.
 */
import type { Randomizer } from '@faker-js/faker';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { draw32, lowbias32, streamKeys, streamOf } from '../random/mixer.js';
import { PoolError } from './pool-error.js';

/**
 * A xoroshiro128+ generator (`pure-rand`) whose 128-bit state is derived from a seed and a
 * stream name with core's key schedule (`streamKeys`), implementing faker's `Randomizer`.
 * Different stream names give independent sequences for the same seed, so adding a pool or a
 * column never changes another one.
 *
 * @example
 * ```ts
 * const r = new SeededRandomizer(42, 'pool:first_names.first');
 * r.next();       // a double in [0, 1), the same on every platform
 * r.nextUint32(); // an integer in [0, 2^32)
 * const f = new Faker({ locale: allFakers.en_US.definitions, randomizer: r });
 * ```
 */
export class SeededRandomizer implements Randomizer {
  #rng: RandomGenerator;
  readonly #stream: number;

  /**
   * @param seed - a non-negative safe integer.
   * @param stream - a stable name for this sequence, e.g. `pool:<pool>.<column>`.
   */
  constructor(seed: number, stream: string) {
    checkSeed(seed);
    this.#stream = streamOf(stream);
    this.#rng = generatorFor(seed, this.#stream);
  }

  /**
   * A double in [0, 1) with 53 random bits (two generator steps). An arrow property, not a
   * method: faker calls it detached from the object.
   */
  readonly next = (): number => uniformFloat64(this.#rng);

  /** An unsigned 32-bit integer (one generator step). */
  readonly nextUint32 = (): number => this.#rng.next() >>> 0;

  /**
   * Restarts the sequence from a new seed (same stream). Faker calls this only from
   * `faker.seed(…)`; an array seed is folded into one 32-bit value per entry.
   */
  readonly seed = (seed: number | number[]): void => {
    if (typeof seed === 'number') {
      this.#rng = generatorFor(Math.floor(Math.abs(seed)), this.#stream);
      return;
    }
    let h = 0x9e3779b9;
    for (const s of seed) h = lowbias32((h ^ (Math.floor(Math.abs(s)) >>> 0)) >>> 0);
    this.#rng = generatorFor(h, this.#stream);
  };
}

function generatorFor(seed: number, stream: number): RandomGenerator {
  const keys = streamKeys(Number.isSafeInteger(seed) ? seed : 0, stream);
  const state: number[] = [keys.k0 | 0, keys.k1 | 0, draw32(keys, 0) | 0, draw32(keys, 1) | 0];
  if (!state.some((x) => x !== 0)) state[0] = 1; // xoroshiro must not start from the zero state
  return xoroshiro128plusFromState(state);
}

/**
 * Throws {@link PoolError} unless `seed` is a non-negative safe integer.
 *
 * @example
 * ```ts
 * checkSeed(42);  // ok
 * checkSeed(-1);  // throws PoolError at path "seed"
 * ```
 */
export function checkSeed(seed: unknown, path = 'seed'): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new PoolError('must be a non-negative safe integer', { path, value: seed, fix: 'pass e.g. { seed: 42 }' });
  }
}
