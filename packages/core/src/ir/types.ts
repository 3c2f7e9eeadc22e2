/**
 * The IR: a frozen, JSON-serializable plan of a scenario. It is the only contract between the
 * DSL and the engines. Every node is a plain object discriminated by `kind`.
 *
 * Value conventions inside expressions (engines convert at the final projection):
 * - `timestamp` values are epoch microseconds (UTC) as integers;
 * - `date` values are epoch days as integers;
 * - `decimal(p, s)` values are integers in units of 10^-s (e.g. cents for scale 2);
 * - all integer arithmetic is 64-bit and must stay within ±2^53 so that the in-process
 *   evaluator is exact.
 */

/** The IR format version. Bumped on any incompatible change. */
export const IR_VERSION = 1 as const;

/** A column's logical type. */
export type ColumnType =
  | { readonly kind: 'bigint' }
  | { readonly kind: 'int' }
  | { readonly kind: 'double' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'date' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'array'; readonly element: ColumnType }
  | { readonly kind: 'map'; readonly key: ColumnType; readonly value: ColumnType };

/** The kind names of {@link ColumnType}. */
export type ColumnTypeKind = ColumnType['kind'];

/** A literal value in an expression. */
export type LiteralValue = number | string | boolean | null;

/** A probability distribution for a `draw` node. All parameters are compile-time constants. */
export type Dist =
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'bernoulli'; readonly p: number }
  | { readonly kind: 'categorical'; readonly values: readonly LiteralValue[]; readonly weights: readonly number[] }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'exponential'; readonly rate: number }
  | { readonly kind: 'powerLaw'; readonly alpha: number; readonly min: number; readonly max: number }
  | { readonly kind: 'poisson'; readonly lambda: number }
  | { readonly kind: 'zipf'; readonly n: number; readonly s: number }
  | { readonly kind: 'poolRow'; readonly pool: string }
  | {
      readonly kind: 'timestamp';
      /** Window start, epoch microseconds, at a UTC midnight. */
      readonly start: number;
      /** Number of whole days in the window. */
      readonly days: number;
      /** Relative weight of each hour of the day (24 entries), or null for flat. */
      readonly hourWeights: readonly number[] | null;
      /** Relative weight of each weekday, Monday first (7 entries), or null for flat. */
      readonly weekdayWeights: readonly number[] | null;
      /** Relative weight of each month, January first (12 entries), or null for flat. */
      readonly monthWeights: readonly number[] | null;
      /** Optional per-row bounds (epoch microseconds, inclusive); the draw stays inside them. */
      readonly within: { readonly from: Expr; readonly to: Expr } | null;
    };

/** Binary operators. `/` is always floating-point division; `idiv` truncates. */
export type BinaryOp = '+' | '-' | '*' | '/' | 'idiv' | '%' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
/** Unary operators. `floor`/`ceil` return integers. */
export type UnaryOp = 'neg' | 'not' | 'floor' | 'ceil' | 'isNull' | 'sqrt' | 'abs';
/** Scalar functions every dialect implements. */
export type CallFn =
  | 'least'
  | 'greatest'
  | 'concat'
  | 'sha256'
  | 'lpad'
  | 'toString'
  | 'lower'
  | 'upper'
  | 'coalesce'
  | 'toDouble'
  | 'arrayContains'
  | 'arraySize'
  | 'arrayGet'
  | 'dayOfWeek'
  | 'hourOfDay'
  | 'daysOf'
  | 'substr'
  | 'arrayCompact';
/** Aggregate functions (derived `group` entities only). */
export type AggFn = 'count' | 'sum' | 'min' | 'max' | 'countDistinct' | 'mode' | 'topN' | 'countIf' | 'sumIf';
/** Window functions (derived `window` entities only). */
export type WinFn = 'rowNumber' | 'count' | 'sum' | 'min' | 'max' | 'first' | 'last';

/** An expression node. */
export type Expr =
  | { readonly kind: 'lit'; readonly value: LiteralValue; readonly type: ColumnTypeKind }
  | { readonly kind: 'key' }
  | { readonly kind: 'index' }
  | { readonly kind: 'col'; readonly name: string }
  | { readonly kind: 'ref'; readonly side: RefSide; readonly name: string }
  | { readonly kind: 'draw'; readonly slot: string; readonly dist: Dist }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: CallFn; readonly args: readonly Expr[] }
  | { readonly kind: 'case'; readonly whens: readonly { readonly when: Expr; readonly then: Expr }[]; readonly else: Expr }
  | { readonly kind: 'cast'; readonly to: ColumnType; readonly arg: Expr }
  | { readonly kind: 'pool'; readonly pool: string; readonly column: string; readonly index: Expr }
  | { readonly kind: 'bucket'; readonly arg: Expr; readonly thresholds: readonly number[]; readonly values: readonly Expr[] }
  | { readonly kind: 'array'; readonly items: readonly Expr[] }
  | { readonly kind: 'map'; readonly keys: readonly Expr[]; readonly values: readonly Expr[] }
  | { readonly kind: 'lookup'; readonly entity: string; readonly key: Expr; readonly column: string }
  | { readonly kind: 'agg'; readonly fn: AggFn; readonly arg: Expr | null; readonly where: Expr | null; readonly n: number | null }
  | { readonly kind: 'win'; readonly fn: WinFn; readonly arg: Expr | null; readonly frame: 'all' | 'preceding' }
  /** Internal: produced by draw expansion, never accepted as input — a raw 32-bit draw. */
  | { readonly kind: 'rand'; readonly stream: number }
  /**
   * Internal: produced by pool expansion — `items[index]` over a literal list; `pool` names the
   * pool column the items are (the SQL lowering reads large pools from a lookup table).
   */
  | { readonly kind: 'pick'; readonly items: readonly LiteralValue[]; readonly index: Expr; readonly type: ColumnTypeKind; readonly pool?: { readonly name: string; readonly column: string } };

/** Which row a `ref` reads: a children entity's parent, a cross product's sides, a derived entity's source row. */
export type RefSide = 'parent' | 'left' | 'right' | 'row';

/** How an entity's rows come about. */
export type RowSource =
  /** `rows` rows with keys `keyOffset .. keyOffset + rows - 1`. */
  | { readonly kind: 'sequence'; readonly rows: number; readonly keyOffset: number }
  /**
   * For each row of `parent`, `count` children (an expression in the parent's scope, clamped to
   * [0, max]). Child key = parent key · `fanout` + index, with `fanout` the power of two ≥ max.
   */
  | { readonly kind: 'children'; readonly parent: string; readonly count: Expr; readonly max: number; readonly fanout: number }
  /**
   * Each pair (left row, right row) kept when `keep` is true. Key = left key · `fanout` + right
   * key, with `fanout` the power of two above the right entity's largest key.
   */
  | { readonly kind: 'cross'; readonly left: string; readonly right: string; readonly keep: Expr; readonly fanout: number }
  /** One row per distinct `by` value of `from` (rows kept by `where`); key = the `by` value. */
  | { readonly kind: 'group'; readonly from: string; readonly by: string; readonly where: Expr | null }
  /** One row per row of `from` kept by `where`, with window functions over `partitionBy` ordered by `orderBy` then key. */
  | {
      readonly kind: 'window';
      readonly from: string;
      readonly partitionBy: readonly string[];
      readonly orderBy: readonly string[];
      readonly where: Expr | null;
    };

/** A declared constraint; each compiles to a violation-count query run after generation. */
export type Constraint =
  | { readonly kind: 'primaryKey'; readonly column: string }
  | { readonly kind: 'foreignKey'; readonly column: string; readonly entity: string; readonly references: string }
  | { readonly kind: 'unique'; readonly columns: readonly string[] }
  | { readonly kind: 'notNull'; readonly column: string }
  | { readonly kind: 'range'; readonly column: string; readonly min: number | null; readonly max: number | null }
  | { readonly kind: 'enum'; readonly column: string; readonly values: readonly LiteralValue[] }
  | { readonly kind: 'temporal'; readonly before: string; readonly after: string }
  /** Rows for which `violation` is true are violations. */
  | { readonly kind: 'rule'; readonly name: string; readonly violation: Expr }
  /** `column` equals the number of rows of `entity` whose `foreignKey` is this row's key column. */
  | { readonly kind: 'childCount'; readonly column: string; readonly entity: string; readonly foreignKey: string };

/** One output column. */
export interface ColumnIR {
  readonly name: string;
  readonly type: ColumnType;
  readonly expr: Expr;
  readonly comment: string | null;
  /** When false the column is computed but not written (a helper column). */
  readonly output: boolean;
}

/** One entity (table). */
export interface EntityIR {
  readonly name: string;
  readonly comment: string | null;
  readonly source: RowSource;
  readonly columns: readonly ColumnIR[];
  readonly constraints: readonly Constraint[];
  /** The column that holds the row key (required; the primary key of the table). */
  readonly keyColumn: string;
}

/** A value pool materialized into the IR. */
export interface PoolIR {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: 'string' | 'int' | 'double' }[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly weights: readonly number[] | null;
  readonly source: string;
}

/** A whole scenario. */
export interface ScenarioIR {
  readonly irVersion: typeof IR_VERSION;
  readonly name: string;
  readonly seed: number;
  /** Version of @faker-js/faker used to materialize pools (or null when none was used). */
  readonly fakerVersion: string | null;
  readonly pools: readonly PoolIR[];
  /** Entities in dependency order. */
  readonly entities: readonly EntityIR[];
  /**
   * How public id columns (entity keys and foreign keys) are written: `opaque` (the default when
   * absent) writes a keyed bijection of the internal key; `structured` writes the internal key
   * itself (`child = parent · fanout + index`), for debugging.
   */
  readonly keys?: 'opaque' | 'structured';
  /** Free-form, JSON-serializable metadata (e.g. a preset's resolved config). */
  readonly meta: Readonly<Record<string, unknown>>;
}
