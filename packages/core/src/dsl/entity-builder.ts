/**
 * The entity half of the scenario DSL: how an entity's rows come about ({@link SourcePicker})
 * and its key, columns and constraints ({@link EntityBuilder}). Immutable: every method returns
 * a new builder.
 */
import type { ColumnIR, Constraint, LiteralValue, RowSource } from '../ir/types.js';
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

/** @internal What an {@link EntityBuilder} has accumulated. */
export interface EntityProps {
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

/** @internal The source picker handed to `ScenarioBuilder.entity` for entity `name`. */
export function picker(name: string): SourcePicker<Record<string, RowShape>> {
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
