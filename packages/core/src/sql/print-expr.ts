/**
 * Printing of SQL expression nodes: a table over every node kind. Function spellings and type
 * names come from the dialect's tables; only SQL syntax (operators, CASE, CAST, OVER) is here.
 */
import type { ColumnType, ColumnTypeKind, LiteralValue } from '../ir/types.js';
import type { Dialect } from './dialect.js';
import { typeName } from './dialects/functions.js';
import type { SqlExpr, SqlKind, SqlNode } from './sql-nodes.js';

/** What printing one node needs: the dialect and a printer for sub-expressions. */
export interface PrintContext {
  readonly d: Dialect;
  readonly p: (e: SqlExpr) => string;
}

type Print<K extends SqlKind> = (e: SqlNode<K>, x: PrintContext) => string;

/**
 * Prints a literal of a given kind.
 *
 * @example
 * ```ts
 * printLiteral(duckdbDialect, 'it''s', 'string');
 * ```
 */
export function printLiteral(d: Dialect, v: LiteralValue, type: string): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return d.stringLiteral(v);
  if (type === 'double' || !Number.isInteger(v)) return d.doubleLiteral(v);
  return d.bigintLiteral(v);
}

/**
 * SQL type of the internal representation of a column type.
 *
 * @example
 * ```ts
 * internalType(duckdbDialect, { kind: 'timestamp' }); // 'BIGINT'
 * ```
 */
export function internalType(d: Dialect, t: ColumnType): string {
  switch (t.kind) {
    case 'timestamp':
    case 'date':
    case 'decimal':
    case 'int':
      return typeName(d.types, { kind: 'bigint' });
    default:
      return typeName(d.types, t);
  }
}

const BIGINT: ColumnType = { kind: 'bigint' };
type Conversion = { readonly [K in ColumnTypeKind]: (d: Dialect, t: Extract<ColumnType, { kind: K }>, a: string) => string };
const asIs = (_d: Dialect, _t: ColumnType, a: string): string => a;
const castTo = (d: Dialect, t: ColumnType, a: string): string => `CAST(${a} AS ${typeName(d.types, t)})`;

/** Stored value → internal representation, per column type. */
const STORED: Conversion = {
  timestamp: (d, _t, a) => d.fns.microsFromTimestamp([a]),
  date: (d, _t, a) => d.fns.daysFromDate([a]),
  decimal: (d, t, a) => `CAST(${a} * ${d.decimalLiteral(`1${'0'.repeat(t.scale)}`)} AS ${typeName(d.types, BIGINT)})`,
  int: (d, _t, a) => castTo(d, BIGINT, a),
  bigint: asIs,
  double: asIs,
  boolean: asIs,
  string: asIs,
  array: asIs,
  map: asIs,
};

/** Internal representation → stored value, per column type. */
const OUTPUT: Conversion = {
  timestamp: (d, _t, a) => d.fns.timestampFromMicros([a]),
  date: (d, _t, a) => d.fns.dateFromDays([a]),
  decimal: (d, t, a) => `CAST(CAST(${a} AS DECIMAL(18,0)) * ${d.decimalLiteral(t.scale === 0 ? '1' : `0.${'0'.repeat(t.scale - 1)}1`)} AS ${typeName(d.types, t)})`,
  double: (d, _t, a) => d.fns.toDouble([a]),
  int: castTo,
  bigint: castTo,
  boolean: castTo,
  string: castTo,
  array: castTo,
  map: castTo,
};

const convert = (table: Conversion, d: Dialect, t: ColumnType, a: string): string => (table[t.kind] as (d: Dialect, t: ColumnType, a: string) => string)(d, t, a);

/** A balanced binary CASE tree: value i when exactly i thresholds are ≤ arg. */
function bucket(x: PrintContext, arg: string, th: readonly number[], values: readonly SqlExpr[], lo: number, hi: number): string {
  if (lo === hi) return x.p(values[lo] as SqlExpr);
  const mid = (lo + hi + 1) >> 1;
  const t = th[mid - 1] as number;
  const tText = Number.isInteger(t) ? x.d.bigintLiteral(t) : x.d.doubleLiteral(t);
  return `CASE WHEN ${arg} < ${tText} THEN ${bucket(x, arg, th, values, lo, mid - 1)} ELSE ${bucket(x, arg, th, values, mid, hi)} END`;
}

const UNARY: { readonly [K in SqlNode<'unary'>['op']]: (a: string) => string } = {
  neg: (a) => `(- ${a})`,
  not: (a) => `(NOT ${a})`,
  isNull: (a) => `(${a} IS NULL)`,
  isNotNull: (a) => `(${a} IS NOT NULL)`,
};

const over: Print<'over'> = (e, { d, p }) => {
  const part = e.partitionBy.map(p).join(', ');
  const order = e.orderBy.map(p).join(', ');
  const args = e.arg ? [p(e.arg)] : [];
  const window = (withOrder: boolean, frame: string): string => `OVER (PARTITION BY ${part}${withOrder && order ? ` ORDER BY ${order}` : ''}${frame ? ` ${frame}` : ''})`;
  const running = 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW';
  const whole = 'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING';
  switch (e.fn) {
    case 'rowNumber':
      return `${d.fns.rowNumber([])} ${window(true, '')}`;
    case 'count':
      return `${d.fns.count([])} ${window(false, '')}`;
    case 'first':
      return `${d.fns.firstValue(args)} ${window(true, whole)}`;
    case 'last':
      return `${d.fns.lastValue(args)} ${window(true, whole)}`;
    default:
      return e.frame === 'preceding' ? `${d.fns[e.fn](args)} ${window(true, running)}` : `${d.fns[e.fn](args)} ${window(false, '')}`;
  }
};

const PRINT: { readonly [K in SqlKind]: Print<K> } = {
  lit: (e, { d }) => printLiteral(d, e.value, e.type),
  col: (e, { d }) => (e.table ? `${d.quoteIdent(e.table)}.${d.quoteIdent(e.name)}` : d.quoteIdent(e.name)),
  unary: (e, { p }) => UNARY[e.op](p(e.arg)),
  binary: (e, { d, p }) => {
    switch (e.op) {
      case '/':
        return `(${d.fns.toDouble([p(e.left)])} / ${d.fns.toDouble([p(e.right)])})`;
      case 'idiv':
        return d.fns.idiv([p(e.left), p(e.right)]);
      case 'and':
      case 'or':
        return `(${p(e.left)} ${e.op.toUpperCase()} ${p(e.right)})`;
      default:
        return `(${p(e.left)} ${e.op} ${p(e.right)})`;
    }
  },
  call: (e, { d, p }) => d.fns[e.fn](e.args.map(p)),
  shift: (e, { d, p }) => d.fns.shiftRight([p(e.arg), String(e.bits)]),
  case: (e, { p }) => `CASE ${e.whens.map((w) => `WHEN ${p(w.when)} THEN ${p(w.then)}`).join(' ')}${e.else ? ` ELSE ${p(e.else)}` : ''} END`,
  cast: (e, { d, p }) => {
    if (e.arg.kind === 'lit' && e.arg.value === null) return `CAST(NULL AS ${internalType(d, e.to)})`;
    const a = p(e.arg);
    if (e.to.kind === 'bigint' || e.to.kind === 'int') return `CAST(${a} AS ${typeName(d.types, BIGINT)})`;
    if (e.to.kind === 'string') return d.fns.toString([a]);
    if (e.to.kind === 'double') return d.fns.toDouble([a]);
    return `CAST(${a} AS ${internalType(d, e.to)})`;
  },
  inList: (e, { p }) => `(${p(e.arg)} ${e.negate ? 'NOT IN' : 'IN'} (${e.values.map(p).join(', ')}))`,
  bucket: (e, x) => bucket(x, x.p(e.arg), e.thresholds, e.values, 0, e.values.length - 1),
  array: (e, { d, p }) => d.fns.makeArray(e.items.map(p)),
  map: (e, { d, p }) => d.fns.makeMap(e.keys.flatMap((k, i) => [p(k), p(e.values[i] as SqlExpr)])),
  stored: (e, { d, p }) => convert(STORED, d, e.type, p(e.arg)),
  output: (e, { d, p }) => convert(OUTPUT, d, e.type, p(e.arg)),
  agg: (e, { d, p }) => (e.fn === 'count' ? d.fns.count([]) : e.fn === 'countIf' ? d.fns.countIf([p(e.where as SqlExpr)]) : d.fns[e.fn]([p(e.arg as SqlExpr)])),
  orderedCollect: (e, { d, p }) => d.fns.orderedCollect([p(e.value), p(e.order)]),
  over,
  explodeRange: (e, { d, p }) => d.fns.explodeRange([p(e.count)]),
  explodeArray: (e, { d, p }) => d.fns.explodeArray([p(e.array)]),
};

/**
 * Prints one SQL expression with a dialect.
 *
 * @example
 * ```ts
 * printExpr(duckdbDialect, sql.binary('+', sql.col(null, 'a'), sql.int(1))); // '("a" + 1::BIGINT)'
 * ```
 */
export function printExpr(d: Dialect, e: SqlExpr): string {
  const x: PrintContext = { d, p: (y) => printExpr(d, y) };
  return (PRINT[e.kind] as Print<SqlKind>)(e as SqlNode<SqlKind>, x);
}
