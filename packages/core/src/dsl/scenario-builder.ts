/**
 * The fluent, immutable scenario DSL. Every method returns a new builder; nothing is mutated.
 * `toIR({ seed })` lowers the spec to the frozen, validated IR.
 */
import { SpecError, type Issue } from '../errors.js';
import { deepFreeze, scenarioIRSchema, zodIssues } from '../ir/schema.js';
import { IR_VERSION, type EntityIR, type Expr, type PoolIR, type RowSource, type ScenarioIR } from '../ir/types.js';
import { validateIR } from '../ir/validate.js';
import { keyMode, type KeyMode } from '../random/opaque-keys.js';
import { mapChildren } from '../ir/walk.js';
import { picker, pow2AtLeast, type EntityBuilder, type EntityProps, type Empty, type RowOf, type RowShape, type Scope, type SourcePicker } from './entity-builder.js';

export { EntityBuilder, pow2AtLeast, type ColumnCtx, type ColumnOptions, type Empty, type RefCtx, type RowOf, type RowShape, type Scope, type SourcePicker } from './entity-builder.js';

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
  readonly keys: KeyMode;
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

  /**
   * How id columns (entity keys and foreign keys) are written. `'opaque'` (the default): each id
   * is a keyed bijection of the internal structured key, so ids are unique, non-negative BIGINTs
   * that reveal nothing about their parents (no `id ÷ 16` gives the household), still computed
   * locally with no join or global numbering. `'structured'`: the internal keys themselves
   * (`child = parent · fanout + index`), readable for debugging.
   *
   * @example
   * ```ts
   * const debug = scenario('demo').entity('people', (e) => e.rows(10).key('person_id')).keys('structured');
   * ```
   */
  keys(mode: KeyMode): ScenarioBuilder<E> {
    return new ScenarioBuilder({ ...this.#props, keys: keyMode(mode) });
  }

  /** The key mode set with {@link ScenarioBuilder.keys} (default `'opaque'`). */
  get keyMode(): KeyMode {
    return this.#props.keys;
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
    const ir: ScenarioIR = { irVersion: IR_VERSION, name: this.#props.name, seed: options.seed, fakerVersion, pools, entities: resolved, keys: this.#props.keys, meta: this.#props.meta };
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
  return new ScenarioBuilder({ name, entities: [], pools: [], meta: {}, keys: 'opaque' });
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
