/**
 * Which columns hold ids, and in which key space: the one place the SQL lowering, the checks and
 * the evaluator learn what the opaque-key bijection applies to.
 *
 * - An entity's key column is in the entity's key space. Generated entities (sequence, children,
 *   cross) own their space; a `group` entity keyed by an id column shares that column's space
 *   (its key equals the grouped id), a `window` entity shares its source's space (its key equals
 *   the source row's key).
 * - A foreign-key column is in the key space of the entity it references.
 */
import type { EntityIR, RefSide, ScenarioIR } from './types.js';

/**
 * The key mode of an IR (absent means opaque).
 *
 * @example
 * ```ts
 * keyModeOf(ir); // 'opaque'
 * ```
 */
export function keyModeOf(ir: Pick<ScenarioIR, 'keys'>): 'opaque' | 'structured' {
  return ir.keys ?? 'opaque';
}

/**
 * The key space (an entity name) of each entity's key.
 *
 * @example
 * ```ts
 * keySpaces(ir).get('viewership_patterns'); // 'individuals'
 * ```
 */
export function keySpaces(entities: readonly EntityIR[]): Map<string, string> {
  const out = new Map<string, string>();
  const byName = new Map(entities.map((e) => [e.name, e]));
  const spaceOf = (name: string, seen: ReadonlySet<string>): string => {
    const hit = out.get(name);
    if (hit) return hit;
    const e = byName.get(name);
    if (!e || seen.has(name)) return name;
    const next = new Set([...seen, name]);
    const s = e.source;
    let space = name;
    if (s.kind === 'window') space = spaceOf(s.from, next);
    if (s.kind === 'group') {
      const from = byName.get(s.from);
      const fk = from?.constraints.find((c) => c.kind === 'foreignKey' && c.column === s.by);
      if (fk?.kind === 'foreignKey') space = spaceOf(fk.entity, next);
      else if (from?.keyColumn === s.by) space = spaceOf(s.from, next);
    }
    out.set(name, space);
    return space;
  };
  for (const e of entities) spaceOf(e.name, new Set());
  return out;
}

/**
 * The id columns of an entity and their key spaces: its key column, its foreign-key columns, and
 * every column that copies an id (`key()`, a parent's / side's / source row's id column, an id
 * column of another entity looked up by key, or an earlier id column of its own) — so a copied
 * key never leaks its internal layout even without a declared foreign key.
 *
 * @example
 * ```ts
 * idColumns(ir.entities, 'individuals'); // Map { 'individual_id' => 'individuals', 'household_id' => 'households' }
 * ```
 */
export function idColumns(entities: readonly EntityIR[], entity: string, spaces: ReadonlyMap<string, string> = keySpaces(entities)): Map<string, string> {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const memo = new Map<string, Map<string, string>>();
  const of = (name: string, depth: number): Map<string, string> => {
    const hit = memo.get(name);
    if (hit) return hit;
    const out = new Map<string, string>();
    const e = byName.get(name);
    if (!e || depth > byName.size) return out;
    const own = spaces.get(e.name) ?? e.name;
    out.set(e.keyColumn, own);
    for (const c of e.constraints) if (c.kind === 'foreignKey' && c.column !== e.keyColumn) out.set(c.column, spaces.get(c.entity) ?? c.entity);
    const s = e.source;
    const side = (x: RefSide): string | undefined =>
      s.kind === 'children' && x === 'parent' ? s.parent : s.kind === 'cross' ? (x === 'left' ? s.left : x === 'right' ? s.right : undefined) : (s.kind === 'group' || s.kind === 'window') && x === 'row' ? s.from : undefined;
    for (const c of e.columns) {
      if (out.has(c.name) || (c.type.kind !== 'bigint' && c.type.kind !== 'int')) continue;
      const x = c.expr;
      let space: string | undefined;
      if (x.kind === 'key') space = own;
      else if (x.kind === 'col') space = out.get(x.name);
      else if (x.kind === 'ref') {
        const other = side(x.side);
        if (other !== undefined && other !== name) space = of(other, depth + 1).get(x.name);
      } else if (x.kind === 'lookup' && x.entity !== name) space = of(x.entity, depth + 1).get(x.column);
      if (space !== undefined) out.set(c.name, space);
    }
    memo.set(name, out);
    return out;
  };
  return of(entity, 0);
}
