import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAKER_METHODS, FAKER_VERSION, fakerPool, type FakerPoolOptions } from './faker-pool.js';
import { PoolError } from './pool-error.js';
import { validatePool } from './pool-types.js';
import { SeededRandomizer } from './seeded-randomizer.js';

const base: FakerPoolOptions = { name: 'names', size: 200, seed: 42, columns: { first: 'person.firstName', last: 'person.lastName' } };

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

describe('fakerPool', () => {
  it('builds a valid, JSON-serializable pool that records the faker version', () => {
    const p = fakerPool(base);
    expect(validatePool(p)).toBe(p);
    expect(p.name).toBe('names');
    expect(p.columns).toEqual([
      { name: 'first', type: 'string' },
      { name: 'last', type: 'string' },
    ]);
    expect(p.rows).toHaveLength(200);
    expect(p.weights).toBeUndefined();
    expect(p.source).toBe('faker:en_US:first=person.firstName,last=person.lastName');
    expect(p.fakerVersion).toBe(FAKER_VERSION);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(fakerPool({ ...base, columns: { first: 'person.firstName' } }).source).toBe('faker:en_US:person.firstName');
  });

  it('same seed ⇒ identical pool; different seed ⇒ different pool', () => {
    expect(fakerPool(base)).toEqual(fakerPool(base));
    const other = fakerPool({ ...base, seed: 43 });
    expect(other.rows).not.toEqual(fakerPool(base).rows);
    // Large seeds use all their bits (not truncated to 32).
    expect(fakerPool({ ...base, seed: 2 ** 40 + 42 }).rows).not.toEqual(fakerPool(base).rows);
  });

  it('gives each column its own stream: adding or reordering columns changes no other column', () => {
    const firstOnly = fakerPool({ ...base, columns: { first: 'person.firstName' } });
    const reordered = fakerPool({ ...base, columns: { domain: 'internet.domainName', last: 'person.lastName', first: 'person.firstName' } });
    const col = (rows: (string | number)[][], k: number) => rows.map((r) => r[k]);
    expect(col(reordered.rows, 2)).toEqual(col(firstOnly.rows, 0));
    expect(col(reordered.rows, 1)).toEqual(col(fakerPool(base).rows, 1));
    // …but the pool name is part of the stream.
    expect(fakerPool({ ...base, name: 'other' }).rows).not.toEqual(fakerPool(base).rows);
  });

  it('never reads Math.random or the clock', () => {
    const random = vi.spyOn(Math, 'random');
    const opts: FakerPoolOptions = { ...base, columns: { a: 'internet.userAgent', b: 'internet.email', c: 'phone.number', d: (f) => f.date.past().toISOString() } };
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
      const then = fakerPool(opts);
      vi.setSystemTime(new Date('2031-02-03T04:05:06Z'));
      expect(fakerPool(opts)).toEqual(then);
    } finally {
      vi.useRealTimers();
    }
    expect(random).not.toHaveBeenCalled();
  });

  it('selects the locale (en_US by default)', () => {
    const en = fakerPool(base);
    expect(fakerPool({ ...base, locale: 'en_US' })).toEqual(en);
    const de = fakerPool({ ...base, locale: 'de' });
    expect(de.rows).not.toEqual(en.rows);
    expect(de.source).toMatch(/^faker:de:/);
    const ja = fakerPool({ ...base, locale: 'ja', columns: { first: 'person.firstName' } });
    expect(ja.rows.some((r) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(String(r[0])))).toBe(true);
  });

  it('supports every whitelisted method', () => {
    for (const m of FAKER_METHODS) {
      const p = fakerPool({ name: 'p', size: 3, seed: 1, columns: { v: m } });
      expect(p.columns[0]?.type, m).toBe('string');
      p.rows.forEach((r) => expect(typeof r[0] === 'string' && r[0].length > 0, m).toBe(true));
    }
  });

  it('unique: no two rows are equal, deterministically', () => {
    const p = fakerPool({ name: 'genres', size: 20, seed: 3, columns: { g: 'music.genre' }, unique: true });
    expect(new Set(p.rows.map((r) => r[0])).size).toBe(20);
    expect(fakerPool({ name: 'genres', size: 20, seed: 3, columns: { g: 'music.genre' }, unique: true })).toEqual(p);
    // Without unique, a small vocabulary repeats.
    const dup = fakerPool({ name: 'genres', size: 200, seed: 3, columns: { g: 'music.genre' } });
    expect(new Set(dup.rows.map((r) => r[0])).size).toBeLessThan(200);
  });

  it('unique: fails with a PoolError when the method cannot give enough distinct values', () => {
    const e = poolError(() => fakerPool({ name: 'genres', size: 500, seed: 3, columns: { g: 'music.genre' }, unique: true }));
    expect(e.path).toBe('unique');
    expect(e.message).toMatch(/distinct rows/);
    expect(e.fix).toMatch(/lower size/);
  });

  it('infers the type of generator columns', () => {
    const p = fakerPool({
      name: 'mixed',
      size: 50,
      seed: 9,
      columns: {
        age: (f) => f.number.int({ min: 18, max: 90 }),
        score: (f) => f.number.float({ min: 0, max: 1, fractionDigits: 4 }) + 0.5,
        handle: (f, row) => `${f.word.noun()}_${row}`,
      },
    });
    expect(p.columns).toEqual([
      { name: 'age', type: 'int' },
      { name: 'score', type: 'double' },
      { name: 'handle', type: 'string' },
    ]);
    expect(p.source).toBe('faker:en_US:age=custom,score=custom,handle=custom');
    expect(p.rows[7]?.[2]).toMatch(/_7$/);
    expect(validatePool(p)).toBe(p);
  });

  it('rejects an unknown method path, naming it and listing the allowed ones', () => {
    const e = poolError(() => fakerPool({ ...base, columns: { city: 'location.city' as 'person.firstName' } }));
    expect(e.path).toBe('columns.city');
    expect(e.message).toContain("unknown faker method 'location.city'");
    expect(e.fix).toContain('person.firstName');
    expect(e.fix).toContain('internet.userAgent');
  });

  it('rejects invalid options with a PoolError naming the option', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ name: 'bad name' }, 'name'],
      [{ size: 0 }, 'size'],
      [{ size: 2.5 }, 'size'],
      [{ size: 1e9 }, 'size'],
      [{ seed: -1 }, 'seed'],
      [{ seed: 1.5 }, 'seed'],
      [{ locale: 'xx_YY' }, 'locale'],
      [{ columns: {} }, 'columns'],
      [{ columns: { 'not ok': 'person.firstName' } }, 'columns.not ok'],
    ];
    for (const [patch, path] of bad) expect(poolError(() => fakerPool({ ...base, ...patch } as unknown as FakerPoolOptions)).path).toBe(path);
    const mixed = poolError(() => fakerPool({ ...base, columns: { v: (_f, row) => (row % 2 ? 'x' : 1) } }));
    expect(mixed.path).toBe('columns.v');
    const nan = poolError(() => fakerPool({ ...base, columns: { v: () => Number.NaN } }));
    expect(nan.message).toMatch(/invalid value at row 0/);
    const noData = poolError(() => fakerPool({ ...base, locale: 'base', columns: { first: 'person.firstName' } }));
    expect(noData.message).toMatch(/faker failed for locale 'base'/);
    expect(noData.cause).toBeInstanceOf(Error);
  });
});

describe('FAKER_VERSION', () => {
  it("is faker's package.json version", () => {
    const req = createRequire(import.meta.url);
    const pkgPath = req.resolve('@faker-js/faker/package.json');
    const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
    expect(FAKER_VERSION).toBe(version);
    expect(FAKER_VERSION).toMatch(/^10\.\d+\.\d+/);
  });
});

describe('SeededRandomizer', () => {
  it('is a pure function of (seed, stream), with values in range', () => {
    const a = new SeededRandomizer(42, 's');
    const b = new SeededRandomizer(42, 's');
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    xs.forEach((x) => expect(x >= 0 && x < 1).toBe(true));
    expect(new SeededRandomizer(42, 't').next()).not.toBe(xs[0]);
    expect(new SeededRandomizer(43, 's').next()).not.toBe(xs[0]);
    const u = new SeededRandomizer(0, 's');
    for (let i = 0; i < 1000; i++) {
      const v = u.nextUint32();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
    // Golden values: a change to the seeding changes every pool.
    expect([new SeededRandomizer(42, 'pool:names.first').nextUint32(), new SeededRandomizer(7, 'x').nextUint32()]).toMatchInlineSnapshot(`
      [
        2359847181,
        1156538225,
      ]
    `);
  });

  it('reseeds deterministically, also when methods are detached (as faker calls them)', () => {
    const r = new SeededRandomizer(1, 's');
    const { next, seed } = r;
    const first = next();
    next();
    seed(1);
    expect(next()).toBe(first);
    seed([1, 2, 3]);
    const x = next();
    seed([1, 2, 3]);
    expect(next()).toBe(x);
  });
});
