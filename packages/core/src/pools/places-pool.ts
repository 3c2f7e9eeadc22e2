/**
 * A pool of real, consistent (city, state, zip) triples from the `zipcodes` package, weighted
 * towards populous places.
 */
import { PoolError } from './pool-error.js';
import { checkIdentifier, checkSize, type Pool } from './pool-types.js';
import { SeededRandomizer, checkSeed } from './seeded-randomizer.js';
import { US_STATES, US_STATE_POPULATION_2020 } from './us-states.js';
import { apportionUnits } from './weighted-choice.js';
import { loadZipIndex, type ZipPlace } from './zipcodes-data.js';

/**
 * Default number of rows of {@link placesPool}.
 *
 * @example
 * ```ts
 * placesPool().rows.length === DEFAULT_PLACES_SIZE; // true
 * ```
 */
export const DEFAULT_PLACES_SIZE = 2000;

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
   * {@link DEFAULT_PLACES_SIZE} by default. The pool has fewer rows only when the states
   * together have fewer eligible ZIP codes.
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
 * Materializes a pool of real US places: columns `city`, `state`, `zip` (strings), each row a
 * triple exactly as the `zipcodes` package has it, with weights for weighted picks.
 *
 * How rows are chosen and weighted (all deterministic, integer arithmetic, no floating-point
 * sampling):
 * 1. **Eligible ZIPs**: US, the 50 states and DC (no territories, no APO/FPO), with
 *    coordinates, whose "city" is a place rather than one organisation's unique ZIP.
 * 2. **State shares**: `states` (normalized) or, by default, the 2020 Census population. The
 *    `size` rows are apportioned to states in proportion to their shares (largest remainder,
 *    at least one row each); a state given more rows than it has ZIPs keeps all of its ZIPs and
 *    the surplus goes to the other states.
 * 3. **Within a state — the population proxy**: `zipcodes` has no population, so a city's
 *    population is taken to be proportional to its **number of ZIP codes** (New York, Los
 *    Angeles, Chicago and Houston each have 80–190; most towns have one). The state's ZIPs are
 *    sorted by city then ZIP and a systematic sample of k of its n ZIPs is drawn at positions
 *    `floor((u + j) · n / k)`, j = 0..k-1, with the offset u ∈ [0, 1) drawn from the seed
 *    (stream `pool:<name>.<state>`). Every ZIP has the same inclusion probability, so a city
 *    gets rows in proportion to its ZIP count (populous cities get several rows, each a
 *    different ZIP), and the sample is spread evenly over the state's cities.
 * 4. **Weights**: each row of state s weighs `share(s) / rows(s)`, so the pool's weights per
 *    state sum to the state's share (up to double rounding), and a city's total weight is its state's share
 *    times its share of the state's ZIPs.
 *
 * The proxy is coarse: ZIP counts under-weight dense cities relative to small towns, and
 * government, PO-box and campus ZIPs inflate a few (Washington DC, El Paso, Sacramento).
 * `source` records the package version and the kind of state weights used.
 *
 * @example
 * ```ts
 * const places = placesPool({ seed: 42 });                   // ≈ 2000 rows, census-weighted
 * const west = placesPool({ size: 500, states: { CA: 0.6, OR: 0.2, WA: 0.2 } });
 * places.columns.map((c) => c.name);                          // ['city', 'state', 'zip']
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

  const index = loadZipIndex();
  const zips = chosen.map(([s]) => {
    const list = index.byState.get(s);
    if (!list || list.length === 0) throw new PoolError('has no eligible ZIP codes', { path: `states.${s}`, fix: 'give this state weight 0' });
    return list;
  });
  const total = chosen.reduce((a, [, w]) => a + w, 0);
  const counts = allocate(
    chosen.map(([, w]) => w),
    zips.map((z) => z.length),
    size,
  );

  const rows: string[][] = [];
  const weights: number[] = [];
  chosen.forEach(([state, w], i) => {
    const k = counts[i] as number;
    const list = zips[i] as readonly ZipPlace[];
    const u = new SeededRandomizer(seed, `pool:${name}.${state}`).nextUint32();
    const rowWeight = w / total / k;
    for (const p of systematicSample(list, k, u)) {
      rows.push([p.city, p.state, p.zip]);
      weights.push(rowWeight);
    }
  });
  return {
    name,
    columns: [
      { name: 'city', type: 'string' },
      { name: 'state', type: 'string' },
      { name: 'zip', type: 'string' },
    ],
    rows,
    weights,
    source: `${index.source};cities=zip-count;states=${custom ? 'custom' : 'census-2020'}`,
  };
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
 * Rows per state: proportional to the weights (exact largest remainder, at least one each),
 * capped at each state's ZIP count with the surplus re-apportioned among the others.
 */
function allocate(weights: readonly number[], caps: readonly number[], size: number): number[] {
  const capped = new Set<number>();
  let counts: number[] = [];
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !capped.has(i));
    counts = caps.map((c, i) => (capped.has(i) ? c : 0));
    if (free.length === 0) return counts;
    const remaining = size - [...capped].reduce((a, i) => a + (caps[i] as number), 0);
    const share = apportionUnits(
      free.map((i) => weights[i] as number),
      remaining,
    );
    free.forEach((i, j) => (counts[i] = share[j] as number));
    const over = free.filter((i) => (counts[i] as number) > (caps[i] as number));
    if (over.length === 0) return counts;
    for (const i of over) capped.add(i);
  }
}

/** k of the n places at positions floor((u/2^32 + j) · n / k), exactly; distinct as k ≤ n. */
function systematicSample(list: readonly ZipPlace[], k: number, u: number): ZipPlace[] {
  const n = BigInt(list.length);
  const den = BigInt(k) << 32n;
  const out: ZipPlace[] = [];
  for (let j = 0; j < k; j++) {
    const pos = ((BigInt(u) + (BigInt(j) << 32n)) * n) / den;
    out.push(list[Number(pos)] as ZipPlace);
  }
  return out;
}
