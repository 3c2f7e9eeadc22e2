/**
 * Which foreign keys hold by construction: the one place that decides, from the IR alone, that a
 * foreign-key column can only ever hold a key of the referenced entity (or NULL), because its
 * rows are made from that entity's rows. The run then verifies such a key with a cheap spot check
 * over a deterministic sample instead of a join of every row (`check-groups.ts`), and the
 * manifest says so per check (`verified: 'construction+sample'`).
 *
 * A column value holds a key of entity `P` when it is (recursively):
 * - the row key of `P` itself, of a `window` over an entity whose key holds, or of a `group` by a
 *   column that holds;
 * - a parent's column (children), a side's column (cross) or the source row's column (window)
 *   that holds in that entity, or an own column that holds;
 * - another entity's column looked up by key (a miss is NULL) that holds in that entity;
 * - NULL, or a CASE whose every branch holds.
 * Anything else (arithmetic on keys, draws, literals) is not proved and is checked by a full scan.
 * The column must also be stored like the referenced key: same type and, with opaque keys, the
 * same key space (`id-columns.ts`), so the stored ids match too.
 */
import { idColumns, keySpaces } from './id-columns.js';
import type { Constraint, EntityIR, Expr, RefSide } from './types.js';

/**
 * How a check's violation count was obtained: `scan` — a query over every row of the table;
 * `construction+sample` — a foreign key that holds by construction (see
 * {@link foreignKeyByConstruction}), spot-checked over the rows whose stored row key has its low
 * six bits zero (≈ 1/64 of the rows, always the same ones) against every key of the referenced table.
 *
 * @example
 * ```ts
 * const v: CheckVerification = checkVerification(ir.entities, 'individuals', fk); // 'construction+sample'
 * ```
 */
export type CheckVerification = 'scan' | 'construction+sample';

type ForeignKey = Extract<Constraint, { kind: 'foreignKey' }>;

/** Bound on the reasoning depth (entities and columns followed); deeper means "not proved". */
const MAX_DEPTH = 256;

/**
 * True when the foreign key `fk` of `entity` holds by construction (see the module comment).
 *
 * @example
 * ```ts
 * // individuals: childrenOf('households'), household_id = parent.household_id
 * foreignKeyByConstruction(ir.entities, 'individuals', { kind: 'foreignKey', column: 'household_id', entity: 'households', references: 'household_id' }); // true
 * ```
 */
export function foreignKeyByConstruction(entities: readonly EntityIR[], entity: string, fk: ForeignKey, spaces: ReadonlyMap<string, string> = keySpaces(entities)): boolean {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const e = byName.get(entity);
  const target = byName.get(fk.entity);
  if (!e || !target || fk.references !== target.keyColumn) return false;
  const column = e.columns.find((c) => c.name === fk.column);
  const key = target.columns.find((c) => c.name === target.keyColumn);
  if (!column || !key || column.type.kind !== key.type.kind) return false;
  if (idColumns(entities, entity, spaces).get(fk.column) !== (spaces.get(fk.entity) ?? fk.entity)) return false;
  return new Proof(byName, fk.entity).column(e, fk.column, 0);
}

/**
 * How the run verifies a constraint of `entity`: `construction+sample` for a foreign key that
 * holds by construction, `scan` for everything else.
 *
 * @example
 * ```ts
 * for (const k of e.constraints) console.log(k.kind, checkVerification(ir.entities, e.name, k));
 * ```
 */
export function checkVerification(entities: readonly EntityIR[], entity: string, k: Constraint, spaces?: ReadonlyMap<string, string>): CheckVerification {
  return k.kind === 'foreignKey' && foreignKeyByConstruction(entities, entity, k, spaces) ? 'construction+sample' : 'scan';
}

/** Whether values hold a key of `target`. */
class Proof {
  constructor(
    private readonly byName: ReadonlyMap<string, EntityIR>,
    private readonly target: string,
  ) {}

  /** Column `name` of `e` holds a key of the target. */
  column(e: EntityIR | undefined, name: string, depth: number): boolean {
    const c = e?.columns.find((x) => x.name === name);
    return e !== undefined && c !== undefined && this.expr(e, c.expr, depth + 1);
  }

  /** The row key of `e` is a key of the target. */
  key(e: EntityIR | undefined, depth: number): boolean {
    if (!e || depth > MAX_DEPTH) return false;
    if (e.name === this.target) return true;
    const s = e.source;
    if (s.kind === 'window') return this.key(this.byName.get(s.from), depth + 1);
    if (s.kind === 'group') return this.column(this.byName.get(s.from), s.by, depth);
    return false;
  }

  /** `x`, evaluated in a row of `e`, is NULL or a key of the target. */
  expr(e: EntityIR, x: Expr, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    switch (x.kind) {
      case 'lit':
        return x.value === null;
      case 'cast':
        return x.arg.kind === 'lit' && x.arg.value === null;
      case 'key':
        return this.key(e, depth);
      case 'col':
        return this.column(e, x.name, depth);
      case 'ref':
        return this.column(this.side(e, x.side), x.name, depth);
      case 'lookup':
        return this.column(this.byName.get(x.entity), x.column, depth);
      case 'case':
        return x.whens.every((w) => this.expr(e, w.then, depth + 1)) && this.expr(e, x.else, depth + 1);
      default:
        return false;
    }
  }

  /** The entity a `ref` of a row of `e` reads (a window's source row; a group has no single source row). */
  side(e: EntityIR, side: RefSide): EntityIR | undefined {
    const s = e.source;
    const name = s.kind === 'children' && side === 'parent' ? s.parent : s.kind === 'cross' && side !== 'parent' && side !== 'row' ? (side === 'left' ? s.left : s.right) : s.kind === 'window' && side === 'row' ? s.from : undefined;
    return name === undefined ? undefined : this.byName.get(name);
  }
}
