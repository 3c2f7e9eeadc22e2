/**
 * Residential US ZIP codes from the `zipcodes` package (a flat file of USPS ZIP codes with
 * city, state and coordinates), loaded lazily — the data is ~5 MB of JavaScript and costs about
 * 300 ms, paid only when a places pool is built — and cached.
 */
import { PoolError } from './pool-error.js';
import { packageVersion, requireHere } from './require-here.js';
import { US_STATE_POPULATION_2020 } from './us-states.js';

/**
 * One ZIP code and its (real, consistent) city and state.
 *
 * @example
 * ```ts
 * const p: ZipPlace = { city: 'Beverly Hills', state: 'CA', zip: '90210' };
 * ```
 */
export interface ZipPlace {
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

/**
 * The eligible ZIP codes, by state, each list sorted by city then ZIP.
 *
 * @example
 * ```ts
 * const { source, byState }: ZipIndex = loadZipIndex(); // source: 'zipcodes@8.0.0'
 * ```
 */
export interface ZipIndex {
  /** `zipcodes@<version>`. */
  readonly source: string;
  readonly byState: ReadonlyMap<string, readonly ZipPlace[]>;
}

/**
 * "Cities" that are really one organisation's unique ZIP (firms, banks, agencies, lotteries,
 * reply-mail codes) and are never anyone's home. Matched on whole words, so real towns such as
 * Red Bank, Telephone, Mutual, Penney Farms or Weyerhaeuser are kept.
 */
const NON_PLACE =
  /\d|[&/]|\b(?:Inc|Corp|Co|Comp|Brm|Firms|Dept|Svc|Ctr|Bkcard|Syste|Natl Bank|Nat Bank|National Bank|Bank Of|Insurance|Ins|Telephone Co|Ny Telephone|General Telephone|Continental Telephone|Internal Revenue|Federal Communications|Geological Survey|Blue Cross|Columbia House|Columbia Hse|Cancer Fund|Focus On The Family|Contest Mail|Express Mail|The Mail Box|Lottery|Citibank|Citicorp|Sears Roebuck|Lockheed|Liberty Mutual|Wells Fargo|Us Bank|Amsouth Bank|First Union Bank|West One Bank|Midlantic|Gen Electric|Parcel Return|Blair Return|Bureau Business|Craftsmen|Independent Elect|Metropolitan Edison|Duguesne Light|Ameritrust|Marden Kane|Parisians)\b/;

let cache: ZipIndex | undefined;

/**
 * Loads (once) the ZIP codes eligible for a places pool: country US; one of the 50 states or DC
 * (territories and military APO/FPO codes are skipped); a five-digit ZIP with coordinates; a
 * city name that is a place, not an organisation (see `NON_PLACE`).
 *
 * @example
 * ```ts
 * loadZipIndex().byState.get('WY')?.length; // ≈ 190
 * ```
 */
export function loadZipIndex(): ZipIndex {
  if (cache) return cache;
  let mod: unknown;
  try {
    mod = requireHere()('zipcodes');
  } catch (e) {
    throw new PoolError('the zipcodes package could not be loaded', { path: 'places', fix: 'install zipcodes@8 next to @synthgraph/core', cause: e });
  }
  const codes = typeof mod === 'object' && mod !== null && 'codes' in mod ? mod.codes : undefined;
  if (typeof codes !== 'object' || codes === null) {
    throw new PoolError('the zipcodes package has no `codes` table', { path: 'places', fix: 'install zipcodes@8 next to @synthgraph/core' });
  }
  const byState = new Map<string, ZipPlace[]>();
  for (const record of Object.values(codes as Record<string, unknown>)) {
    const place = eligible(record);
    if (!place) continue;
    let list = byState.get(place.state);
    if (!list) byState.set(place.state, (list = []));
    list.push(place);
  }
  for (const list of byState.values()) list.sort((a, b) => cmp(a.city, b.city) || cmp(a.zip, b.zip));
  cache = { source: `zipcodes@${packageVersion('zipcodes')}`, byState };
  return cache;
}

function eligible(r: unknown): ZipPlace | undefined {
  if (typeof r !== 'object' || r === null) return undefined;
  const { zip, city, state, country, latitude, longitude } = r as Record<string, unknown>;
  if (country !== 'US' || typeof state !== 'string' || !Object.hasOwn(US_STATE_POPULATION_2020, state)) return undefined;
  if (typeof zip !== 'string' || !/^\d{5}$/.test(zip) || typeof city !== 'string' || city.trim() !== city || city === '') return undefined;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude) || (latitude === 0 && longitude === 0)) return undefined;
  if (NON_PLACE.test(city)) return undefined;
  return { city, state, zip };
}

/** Code-unit order: the same on every platform (unlike `localeCompare`). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
