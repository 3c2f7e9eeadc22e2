/**
 * The value pools of the identity graph, materialized for the seed at lowering time and stored in
 * the IR: a seed salt, first and last names, consumer email domains and real US places.
 */
import { fakerPool, lowbias32, placesPool, US_STATE_POPULATION_2020, type PoolFactory, type PoolInput } from '@synthgraph/core';
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
 * Real US city/state/ZIP triples weighted by population, honouring state or region weights.
 *
 * @example
 * ```ts
 * scenario('x').pool(placesPoolFor(config.households.location));
 * ```
 */
export function placesPoolFor(location: IdentityGraphConfig['households']['location']): PoolFactory {
  const states = stateWeights(location);
  return ({ seed }) => placesPool({ seed, ...(states ? { states } : {}) });
}
