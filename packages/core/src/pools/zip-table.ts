/**
 * The residential US ZIP table of the places pool (`packages/core/data/us-zips.tsv`): every
 * populated ZIP Code Tabulation Area of the 50 states and DC with its USPS city name, state,
 * residential population (ACS 5-year) and IANA time zone, derived from the SimpleMaps US Zips
 * data (CC BY 4.0) by `scripts/build-zip-table.ts`; provenance in docs/places.md.
 *
 * Loaded lazily — only when a places pool is built, never at import — and cached.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PoolError } from './pool-error.js';
import { requireHere } from './require-here.js';
import { US_STATE_POPULATION_2020 } from './us-states.js';

/**
 * One residential ZIP code: its USPS city, state, residential population and IANA time zone.
 *
 * @example
 * ```ts
 * const p: UsZip = { zip: '90210', city: 'Beverly Hills', state: 'CA', population: 19627, timeZone: 'America/Los_Angeles' };
 * ```
 */
export interface UsZip {
  readonly zip: string;
  readonly city: string;
  readonly state: string;
  readonly population: number;
  readonly timeZone: string;
}

/**
 * Provenance of the ZIP table, recorded in every places pool's `source`.
 *
 * @example
 * ```ts
 * US_ZIPS_SOURCE; // 'us-zips.tsv:zcta-acs5-2022;simplemaps-us-zips-2024'
 * ```
 */
export const US_ZIPS_SOURCE = 'us-zips.tsv:zcta-acs5-2022;simplemaps-us-zips-2024';

const HEADER = 'zip\tcity\tstate\tpopulation\ttime_zone';
let cache: readonly UsZip[] | undefined;

/** The table's path: `data/us-zips.tsv` beside this package's package.json (source and build alike). */
function tablePath(): string {
  return path.join(path.dirname(requireHere().resolve('@synthgraph/core/package.json')), 'data', 'us-zips.tsv');
}

/**
 * Every residential ZIP, in ZIP order (loaded once; about 33,000 rows).
 *
 * @example
 * ```ts
 * usZipTable().find((z) => z.zip === '60614')?.timeZone; // 'America/Chicago'
 * ```
 */
export function usZipTable(): readonly UsZip[] {
  if (cache) return cache;
  let text: string;
  try {
    text = readFileSync(tablePath(), 'utf8');
  } catch (e) {
    throw new PoolError('the residential ZIP table could not be read', { path: 'places', fix: 'reinstall @synthgraph/core (it ships data/us-zips.tsv)', cause: e });
  }
  const lines = text.split('\n');
  if (lines[0] !== HEADER) throw new PoolError('the residential ZIP table has an unexpected header', { path: 'places', value: lines[0], fix: 'rebuild it with scripts/build-zip-table.ts' });
  const out: UsZip[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const [zip = '', city = '', state = '', pop = '', timeZone = ''] = line.split('\t');
    const population = Number(pop);
    if (!/^\d{5}$/.test(zip) || city === '' || !Object.hasOwn(US_STATE_POPULATION_2020, state) || !Number.isSafeInteger(population) || population <= 0 || timeZone === '') {
      throw new PoolError(`line ${i + 1} of the residential ZIP table is malformed`, { path: 'places', value: line, fix: 'rebuild it with scripts/build-zip-table.ts' });
    }
    out.push({ zip, city, state, population, timeZone });
  }
  cache = Object.freeze(out);
  return cache;
}
