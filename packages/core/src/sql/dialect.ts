/**
 * A dialect is a small object: identifier quoting, literal escaping, type names, function
 * spellings and capabilities. The shared lowering and printer never test which engine they
 * print for; everything that differs lives here. {@link baseDialect} holds the common
 * spellings; a dialect overrides only what differs.
 */
import { InternalError, SynthgraphError } from '../errors.js';
import type { FunctionTable, TypeNameTable } from './dialects/functions.js';
import type { CreateTableStmt } from './sql-nodes.js';

/**
 * A dialect: identifier quoting, literal escaping, a function table, a type-name table, the
 * integer-range source and the statement forms. Registered dialects are listed by
 * `listDialects()` (see `dialects/registry.ts`).
 */
export interface Dialect {
  readonly name: string;
  /** Quotes an identifier (validated first). */
  quoteIdent(name: string): string;
  /** A string literal with escaping. */
  stringLiteral(value: string): string;
  /** A BIGINT literal. */
  bigintLiteral(value: number): string;
  /** A DOUBLE literal (always in exponent form so no engine reads it as DECIMAL). */
  doubleLiteral(value: number): string;
  /** A DECIMAL literal (used for scale conversions), e.g. '0.01'. */
  decimalLiteral(text: string): string;
  /** Every function spelling the printer uses. */
  readonly fns: FunctionTable;
  /** Every type name the printer uses. */
  readonly types: TypeNameTable;
  /**
   * The concatenation, in order, of the string `body(element, index0)` over an array's elements
   * (`index0` is the 0-based position): NULL for a NULL array, '' for an empty one. Used by the
   * canonical content hash; a lambda form, so it is a method rather than a function-table entry.
   */
  joinArray(arr: string, body: (element: string, index0: string) => string): string;
  /** FROM item over the integer range [start, end) exposing the column `<alias>.__range`. */
  range(start: number, end: number, partitions: number, alias: string): string;
  /**
   * The hint that spreads a FROM item over `partitions` partitions before its rows fan out
   * (round robin when `by` is empty, else hashed by those quoted columns), e.g. Spark's
   * `REPARTITION(8, \`individual_id\`)`; absent for engines that do not partition.
   */
  repartitionHint?(partitions: number, by: readonly string[]): string;
  /** The full CTAS statement(s) for an entity: the first creates the table, any others annotate it. */
  createTable(stmt: CreateTableStmt, select: string, table: string): string[];
  /**
   * Statement that creates (or replaces) an empty lookup table with these printed column
   * definitions (see `lookup-tables.ts`); a session-local table where the engine has one.
   */
  createLookupTable(table: string, columns: readonly string[]): string;
  /** Statement that drops a table if it exists. */
  dropTable(table: string): string;
  /** Statement that renames a table. */
  renameTable(from: string, to: string): string;
}

/** Thrown for a name that cannot be an identifier. */
export class IdentifierError extends SynthgraphError {
  constructor(name: string) {
    super('INPUT_INVALID', `'${name.slice(0, 80)}' is not a valid identifier: use letters, digits and underscores, starting with a letter or underscore, at most 255 characters.`, {
      issues: [{ path: 'identifier', message: 'invalid identifier', value: name, fix: 'use letters, digits and underscores' }],
    });
  }
}

/** Validates an identifier: letters, digits, underscore; not starting with a digit; ≤ 255 chars. */
export function checkIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name)) throw new IdentifierError(name);
  return name;
}

/** Double literal text that every engine reads as DOUBLE: exponent form, no '+'. */
export function doubleText(v: number): string {
  if (!Number.isFinite(v)) throw new InternalError(`non-finite double literal ${v}`);
  if (Object.is(v, -0)) v = 0;
  return v.toExponential().replace('e+', 'e');
}

/**
 * The common spellings. Concrete dialects spread this and override what differs.
 *
 * @example
 * ```ts
 * const mine: Dialect = { ...duckdbDialect, name: 'mine', quoteIdent: (n) => `[${checkIdentifier(n)}]` };
 * ```
 */
export const baseDialect: Omit<Dialect, 'name' | 'fns' | 'types' | 'range' | 'createTable' | 'joinArray'> = {
  quoteIdent: (name) => `"${checkIdentifier(name)}"`,
  stringLiteral: (v) => `'${v.replace(/'/g, "''")}'`,
  bigintLiteral: (v) => {
    if (!Number.isSafeInteger(v)) throw new InternalError(`non-integer BIGINT literal ${v}`);
    return `CAST(${v} AS BIGINT)`;
  },
  doubleLiteral: doubleText,
  decimalLiteral: (t) => t,
  createLookupTable: (t, columns) => `CREATE OR REPLACE TABLE ${t} (${columns.join(', ')})`,
  dropTable: (t) => `DROP TABLE IF EXISTS ${t}`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
};
