import { baseDialect, baseFunctions, baseTypes, InternalError, registerDialect, type Dialect } from '@synthgraph/core';

const ident = baseDialect.quoteIdent;
const str = baseDialect.stringLiteral;

/**
 * The DuckDB dialect: the base spellings plus what differs (`xor()` because `^` is power, `//`
 * integer division, 1-based lists, `make_timestamp`/`epoch_us`, `unnest` generators). Importing
 * `@synthgraph/duckdb` registers it as `duckdb`.
 *
 * @example
 * ```ts
 * import { buildPlan } from '@synthgraph/core';
 * const plan = buildPlan(ir, duckdbDialect);
 * ```
 */
export const duckdbDialect: Dialect = registerDialect({
  ...baseDialect,
  name: 'duckdb',
  bigintLiteral: (v) => {
    if (!Number.isSafeInteger(v)) throw new InternalError(`BIGINT literal must be a safe integer, got ${v}`);
    return v < 0 ? `(${v})::BIGINT` : `${v}::BIGINT`;
  },
  types: {
    ...baseTypes,
    array: (t, name) => `${name(t.element)}[]`,
    map: (t, name) => `MAP(${name(t.key)}, ${name(t.value)})`,
  },
  fns: {
    ...baseFunctions,
    xor: ([a, b]) => `xor(${a}, ${b})`,
    shiftRight: ([a, n]) => `(${a} >> ${n})`,
    idiv: ([a, b]) => `(${a} // ${b})`,
    sha256: ([a]) => `sha256(${a})`,
    makeArray: (items) => `[${items.join(', ')}]`,
    makeMap: (kv) => {
      const keys = kv.filter((_, i) => i % 2 === 0);
      const values = kv.filter((_, i) => i % 2 === 1);
      return keys.length ? `MAP([${keys.join(', ')}], [${values.join(', ')}])` : 'MAP()';
    },
    arrayGet: ([arr, i]) => `${arr}[(${i}) + 1]`,
    arrayContains: ([arr, v]) => `list_contains(${arr}, ${v})`,
    arraysOverlap: ([a, b]) => `list_has_any(${a}, ${b})`,
    arrayMin: ([arr]) => `list_min(${arr})`,
    arrayMax: ([arr]) => `list_max(${arr})`,
    weekday: ([ts]) => `(isodow(${ts}) - 1)`,
    arraySize: ([arr]) => `CAST(len(${arr}) AS BIGINT)`,
    arrayCompact: ([arr]) => `list_filter(${arr}, x -> x IS NOT NULL)`,
    timestampFromMicros: ([a]) => `make_timestamp(${a})`,
    microsFromTimestamp: ([a]) => `epoch_us(${a})`,
    dateFromDays: ([a]) => `CAST(make_timestamp((${a}) * 86400000000::BIGINT) AS DATE)`,
    daysFromDate: ([a]) => `CAST((${a} - DATE '1970-01-01') AS BIGINT)`,
    explodeRange: ([count]) => `unnest(range(${count}))`,
    explodeArray: ([arr]) => `unnest(${arr})`,
    orderedCollect: ([value, order]) => `list(${value} ORDER BY ${order})`,
  },
  joinArray: (arr, body) => `array_to_string(list_transform(${arr}, lambda __e, __i: ${body('__e', '(__i - 1)')}), '')`,
  range: (start, end, _partitions, alias) => `range(${start}::BIGINT, ${end}::BIGINT) AS ${ident(alias)}("__range")`,
  // A temporary table: never part of a `.duckdb` output file.
  createLookupTable: (t, columns) => `CREATE OR REPLACE TEMP TABLE ${t} (${columns.join(', ')})`,
  createTable: (stmt, select, table) => {
    const out = [`CREATE OR REPLACE TABLE ${table} AS\n${select}`];
    if (stmt.comment) out.push(`COMMENT ON TABLE ${table} IS ${str(stmt.comment)}`);
    for (const c of stmt.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${table}.${ident(c.name)} IS ${str(c.comment)}`);
    return out;
  },
});
