/**
 * Lookup tables: a large literal table of the scenario — a pool with many rows — is not inlined
 * into the statements that read it (an array literal of every value, repeated in each statement)
 * but created once per run as a small table, `__idx` (the 0-based row index) plus the pool's
 * columns, by setup statements of the plan (CREATE, then INSERT … VALUES in chunks of at most 64 KB),
 * and read with `LEFT JOIN <lookup> l ON l.__idx = <index>`. The join gives exactly what the
 * array read gave: the value at the index, NULL for a NULL or out-of-range index. Every engine's
 * run loop (`runPlan`) runs the setup statements before the first table and drops the lookup
 * tables after the last one, and after a failure: they never reach the output. Large buckets are
 * read from lookup tables too, whose rows the lowering computes (`bucket-tables.ts`).
 */
import type { ColumnType, Expr, LiteralValue, PoolIR, ScenarioIR } from '../ir/types.js';
import { SpecError } from '../errors.js';
import type { Dialect } from './dialect.js';
import { typeName } from './dialects/functions.js';
import type { LookupContent, SqlFrom, SqlSelect } from './sql-nodes.js';

/**
 * Pools with at least this many rows are read from a lookup table; smaller ones stay inline literals.
 *
 * @example
 * ```ts
 * const joined = pool.rows.length >= LOOKUP_MIN_ROWS;
 * ```
 */
export const LOOKUP_MIN_ROWS = 64;
/**
 * Target length of one INSERT statement of a lookup table's rows (characters). Each statement is a
 * Delta commit on Spark (about a second on a loaded 2-core machine): 16 KB chunks made the
 * identity graph's 6 lookup tables 68 statements (85 s on local Spark), 64 KB makes them 26.
 */
export const LOOKUP_CHUNK_CHARS = 65_536;
/**
 * The index column of every lookup table.
 *
 * @example
 * ```ts
 * sql.binary('=', sql.col('l', LOOKUP_INDEX), sql.col(null, 'row')); // "l"."__idx" = "row"
 * ```
 */
export const LOOKUP_INDEX = '__idx';

/**
 * The table name of a lookup table (before quoting and qualification), e.g. `_sg_lookup_first_names`.
 *
 * @example
 * ```ts
 * lookupTableName('cities', 'run1'); // 'run1_sg_lookup_cities'
 * ```
 */
export const lookupTableName = (name: string, prefix = ''): string => `${prefix}_sg_lookup_${name}`;

/**
 * Whether a `pick` is read from its pool's lookup table.
 *
 * @example
 * ```ts
 * usesLookupTable({ kind: 'pick', items, index, type: 'string', pool: { name: 'first_names', column: 'name' } });
 * ```
 */
export function usesLookupTable(e: Extract<Expr, { kind: 'pick' }>): boolean {
  return e.pool !== undefined && e.items.length >= LOOKUP_MIN_ROWS;
}

/**
 * A lookup table of a plan and the statements that create and drop it.
 *
 * @example
 * ```ts
 * for (const l of plan.lookups ?? []) for (const s of l.sql) await session.execute(s, `creating ${l.table}`);
 * ```
 */
export interface LookupTableStatements {
  /** The pool it holds. */
  readonly name: string;
  /** The table as printed (quoted, possibly qualified). */
  readonly table: string;
  readonly rows: number;
  /** CREATE, then the INSERTs of its rows in chunks; run before the first table. */
  readonly sql: readonly string[];
  /** DROP TABLE IF EXISTS; run after the last table and after a failure. */
  readonly drop: string;
}

const POOL_TYPES: { readonly [K in PoolIR['columns'][number]['type']]: ColumnType } = { string: { kind: 'string' }, int: { kind: 'bigint' }, double: { kind: 'double' } };

/** A lookup table a SELECT reads: its name and, for a table the lowering computed, its rows. */
export interface LookupRead {
  readonly name: string;
  /** The rows of a computed table (a bucket's cells); absent for a pool's table. */
  readonly content?: LookupContent;
}

/**
 * The lookup tables a SELECT reads, in first-read order, each once.
 *
 * @example
 * ```ts
 * lookupTablesOf([plan.select]).map((l) => l.name); // ['first_names', 'bucket_3f0c…']
 * ```
 */
export function lookupTablesOf(selects: readonly SqlSelect[]): LookupRead[] {
  const out: LookupRead[] = [];
  const from = (f: SqlFrom): void => {
    switch (f.kind) {
      case 'lookup':
        if (!out.some((l) => l.name === f.name)) out.push(f.content ? { name: f.name, content: f.content } : { name: f.name });
        return;
      case 'subquery':
        return select(f.select);
      case 'join':
        from(f.left);
        return from(f.right);
      case 'repartition':
        return from(f.from);
      default:
        return;
    }
  };
  const select = (s: SqlSelect): void => from(s.from);
  selects.forEach(select);
  return out;
}

/** A pool's lookup table: `__idx` (the row index) and the pool's columns. */
function poolContent(ir: ScenarioIR, name: string): LookupContent {
  const pool = ir.pools.find((p) => p.name === name);
  if (!pool) throw new SpecError([{ path: 'pools', message: `unknown pool '${name}'`, fix: `declare the pool with scenario.pool('${name}', …)` }]);
  return {
    columns: [{ name: LOOKUP_INDEX, type: { kind: 'bigint' } }, ...pool.columns.map((c) => ({ name: c.name, type: POOL_TYPES[c.type] }))],
    rows: pool.rows.map((row, i) => [i, ...row]),
  };
}

/** A value of a lookup table's row as a literal of its column's type. */
function valueText(d: Dialect, v: LiteralValue, t: ColumnType): string {
  if (v === null) return 'NULL';
  if (t.kind === 'string') return d.stringLiteral(String(v));
  if (t.kind === 'double') return d.doubleLiteral(Number(v));
  if (t.kind === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/**
 * The statements of one lookup table: CREATE with its columns, then INSERT … VALUES of its rows
 * in chunks of about 65,536 characters (`LOOKUP_CHUNK_CHARS`), and the DROP. A pool's table
 * holds the pool (`name` is the pool); a computed table (`content`, see `bucket-tables.ts`) its rows.
 *
 * @example
 * ```ts
 * const l = lookupTableStatements(ir, 'first_names', duckdbDialect, '"_sg_lookup_first_names"');
 * for (const s of l.sql) await session.execute(s, 'creating a lookup table');
 * ```
 */
export function lookupTableStatements(ir: ScenarioIR, name: string, d: Dialect, table: string, content: LookupContent = poolContent(ir, name)): LookupTableStatements {
  const columns = content.columns.map((c) => `${d.quoteIdent(c.name)} ${typeName(d.types, c.type)}`);
  const insert = `INSERT INTO ${table} VALUES\n`;
  const sql = [d.createLookupTable(table, columns)];
  let chunk: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (chunk.length) sql.push(insert + chunk.join(',\n'));
    chunk = [];
    size = 0;
  };
  for (const row of content.rows) {
    const tuple = `(${row.map((v, j) => valueText(d, v, (content.columns[j] as LookupContent['columns'][number]).type)).join(', ')})`;
    if (size + tuple.length > LOOKUP_CHUNK_CHARS) flush();
    chunk.push(tuple);
    size += tuple.length + 2;
  }
  flush();
  return { name, table, rows: content.rows.length, sql, drop: d.dropTable(table) };
}
