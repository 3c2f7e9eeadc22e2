/**
 * Value pools: small tables (names, domains, real city/state/zip triples, …) materialized at
 * lowering time and stored inside the IR, plus the exact integer tables (cumulative thresholds,
 * alias tables) used to pick from them with weights.
 *
 * @packageDocumentation
 */
export { PoolError } from './pool-error.js';
export { type Pool, type PoolColumn, type PoolColumnType, MAX_POOL_ROWS, validatePool, cellMatches } from './pool-types.js';
export { SeededRandomizer } from './seeded-randomizer.js';
export { fakerPool, FAKER_VERSION, FAKER_METHODS, type FakerMethodPath, type FakerLocale, type FakerColumnGenerator, type FakerPoolOptions } from './faker-pool.js';
export { placesPool, DEFAULT_PLACES_SIZE, type PlacesPoolOptions } from './places-pool.js';
export { usZipTable, US_ZIPS_SOURCE, type UsZip } from './zip-table.js';
export { US_STATES, US_STATE_POPULATION_2020 } from './us-states.js';
export {
  aliasTable,
  aliasPick,
  aliasProbabilities,
  thresholdPick,
  apportionUnits,
  checkWeights,
  type AliasTable,
} from './weighted-choice.js';
export { cumulativeThresholds } from '../random/quantiles.js';
