import { baseDialect, type ColumnType, type Dialect } from '@synthgraph/core';

const typeName = (t: ColumnType): string => {
  switch (t.kind) {
    case 'bigint':
      return 'BIGINT';
    case 'int':
      return 'INTEGER';
    case 'double':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'VARCHAR';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'date':
      return 'DATE';
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    case 'array':
      return `${typeName(t.element)}[]`;
    case 'map':
      return `MAP(${typeName(t.key)}, ${typeName(t.value)})`;
  }
};

/**
 * The DuckDB dialect: overrides only what differs from the base spellings (`xor()` because `^`
 * is power, `//` integer division, 1-based lists, `make_timestamp`/`epoch_us`).
 *
 * @example
 * ```ts
 * import { buildPlan } from '@synthgraph/core';
 * const plan = buildPlan(ir, duckdbDialect);
 * ```
 */
export const duckdbDialect: Dialect = {
  ...baseDialect,
  name: 'duckdb',
  bigintLiteral: (v) => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`BIGINT literal must be a safe integer, got ${v}`);
    return v < 0 ? `(${v})::BIGINT` : `${v}::BIGINT`;
  },
  typeName,
  xor: (a, b) => `xor(${a}, ${b})`,
  shiftRight: (a, n) => `(${a} >> ${n})`,
  idiv: (a, b) => `(${a} // ${b})`,
  sha256: (a) => `sha256(${a})`,
  arrayLiteral: (items) => `[${items.join(', ')}]`,
  arrayGet: (arr, i) => `${arr}[(${i}) + 1]`,
  arrayContains: (arr, v) => `list_contains(${arr}, ${v})`,
  arraySize: (arr) => `CAST(len(${arr}) AS BIGINT)`,
  arrayCompact: (arr) => `list_filter(${arr}, x -> x IS NOT NULL)`,
  joinArray: (arr, body) => `array_to_string(list_transform(${arr}, lambda __e, __i: ${body('__e', '(__i - 1)')}), '')`,
  mapLiteral: (keys, values) => (keys.length ? `MAP([${keys.join(', ')}], [${values.join(', ')}])` : 'MAP()'),
  timestampFromMicros: (a) => `make_timestamp(${a})`,
  microsFromTimestamp: (a) => `epoch_us(${a})`,
  dateFromDays: (a) => `CAST(make_timestamp((${a}) * 86400000000::BIGINT) AS DATE)`,
  daysFromDate: (a) => `CAST((${a} - DATE '1970-01-01') AS BIGINT)`,
  range: (start, end, _partitions, alias) => `range(${start}::BIGINT, ${end}::BIGINT) AS ${baseDialect.quoteIdent(alias)}("__range")`,
  explodeRange: (count) => `unnest(range(${count}))`,
  explodeArray: (arr) => `unnest(${arr})`,
  orderedCollect: (value, order) => `list(${value} ORDER BY ${order})`,
  createTable: (stmt, select, table) => {
    const out = [`CREATE OR REPLACE TABLE ${table} AS\n${select}`];
    if (stmt.comment) out.push(`COMMENT ON TABLE ${table} IS ${baseDialect.stringLiteral(stmt.comment)}`);
    for (const c of stmt.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${table}.${baseDialect.quoteIdent(c.name)} IS ${baseDialect.stringLiteral(c.comment)}`);
    return out;
  },
};
