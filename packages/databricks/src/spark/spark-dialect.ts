import { createHash } from 'node:crypto';
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
  /**
   * The unqualified table name of an entity (with the run's table prefix), from which constraint
   * names are derived so that they are unique within the schema. Default: the entity name.
   */
  readonly tableName?: (entity: string) => string;
}

/** Longest constraint name printed as is; longer ones keep a head and a stable hash. */
const MAX_CONSTRAINT_NAME = 128;
const HASH_CHARS = 16;

/**
 * A constraint name derived from the full (prefixed) table name: `<table>_pk` or
 * `<table>_<column>_fk`. Unity Catalog wants constraint names unique within a schema and table
 * names already are, so two table prefixes in one schema never collide. Names longer than 128
 * characters keep their first characters and end with a SHA-256 hash of the whole name.
 *
 * @example
 * ```ts
 * constraintName('exp1_households', 'pk'); // 'exp1_households_pk'
 * constraintName('exp1_individuals', 'fk', 'household_id'); // 'exp1_individuals_household_id_fk'
 * ```
 */
export function constraintName(table: string, kind: 'pk' | 'fk', column?: string): string {
  const full = column === undefined ? `${table}_${kind}` : `${table}_${column}_${kind}`;
  if (full.length <= MAX_CONSTRAINT_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, HASH_CHARS);
  return `${full.slice(0, MAX_CONSTRAINT_NAME - HASH_CHARS - 1)}_${hash}`;
}

/** Most clustering columns Delta liquid clustering accepts (Databricks docs, "Use liquid clustering for tables": up to four keys). */
const MAX_CLUSTER_COLUMNS = 4;
/**
 * Column types liquid clustering accepts as keys: those Delta collects min/max statistics for
 * (Delta Lake `SkippingEligibleDataType`: numeric types incl. DECIMAL, DATE, TIMESTAMP,
 * TIMESTAMP_NTZ, STRING; error class MANAGED_INGESTION_INVALID_CLUSTERING_SPEC.UNSUPPORTED_DATA_TYPE
 * otherwise). Not BOOLEAN, ARRAY or MAP.
 */
const CLUSTERABLE = new Set(['bigint', 'int', 'double', 'decimal', 'string', 'date', 'timestamp']);

function clusterColumns(stmt: CreateTableStmt, columns: readonly string[] | undefined): readonly string[] {
  if (!columns?.length) return [];
  const path = `clusterBy.${stmt.entity}`;
  if (columns.length > MAX_CLUSTER_COLUMNS)
    throw new ConfigError([{ path, message: `has ${columns.length} columns; liquid clustering takes at most ${MAX_CLUSTER_COLUMNS}`, value: columns, fix: `keep the ${MAX_CLUSTER_COLUMNS} columns most used in filters` }]);
  const issues = columns.flatMap((name, i) => {
    const col = stmt.columns.find((c) => c.name === name);
    if (!col) return [{ path: `${path}.${i}`, message: `is not a column of ${stmt.entity}`, value: name, fix: `use one of ${stmt.columns.map((c) => c.name).join(', ')}` }];
    if (!CLUSTERABLE.has(col.type.kind)) return [{ path: `${path}.${i}`, message: `is a ${col.type.kind} column; liquid clustering keys must be numbers, decimals, strings, dates or timestamps`, value: name, fix: 'cluster by a scalar column' }];
    return [];
  });
  if (issues.length) throw new ConfigError(issues);
  return columns;
}

function propertyKey(k: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(k)) throw new ConfigError([{ path: `properties.${k}`, message: 'is not a valid table property key', value: k, fix: 'use letters, digits, underscores and dots, starting with a letter or underscore' }]);
  return `'${k}'`;
}

function createTable(o: SparkTableOptions) {
  return (stmt: CreateTableStmt, select: string, table: string): string[] => {
    const props = { 'synthgraph.entity': stmt.entity, ...(o.properties ?? {}) };
    const cluster = clusterColumns(stmt, o.clusterBy?.[stmt.entity]);
    const head = [
      `CREATE OR REPLACE TABLE ${table}`,
      'USING DELTA',
      ...(cluster.length ? [`CLUSTER BY (${cluster.map(sparkIdent).join(', ')})`] : []),
      ...(stmt.comment ? [`COMMENT ${sparkString(stmt.comment)}`] : []),
      `TBLPROPERTIES (${Object.entries(props)
        .map(([k, v]) => `${propertyKey(k)} = ${sparkString(v)}`)
        .join(', ')})`,
      'AS',
      select,
    ].join('\n');
    const out = [head];
    // One statement per column comment: the Databricks reference documents `ALTER COLUMN` for a
    // single column (the multi-column form is Spark 4 syntax, SPARK-50883).
    for (const c of stmt.columns) if (c.comment) out.push(`ALTER TABLE ${table} ALTER COLUMN ${sparkIdent(c.name)} COMMENT ${sparkString(c.comment)}`);
    if (o.unityCatalogConstraints) {
      const tableName = (o.tableName ?? ((e: string) => e))(stmt.entity);
      const ref = o.tableRef ?? sparkIdent;
      out.push(`ALTER TABLE ${table} ALTER COLUMN ${sparkIdent(stmt.primaryKey)} SET NOT NULL`);
      // A second run must not add its constraints twice, and a replaced table may keep those of
      // the run before (under any name): drop this table's foreign keys by their columns, then its
      // primary key (CASCADE: the run's own referencing tables are re-created after this one).
      for (const fk of stmt.foreignKeys) out.push(`ALTER TABLE ${table} DROP FOREIGN KEY IF EXISTS (${sparkIdent(fk.column)})`);
      out.push(`ALTER TABLE ${table} DROP PRIMARY KEY IF EXISTS CASCADE`);
      out.push(`ALTER TABLE ${table} ADD CONSTRAINT ${sparkIdent(constraintName(tableName, 'pk'))} PRIMARY KEY (${sparkIdent(stmt.primaryKey)}) NOT ENFORCED`);
      for (const fk of stmt.foreignKeys)
        out.push(
          `ALTER TABLE ${table} ADD CONSTRAINT ${sparkIdent(constraintName(tableName, 'fk', fk.column))} FOREIGN KEY (${sparkIdent(fk.column)}) REFERENCES ${ref(fk.entity)} (${sparkIdent(fk.references)}) NOT ENFORCED`,
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
 * `try_element_at`, `range(start, end, 1, partitions)` sources and `REPARTITION(n[, columns])` hints before every fan-out
 * for scale-out. Importing
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
    repartitionHint: (partitions, by) => `REPARTITION(${[String(partitions), ...by].join(', ')})`,
    range: (start, end, partitions, alias) => `range(${start}L, ${end}L, 1L, ${partitions}) AS ${sparkIdent(alias)}(\`__range\`)`,
    createTable: createTable(options),
    // A Delta table: Unity Catalog's managed tables and the local session's warehouse both take it.
    createLookupTable: (t, columns) => `CREATE OR REPLACE TABLE ${t} (${columns.join(', ')}) USING DELTA`,
    dropTable: (t) => `DROP TABLE IF EXISTS ${t}`,
    renameTable: (from, to) => `ALTER TABLE ${from} RENAME TO ${to}`,
  };
}

registerDialect(sparkDialect());
