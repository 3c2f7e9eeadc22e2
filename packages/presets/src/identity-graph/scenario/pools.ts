/**
 * The value pools of the identity graph, materialized for the seed at lowering time and stored in
 * the IR: a seed salt, first and last names, consumer email domains and real US places.
 */
import { DEFAULT_PLACES_SIZE, fakerPool, lowbias32, placesPool, poolValue, US_STATE_POPULATION_2020, type PoolFactory, type PoolInput, type X } from '@synthgraph/core';
import type { IdentityGraphConfig } from '../config-schema.js';
import { US_REGIONS } from '../vocabulary.js';
import { SALT_POOL } from './expressions.js';

/**
 * Rows of the first-name and last-name pools.
 *
 * @example
 * ```ts
 * NAME_POOL_SIZE["first"]; // 120
 * ```
 */
export const NAME_POOL_SIZE = { first: 500, last: 500 } as const;

/**
 * The one-row salt pool: an integer below 2^20 and a 16-hex-digit string, both derived from the
 * seed, mixed into hashed identifiers and stable per-entity choices.
 *
 * @example
 * ```ts
 * scenario('x').pool(saltPool);
 * ```
 */
export const saltPool: PoolFactory = ({ seed }) => {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const a = lowbias32(lowbias32(lo ^ 0x5bd1e995) ^ hi);
  const b = lowbias32(a ^ 0x27d4eb2f);
  const hex = (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  return { name: SALT_POOL, columns: [{ name: 'n', type: 'int' }, { name: 'hex', type: 'string' }], rows: [[a & 0xfffff, hex]], weights: null, source: 'seed salt (lowbias32 of the seed)' };
};

/**
 * First names (for synthetic emails).
 *
 * @example
 * ```ts
 * scenario('x').pool(firstNamesPool);
 * ```
 */
export const firstNamesPool: PoolFactory = ({ seed }) => fakerPool({ name: 'first_names', size: NAME_POOL_SIZE.first, seed, columns: { first: 'person.firstName' }, unique: true });
/**
 * Last names (shared by a household, for synthetic emails).
 *
 * @example
 * ```ts
 * scenario('x').pool(lastNamesPool);
 * ```
 */
export const lastNamesPool: PoolFactory = ({ seed }) => fakerPool({ name: 'last_names', size: NAME_POOL_SIZE.last, seed, columns: { last: 'person.lastName' }, unique: true });

/**
 * Consumer email domains with approximate US market shares.
 *
 * @example
 * ```ts
 * emailDomainsPool["name"]; // "email_domains"
 * ```
 */
export const emailDomainsPool: PoolInput = {
  name: 'email_domains',
  columns: [{ name: 'domain', type: 'string' }],
  rows: [['gmail.com'], ['yahoo.com'], ['outlook.com'], ['hotmail.com'], ['icloud.com'], ['aol.com'], ['comcast.net'], ['msn.com'], ['att.net'], ['verizon.net'], ['protonmail.com'], ['live.com'], ['me.com'], ['sbcglobal.net'], ['cox.net']],
  weights: [44, 14, 8, 7, 9, 4, 2.5, 1.5, 1.5, 1, 1.5, 1.5, 1.5, 1.5, 1],
  source: 'hand-written (approximate US consumer email market shares)',
};

/**
 * State weights implied by the location config (undefined: every place by population).
 *
 * @example
 * ```ts
 * stateWeights({ regions: { west: 1 } }); // the 13 western states, weighted by population
 * ```
 */
export function stateWeights(location: IdentityGraphConfig['households']['location']): Record<string, number> | undefined {
  if (location.states) return { ...location.states };
  if (location.regions) {
    const out: Record<string, number> = {};
    for (const [region, w] of Object.entries(location.regions)) {
      const states = US_REGIONS[region as keyof typeof US_REGIONS];
      const total = states.reduce((a, st) => a + (US_STATE_POPULATION_2020[st] ?? 0), 0);
      for (const st of states) out[st] = ((w ?? 0) * (US_STATE_POPULATION_2020[st] ?? 0)) / total;
    }
    return out;
  }
  return undefined;
}

/**
 * Rows of the places pool: residential ZIPs drawn in proportion to population, state by state.
 *
 * @example
 * ```ts
 * PLACES_POOL_ROWS; // 16384
 * ```
 */
export const PLACES_POOL_ROWS = DEFAULT_PLACES_SIZE;

/**
 * Real US places (city, state, ZIP, time zone): residential ZIPs in proportion to their
 * population, honouring state or region weights.
 *
 * @example
 * ```ts
 * scenario('x').pool(placesPoolFor(config.households.location));
 * ```
 */
export function placesPoolFor(location: IdentityGraphConfig['households']['location']): PoolFactory {
  const states = stateWeights(location);
  return ({ seed }) => placesPool({ seed, size: PLACES_POOL_ROWS, ...(states ? { states } : {}) });
}

const M31 = 2 ** 31;
/** round(2^31 / φ), odd: the golden-ratio step of the Weyl sequence. */
const GOLDEN_STEP = 1_327_217_885;

/**
 * The places-pool row of a household: the golden-ratio (Weyl) sequence `frac(key / φ + salt)`
 * scaled to the pool, so consecutive households spread evenly over the pool instead of at
 * random. The pool's rows are grouped by state and city in proportion to population, hence
 * every state's and city's share of households matches its population share up to a few
 * households (a random pick would scatter CA's share by ±0.23 points at 20K households), and
 * every pool row is used once there are twice as many households as rows. Exact integer
 * arithmetic below 2^53: `key · step mod 2^31` is split into 16-bit halves of the key.
 *
 * @example
 * ```ts
 * poolValue('places', 'zip', placeRow(c.col('household_id')));
 * ```
 */
export function placeRow(key: X<number>): X<number> {
  const salt = poolValue<number>(SALT_POOL, 'n', 0);
  const k = key.mod(M31);
  const lo = k.mod(65_536).times(GOLDEN_STEP);
  const hi = k.idiv(65_536).times(GOLDEN_STEP).mod(M31).times(65_536);
  const r = lo.plus(hi).plus(salt.times(2048)).mod(M31);
  return r.times(PLACES_POOL_ROWS).idiv(M31);
}
