import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLACES_SIZE, placesPool, type PlacesPoolOptions } from './places-pool.js';
import { US_ZIPS_SOURCE, usZipTable } from './zip-table.js';
import { PoolError } from './pool-error.js';
import { validatePool, type Pool } from './pool-types.js';
import { US_STATES, US_STATE_POPULATION_2020 } from './us-states.js';

const table = usZipTable();
const byZip = new Map(table.map((z) => [z.zip, z]));
const defaultPool = placesPool({ seed: 42 });

function rowShares(p: Pool, key: (r: (string | number)[]) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of p.rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1 / p.rows.length);
  return m;
}
const cityOf = (r: (string | number)[]): string => `${r[0]}, ${r[1]}`;
const stateOf = (r: (string | number)[]): string => r[1] as string;

function poolError(f: () => unknown): PoolError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PoolError);
    expect((e as PoolError).code).toBe('POOL_INVALID');
    return e as PoolError;
  }
  throw new Error('expected a PoolError');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('placesPool', () => {
  it('is a valid, JSON-serializable pool of city/state/zip/time_zone rows picked uniformly', () => {
    const p = defaultPool;
    expect(validatePool(p)).toBe(p);
    expect(p.name).toBe('places');
    expect(p.columns).toEqual([
      { name: 'city', type: 'string' },
      { name: 'state', type: 'string' },
      { name: 'zip', type: 'string' },
      { name: 'time_zone', type: 'string' },
    ]);
    expect(p.rows).toHaveLength(DEFAULT_PLACES_SIZE);
    expect(p.weights).toBeUndefined();
    expect(p.source).toBe(`${US_ZIPS_SOURCE};zips=population;states=census-2020`);
    expect(p.fakerVersion).toBeUndefined();
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(new Set(p.rows.map((r) => r[2])).size).toBeGreaterThan(10_000); // many distinct ZIPs
  });

  it('holds only rows of the residential ZIP table, exactly as it has them (city, state and zone of the ZIP)', () => {
    for (const p of [defaultPool, placesPool({ seed: 7, size: 5000 }), placesPool({ seed: 1, states: { WY: 1, DC: 1 } })]) {
      for (const [city, state, zip, zone] of p.rows) {
        const z = byZip.get(zip as string);
        expect(z, `${zip}`).toBeDefined();
        expect([city, state, zone]).toEqual([z?.city, z?.state, z?.timeZone]);
      }
    }
  });

  it('same seed ⇒ identical pool; different seed ⇒ different pool', () => {
    expect(placesPool({ seed: 42 })).toEqual(defaultPool);
    expect(placesPool({ seed: 43 }).rows).not.toEqual(defaultPool.rows);
    expect(placesPool({ seed: 42, name: 'homes' }).rows).not.toEqual(defaultPool.rows);
    expect(placesPool()).toEqual(placesPool({ seed: 0 }));
  });

  it('never reads Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    placesPool({ seed: 5, size: 300 });
    expect(random).not.toHaveBeenCalled();
  });

  it('gives each city its share of its state\'s residential population (within one row)', () => {
    const statePop = new Map<string, number>();
    const cityPop = new Map<string, number>();
    for (const z of table) {
      statePop.set(z.state, (statePop.get(z.state) ?? 0) + z.population);
      cityPop.set(`${z.city}, ${z.state}`, (cityPop.get(`${z.city}, ${z.state}`) ?? 0) + z.population);
    }
    for (const seed of [0, 1, 42, 2 ** 40 + 3]) {
      const p = placesPool({ seed });
      const rows = new Map<string, number>();
      for (const r of p.rows) rows.set(cityOf(r), (rows.get(cityOf(r)) ?? 0) + 1);
      const stateRows = new Map<string, number>();
      for (const r of p.rows) stateRows.set(stateOf(r), (stateRows.get(stateOf(r)) ?? 0) + 1);
      for (const city of ['Houston, TX', 'Chicago, IL', 'Brooklyn, NY', 'Los Angeles, CA', 'Philadelphia, PA', 'Sacramento, CA', 'Cheyenne, WY']) {
        const state = city.slice(-2);
        const expected = ((cityPop.get(city) as number) / (statePop.get(state) as number)) * (stateRows.get(state) as number);
        expect(Math.abs((rows.get(city) ?? 0) - expected), `${city} seed ${seed}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('by default, state shares follow the 2020 Census (within one row)', () => {
    const total = Object.values(US_STATE_POPULATION_2020).reduce((a, b) => a + b, 0);
    expect(total).toBe(331_449_281);
    const shares = rowShares(defaultPool, stateOf);
    expect([...shares.keys()].sort()).toEqual([...US_STATES]);
    for (const s of US_STATES) {
      const share = (US_STATE_POPULATION_2020[s] as number) / total;
      expect(Math.abs((shares.get(s) as number) - share), s).toBeLessThanOrEqual(1 / DEFAULT_PLACES_SIZE);
    }
  });

  it('honours configured state weights: normalized, zero weights ignored, a small state repeating its ZIPs', () => {
    const states = { CA: 0.5, NY: 0.3, TX: 0.15, VT: 0.05 };
    const p = placesPool({ seed: 11, size: 1000, states });
    expect(p.source).toBe(`${US_ZIPS_SOURCE};zips=population;states=custom`);
    expect(p.rows).toHaveLength(1000);
    const shares = rowShares(p, stateOf);
    expect([...shares.keys()].sort()).toEqual(['CA', 'NY', 'TX', 'VT']);
    for (const [s, w] of Object.entries(states)) expect(shares.get(s)).toBeCloseTo(w, 12);

    const two = placesPool({ seed: 3, size: 2000, states: { DC: 2, CA: 2, TX: 0 } });
    expect(two.rows).toHaveLength(2000);
    expect(two.rows.some((r) => r[1] === 'TX')).toBe(false);
    expect(rowShares(two, stateOf).get('DC')).toBeCloseTo(0.5, 12);
    const dcZips = new Set(two.rows.filter((r) => r[1] === 'DC').map((r) => r[2]));
    expect(dcZips.size).toBeLessThanOrEqual(table.filter((z) => z.state === 'DC').length); // 1000 rows over DC's few ZIPs
  });

  it('rejects invalid options with a PoolError naming the option', () => {
    const cases: [PlacesPoolOptions, string, RegExp][] = [
      [{ states: { PR: 1 } }, 'states.PR', /territories/],
      [{ states: { AE: 1 } }, 'states.AE', /military/],
      [{ states: { ca: 1 } }, 'states.ca', /upper case: CA/],
      [{ states: { CA: -1 } }, 'states.CA', /non-negative/],
      [{ states: { CA: Number.NaN } }, 'states.CA', /non-negative/],
      [{ states: { CA: 0, NY: 0 } }, 'states', /no state a positive weight/],
      [{ states: [] as unknown as Record<string, number> }, 'states', /USPS state codes/],
      [{ size: 10 }, 'size', /at least the number of states/],
      [{ size: 0 }, 'size', /integer/],
      [{ seed: -3 }, 'seed', /non-negative/],
      [{ name: '1places' }, 'name', /identifier/],
    ];
    for (const [opts, path, message] of cases) {
      const e = poolError(() => placesPool(opts));
      expect(e.path).toBe(path);
      expect(e.message).toMatch(message);
    }
    // A size below 51 is fine when fewer states are weighted.
    expect(placesPool({ size: 2, states: { CA: 1, NY: 1 } }).rows).toHaveLength(2);
  });
});
