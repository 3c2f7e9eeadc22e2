/**
 * The shape of a value pool: a small table materialized at lowering time and stored inside the
 * IR, so the same IR gives the same data anywhere with no faker (and no ZIP database) at run
 * time.
 */
import { PoolError } from './pool-error.js';
import { checkWeights } from './weighted-choice.js';

/**
 * The type of a pool column's cells: strings, safe integers or finite doubles.
 *
 * @example
 * ```ts
 * const t: PoolColumnType = 'int';
 * ```
 */
export type PoolColumnType = 'string' | 'int' | 'double';

/**
 * One column of a {@link Pool}.
 *
 * @example
 * ```ts
 * const zip: PoolColumn = { name: 'zip', type: 'string' };
 * ```
 */
export interface PoolColumn {
  /** A plain identifier (letters, digits, underscore). */
  name: string;
  type: PoolColumnType;
}

/**
 * A value pool: plain, JSON-serializable data. Structurally compatible with what
 * `scenario.pool(…)` accepts.
 *
 * @example
 * ```ts
 * const tiers: Pool = {
 *   name: 'tiers',
 *   columns: [{ name: 'tier', type: 'string' }, { name: 'rank', type: 'int' }],
 *   rows: [['gold', 1], ['silver', 2], ['bronze', 3]],
 *   weights: [1, 3, 6],
 *   source: 'hand-written',
 * };
 * ```
 */
export interface Pool {
  /** A plain identifier, e.g. `places`. */
  name: string;
  columns: PoolColumn[];
  /** Row-major; every row has `columns.length` cells. */
  rows: (string | number)[][];
  /** Optional non-negative relative weights, one per row (for weighted picks). */
  weights?: number[];
  /** Provenance, e.g. `faker:en_US:person.firstName` or `us-zips.tsv:…`. */
  source: string;
  /** The @faker-js/faker version, set when faker produced the pool. */
  fakerVersion?: string;
}

/**
 * Most rows a pool may have: pools are inlined into the IR (and into SQL as pick lists).
 *
 * @example
 * ```ts
 * fakerPool({ name: 'n', size: MAX_POOL_ROWS + 1, seed: 1, columns: { v: 'word.noun' } }); // throws PoolError
 * ```
 */
export const MAX_POOL_ROWS = 100_000;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Throws {@link PoolError} unless `name` is a plain identifier.
 *
 * @example
 * ```ts
 * checkIdentifier('first_names', 'name'); // ok
 * checkIdentifier('first names', 'name'); // throws PoolError at path "name"
 * ```
 */
export function checkIdentifier(name: unknown, path: string): asserts name is string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new PoolError('must be a plain identifier (letters, digits, underscore; not starting with a digit)', { path, value: name, fix: 'use e.g. first_names' });
  }
}

/**
 * Throws {@link PoolError} unless `size` is an integer in [min, {@link MAX_POOL_ROWS}].
 *
 * @example
 * ```ts
 * checkSize(500); // ok
 * checkSize(0);   // throws PoolError at path "size"
 * ```
 */
export function checkSize(size: unknown, path = 'size', min = 1): asserts size is number {
  if (typeof size !== 'number' || !Number.isInteger(size) || size < min || size > MAX_POOL_ROWS) {
    throw new PoolError(`must be an integer from ${min} to ${MAX_POOL_ROWS}`, { path, value: size, fix: `pass e.g. { ${path}: 1000 }` });
  }
}

/**
 * Checks a pool's shape (identifier names, one cell per column in every row, cells of the
 * declared types, one non-negative weight per row) and returns it; throws {@link PoolError}
 * naming the first problem. Use it on hand-written pools before adding them to a scenario.
 *
 * @example
 * ```ts
 * validatePool({ name: 'tiers', columns: [{ name: 'tier', type: 'string' }], rows: [['gold']], source: 'hand-written' });
 * ```
 */
export function validatePool(pool: Pool): Pool {
  checkIdentifier(pool.name, 'name');
  if (!Array.isArray(pool.columns) || pool.columns.length === 0) throw new PoolError('must list at least one column', { path: 'columns', value: pool.columns, fix: "add e.g. { name: 'value', type: 'string' }" });
  const seen = new Set<string>();
  pool.columns.forEach((c, i) => {
    checkIdentifier(c.name, `columns[${i}].name`);
    if (seen.has(c.name)) throw new PoolError('repeats a column name', { path: `columns[${i}].name`, value: c.name, fix: 'give every column its own name' });
    seen.add(c.name);
    if (c.type !== 'string' && c.type !== 'int' && c.type !== 'double') throw new PoolError('is not a pool column type', { path: `columns[${i}].type`, value: c.type, fix: "use 'string', 'int' or 'double'" });
  });
  if (!Array.isArray(pool.rows) || pool.rows.length === 0) throw new PoolError('must have at least one row', { path: 'rows', value: pool.rows, fix: 'add rows' });
  if (pool.rows.length > MAX_POOL_ROWS) throw new PoolError(`has more than ${MAX_POOL_ROWS} rows`, { path: 'rows', value: pool.rows.length, fix: 'use a smaller pool' });
  pool.rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== pool.columns.length) {
      throw new PoolError(`must have ${pool.columns.length} cells`, { path: `rows[${r}]`, value: row, fix: 'give one cell per column, in column order' });
    }
    row.forEach((cell, k) => {
      const col = pool.columns[k] as PoolColumn;
      if (!cellMatches(cell, col.type)) throw new PoolError(`is not a valid ${col.type}`, { path: `rows[${r}][${k}]`, value: cell, fix: `make column '${col.name}' cells ${describeType(col.type)}` });
    });
  });
  if (pool.weights !== undefined) {
    if (!Array.isArray(pool.weights) || pool.weights.length !== pool.rows.length) {
      throw new PoolError(`must have one weight per row (${pool.rows.length})`, { path: 'weights', value: Array.isArray(pool.weights) ? pool.weights.length : pool.weights, fix: 'give one weight per row or omit weights' });
    }
    checkWeights(pool.weights, 'weights');
  }
  if (typeof pool.source !== 'string' || pool.source.length === 0) throw new PoolError('must say where the data came from', { path: 'source', value: pool.source, fix: "e.g. 'hand-written'" });
  return pool;
}

/**
 * Whether a cell is a valid value of a pool column type: a string; a safe integer; a finite
 * number.
 *
 * @example
 * ```ts
 * cellMatches(3, 'int');     // true
 * cellMatches(3.5, 'int');   // false
 * ```
 */
export function cellMatches(cell: unknown, type: PoolColumnType): boolean {
  switch (type) {
    case 'string':
      return typeof cell === 'string';
    case 'int':
      return typeof cell === 'number' && Number.isSafeInteger(cell);
    case 'double':
      return typeof cell === 'number' && Number.isFinite(cell);
  }
}

function describeType(type: PoolColumnType): string {
  return type === 'string' ? 'strings' : type === 'int' ? 'safe integers' : 'finite numbers';
}
