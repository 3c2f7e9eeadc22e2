/**
 * Prints the typed SQL plan with a dialect. One printer for every engine.
 */
import { InternalError } from '../errors.js';
import type { ColumnType, Expr, LiteralValue } from '../ir/types.js';
import type { Dialect } from './dialect.js';
import type { SqlExpr, SqlFrom, SqlSelect } from './sql-nodes.js';

const M32 = 4294967295;

/** Resolves entity names to (quoted) table names. */
export type TableRef = (entity: string) => string;

/** Prints SQL for one dialect. */
export class SqlPrinter {
  constructor(
    readonly dialect: Dialect,
    readonly tableRef: TableRef,
  ) {}

  /** Prints a SELECT (with nested subqueries indented). */
  select(s: SqlSelect, indent = ''): string {
    const d = this.dialect;
    const items = s.items.map((i) => `${this.expr(i.expr)} AS ${d.quoteIdent(i.alias)}`);
    const lines = [`SELECT ${items.join(`,\n${indent}       `)}`, `${indent}FROM ${this.from(s.from, indent)}`];
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
        return `(\n${indent}  ${this.select(f.select, `${indent}  `)}\n${indent}) ${d.quoteIdent(f.alias)}`;
      case 'range':
        return d.range(f.start, f.end, f.partitions, f.alias);
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
    const d = this.dialect;
    if (v === null) return 'NULL';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'string') return d.stringLiteral(v);
    if (type === 'double' || !Number.isInteger(v)) return d.doubleLiteral(v);
    return d.bigintLiteral(v);
  }

  /** Prints an expression. */
  expr(e: SqlExpr): string {
    const d = this.dialect;
    const p = (x: SqlExpr): string => this.expr(x);
    switch (e.kind) {
      case 'lit':
        return this.literal(e.value, e.type);
      case 'col':
        return d.quoteIdent(e.name);
      case 'qcol':
        return e.table ? `${d.quoteIdent(e.table)}.${d.quoteIdent(e.name)}` : d.quoteIdent(e.name);
      case 'sint':
        return d.bigintLiteral(e.value);
      case 'unary':
        switch (e.op) {
          case 'neg':
            return `(- ${p(e.arg)})`;
          case 'not':
            return `(NOT ${p(e.arg)})`;
          case 'floor':
            return d.floor(p(e.arg));
          case 'ceil':
            return d.ceil(p(e.arg));
          case 'isNull':
            return `(${p(e.arg)} IS NULL)`;
          case 'sqrt':
            return `sqrt(${p(e.arg)})`;
          case 'abs':
            return `abs(${p(e.arg)})`;
        }
        break;
      case 'binary':
        switch (e.op) {
          case '/':
            return `(${d.toDouble(p(e.left))} / ${d.toDouble(p(e.right))})`;
          case 'idiv':
            return d.idiv(p(e.left), p(e.right));
          case 'and':
            return `(${p(e.left)} AND ${p(e.right)})`;
          case 'or':
            return `(${p(e.left)} OR ${p(e.right)})`;
          default:
            return `(${p(e.left)} ${e.op} ${p(e.right)})`;
        }
      case 'sbin':
        return `(${p(e.left)} ${e.op === 'and' ? 'AND' : e.op === 'or' ? 'OR' : e.op} ${p(e.right)})`;
      case 'call':
        return this.call(e);
      case 'case':
        return `CASE ${e.whens.map((w) => `WHEN ${p(w.when)} THEN ${p(w.then)}`).join(' ')} ELSE ${p(e.else)} END`;
      case 'scase':
        return `CASE WHEN ${p(e.when)} THEN ${p(e.then)}${e.else ? ` ELSE ${p(e.else)}` : ''} END`;
      case 'cast':
        return this.cast(e.to, e.arg);
      case 'bucket':
        return this.bucket(p(e.arg), e.thresholds, e.values, 0, e.values.length - 1);
      case 'pick':
        return d.arrayGet(d.arrayLiteral(e.items.map((v) => this.literal(v, e.type))), p(e.index));
      case 'array':
        return d.arrayLiteral(e.items.map(p));
      case 'map':
        return d.mapLiteral(e.keys.map(p), e.values.map(p));
      case 'xor':
        return d.xor(p(e.a), p(e.b));
      case 'shr':
        return d.shiftRight(p(e.a), e.n);
      case 'mask32':
        return `(${p(e.a)} & ${d.bigintLiteral(M32)})`;
      case 'stored':
        return this.stored(e.type, p(e.arg));
      case 'output':
        return this.output(e.type, p(e.arg));
      case 'over':
        return this.over(e);
      case 'aggCall': {
        const arg = e.arg ? p(e.arg) : '*';
        switch (e.fn) {
          case 'count':
            return 'count(*)';
          case 'countDistinct':
            return `count(DISTINCT ${arg})`;
          case 'countIf':
            return d.countIf(p(e.where as SqlExpr));
          case 'sumIf':
            return `coalesce(sum(CASE WHEN ${p(e.where as SqlExpr)} THEN ${arg} END), ${d.bigintLiteral(0)})`;
          default:
            return `${e.fn}(${arg})`;
        }
      }
      case 'orderedCollect':
        return d.orderedCollect(p(e.value), p(e.order));
      case 'explodeRange':
        return d.explodeRange(p(e.count));
      case 'explodeArray':
        return d.explodeArray(p(e.array));
      case 'countStar':
        return 'count(*)';
      case 'inList':
        return `(${p(e.arg)} ${e.negate ? 'NOT IN' : 'IN'} (${e.values.map(p).join(', ')}))`;
      case 'isNull':
        return `(${p(e.arg)} IS ${e.negate ? 'NOT ' : ''}NULL)`;
      case 'scoalesce':
        return `coalesce(${e.args.map(p).join(', ')})`;
      case 'key':
      case 'index':
      case 'ref':
      case 'rand':
      case 'draw':
      case 'pool':
      case 'lookup':
      case 'agg':
      case 'win':
        throw new InternalError(`'${e.kind}' node reached the SQL printer unresolved`);
    }
    throw new InternalError(`unhandled SQL node ${(e as { kind: string }).kind}`);
  }

  private call(e: Extract<Expr, { kind: 'call' }>): string {
    const d = this.dialect;
    const a = e.args.map((x) => this.expr(x));
    const [a0 = '', a1 = '', a2 = ''] = a;
    switch (e.fn) {
      case 'least':
        return `least(${a.join(', ')})`;
      case 'greatest':
        return `greatest(${a.join(', ')})`;
      case 'concat':
        return d.concat(a);
      case 'sha256':
        return d.sha256(a0);
      case 'lpad':
        return `lpad(${a0}, CAST(${a1} AS INTEGER), ${a2})`;
      case 'toString':
        return d.toStringOf(a0);
      case 'lower':
        return `lower(${a0})`;
      case 'upper':
        return `upper(${a0})`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'toDouble':
        return d.toDouble(a0);
      case 'arrayContains':
        return d.arrayContains(a0, a1);
      case 'arraySize':
        return d.arraySize(a0);
      case 'arrayGet':
        return d.arrayGet(a0, a1);
      case 'dayOfWeek':
        // 1970-01-01 was a Thursday (Monday = 0 ⇒ 3).
        return `((${d.idiv(a0, d.bigintLiteral(86_400_000_000))} + ${d.bigintLiteral(3)}) % ${d.bigintLiteral(7)})`;
      case 'hourOfDay':
        return d.idiv(`(${a0} % ${d.bigintLiteral(86_400_000_000)})`, d.bigintLiteral(3_600_000_000));
      case 'daysOf':
        return d.floor(`(${d.toDouble(a0)} / ${d.doubleLiteral(86_400_000_000)})`);
      case 'substr':
        return `substr(${a0}, CAST(${a1} AS INTEGER), CAST(${a2} AS INTEGER))`;
      case 'arrayCompact':
        return d.arrayCompact(a0);
    }
  }

  /** A balanced binary CASE tree: value i when exactly i thresholds are ≤ arg. */
  private bucket(arg: string, th: readonly number[], values: readonly Expr[], lo: number, hi: number): string {
    if (lo === hi) return this.expr(values[lo] as Expr);
    const mid = (lo + hi + 1) >> 1;
    const t = th[mid - 1] as number;
    const tText = Number.isInteger(t) ? this.dialect.bigintLiteral(t) : this.dialect.doubleLiteral(t);
    return `CASE WHEN ${arg} < ${tText} THEN ${this.bucket(arg, th, values, lo, mid - 1)} ELSE ${this.bucket(arg, th, values, mid, hi)} END`;
  }

  private cast(to: ColumnType, arg: SqlExpr): string {
    const d = this.dialect;
    if (arg.kind === 'lit' && arg.value === null) return `CAST(NULL AS ${this.internalType(to)})`;
    const a = this.expr(arg);
    if (to.kind === 'bigint' || to.kind === 'int') return `CAST(${a} AS BIGINT)`;
    if (to.kind === 'string') return d.toStringOf(a);
    if (to.kind === 'double') return d.toDouble(a);
    return `CAST(${a} AS ${this.internalType(to)})`;
  }

  /** SQL type of the internal representation of a column type. */
  internalType(t: ColumnType): string {
    const d = this.dialect;
    switch (t.kind) {
      case 'timestamp':
      case 'date':
      case 'decimal':
      case 'int':
        return d.typeName({ kind: 'bigint' });
      case 'array':
        return d.typeName({ kind: 'array', element: t.element });
      default:
        return d.typeName(t);
    }
  }

  private stored(t: ColumnType, a: string): string {
    const d = this.dialect;
    switch (t.kind) {
      case 'timestamp':
        return d.microsFromTimestamp(a);
      case 'date':
        return d.daysFromDate(a);
      case 'decimal':
        return `CAST(${a} * ${d.decimalLiteral(`1${'0'.repeat(t.scale)}`)} AS BIGINT)`;
      case 'int':
        return `CAST(${a} AS BIGINT)`;
      default:
        return a;
    }
  }

  private output(t: ColumnType, a: string): string {
    const d = this.dialect;
    switch (t.kind) {
      case 'timestamp':
        return d.timestampFromMicros(a);
      case 'date':
        return d.dateFromDays(a);
      case 'decimal': {
        const unit = t.scale === 0 ? '1' : `0.${'0'.repeat(t.scale - 1)}1`;
        return `CAST(CAST(${a} AS DECIMAL(18,0)) * ${d.decimalLiteral(unit)} AS ${d.typeName(t)})`;
      }
      case 'int':
        return `CAST(${a} AS ${d.typeName(t)})`;
      case 'double':
        return d.toDouble(a);
      default:
        return `CAST(${a} AS ${d.typeName(t)})`;
    }
  }

  private over(e: Extract<SqlExpr, { kind: 'over' }>): string {
    const part = e.partitionBy.map((x) => this.expr(x)).join(', ');
    const order = e.orderBy.map((x) => this.expr(x)).join(', ');
    const arg = e.arg ? this.expr(e.arg) : '';
    const window = (withOrder: boolean, frame: string): string =>
      `OVER (PARTITION BY ${part}${withOrder && order ? ` ORDER BY ${order}` : ''}${frame ? ` ${frame}` : ''})`;
    const running = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
    const whole = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';
    switch (e.fn) {
      case 'rowNumber':
        return `row_number() ${window(true, '')}`;
      case 'count':
        return `count(*) ${window(false, '')}`;
      case 'first':
        return `first_value(${arg}) ${window(true, whole)}`;
      case 'last':
        return `last_value(${arg}) ${window(true, whole)}`;
      default:
        return e.frame === 'preceding' ? `${e.fn}(${arg}) ${window(true, running)}` : `${e.fn}(${arg}) ${window(false, '')}`;
    }
  }
}
