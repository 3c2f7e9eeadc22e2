/**
 * Pools of fake values (names, domains, product names, …) materialized with @faker-js/faker
 * driven by a seeded pure-rand generator: same seed ⇒ the same pool, on any machine.
 */
import type { Faker, allFakers } from '@faker-js/faker';
import { PoolError } from './pool-error.js';
import { checkIdentifier, checkSize, type Pool, type PoolColumnType } from './pool-types.js';
import { packageVersion, requireHere } from './require-here.js';
import { SeededRandomizer, checkSeed } from './seeded-randomizer.js';

/**
 * The installed @faker-js/faker version (from its `package.json`; faker exports no version
 * constant). Recorded in the IR because faker's output for a given seed changes between
 * versions; the pools themselves are stored in the IR, so an IR stays reproducible anyway.
 *
 * @example
 * ```ts
 * FAKER_VERSION; // e.g. '10.6.0'
 * ```
 */
export const FAKER_VERSION: string = packageVersion('@faker-js/faker');

/**
 * A faker locale, e.g. `en_US` (the default), `de`, `fr_CA`, `ja`: any key of faker's
 * `allFakers`, with faker's own fallback chain (e.g. `de_AT` → `de` → `en` → `base`).
 *
 * @example
 * ```ts
 * const locale: FakerLocale = 'fr_CA';
 * ```
 */
export type FakerLocale = keyof typeof allFakers;

/**
 * The faker methods a pool may use, by path. Each is called without arguments and returns a
 * string. Deliberately absent: `location.city`, `location.state`, `location.zipCode` (faker
 * invents city names and does not keep city, state and ZIP consistent — use `placesPool`),
 * and every date method (dates must come from the config, never the clock).
 */
const FAKER_METHOD_TABLE = {
  'person.firstName': (f: Faker) => f.person.firstName(),
  'person.lastName': (f: Faker) => f.person.lastName(),
  'person.middleName': (f: Faker) => f.person.middleName(),
  'person.fullName': (f: Faker) => f.person.fullName(),
  'person.prefix': (f: Faker) => f.person.prefix(),
  'person.suffix': (f: Faker) => f.person.suffix(),
  'person.sex': (f: Faker) => f.person.sex(),
  'person.gender': (f: Faker) => f.person.gender(),
  'person.jobTitle': (f: Faker) => f.person.jobTitle(),
  'person.jobArea': (f: Faker) => f.person.jobArea(),
  'person.jobType': (f: Faker) => f.person.jobType(),
  'person.zodiacSign': (f: Faker) => f.person.zodiacSign(),
  'internet.domainName': (f: Faker) => f.internet.domainName(),
  'internet.domainWord': (f: Faker) => f.internet.domainWord(),
  'internet.domainSuffix': (f: Faker) => f.internet.domainSuffix(),
  'internet.email': (f: Faker) => f.internet.email(),
  'internet.exampleEmail': (f: Faker) => f.internet.exampleEmail(),
  'internet.username': (f: Faker) => f.internet.username(),
  'internet.userAgent': (f: Faker) => f.internet.userAgent(),
  'company.name': (f: Faker) => f.company.name(),
  'company.catchPhrase': (f: Faker) => f.company.catchPhrase(),
  'company.buzzPhrase': (f: Faker) => f.company.buzzPhrase(),
  'commerce.productName': (f: Faker) => f.commerce.productName(),
  'commerce.product': (f: Faker) => f.commerce.product(),
  'commerce.department': (f: Faker) => f.commerce.department(),
  'commerce.productAdjective': (f: Faker) => f.commerce.productAdjective(),
  'commerce.productMaterial': (f: Faker) => f.commerce.productMaterial(),
  'lorem.word': (f: Faker) => f.lorem.word(),
  'lorem.words': (f: Faker) => f.lorem.words(),
  'lorem.sentence': (f: Faker) => f.lorem.sentence(),
  'lorem.slug': (f: Faker) => f.lorem.slug(),
  'word.noun': (f: Faker) => f.word.noun(),
  'word.verb': (f: Faker) => f.word.verb(),
  'word.adjective': (f: Faker) => f.word.adjective(),
  'word.adverb': (f: Faker) => f.word.adverb(),
  'word.sample': (f: Faker) => f.word.sample(),
  'music.genre': (f: Faker) => f.music.genre(),
  'music.songName': (f: Faker) => f.music.songName(),
  'music.artist': (f: Faker) => f.music.artist(),
  'music.album': (f: Faker) => f.music.album(),
  'book.title': (f: Faker) => f.book.title(),
  'book.genre': (f: Faker) => f.book.genre(),
  'book.author': (f: Faker) => f.book.author(),
  'book.publisher': (f: Faker) => f.book.publisher(),
  'location.street': (f: Faker) => f.location.street(),
  'location.streetAddress': (f: Faker) => f.location.streetAddress(),
  'location.secondaryAddress': (f: Faker) => f.location.secondaryAddress(),
  'phone.number': (f: Faker) => f.phone.number(),
  'color.human': (f: Faker) => f.color.human(),
  'animal.type': (f: Faker) => f.animal.type(),
  'food.dish': (f: Faker) => f.food.dish(),
  'vehicle.vehicle': (f: Faker) => f.vehicle.vehicle(),
  'vehicle.manufacturer': (f: Faker) => f.vehicle.manufacturer(),
} as const satisfies Record<string, (f: Faker) => string>;

/**
 * A whitelisted faker method path, e.g. `person.firstName`. See {@link FAKER_METHODS}.
 *
 * @example
 * ```ts
 * const m: FakerMethodPath = 'internet.domainName';
 * ```
 */
export type FakerMethodPath = keyof typeof FAKER_METHOD_TABLE;

/**
 * Every allowed {@link FakerMethodPath}, in a stable order.
 *
 * @example
 * ```ts
 * FAKER_METHODS.includes('person.firstName'); // true
 * ```
 */
export const FAKER_METHODS: readonly FakerMethodPath[] = Object.freeze(Object.keys(FAKER_METHOD_TABLE) as FakerMethodPath[]);

/**
 * A custom column generator: called once per row attempt with the column's own seeded faker
 * and the index of the row being filled. It must draw randomness only from `faker` (never
 * `Math.random` or the clock) and return a string or a finite number. The column type is
 * inferred: all strings ⇒ `string`, all safe integers ⇒ `int`, other finite numbers ⇒ `double`.
 *
 * @example
 * ```ts
 * const age: FakerColumnGenerator = (f) => f.number.int({ min: 18, max: 90 });
 * ```
 */
export type FakerColumnGenerator = (faker: Faker, row: number) => string | number;

/**
 * Options of {@link fakerPool}.
 *
 * @example
 * ```ts
 * const opts: FakerPoolOptions = { name: 'domains', size: 300, seed: 7, columns: { domain: 'internet.domainName' }, unique: true };
 * ```
 */
export interface FakerPoolOptions {
  /** The pool's name, a plain identifier (e.g. `first_names`). */
  readonly name: string;
  /** Faker locale; `en_US` by default. */
  readonly locale?: FakerLocale;
  /** Number of rows, 1 to {@link MAX_POOL_ROWS}. */
  readonly size: number;
  /** A non-negative safe integer; same seed ⇒ same pool. */
  readonly seed: number;
  /** Column name → a whitelisted method path or a {@link FakerColumnGenerator}. */
  readonly columns: Readonly<Record<string, FakerMethodPath | FakerColumnGenerator>>;
  /** When true, no two rows are equal (as whole tuples). Default false. */
  readonly unique?: boolean;
}

/** Faker's date methods read `defaultRefDate`; pin it so no pool can depend on the clock. */
const REF_DATE_MS = Date.UTC(2024, 0, 1);

/**
 * Materializes a pool of fake values. Each column gets its own faker, driven by a
 * {@link SeededRandomizer} on stream `pool:<name>.<column>`, so adding, removing or reordering a
 * column never changes the values of another. Rows are generated in order; with `unique`, a row
 * equal to an earlier one is drawn again from the same streams (deterministically), and a
 * {@link PoolError} is thrown when the method cannot produce `size` distinct rows.
 *
 * The result has no weights (uniform picks) and records {@link FAKER_VERSION}.
 *
 * @example
 * ```ts
 * const names = fakerPool({
 *   name: 'names',
 *   size: 1000,
 *   seed: 42,
 *   columns: { first: 'person.firstName', last: 'person.lastName' },
 * });
 * names.rows[0]; // e.g. ['Alvah', 'Ondricka'] — the same for seed 42 everywhere
 * ```
 */
export function fakerPool(options: FakerPoolOptions): Pool {
  const { name, size, seed, columns } = options;
  const locale = options.locale ?? 'en_US';
  const unique = options.unique ?? false;
  checkIdentifier(name, 'name');
  checkSize(size);
  checkSeed(seed);
  const localeFaker = loadLocale(locale);
  if (typeof unique !== 'boolean') throw new PoolError('must be a boolean', { path: 'unique', value: unique, fix: 'pass true or false' });
  if (typeof columns !== 'object' || columns === null || Object.keys(columns).length === 0) {
    throw new PoolError('must name at least one column', { path: 'columns', value: columns, fix: "pass e.g. { first: 'person.firstName' }" });
  }
  const definitions = localeFaker.definitions;
  const FakerClass = localeFaker.constructor as typeof Faker;
  const gens = Object.entries(columns).map(([col, spec]) => {
    checkIdentifier(col, `columns.${col}`);
    const fn = resolveColumn(col, spec);
    const faker = new FakerClass({ locale: definitions, randomizer: new SeededRandomizer(seed, `pool:${name}.${col}`), config: { defaultRefDate: () => new Date(REF_DATE_MS) } });
    return { col, fn, faker };
  });

  const rows: (string | number)[][] = [];
  const seen = new Set<string>();
  const maxAttempts = size * 100 + 1000;
  let attempts = 0;
  while (rows.length < size) {
    if (attempts++ >= maxAttempts) {
      throw new PoolError(`could only draw ${rows.length} distinct rows of ${size} in ${maxAttempts} attempts`, {
        path: 'unique',
        value: true,
        fix: `lower size to at most ${rows.length}, add columns, or drop unique`,
      });
    }
    const row = gens.map((g) => call(g, rows.length, locale));
    if (unique) {
      const key = JSON.stringify(row);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    rows.push(row);
  }
  const types = gens.map((g, k) => inferType(rows, k, `columns.${g.col}`));
  const described = Object.entries(columns).map(([col, spec]) => (typeof spec === 'string' ? (gens.length === 1 ? spec : `${col}=${spec}`) : `${col}=custom`));
  return {
    name,
    columns: gens.map((g, k) => ({ name: g.col, type: types[k] as PoolColumnType })),
    rows,
    source: `faker:${locale}:${described.join(',')}`,
    fakerVersion: FAKER_VERSION,
  };
}

/**
 * The faker of one locale, loaded on first use from its own entry (`@faker-js/faker/locale/<id>`,
 * which pulls in only that locale's fallback chain): faker's main entry loads every locale, which
 * made importing core slow. Only an unknown locale loads the main entry, to list the valid ones.
 */
function loadLocale(locale: unknown): Faker {
  if (typeof locale === 'string' && /^[A-Za-z]+(?:_[A-Za-z]+)*$/.test(locale)) {
    try {
      return (requireHere()(`@faker-js/faker/locale/${locale}`) as { faker: Faker }).faker;
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') throw new PoolError(`could not load faker locale '${locale}'`, { path: 'locale', value: locale, fix: 'check that @faker-js/faker is installed and that Node.js can require it (see the supported Node range)', cause: e });
    }
  }
  const all = (requireHere()('@faker-js/faker') as { allFakers: typeof allFakers }).allFakers;
  throw new PoolError('is not a faker locale', { path: 'locale', value: locale, fix: `use one of ${Object.keys(all).join(', ')}` });
}

function resolveColumn(col: string, spec: unknown): FakerColumnGenerator {
  if (typeof spec === 'function') return spec as FakerColumnGenerator;
  if (typeof spec === 'string' && Object.hasOwn(FAKER_METHOD_TABLE, spec)) return FAKER_METHOD_TABLE[spec as FakerMethodPath];
  throw new PoolError(`unknown faker method '${String(spec)}'`, {
    path: `columns.${col}`,
    value: spec,
    fix: `use one of ${FAKER_METHODS.join(', ')}, or a generator function (faker) => value`,
  });
}

function call(g: { readonly col: string; readonly fn: FakerColumnGenerator; readonly faker: Faker }, row: number, locale: string): string | number {
  let v: unknown;
  try {
    v = g.fn(g.faker, row);
  } catch (e) {
    throw new PoolError(`faker failed for locale '${locale}': ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      path: `columns.${g.col}`,
      fix: 'choose a locale with data for this method (e.g. en_US) or another method',
      cause: e,
    });
  }
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new PoolError(`generator returned an invalid value at row ${row}`, { path: `columns.${g.col}`, value: v, fix: 'return a string or a finite number' });
}

function inferType(rows: readonly (readonly (string | number)[])[], k: number, path: string): PoolColumnType {
  let strings = 0;
  let ints = 0;
  for (const row of rows) {
    const v = row[k];
    if (typeof v === 'string') strings++;
    else if (Number.isSafeInteger(v)) ints++;
  }
  if (strings === rows.length) return 'string';
  if (strings > 0) throw new PoolError('mixes strings and numbers', { path, fix: 'return only strings or only numbers from the generator' });
  return ints === rows.length ? 'int' : 'double';
}
