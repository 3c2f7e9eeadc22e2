/**
 * A digest of a fixed set of pools and weight tables, for the cross-process determinism test:
 * the same digest must come out of any process, on any machine.
 */
import { createHash } from 'node:crypto';
import { aliasTable, cumulativeThresholds, fakerPool, placesPool, usZipTable } from '../../src/pools/index.js';

/**
 * SHA-256 (hex) of the JSON of pools and tables built from `seed`.
 *
 * @example
 * ```ts
 * poolsDigest(42); // '3f…'
 * ```
 */
export function poolsDigest(seed: number): string {
  const names = fakerPool({ name: 'names', size: 500, seed, columns: { first: 'person.firstName', last: 'person.lastName', domain: 'internet.domainName' } });
  const genres = fakerPool({ name: 'genres', size: 20, seed, locale: 'de', columns: { g: 'music.genre' }, unique: true });
  const places = placesPool({ seed });
  const west = placesPool({ seed, size: 300, states: { CA: 0.6, OR: 0.25, WA: 0.15 } });
  const weights = usZipTable()
    .slice(0, 2000)
    .map((z) => z.population);
  const payload = { names, genres, places, west, alias: aliasTable(weights), thresholds: cumulativeThresholds(weights) };
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}
