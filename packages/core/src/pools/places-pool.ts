/**
 * A pool of real, consistent (city, state, ZIP, time zone) rows: residential US ZIP codes drawn
 * with probability proportional to their residential population (Census ZCTA counts).
 */
import { PoolError } from './pool-error.js';
import { checkIdentifier, checkSize, type Pool } from './pool-types.js';
import { SeededRandomizer, checkSeed } from './seeded-randomizer.js';
import { US_STATES, US_STATE_POPULATION_2020 } from './us-states.js';
import { apportionUnits } from './weighted-choice.js';
import { US_ZIPS_SOURCE, usZipTable, type UsZip } from './zip-table.js';

/**
 * Default number of rows of {@link placesPool}.
 *
 * @example
 * ```ts
 * placesPool().rows.length === DEFAULT_PLACES_SIZE; // true
 * ```
 */
export const DEFAULT_PLACES_SIZE = 16384;

/**
 * Options of {@link placesPool}.
 *
 * @example
 * ```ts
 * const opts: PlacesPoolOptions = { seed: 42, size: 1000, states: { CA: 0.5, NY: 0.5 } };
 * ```
 */
export interface PlacesPoolOptions {
  /** The pool's name; `places` by default. */
  readonly name?: string;
  /** A non-negative safe integer; 0 by default. Same seed ⇒ same pool. */
  readonly seed?: number;
  /**
   * Number of rows, at least the number of states with a positive weight (51 by default);
   * {@link DEFAULT_PLACES_SIZE} by default. A populous ZIP may fill several rows.
   */
  readonly size?: number;
  /**
   * Relative weight of each state, by USPS code (`CA`, `NY`, …, `DC`); states left out get no
   * places. By default the 2020 Census population ({@link US_STATE_POPULATION_2020}).
   * Territories and military codes are not supported.
   */
  readonly states?: Readonly<Record<string, number>>;
}

/**
 * Materializes a pool of real US places: columns `city`, `state`, `zip` and `time_zone`
 * (strings), each row one residential ZIP exactly as the ZIP table has it (USPS city name, IANA
 * zone of the ZIP), to be picked **uniformly** (`weights` is absent).
 *
 * How rows are chosen (all deterministic, integer arithmetic, no floating-point sampling):
 * 1. **Eligible ZIPs**: the residential ZIP table ({@link usZipTable}): ZIP Code Tabulation
 *    Areas with residents in the 50 states and DC. PO-box-only, unique-organisation, military
 *    and inactive ZIPs have no ZCTA and are absent, so every city is a USPS city name.
 * 2. **State shares**: `states` (normalized) or, by default, the 2020 Census population. The
 *    `size` rows are apportioned to states in proportion to their shares (largest remainder,
 *    at least one row each), so a state's share of picks is within 1/size of its weight.
 * 3. **Within a state — probability proportional to population**: the state's ZIPs are sorted
 *    by city then ZIP and laid end to end, each as long as its residential population (ACS
 *    5-year ZCTA counts); k rows are taken at the points `floor((u + j) · P / k)`, j = 0..k-1,
 *    of the state's total population P, with the offset u ∈ [0, 1) drawn from the seed (stream
 *    `pool:<name>.<state>`). A ZIP is picked in proportion to its population (a ZIP with more
 *    than P/k residents gets several rows), and a city, being contiguous, gets its population
 *    share of the state's rows within one row.
 *
 * `source` records the ZIP table's provenance and the kind of state weights used.
 *
 * @example
 * ```ts
 * const places = placesPool({ seed: 42 });                   // 16384 rows, census-weighted
 * const west = placesPool({ size: 500, states: { CA: 0.6, OR: 0.2, WA: 0.2 } });
 * places.columns.map((c) => c.name);                          // ['city', 'state', 'zip', 'time_zone']
 * ```
 */
export function placesPool(options: PlacesPoolOptions = {}): Pool {
  const name = options.name ?? 'places';
  const seed = options.seed ?? 0;
  const size = options.size ?? DEFAULT_PLACES_SIZE;
  checkIdentifier(name, 'name');
  checkSeed(seed);
  checkSize(size);
  const custom = options.states !== undefined;
  const stateWeights = custom ? checkStates(options.states) : US_STATES.map((s): [string, number] => [s, US_STATE_POPULATION_2020[s] as number]);
  const chosen = stateWeights.filter(([, w]) => w > 0);
  if (size < chosen.length) {
    throw new PoolError(`must be at least the number of states with a positive weight (${chosen.length}), so that each gets a place`, {
      path: 'size',
      value: size,
      fix: `raise size to ${chosen.length} or more, or give fewer states a weight`,
    });
  }

  const byState = zipsByState();
  const counts = apportionUnits(
    chosen.map(([, w]) => w),
    size,
  );
  const rows: string[][] = [];
  chosen.forEach(([state], i) => {
    const list = byState.get(state) as readonly UsZip[];
    const u = new SeededRandomizer(seed, `pool:${name}.${state}`).nextUint32();
    for (const p of ppsSample(list, counts[i] as number, u)) rows.push([p.city, p.state, p.zip, p.timeZone]);
  });
  return {
    name,
    columns: [
      { name: 'city', type: 'string' },
      { name: 'state', type: 'string' },
      { name: 'zip', type: 'string' },
      { name: 'time_zone', type: 'string' },
    ],
    rows,
    source: `${US_ZIPS_SOURCE};zips=population;states=${custom ? 'custom' : 'census-2020'}`,
  };
}

/** The residential ZIPs of each state, sorted by city then ZIP (every state and DC has some). */
function zipsByState(): ReadonlyMap<string, readonly UsZip[]> {
  const byState = new Map<string, UsZip[]>();
  for (const z of usZipTable()) {
    let list = byState.get(z.state);
    if (!list) byState.set(z.state, (list = []));
    list.push(z);
  }
  for (const list of byState.values()) list.sort((a, b) => cmp(a.city, b.city) || cmp(a.zip, b.zip));
  for (const s of US_STATES) if (!byState.has(s)) throw new PoolError('has no residential ZIP codes in the ZIP table', { path: `states.${s}`, fix: 'rebuild data/us-zips.tsv with scripts/build-zip-table.ts' });
  return byState;
}

/** Code-unit order: the same on every platform (unlike `localeCompare`). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Validated (state, weight) pairs in code order. */
function checkStates(states: unknown): [string, number][] {
  if (typeof states !== 'object' || states === null || Array.isArray(states)) {
    throw new PoolError('must map USPS state codes to weights', { path: 'states', value: states, fix: 'pass e.g. { CA: 0.5, NY: 0.3, TX: 0.2 }' });
  }
  const out: [string, number][] = [];
  for (const [code, w] of Object.entries(states as Record<string, unknown>)) {
    const path = `states.${code}`;
    if (!Object.hasOwn(US_STATE_POPULATION_2020, code)) {
      const upper = code.toUpperCase();
      const fix = Object.hasOwn(US_STATE_POPULATION_2020, upper)
        ? `write it in upper case: ${upper}`
        : `use a code of the 50 states or DC (territories and military codes are not supported): ${US_STATES.join(', ')}`;
      throw new PoolError('is not a US state code', { path, value: code, fix });
    }
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new PoolError('must be a finite, non-negative weight', { path, value: w, fix: 'use e.g. 0.25 (0 excludes the state)' });
    }
    out.push([code, w]);
  }
  if (!out.some(([, w]) => w > 0)) throw new PoolError('gives no state a positive weight', { path: 'states', value: states, fix: 'give at least one state a weight above 0' });
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * k ZIPs with probability proportional to population: the points floor((u/2^32 + j) · P / k) of
 * the population line, exactly (BigInt), each mapped to the ZIP whose span holds it.
 */
function ppsSample(list: readonly UsZip[], k: number, u: number): UsZip[] {
  const total = BigInt(list.reduce((a, z) => a + z.population, 0));
  const den = BigInt(k) << 32n;
  const out: UsZip[] = [];
  let i = 0;
  let end = BigInt((list[0] as UsZip).population);
  for (let j = 0; j < k; j++) {
    const point = ((BigInt(u) + (BigInt(j) << 32n)) * total) / den;
    while (point >= end) end += BigInt((list[++i] as UsZip).population);
    out.push(list[i] as UsZip);
  }
  return out;
}
