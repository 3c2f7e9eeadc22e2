/**
 * What every report section shares: the queries it runs (SQL trees printed by the output's
 * dialect), the tables and columns the output has, and number conversions.
 */
import { sql, type SqlExpr, type SqlPrinter, type SqlSelect } from '@synthgraph/core';
import type { Unavailable } from './report-types.js';

/** Runs one SELECT tree, printed by the report's dialect, and returns JSON-friendly rows. */
export type RunQuery = (select: SqlSelect) => Promise<Record<string, unknown>[]>;

/** Prints and runs the report's queries. */
export interface ReportSql {
  readonly printer: SqlPrinter;
  readonly run: RunQuery;
}

/** The tables and columns an output has. */
export class Schema {
  constructor(readonly columns: ReadonlyMap<string, ReadonlySet<string>>) {}
  has(table: string, ...cols: string[]): boolean {
    const c = this.columns.get(table);
    return c !== undefined && cols.every((x) => c.has(x));
  }
  /** Why `table` with `cols` cannot be used, or null when it can. */
  missing(table: string, ...cols: string[]): string | null {
    const c = this.columns.get(table);
    if (!c) return `table ${table} is absent`;
    const gone = cols.filter((x) => !c.has(x));
    return gone.length ? `column${gone.length > 1 ? 's' : ''} ${gone.map((g) => `${table}.${g}`).join(', ')} ${gone.length > 1 ? 'are' : 'is'} absent` : null;
  }
}

/** A section that cannot be shown, and why. */
export const unavailable = (id: string, title: string, reason: string): Unavailable => ({ status: 'unavailable', id, title, reason });

/**
 * A number from a JSON-friendly value (BIGINTs and DECIMALs may arrive as strings).
 * Fractions are rounded to 12 significant digits: parallel aggregation sums doubles in no fixed
 * order, and the last bits must not make two reports of the same output differ.
 */
export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}
/** An integer, 0 when absent. */
export const int = (v: unknown): number => num(v) ?? 0;
/** a / b, or null when either is absent or b is 0. */
export const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : a / b);
/** A text key of a grouped value. */
export const key = (v: unknown): string => (v === null || v === undefined ? '(null)' : String(v));
/** Compares text keys, `(null)` last. */
export const byKey = (a: string, b: string): number => (a === b ? 0 : a === '(null)' ? 1 : b === '(null)' ? -1 : a < b ? -1 : 1);

/** Tree shorthands of the report's queries. */
export const q = {
  col: (table: string, name: string): SqlExpr => sql.col(table, name),
  str: (value: string): SqlExpr => sql.lit(value, 'string'),
  item: (alias: string, expr: SqlExpr) => ({ alias, expr }),
  eq: (a: SqlExpr, b: SqlExpr): SqlExpr => sql.binary('=', a, b),
  text: (e: SqlExpr): SqlExpr => sql.call('toString', [e]),
  notNull: (e: SqlExpr): SqlExpr => sql.unary('isNotNull', e),
  /** `l.<key> = r.<key>`. */
  on: (l: string, r: string, k: string): SqlExpr => sql.binary('=', sql.col(l, k), sql.col(r, k)),
  /** count(x): the rows where x is not NULL. */
  countOf: (e: SqlExpr): SqlExpr => sql.agg('countIf', null, sql.unary('isNotNull', e)),
  /** `CASE WHEN cond THEN e END`. */
  when: (cond: SqlExpr, e: SqlExpr): SqlExpr => sql.case([{ when: cond, then: e }], null),
  /** `SELECT <key>, count(*) AS n FROM <from> GROUP BY <key>` over one table. */
  counts: (table: string, k: SqlExpr, where: SqlExpr | null = null): SqlSelect => sql.select([{ alias: 'k', expr: k }, { alias: 'n', expr: sql.countStar() }], sql.table(table, 't'), where, [k]),
};
