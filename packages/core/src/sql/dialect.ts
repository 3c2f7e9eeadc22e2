/**
 * A dialect is a small object: identifier quoting, literal escaping, type names, function
 * spellings and capabilities. The shared lowering and printer never test which engine they
 * print for; everything that differs lives here. {@link baseDialect} holds the common
 * spellings; a dialect overrides only what differs.
 */
import { SynthgraphError } from '../errors.js';
import type { ColumnType } from '../ir/types.js';
import type { CreateTableStmt } from './sql-nodes.js';

/** Function spellings and forms that differ between engines. Arguments are printed SQL. */
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
  /** SQL type name. */
  typeName(type: ColumnType): string;
  xor(a: string, b: string): string;
  shiftRight(a: string, n: number): string;
  /** Integer division truncating towards zero. */
  idiv(a: string, b: string): string;
  /** floor(x) as BIGINT. */
  floor(a: string): string;
  /** ceil(x) as BIGINT. */
  ceil(a: string): string;
  toDouble(a: string): string;
  toStringOf(a: string): string;
  sha256(a: string): string;
  concat(args: readonly string[]): string;
  arrayLiteral(items: readonly string[]): string;
  /** Element at a 0-based index (NULL when out of range). */
  arrayGet(arr: string, index0: string): string;
  arrayContains(arr: string, v: string): string;
  arraySize(arr: string): string;
  /** The array without its NULL elements. */
  arrayCompact(arr: string): string;
  /**
   * The concatenation, in order, of the string `body(element, index0)` over an array's elements
   * (`index0` is the 0-based position): NULL for a NULL array, '' for an empty one.
   */
  joinArray(arr: string, body: (element: string, index0: string) => string): string;
  mapLiteral(keys: readonly string[], values: readonly string[]): string;
  /** Internal micros → stored TIMESTAMP. */
  timestampFromMicros(a: string): string;
  /** Stored TIMESTAMP → internal micros. */
  microsFromTimestamp(a: string): string;
  /** Internal epoch days → stored DATE. */
  dateFromDays(a: string): string;
  /** Stored DATE → internal epoch days. */
  daysFromDate(a: string): string;
  /** FROM item over the integer range [start, end) exposing the column `<alias>.__range`. */
  range(start: number, end: number, partitions: number, alias: string): string;
  /** A select-list generator producing 0 … count-1 (count ≥ 1). */
  explodeRange(count: string): string;
  /** A select-list generator producing one row per array element. */
  explodeArray(arr: string): string;
  /** Array of value ordered by order over a group. */
  orderedCollect(value: string, order: string): string;
  /** count(*) FILTER / CASE form. */
  countIf(cond: string): string;
  /** The full CTAS statement(s) for an entity: the first creates the table, any others annotate it. */
  createTable(stmt: CreateTableStmt, select: string, table: string): string[];
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
  if (!Number.isFinite(v)) throw new SynthgraphError('INTERNAL', `non-finite double literal ${v}`);
  if (Object.is(v, -0)) v = 0;
  return v.toExponential().replace('e+', 'e');
}

/**
 * The common spellings. Concrete dialects spread this and override what differs.
 *
 * @example
 * ```ts
 * const myDialect: Dialect = { ...baseDialect, name: 'mine', quoteIdent: (n) => `[${checkIdentifier(n)}]` };
 * ```
 */
export const baseDialect: Omit<Dialect, 'name' | 'xor' | 'shiftRight' | 'idiv' | 'range' | 'explodeRange' | 'explodeArray' | 'orderedCollect' | 'timestampFromMicros' | 'microsFromTimestamp' | 'dateFromDays' | 'daysFromDate' | 'sha256' | 'arrayLiteral' | 'arrayGet' | 'arrayContains' | 'arraySize' | 'arrayCompact' | 'joinArray' | 'mapLiteral' | 'createTable' | 'typeName'> = {
  quoteIdent: (name) => `"${checkIdentifier(name)}"`,
  stringLiteral: (v) => `'${v.replace(/'/g, "''")}'`,
  bigintLiteral: (v) => {
    if (!Number.isSafeInteger(v)) throw new SynthgraphError('INTERNAL', `non-integer BIGINT literal ${v}`);
    return `CAST(${v} AS BIGINT)`;
  },
  doubleLiteral: doubleText,
  decimalLiteral: (t) => t,
  floor: (a) => `CAST(floor(${a}) AS BIGINT)`,
  ceil: (a) => `CAST(ceil(${a}) AS BIGINT)`,
  toDouble: (a) => `CAST(${a} AS DOUBLE)`,
  toStringOf: (a) => `CAST(${a} AS VARCHAR)`,
  concat: (args) => `(${args.join(' || ')})`,
  countIf: (cond) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END)`,
  dropTable: (t) => `DROP TABLE IF EXISTS ${t}`,
  renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
};
