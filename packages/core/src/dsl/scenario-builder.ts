/**
 * The fluent, immutable scenario DSL. Every method returns a new builder; nothing is mutated.
 * `toIR({ seed })` lowers the spec to the frozen, validated IR.
 */
import { SpecError, type Issue } from '../errors.js';
import { deepFreeze, scenarioIRSchema, zodIssues } from '../ir/schema.js';
import { IR_VERSION, type ColumnIR, type Constraint, type EntityIR, type Expr, type LiteralValue, type PoolIR, type RowSource, type ScenarioIR } from '../ir/types.js';
import { validateIR } from '../ir/validate.js';
import { mapChildren } from '../ir/walk.js';
import type { AnyTypeDesc, OutputOf, TypeDesc, ValueOf } from './column-types.js';
import { X, node, type In } from './expr.js';

/** The empty row shape / scope (no columns yet). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is the identity of `&`, which row inference builds on
export type Empty = {};

/** A row shape: column name → type descriptor. */
export type RowShape = Readonly<Record<string, AnyTypeDesc>>;
/** The output row type of a row shape. */
export type RowOf<R extends RowShape> = { -readonly [K in keyof R]: OutputOf<R[K]> };

/** Typed access to the columns of another row (a parent, a cross side, a source row). */
export interface RefCtx<R extends RowShape> {
  /** A column of that row. */
  col<K extends keyof R & string>(name: K): X<ValueOf<R[K]>>;
}

/** What an entity's expressions can see besides its own columns. */
export interface Scope {
  readonly parent?: RowShape;
  readonly left?: RowShape;
  readonly right?: RowShape;
  readonly row?: RowShape;
}

/** The context passed to column callbacks. */
export interface ColumnCtx<E extends Record<string, RowShape>, R extends RowShape, S extends Scope> {
  /** An earlier column of this entity. */
  col<K extends keyof R & string>(name: K): X<ValueOf<R[K]>>;
  /** This row's key. */
  key(): X<number>;
  /** The child index (0-based) within the parent (children entities). */
  index(): X<number>;
  /** The parent row (children entities). */
  readonly parent: S['parent'] extends RowShape ? RefCtx<S['parent']> : never;
  /** The left row (cross entities). */
  readonly left: S['left'] extends RowShape ? RefCtx<S['left']> : never;
  /** The right row (cross entities). */
  readonly right: S['right'] extends RowShape ? RefCtx<S['right']> : never;
  /** The source row (window entities), or source rows inside aggregates (group entities). */
  readonly row: S['row'] extends RowShape ? RefCtx<S['row']> : never;
  /** A column of another entity's row, found by that entity's key. */
  lookup<N extends keyof E & string, K extends keyof E[N] & string>(entity: N, key: In<number>, column: K): X<ValueOf<E[N][K]>>;
}

/** Options of a column. */
export interface ColumnOptions {
  /** Column comment (written to COMMENTs and the docs). */
  readonly comment?: string;
  /** Compute but do not write the column (a helper for other columns). */
  readonly hidden?: boolean;
}

interface EntityProps {
  readonly name: string;
  readonly comment: string | null;
  readonly source: RowSource;
  readonly columns: readonly ColumnIR[];
  readonly constraints: readonly Constraint[];
  readonly keyColumn: string | null;
}

const refCtx = (side: 'parent' | 'left' | 'right' | 'row'): RefCtx<RowShape> => ({ col: (name) => new X({ kind: 'ref', side, name }) });

function columnCtx(): ColumnCtx<Record<string, RowShape>, RowShape, Scope> {
  return {
    col: (name) => new X({ kind: 'col', name }),
    key: () => new X({ kind: 'key' }),
    index: () => new X({ kind: 'index' }),
    parent: refCtx('parent') as never,
    left: refCtx('left') as never,
    right: refCtx('right') as never,
    row: refCtx('row') as never,
    lookup: (entity, key, column) => new X({ kind: 'lookup', entity, key: node(key as X<number>), column }),
  };
}

/**
 * Builds one entity: its key, columns and constraints.
 *
 * @example
 * ```ts
 * e.rows(1000).key('household_id').column('size', t.int(), () => intBetween(1, 6))
 * ```
 */
export class EntityBuilder<E extends Record<string, RowShape>, R extends RowShape, S extends Scope, K extends string = never> {
  /** Phantom: the row shape. */
  declare readonly __row?: R;
  /** Phantom: the key column name. */
  declare readonly __key?: K;
  readonly #props: EntityProps;

  /** @internal */
  constructor(props: EntityProps) {
    this.#props = Object.freeze(props);
  }

  /** @internal The accumulated properties. */
  get props(): EntityProps {
    return this.#props;
  }

  private with(p: Partial<EntityProps>): EntityBuilder<E, R, S, K> {
    return new EntityBuilder({ ...this.#props, ...p });
  }

  /** Declares the key column (BIGINT, primary key, NOT NULL, holds the row key). */
  key<N extends string>(name: N, options: ColumnOptions = {}): EntityBuilder<E, R & { readonly [P in N]: TypeDesc<number, number> }, S, N> {
    const col: ColumnIR = { name, type: { kind: 'bigint' }, expr: { kind: 'key' }, comment: options.comment ?? null, output: true };
    return new EntityBuilder({
      ...this.#props,
      keyColumn: name,
      columns: [...this.#props.columns, col],
      constraints: [...this.#props.constraints, { kind: 'primaryKey', column: name }],
    });
  }

  /** Adds a column computed by an expression (which may read earlier columns through the context). */
  column<N extends string, D extends AnyTypeDesc>(
    name: N,
    type: D,
    expr: In<ValueOf<D>> | ((c: ColumnCtx<E, R, S>) => In<ValueOf<D>>),
    options: ColumnOptions = {},
  ): EntityBuilder<E, R & { readonly [P in N]: D }, S, K> {
    const value = typeof expr === 'function' ? (expr as (c: ColumnCtx<E, R, S>) => unknown)(columnCtx() as unknown as ColumnCtx<E, R, S>) : expr;
    const col: ColumnIR = {
      name,
      type: type.type,
      expr: node(value as X<unknown> | LiteralValue),
      comment: options.comment ?? null,
      output: !options.hidden,
    };
    return new EntityBuilder({ ...this.#props, columns: [...this.#props.columns, col] });
  }

  /** Table comment. */
  comment(text: string): EntityBuilder<E, R, S, K> {
    return this.with({ comment: text });
  }
  /** Foreign key: `column` references the key column of `entity`. */
  foreignKey<C extends keyof R & string, N extends keyof E & string>(column: C, entity: N, references?: string): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'foreignKey', column, entity, references: references ?? '' });
  }
  /** The combination of columns is unique. */
  unique<C extends keyof R & string>(...columns: C[]): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'unique', columns });
  }
  /** The column is never NULL. */
  notNull<C extends keyof R & string>(column: C): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'notNull', column });
  }
  /** `min <= column <= max` (either bound may be null). */
  range<C extends keyof R & string>(column: C, min: number | null, max: number | null): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'range', column, min, max });
  }
  /** The column (or, for arrays, each element) is one of `values`. */
  oneOf<C extends keyof R & string>(column: C, values: readonly LiteralValue[]): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'enum', column, values: [...values] });
  }
  /** `before <= after` (timestamps, dates or numbers). */
  ordered<A extends keyof R & string, B extends keyof R & string>(before: A, after: B): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'temporal', before, after });
  }
  /** A named rule: rows where `violation` is true are counted as violations. */
  rule(name: string, violation: (c: ColumnCtx<E, R, S>) => X<boolean>): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'rule', name, violation: violation(columnCtx() as unknown as ColumnCtx<E, R, S>).node });
  }
  /** `column` equals the number of rows of `entity` whose `foreignKey` points at this row. */
  childCount<C extends keyof R & string, N extends keyof E & string>(column: C, entity: N, foreignKey: keyof E[N] & string): EntityBuilder<E, R, S, K> {
    return this.constrain({ kind: 'childCount', column, entity, foreignKey });
  }
  private constrain(c: Constraint): EntityBuilder<E, R, S, K> {
    return this.with({ constraints: [...this.#props.constraints, c] });
  }
}

const empty = (name: string, source: RowSource): EntityProps => ({ name, comment: null, source, columns: [], constraints: [], keyColumn: null });

/** Chooses how an entity's rows come about. */
export interface SourcePicker<E extends Record<string, RowShape>> {
  /** `n` rows (keys `keyOffset .. keyOffset + n - 1`). */
  rows(n: number, options?: { keyOffset?: number }): EntityBuilder<E, Empty, Empty>;
  /** For each parent row, `count` children (clamped to [0, max]). */
  childrenOf<P extends keyof E & string>(
    parent: P,
    options: { count: (p: ColumnCtx<E, E[P], Empty>) => In<number>; max: number },
  ): EntityBuilder<E, Empty, { parent: E[P] }>;
  /** Every (left, right) pair for which `keep` holds. */
  crossOf<L extends keyof E & string, Rt extends keyof E & string>(
    left: L,
    right: Rt,
    options: { keep: (c: ColumnCtx<E, Empty, { left: E[L]; right: E[Rt] }>) => In<boolean> },
  ): EntityBuilder<E, Empty, { left: E[L]; right: E[Rt] }>;
  /** One row per distinct `by` value of `from`; columns aggregate the source rows. */
  groupOf<F extends keyof E & string>(
    from: F,
    options: { by: keyof E[F] & string; where?: (c: ColumnCtx<E, E[F], Empty>) => In<boolean> },
  ): EntityBuilder<E, Empty, { row: E[F] }>;
  /** One row per row of `from` (kept by `where`), with window functions over partitions. */
  windowOf<F extends keyof E & string>(
    from: F,
    options: { partitionBy: readonly (keyof E[F] & string)[]; orderBy: readonly (keyof E[F] & string)[]; where?: (c: ColumnCtx<E, E[F], Empty>) => In<boolean> },
  ): EntityBuilder<E, Empty, { row: E[F] }>;
}

function picker(name: string): SourcePicker<Record<string, RowShape>> {
  const ctx = columnCtx() as never;
  return {
    rows: (n, o) => new EntityBuilder(empty(name, { kind: 'sequence', rows: n, keyOffset: o?.keyOffset ?? 0 })),
    childrenOf: (parent, o) =>
      new EntityBuilder(empty(name, { kind: 'children', parent, count: node(o.count(ctx) as X<number>), max: o.max, fanout: pow2AtLeast(o.max) })),
    crossOf: (left, right, o) => new EntityBuilder(empty(name, { kind: 'cross', left, right, keep: node(o.keep(ctx) as X<boolean>), fanout: 0 })),
    groupOf: (from, o) => new EntityBuilder(empty(name, { kind: 'group', from, by: o.by, where: o.where ? node(o.where(ctx) as X<boolean>) : null })),
    windowOf: (from, o) =>
      new EntityBuilder(
        empty(name, { kind: 'window', from, partitionBy: [...o.partitionBy], orderBy: [...o.orderBy], where: o.where ? node(o.where(ctx) as X<boolean>) : null }),
      ),
  };
}

/** Smallest power of two ≥ n. */
export function pow2AtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Something that materializes a pool for a seed. */
export type PoolFactory = (ctx: { readonly seed: number }) => PoolInput;
/** A pool as a factory returns it. */
export interface PoolInput {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: 'string' | 'int' | 'double' }[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly weights?: readonly number[] | null;
  readonly source: string;
  /** Set when @faker-js/faker produced the pool. */
  readonly fakerVersion?: string;
}

interface ScenarioProps {
  readonly name: string;
  readonly entities: readonly EntityProps[];
  readonly pools: readonly PoolFactory[];
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Options of {@link ScenarioBuilder.toIR}. */
export interface ToIROptions {
  /** The seed: same seed ⇒ same data everywhere. A non-negative safe integer. */
  readonly seed: number;
}

/**
 * A scenario: pools and entities in dependency order.
 *
 * @example
 * ```ts
 * const s = scenario('demo')
 *   .entity('households', (e) => e.rows(1000).key('household_id').column('size', t.int(), () => intBetween(1, 6)))
 *   .entity('individuals', (e) =>
 *     e.childrenOf('households', { count: (p) => p.col('size'), max: 6 })
 *       .key('individual_id')
 *       .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
 *       .foreignKey('household_id', 'households'));
 * const ir = s.toIR({ seed: 42 });
 * ```
 */
export class ScenarioBuilder<E extends Record<string, RowShape> = Empty> {
  /** Phantom: entity name → row shape. */
  declare readonly __entities?: E;
  readonly #props: ScenarioProps;

  /** @internal */
  constructor(props: ScenarioProps) {
    this.#props = Object.freeze(props);
  }

  /** The scenario's name. */
  get name(): string {
    return this.#props.name;
  }

  /** Names of the entities, in dependency order. */
  get entityNames(): readonly string[] {
    return this.#props.entities.map((e) => e.name);
  }

  /** Adds an entity. */
  entity<N extends string, R extends RowShape>(
    name: N,
    build: (source: SourcePicker<E>) => EntityBuilder<E, R, Scope, string>,
  ): ScenarioBuilder<E & { readonly [P in N]: R }> {
    const built = build(picker(name) as unknown as SourcePicker<E>);
    return new ScenarioBuilder({ ...this.#props, entities: [...this.#props.entities, built.props] });
  }

  /** Adds a value pool, materialized for the seed when lowering. */
  pool(factory: PoolFactory | PoolInput): ScenarioBuilder<E> {
    const f: PoolFactory = typeof factory === 'function' ? factory : () => factory;
    return new ScenarioBuilder({ ...this.#props, pools: [...this.#props.pools, f] });
  }

  /** Attaches JSON-serializable metadata (recorded in the IR and the manifest). */
  meta(meta: Readonly<Record<string, unknown>>): ScenarioBuilder<E> {
    return new ScenarioBuilder({ ...this.#props, meta: { ...this.#props.meta, ...meta } });
  }

  /** Lowers to the frozen, validated IR. Throws {@link SpecError} listing every problem. */
  toIR(options: ToIROptions): ScenarioIR {
    const issues: Issue[] = [];
    if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
      issues.push({ path: 'seed', message: 'must be a non-negative safe integer', value: options.seed, fix: 'pass e.g. { seed: 42 }' });
      throw new SpecError(issues);
    }
    let fakerVersion: string | null = null;
    const pools: PoolIR[] = this.#props.pools.map((f) => {
      const p = f({ seed: options.seed });
      if (p.fakerVersion) fakerVersion = p.fakerVersion;
      return { name: p.name, columns: p.columns.map((c) => ({ ...c })), rows: p.rows.map((r) => [...r]), weights: p.weights ? [...p.weights] : null, source: p.source };
    });
    const entities: EntityIR[] = this.#props.entities.map((e) => {
      if (!e.keyColumn) issues.push({ path: `entities.${e.name}`, message: 'has no key column', fix: `call .key('${e.name}_id') on the entity` });
      return { name: e.name, comment: e.comment, source: e.source, columns: e.columns, constraints: e.constraints, keyColumn: e.keyColumn ?? '' };
    });
    if (issues.length) throw new SpecError(issues);
    const resolved = resolveDerivedFields(entities).map(assignSlotsInEntity);
    const ir: ScenarioIR = { irVersion: IR_VERSION, name: this.#props.name, seed: options.seed, fakerVersion, pools, entities: resolved, meta: this.#props.meta };
    const cloned = JSON.parse(JSON.stringify(ir)) as ScenarioIR;
    // The same shape check parseIR applies, so every IR toIR returns survives a JSON round trip
    // through parseIR (identifiers, parameter ranges, non-finite numbers); then the semantic checks.
    const shape = scenarioIRSchema.safeParse(cloned);
    const problems: Issue[] = shape.success ? [] : zodIssues(shape.error);
    try {
      validateIR(cloned);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      problems.push(...e.issues);
    }
    if (problems.length) throw new SpecError(problems);
    return deepFreeze(cloned);
  }
}

/**
 * Names the draw slots of each expression tree: draws without an explicit slot get their
 * pre-order position ('0', '1', …) within their column; the same draw object used twice keeps
 * one slot (one random value). Streams are `<entity>.<column>.<slot>`, so adding or reordering
 * columns changes no other column.
 */
function assignSlots(e: Expr): Expr {
  const slots = new Map<Expr, string>();
  let next = 0;
  const walk = (x: Expr): Expr => {
    if (x.kind === 'draw') {
      let slot = slots.get(x);
      if (slot === undefined) {
        slot = x.slot || String(next++);
        slots.set(x, slot);
      }
      const dist = x.dist.kind === 'timestamp' && x.dist.within ? { ...x.dist, within: { from: walk(x.dist.within.from), to: walk(x.dist.within.to) } } : x.dist;
      return { ...x, slot, dist };
    }
    return mapChildren(x, walk);
  };
  return walk(e);
}


function assignSlotsInEntity(e: EntityIR): EntityIR {
  const s = e.source;
  const source: RowSource =
    s.kind === 'children'
      ? { ...s, count: assignSlots(s.count) }
      : s.kind === 'cross'
        ? { ...s, keep: assignSlots(s.keep) }
        : (s.kind === 'group' || s.kind === 'window') && s.where
          ? { ...s, where: assignSlots(s.where) }
          : s;
  return {
    ...e,
    source,
    columns: e.columns.map((c) => ({ ...c, expr: assignSlots(c.expr) })),
    constraints: e.constraints.map((c) => (c.kind === 'rule' ? { ...c, violation: assignSlots(c.violation) } : c)),
  };
}

/** Fills fields that depend on other entities (cross fan-outs, foreign-key targets). */
function resolveDerivedFields(entities: EntityIR[]): EntityIR[] {
  const byName = new Map(entities.map((e) => [e.name, e]));
  return entities.map((e) => {
    let source = e.source;
    if (source.kind === 'cross') {
      const right = byName.get(source.right);
      const fanout = right && right.source.kind === 'sequence' ? pow2AtLeast(right.source.keyOffset + right.source.rows) : 0;
      source = { ...source, fanout };
    }
    // An unknown target keeps its own name as a placeholder: validation reports the unknown entity.
    const constraints = e.constraints.map((c) =>
      c.kind === 'foreignKey' && c.references === '' ? { ...c, references: byName.get(c.entity)?.keyColumn ?? c.entity } : c,
    );
    return { ...e, source, constraints };
  });
}

/**
 * Starts a scenario.
 *
 * @example
 * ```ts
 * const s = scenario('demo').entity('people', (e) => e.rows(10).key('person_id'));
 * ```
 */
export function scenario(name: string): ScenarioBuilder<Empty> {
  return new ScenarioBuilder({ name, entities: [], pools: [], meta: {} });
}

/**
 * The output row type of an entity of a scenario.
 *
 * @example
 * ```ts
 * type Household = InferRow<typeof s, 'households'>;
 * ```
 */
export type InferRow<S, N extends string> = S extends ScenarioBuilder<infer E> ? (N extends keyof E ? RowOf<E[N]> : never) : never;

/** Re-exported for convenience in callbacks. */
export type { Expr };
