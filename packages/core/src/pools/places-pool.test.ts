import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draw32, streamKeys, streamOf } from '../random/mixer.js';
import { DEFAULT_PLACES_SIZE, placesPool, type PlacesPoolOptions } from './places-pool.js';
import { PoolError } from './pool-error.js';
import { validatePool, type Pool } from './pool-types.js';
import { US_STATES, US_STATE_POPULATION_2020 } from './us-states.js';
import { aliasPick, aliasTable } from './weighted-choice.js';

interface ZipRecord {
  readonly zip: string;
  readonly city: string;
  readonly state: string;
  readonly country: string;
}
const zipcodes = createRequire(import.meta.url)('zipcodes') as {
  lookup(zip: string): ZipRecord | undefined;
  lookupByState(state: string): ZipRecord[];
};

const defaultPool = placesPool({ seed: 42 });

function cityWeights(p: Pool): [string, number][] {
  const m = new Map<string, number>();
  p.rows.forEach((r, i) => {
    const key = `${r[0]}, ${r[1]}`;
    m.set(key, (m.get(key) ?? 0) + (p.weights?.[i] as number));
  });
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function stateWeights(p: Pool): Map<string, number> {
  const m = new Map<string, number>();
  p.rows.forEach((r, i) => m.set(r[1] as string, (m.get(r[1] as string) ?? 0) + (p.weights?.[i] as number)));
  return m;
}

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
  it('is a valid, JSON-serializable pool of city/state/zip with one weight per row', () => {
    const p = defaultPool;
    expect(validatePool(p)).toBe(p);
    expect(p.name).toBe('places');
    expect(p.columns).toEqual([
      { name: 'city', type: 'string' },
      { name: 'state', type: 'string' },
      { name: 'zip', type: 'string' },
    ]);
    expect(p.rows).toHaveLength(DEFAULT_PLACES_SIZE);
    expect(p.weights).toHaveLength(DEFAULT_PLACES_SIZE);
    expect(p.source).toBe('zipcodes@8.0.0;cities=zip-count;states=census-2020');
    expect(p.fakerVersion).toBeUndefined();
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(new Set(p.rows.map((r) => r[2])).size).toBe(p.rows.length); // each ZIP at most once
  });

  it('holds only real, consistent triples from the 50 states and DC', () => {
    const states = new Set(US_STATES);
    for (const [city, state, zip] of defaultPool.rows) {
      expect(states.has(state as string), `${state}`).toBe(true);
      const rec = zipcodes.lookup(zip as string);
      expect(rec, `${zip}`).toBeDefined();
      expect([rec?.city, rec?.state, rec?.country]).toEqual([city, state, 'US']);
    }
    for (const p of [placesPool({ seed: 7, size: 5000 }), placesPool({ seed: 1, states: { WY: 1, DC: 1 } })]) {
      for (const [city, state, zip] of p.rows) expect([zipcodes.lookup(zip as string)?.city, zipcodes.lookup(zip as string)?.state]).toEqual([city, state]);
    }
  });

  it('skips organisation ZIPs and keeps real towns with unusual names', () => {
    const all = placesPool({ size: 40_000 }).rows.map((r) => r[0] as string);
    expect(all.some((c) => /\d|&|\bInc\b|\bCorp\b|Insurance|Lottery/.test(c))).toBe(false);
    const wi = placesPool({ states: { WI: 1 }, size: 5000 }).rows.map((r) => r[0]);
    expect(wi).toContain('Weyerhaeuser'); // a village, not the company's unique ZIP
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

  it('weights populous places most: New York, Los Angeles, Chicago and Houston are among the heaviest cities', () => {
    for (const seed of [0, 1, 42, 2 ** 40 + 3]) {
      const ranked = cityWeights(placesPool({ seed })).map(([c]) => c);
      const top = ranked.slice(0, 30);
      for (const city of ['New York, NY', 'Los Angeles, CA', 'Chicago, IL', 'Houston, TX']) expect(top, `seed ${seed}`).toContain(city);
      for (const city of ['New York, NY', 'Los Angeles, CA', 'Houston, TX']) expect(ranked.slice(0, 10), `seed ${seed}`).toContain(city);
      expect(ranked.length).toBeGreaterThan(1000); // and small towns are represented too
    }
  });

  it('by default, state shares follow the 2020 Census', () => {
    const total = Object.values(US_STATE_POPULATION_2020).reduce((a, b) => a + b, 0);
    expect(total).toBe(331_449_281);
    const shares = stateWeights(defaultPool);
    const weightSum = [...shares.values()].reduce((a, b) => a + b, 0);
    expect(weightSum).toBeCloseTo(1, 12);
    expect([...shares.keys()].sort()).toEqual([...US_STATES]);
    for (const s of US_STATES) {
      const share = (US_STATE_POPULATION_2020[s] as number) / total;
      expect(shares.get(s)).toBeCloseTo(share, 12);
      const rows = defaultPool.rows.filter((r) => r[1] === s).length;
      expect(Math.abs(rows - share * DEFAULT_PLACES_SIZE), s).toBeLessThanOrEqual(1); // rows ∝ share too
    }
  });

  it('honours configured state weights (exactly in the weights, within tolerance in 100k picks)', () => {
    const states = { CA: 0.5, NY: 0.3, TX: 0.15, VT: 0.05 };
    const p = placesPool({ seed: 11, size: 1000, states });
    expect(p.source).toBe('zipcodes@8.0.0;cities=zip-count;states=custom');
    expect(p.rows).toHaveLength(1000);
    const shares = stateWeights(p);
    expect([...shares.keys()].sort()).toEqual(['CA', 'NY', 'TX', 'VT']);
    for (const [s, w] of Object.entries(states)) expect(shares.get(s)).toBeCloseTo(w, 12);

    const table = aliasTable(p.weights as number[]);
    const k1 = streamKeys(11, streamOf('places.r1'));
    const k2 = streamKeys(11, streamOf('places.r2'));
    const picks = 100_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < picks; i++) {
      const s = p.rows[aliasPick(table, draw32(k1, i), draw32(k2, i))]?.[1] as string;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const [s, w] of Object.entries(states)) expect(Math.abs((counts.get(s) ?? 0) / picks - w), s).toBeLessThan(0.006);
  });

  it('normalizes state weights, ignores zero weights and caps a state at its ZIP count', () => {
    const p = placesPool({ seed: 3, size: 2000, states: { WY: 2, CA: 2, TX: 0 } });
    const wy = zipcodes.lookupByState('WY').length;
    const wyRows = p.rows.filter((r) => r[1] === 'WY').length;
    expect(wyRows).toBeLessThanOrEqual(wy);
    expect(wyRows).toBeGreaterThan(150); // all eligible WY ZIPs
    expect(p.rows).toHaveLength(2000); // the surplus went to CA
    expect(p.rows.some((r) => r[1] === 'TX')).toBe(false);
    const shares = stateWeights(p);
    expect(shares.get('WY')).toBeCloseTo(0.5, 12);
    expect(shares.get('CA')).toBeCloseTo(0.5, 12);
    // Asking for more rows than there are ZIPs gives every eligible ZIP once.
    const small = placesPool({ states: { DE: 1, RI: 1 }, size: 5000 });
    expect(small.rows.length).toBeLessThan(200);
    expect(new Set(small.rows.map((r) => r[2])).size).toBe(small.rows.length);
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
