/**
 * Prints the SQL tree with a dialect. One printer for every engine: SELECT layout here,
 * expressions in `print-expr.ts`.
 */
import type { ColumnType, LiteralValue } from '../ir/types.js';
import type { Dialect } from './dialect.js';
import { lookupTableName } from './lookup-tables.js';
import { internalType, printExpr, printLiteral } from './print-expr.js';
import type { SqlExpr, SqlFrom, SqlSelect } from './sql-nodes.js';

/**
 * Nested subqueries are indented two spaces per level up to this many spaces, then no further:
 * the projection layers nest 30–80 deep, and full indentation made half of a statement's text.
 */
const MAX_INDENT = 8;
const deeper = (indent: string): string => (indent.length >= MAX_INDENT ? indent : `${indent}  `);

/** Resolves entity names (or, for lookup tables, pool names) to (quoted) table names. */
export type TableRef = (entity: string) => string;

/**
 * Prints SQL for one dialect.
 *
 * @example
 * ```ts
 * new SqlPrinter(duckdbDialect, (e) => duckdbDialect.quoteIdent(e)).select(stmt.select);
 * ```
 */
export class SqlPrinter {
  constructor(
    readonly dialect: Dialect,
    readonly tableRef: TableRef,
    /** The printed name of a pool's lookup table. Default: the quoted `_sg_lookup_<pool>`. */
    readonly lookupRef: TableRef = (pool) => dialect.quoteIdent(lookupTableName(pool)),
  ) {}

  /** Prints a SELECT (with nested subqueries indented, up to eight spaces: four levels). */
  select(s: SqlSelect, indent = ''): string {
    const d = this.dialect;
    const items = s.items.map((i) => `${this.expr(i.expr)} AS ${d.quoteIdent(i.alias)}`);
    const hint = s.repartition ? d.repartitionHint?.(s.repartition.partitions, []) : undefined;
    const lines = [`SELECT ${hint ? `/*+ ${hint} */ ` : ''}${items.join(`,\n${indent}       `)}`, `${indent}FROM ${this.from(s.from, indent)}`];
    if (s.where) lines.push(`${indent}WHERE ${this.expr(s.where)}`);
    if (s.groupBy.length) lines.push(`${indent}GROUP BY ${s.groupBy.map((g) => this.expr(g)).join(', ')}`);
    if (s.having) lines.push(`${indent}HAVING ${this.expr(s.having)}`);
    return lines.join('\n');
  }

  private from(f: SqlFrom, indent: string): string {
    const d = this.dialect;
    switch (f.kind) {
      case 'table':
        return `${this.tableRef(f.entity)} ${d.quoteIdent(f.alias)}`;
      case 'subquery':
        return `(\n${deeper(indent)}${this.select(f.select, deeper(indent))}\n${indent}) ${d.quoteIdent(f.alias)}`;
      case 'lookup':
        return `${this.lookupRef(f.name)} ${d.quoteIdent(f.alias)}`;
      case 'range':
        return d.range(f.start, f.end, f.partitions, f.alias);
      case 'repartition': {
        const hint = d.repartitionHint?.(f.partitions, f.by.map((c) => d.quoteIdent(c)));
        if (!hint) return this.from(f.from, indent);
        return `(\n${deeper(indent)}SELECT /*+ ${hint} */ *\n${deeper(indent)}FROM ${this.from(f.from, deeper(indent))}\n${indent}) ${d.quoteIdent(f.alias)}`;
      }
      case 'join': {
        const left = this.from(f.left, indent);
        const right = this.from(f.right, indent);
        if (f.type === 'cross') return `${left}\n${indent}CROSS JOIN ${right}`;
        return `${left}\n${indent}${f.type === 'left' ? 'LEFT JOIN' : 'JOIN'} ${right} ON ${this.expr(f.on as SqlExpr)}`;
      }
    }
  }

  /** Prints a literal of a given kind. */
  literal(v: LiteralValue, type: string): string {
    return printLiteral(this.dialect, v, type);
  }

  /** Prints an expression. */
  expr(e: SqlExpr): string {
    return printExpr(this.dialect, e);
  }

  /** SQL type of the internal representation of a column type. */
  internalType(t: ColumnType): string {
    return internalType(this.dialect, t);
  }
}
