import { baseDialect, baseFunctions, baseTypes, InternalError, registerDialect, type Dialect } from '@synthgraph/core';

const ident = baseDialect.quoteIdent;
const str = baseDialect.stringLiteral;

/** Integers per block of {@link parallelRange} (DuckDB's vector size). */
const RANGE_BLOCK = 2048;

/**
 * The integer range [start, end) as a source every worker thread can read. DuckDB runs the
 * `range()` table function on one thread, and with it every operator of its pipeline — all the
 * columns of a sequence entity such as `households` (issue 17: ~10 s at 1M households whatever the
 * thread count). Here `range()` yields only the block numbers; a GROUP BY (a pipeline breaker
 * whose output DuckDB scans in parallel, one task per partition) hands them out, and each block is
 * expanded with `unnest(range(…))` in the parallel pipeline. Same integers, each once; only the
 * row order differs (content hashes are order-independent; Parquet row order is no contract).
 */
function parallelRange(start: number, end: number, _partitions: number, alias: string): string {
  if (end - start <= RANGE_BLOCK) return `range(${start}::BIGINT, ${end}::BIGINT) AS ${ident(alias)}("__range")`;
  const lo = `(${start}::BIGINT + "__block" * ${RANGE_BLOCK}::BIGINT)`;
  const blocks = Math.ceil((end - start) / RANGE_BLOCK);
  return `(SELECT unnest(range(${lo}, least(${lo} + ${RANGE_BLOCK}::BIGINT, ${end}::BIGINT))) AS "__range" FROM (SELECT "__block" FROM range(0::BIGINT, ${blocks}::BIGINT) AS "__blocks"("__block") GROUP BY ALL)) AS ${ident(alias)}`;
}

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
  range: parallelRange,
  // A temporary table: never part of a `.duckdb` output file.
  createLookupTable: (t, columns) => `CREATE OR REPLACE TEMP TABLE ${t} (${columns.join(', ')})`,
  createTable: (stmt, select, table) => {
    const out = [`CREATE OR REPLACE TABLE ${table} AS\n${select}`];
    if (stmt.comment) out.push(`COMMENT ON TABLE ${table} IS ${str(stmt.comment)}`);
    for (const c of stmt.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${table}.${ident(c.name)} IS ${str(c.comment)}`);
    return out;
  },
});
