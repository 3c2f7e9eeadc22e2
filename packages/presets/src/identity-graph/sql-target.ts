/**
 * Where the preset's checks run: a dialect from the registry and the table names it reads. The
 * invariants and the distribution evaluator build SQL trees and print them with this target, so
 * the same checks run on every registered engine.
 */
import { getDialect, sql, SqlPrinter, type Dialect, type KeyMode, type SqlExpr, type SqlFrom, type SqlSelect, type TableRef } from '@synthgraph/core';

/** The dialect the checks are printed for when none is given (the local default engine). */
export const DEFAULT_CHECK_DIALECT = 'duckdb';

/** The dialect (a registered name or a dialect) and the table names that checks are printed for. */
export interface SqlTarget {
  /** A dialect or the name of a registered one (default `duckdb`; its package must be imported). */
  readonly dialect?: Dialect | string;
  /** Resolves an entity name to its printed table name (default: the quoted entity name). */
  readonly table?: TableRef;
  /** The key mode the output was generated with (default `'opaque'`, the scenario default). */
  readonly keys?: KeyMode;
}

/**
 * The printer of a target.
 *
 * @example
 * ```ts
 * const printer = targetPrinter({ dialect: 'spark', table: (e) => `delta.\`/data/${e}\`` });
 * printer.select(sql.select([{ alias: 'n', expr: sql.countStar() }], sql.table('households', 'h')));
 * ```
 */
export function targetPrinter(target: SqlTarget = {}): SqlPrinter {
  const d = typeof target.dialect === 'object' ? target.dialect : getDialect(target.dialect ?? DEFAULT_CHECK_DIALECT);
  return new SqlPrinter(d, target.table ?? ((e) => d.quoteIdent(e)));
}

/** Column `name` of the FROM alias `table`. */
export const col = (table: string, name: string): SqlExpr => sql.col(table, name);
/** A string literal. */
export const str = (value: string): SqlExpr => sql.lit(value, 'string');
/** `a = b`. */
export const eq = (a: SqlExpr, b: SqlExpr): SqlExpr => sql.binary('=', a, b);
/** `a <> b`. */
export const ne = (a: SqlExpr, b: SqlExpr): SqlExpr => sql.binary('<>', a, b);
/** Every condition (AND). */
export const all = (...xs: SqlExpr[]): SqlExpr => xs.reduce((a, b) => sql.binary('and', a, b));
/** Any condition (OR). */
export const any = (...xs: SqlExpr[]): SqlExpr => xs.reduce((a, b) => sql.binary('or', a, b));
/** `l.<key> = r.<key>` for each key (a USING join). */
export const using = (l: string, r: string, ...keys: string[]): SqlExpr => all(...keys.map((k) => eq(col(l, k), col(r, k))));
/** An inner join. */
export const join = (left: SqlFrom, right: SqlFrom, on: SqlExpr): SqlFrom => sql.join('inner', left, right, on);
/** A LEFT join. */
export const leftJoin = (left: SqlFrom, right: SqlFrom, on: SqlExpr): SqlFrom => sql.join('left', left, right, on);
/** The one-row count of the rows of `from` that satisfy `where`, as `violations`. */
export const violations = (from: SqlFrom, where: SqlExpr | null = null): SqlSelect => sql.select([{ alias: 'violations', expr: sql.countStar() }], from, where);

/**
 * Whether the audience member `a` (audience_attributes) is targeted by the campaign `c`
 * (campaigns): the campaign targets `all`, or one of its segments is the member's primary or a
 * secondary segment.
 *
 * @example
 * ```ts
 * targetPrinter().expr(targetedBy('c', 'a'));
 * ```
 */
export function targetedBy(c: string, a: string): SqlExpr {
  const segments = col(c, 'target_segment');
  return any(
    eq(sql.call('arrayGet', [segments, sql.int(0)]), str('all')),
    sql.call('arrayContains', [segments, col(a, 'segment_primary')]),
    sql.call('arraysOverlap', [segments, col(a, 'segment_secondary')]),
  );
}
