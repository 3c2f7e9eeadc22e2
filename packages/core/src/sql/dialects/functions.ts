/**
 * The function table and the type-name table of a dialect: every function spelling and every
 * type name the printer needs, so the printer spells none itself. Arguments arrive printed.
 * {@link baseFunctions} and {@link baseTypes} hold the spellings most engines share; a dialect
 * spreads them and supplies the rest.
 */
import { InternalError } from '../../errors.js';
import type { ColumnType, ColumnTypeKind } from '../../ir/types.js';

/** Functions every dialect must spell itself (no shared spelling exists). */
export type DialectSpecificFn = DialectScalarFn | 'orderedCollect' | 'explodeRange' | 'explodeArray';
/** Scalar functions without a shared spelling. */
type DialectScalarFn =
  | 'sha256'
  | 'idiv'
  | 'xor'
  | 'shiftRight'
  | 'arrayContains'
  | 'arraysOverlap'
  | 'arrayMin'
  | 'arrayMax'
  | 'arraySize'
  | 'arrayGet'
  | 'arrayCompact'
  | 'makeArray'
  | 'makeMap'
  | 'timestampFromMicros'
  | 'microsFromTimestamp'
  | 'dateFromDays'
  | 'daysFromDate'
  | 'weekday';
/** Scalar functions (`call` nodes and the forms the printer derives: division, conversions, bit operations). */
export type ScalarFn = 'least' | 'greatest' | 'concat' | 'lpad' | 'substr' | 'toString' | 'toDouble' | 'lower' | 'upper' | 'coalesce' | 'floor' | 'ceil' | 'sqrt' | 'abs' | StoredValueFn | DialectScalarFn;
/** Functions over stored (output) values with a shared spelling: map values, timestamp parts, timestamp → date. */
type StoredValueFn = 'mapValues' | 'hour' | 'month' | 'toDate';
/** Aggregate functions (`agg` and `orderedCollect` nodes). */
export type AggregateFn = 'count' | 'countDistinct' | 'sum' | 'min' | 'max' | 'countIf' | 'avg' | 'stddevPop' | 'median';
/** Window functions (`over` nodes; `sum`/`min`/`max`/`count` reuse the aggregate spellings). */
export type WindowFn = 'rowNumber' | 'count' | 'sum' | 'min' | 'max' | 'first' | 'last';
/** Every entry of a function table. */
export type FunctionName = ScalarFn | AggregateFn | 'orderedCollect' | 'rowNumber' | 'firstValue' | 'lastValue' | 'explodeRange' | 'explodeArray';

/**
 * A dialect's function spellings. Each entry takes printed arguments, in the order documented
 * on the entry's use: `lpad(s, n, fill)`, `substr(s, start1, length)`, `arrayGet(arr, index0)`,
 * `makeMap(k1, v1, k2, v2, …)`, `shiftRight(a, bits)`, `countIf(cond)`,
 * `orderedCollect(value, order)`, `explodeRange(count)`, `arraysOverlap(a, b)` (true when the
 * arrays share an element), `weekday(ts)` (0 = Monday … 6 = Sunday), `hour(ts)`, `month(ts)`
 * (1–12), `toDate(ts)`.
 */
export type FunctionTable = { readonly [F in FunctionName]: (args: readonly string[]) => string };

/** A dialect's type names; `name` prints nested types (array elements, map keys and values). */
export type TypeNameTable = { readonly [K in ColumnTypeKind]: (t: Extract<ColumnType, { kind: K }>, name: (t: ColumnType) => string) => string };

/**
 * The SQL name of a column type in a type-name table.
 *
 * @example
 * ```ts
 * typeName(baseTypes, { kind: 'decimal', precision: 18, scale: 2 }); // 'DECIMAL(18,2)'
 * ```
 */
export function typeName(types: TypeNameTable, t: ColumnType): string {
  const name = (x: ColumnType): string => (types[x.kind] as (y: ColumnType, n: (z: ColumnType) => string) => string)(x, name);
  return name(t);
}

const arity = (fn: string, args: readonly string[], n: number): readonly string[] => {
  if (args.length !== n) throw new InternalError(`${fn} takes ${n} argument(s), got ${args.length}`);
  return args;
};
const fn1 = (name: string) => (args: readonly string[]): string => `${name}(${arity(name, args, 1)[0]})`;
const fnN = (name: string) => (args: readonly string[]): string => `${name}(${args.join(', ')})`;

/**
 * The shared function spellings (ANSI where there is one).
 *
 * @example
 * ```ts
 * baseFunctions.least(['a', 'b']); // 'least(a, b)'
 * ```
 */
export const baseFunctions: { readonly [F in Exclude<FunctionName, DialectSpecificFn>]: FunctionTable[F] } = {
  least: fnN('least'),
  greatest: fnN('greatest'),
  concat: (a) => `(${a.join(' || ')})`,
  lpad: (a) => `lpad(${a[0]}, CAST(${a[1]} AS INTEGER), ${a[2]})`,
  substr: (a) => `substr(${a[0]}, CAST(${a[1]} AS INTEGER), CAST(${a[2]} AS INTEGER))`,
  toString: (a) => `CAST(${arity('toString', a, 1)[0]} AS VARCHAR)`,
  toDouble: (a) => `CAST(${arity('toDouble', a, 1)[0]} AS DOUBLE)`,
  lower: fn1('lower'),
  upper: fn1('upper'),
  coalesce: fnN('coalesce'),
  floor: (a) => `CAST(floor(${arity('floor', a, 1)[0]}) AS BIGINT)`,
  ceil: (a) => `CAST(ceil(${arity('ceil', a, 1)[0]}) AS BIGINT)`,
  sqrt: fn1('sqrt'),
  abs: fn1('abs'),
  mapValues: fn1('map_values'),
  hour: fn1('hour'),
  month: fn1('month'),
  toDate: (a) => `CAST(${arity('toDate', a, 1)[0]} AS DATE)`,
  count: () => 'count(*)',
  countDistinct: (a) => `count(DISTINCT ${arity('countDistinct', a, 1)[0]})`,
  sum: fn1('sum'),
  min: fn1('min'),
  max: fn1('max'),
  countIf: (a) => `sum(CASE WHEN ${arity('countIf', a, 1)[0]} THEN 1 ELSE 0 END)`,
  avg: fn1('avg'),
  stddevPop: fn1('stddev_pop'),
  median: fn1('median'),
  rowNumber: () => 'row_number()',
  firstValue: fn1('first_value'),
  lastValue: fn1('last_value'),
};

/**
 * The shared type names; dialects supply `array` and `map` and override what differs.
 *
 * @example
 * ```ts
 * baseTypes.string({ kind: 'string' }, String); // 'VARCHAR'
 * ```
 */
export const baseTypes: Omit<TypeNameTable, 'array' | 'map'> = {
  bigint: () => 'BIGINT',
  int: () => 'INTEGER',
  double: () => 'DOUBLE',
  boolean: () => 'BOOLEAN',
  string: () => 'VARCHAR',
  timestamp: () => 'TIMESTAMP',
  date: () => 'DATE',
  decimal: (t) => `DECIMAL(${t.precision},${t.scale})`,
};
