import { baseDialect, baseFunctions, baseTypes, checkIdentifier, ConfigError, InternalError, registerDialect, type CreateTableStmt, type Dialect, type FunctionTable, type TypeNameTable } from '@synthgraph/core';

/** Spark string literal: backslash escapes are on by default, so both `\` and `'` are escaped. */
export function sparkString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** Backtick-quoted identifier (validated; backticks cannot occur). */
export function sparkIdent(name: string): string {
  return `\`${checkIdentifier(name)}\``;
}

/** Options that shape the Spark CTAS statements. */
export interface SparkTableOptions {
  /** Extra TBLPROPERTIES (run metadata). Keys must be dotted identifiers; values are escaped. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Informational PRIMARY KEY / FOREIGN KEY constraints (Unity Catalog only). */
  readonly unityCatalogConstraints?: boolean;
  /** CLUSTER BY columns per table (liquid clustering), by entity name. */
  readonly clusterBy?: Readonly<Record<string, readonly string[]>>;
  /** Resolves an entity to its printed table name (for foreign-key references). */
  readonly tableRef?: (entity: string) => string;
}

function propertyKey(k: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(k)) throw new ConfigError([{ path: `properties.${k}`, message: 'is not a valid table property key', value: k, fix: 'use letters, digits, underscores and dots, starting with a letter or underscore' }]);
  return `'${k}'`;
}

function createTable(o: SparkTableOptions) {
  return (stmt: CreateTableStmt, select: string, table: string): string[] => {
    const props = { 'synthgraph.entity': stmt.entity, ...(o.properties ?? {}) };
    const cluster = o.clusterBy?.[stmt.entity];
    const head = [
      `CREATE OR REPLACE TABLE ${table}`,
      'USING DELTA',
      ...(cluster?.length ? [`CLUSTER BY (${cluster.map(sparkIdent).join(', ')})`] : []),
      ...(stmt.comment ? [`COMMENT ${sparkString(stmt.comment)}`] : []),
      `TBLPROPERTIES (${Object.entries(props)
        .map(([k, v]) => `${propertyKey(k)} = ${sparkString(v)}`)
        .join(', ')})`,
      'AS',
      select,
    ].join('\n');
    const out = [head];
    // Every column comment in one statement (Spark 4 / Databricks SQL alter several columns at
    // once): one Delta commit and one round trip per table instead of one per column.
    const comments = stmt.columns.filter((c) => c.comment).map((c) => `${sparkIdent(c.name)} COMMENT ${sparkString(c.comment as string)}`);
    if (comments.length) out.push(`ALTER TABLE ${table} ALTER COLUMN\n  ${comments.join(',\n  ')}`);
    if (o.unityCatalogConstraints) {
      out.push(`ALTER TABLE ${table} ALTER COLUMN ${sparkIdent(stmt.primaryKey)} SET NOT NULL`);
      out.push(`ALTER TABLE ${table} ADD CONSTRAINT ${sparkIdent(`${stmt.entity}_pk`)} PRIMARY KEY (${sparkIdent(stmt.primaryKey)}) NOT ENFORCED`);
      const ref = o.tableRef ?? sparkIdent;
      for (const fk of stmt.foreignKeys)
        out.push(
          `ALTER TABLE ${table} ADD CONSTRAINT ${sparkIdent(`${stmt.entity}_${fk.column}_fk`)} FOREIGN KEY (${sparkIdent(fk.column)}) REFERENCES ${ref(fk.entity)} (${sparkIdent(fk.references)}) NOT ENFORCED`,
        );
    }
    return out;
  };
}

const sparkTypes: TypeNameTable = {
  ...baseTypes,
  int: () => 'INT',
  string: () => 'STRING',
  array: (t, name) => `ARRAY<${name(t.element)}>`,
  map: (t, name) => `MAP<${name(t.key)}, ${name(t.value)}>`,
};

const sparkFunctions: FunctionTable = {
  ...baseFunctions,
  toString: ([a]) => `CAST(${a} AS STRING)`,
  xor: ([a, b]) => `(${a} ^ ${b})`,
  shiftRight: ([a, n]) => `shiftright(${a}, ${n})`,
  idiv: ([a, b]) => `(${a} div ${b})`,
  sha256: ([a]) => `sha2(${a}, 256)`,
  concat: (args) => `concat(${args.join(', ')})`,
  makeArray: (items) => `array(${items.join(', ')})`,
  makeMap: (kv) => `map(${kv.join(', ')})`,
  arrayGet: ([arr, i]) => `try_element_at(${arr}, CAST((${i}) + 1 AS INT))`,
  arrayContains: ([arr, v]) => `array_contains(${arr}, ${v})`,
  arraysOverlap: ([a, b]) => `arrays_overlap(${a}, ${b})`,
  arrayMin: ([arr]) => `array_min(${arr})`,
  arrayMax: ([arr]) => `array_max(${arr})`,
  weekday: ([ts]) => `weekday(CAST(${ts} AS DATE))`,
  month: ([ts]) => `month(CAST(${ts} AS DATE))`,
  arraySize: ([arr]) => `CAST(size(${arr}) AS BIGINT)`,
  arrayCompact: ([arr]) => `array_compact(${arr})`,
  timestampFromMicros: ([a]) => `timestamp_micros(${a})`,
  microsFromTimestamp: ([a]) => `unix_micros(${a})`,
  dateFromDays: ([a]) => `date_from_unix_date(CAST(${a} AS INT))`,
  daysFromDate: ([a]) => `CAST(unix_date(${a}) AS BIGINT)`,
  explodeRange: ([count]) => `explode(CASE WHEN ${count} > 0L THEN sequence(0L, ${count} - 1L) ELSE CAST(array() AS ARRAY<BIGINT>) END)`,
  explodeArray: ([arr]) => `explode(${arr})`,
  orderedCollect: ([value, order]) => `transform(array_sort(collect_list(named_struct('o', ${order}, 'v', ${value}))), x -> x.v)`,
  countIf: ([cond]) => `count_if(${cond})`,
};

/**
 * The Spark SQL dialect (Apache Spark 4 and Databricks SQL, ANSI mode): backtick identifiers,
 * escaped string literals, `^` xor, `shiftright`, `div`, 0-based positions mapped to
 * `try_element_at`, `range(start, end, 1, partitions)` sources for scale-out. Importing
 * `@synthgraph/databricks` registers the default (option-free) Spark dialect as `spark`.
 *
 * @example
 * ```ts
 * const plan = buildPlan(ir, sparkDialect());
 * ```
 */
export function sparkDialect(options: SparkTableOptions = {}): Dialect {
  return {
    ...baseDialect,
    name: 'spark',
    quoteIdent: sparkIdent,
    stringLiteral: sparkString,
    bigintLiteral: (v) => {
      if (!Number.isSafeInteger(v)) throw new InternalError(`BIGINT literal must be a safe integer, got ${v}`);
      return v < 0 ? `(${v}L)` : `${v}L`;
    },
    types: sparkTypes,
    fns: sparkFunctions,
    joinArray: (arr, body) => `array_join(transform(${arr}, (__e, __i) -> ${body('__e', '__i')}), '')`,
    range: (start, end, partitions, alias) => `range(${start}L, ${end}L, 1L, ${partitions}) AS ${sparkIdent(alias)}(\`__range\`)`,
    createTable: createTable(options),
    dropTable: (t) => `DROP TABLE IF EXISTS ${t}`,
    renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  };
}

registerDialect(sparkDialect());
