/** What the lowering of one entity knows about its scenario (already expanded). */
import { SpecError } from '../../errors.js';
import { keySpaces } from '../../ir/id-columns.js';
import type { ColumnType, EntityIR, ScenarioIR } from '../../ir/types.js';
import { sql, type SqlExpr } from '../sql-nodes.js';

/** The expanded scenario, its entities by name and the key space of each entity's key. */
export interface LowerContext {
  readonly ir: ScenarioIR;
  readonly entities: ReadonlyMap<string, EntityIR>;
  readonly spaces: ReadonlyMap<string, string>;
}

/**
 * The lowering context of an (expanded) scenario.
 *
 * @example
 * ```ts
 * const ctx = lowerContext(expandScenario(ir));
 * ```
 */
export function lowerContext(ir: ScenarioIR): LowerContext {
  return { ir, entities: new Map(ir.entities.map((e) => [e.name, e])), spaces: keySpaces(ir.entities) };
}

/**
 * The type of an entity's column; a {@link SpecError} when it has none.
 *
 * @example
 * ```ts
 * typeOf(ctx, 'individuals', 'age'); // { kind: 'int' }
 * ```
 */
export function typeOf(ctx: LowerContext, entity: string, column: string): ColumnType {
  const c = ctx.entities.get(entity)?.columns.find((x) => x.name === column);
  if (!c) throw new SpecError([{ path: `entities.${entity}`, message: `has no column '${column}'` }]);
  return c.type;
}

/**
 * A stored read of `table.column` of an entity, in the internal representation.
 *
 * @example
 * ```ts
 * storedCol(ctx, 'individuals', 's', 'created_at'); // epoch micros of s.created_at
 * ```
 */
export function storedCol(ctx: LowerContext, entity: string, table: string, column: string): SqlExpr {
  return sql.stored(typeOf(ctx, entity, column), sql.col(table, column));
}

/**
 * The entity of a name (the IR was validated, so a miss is an internal error).
 *
 * @example
 * ```ts
 * entityOf(ctx, 'households').keyColumn;
 * ```
 */
export function entityOf(ctx: LowerContext, name: string): EntityIR {
  const e = ctx.entities.get(name);
  if (!e) throw new SpecError([{ path: 'entity', message: `unknown entity '${name}'`, value: name, fix: `use one of ${[...ctx.entities.keys()].join(', ')}` }]);
  return e;
}
