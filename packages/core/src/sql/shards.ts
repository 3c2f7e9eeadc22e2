/**
 * Household shards: which entities of a scenario are a function of one root row (the household of
 * the identity graph) and how a range of root keys restricts each of them. The one place that
 * decides locality; the lowering (`lower/sources.ts`, `lower/derived.ts`) applies it and engines
 * that write shards (DuckDB) run a local table one household range at a time.
 *
 * Keys encode their parent (`children`: parent key · fanout + index; `cross`: left key · fanout +
 * right key), so every key that descends from root key `h` through children and the left side of
 * cross products lies in `[h · m, (h + 1) · m)`, `m` the product of the fanouts on the way: the
 * key space's *keys per household*. An entity is local when one shard's rows can be computed from
 * a root-key range alone:
 *
 * - the shard root (a `sequence`): its own key range;
 * - `children`: the rows of parents whose key lies in the range (the parent's key space must
 *   descend from the root);
 * - `cross`: the pairs whose left key lies in the range (likewise);
 * - `group` / `window`: the source rows whose `by` / one partition column is an id in a key space
 *   that descends from the root — every group or window partition then lies in one shard. Grouped
 *   or partitioned by anything else (e.g. `campaign_id`), the entity is global and runs whole.
 *
 * Other `sequence` entities (e.g. `campaigns`) are global. Lookups read stored tables, which an
 * engine writes in dependency order before the reading table, so they never make an entity global.
 * Shards partition every local entity's rows (the first shard has no lower bound, the last none
 * upper), so the union of the shards is the whole table and content hashes do not depend on the
 * shard size.
 */
import { idColumns, keySpaces } from '../ir/id-columns.js';
import type { EntityIR, ScenarioIR } from '../ir/types.js';
import { sql, type SqlExpr } from './sql-nodes.js';

/** How a household shard restricts the rows of a local entity. */
export type ShardRead =
  /** The shard root: its own key range. */
  | { readonly kind: 'range' }
  /** `children`: the parents whose key lies in the range (`perHousehold` keys of the parent per root key). */
  | { readonly kind: 'parent'; readonly perHousehold: number }
  /** `cross`: the left rows whose key lies in the range. */
  | { readonly kind: 'left'; readonly perHousehold: number }
  /** `group` / `window`: the source rows whose id column `column` lies in the range. */
  | { readonly kind: 'column'; readonly column: string; readonly perHousehold: number };

/** A scenario's household shard layout (see the module comment). */
export interface ShardLayout {
  /** The shard root: the `sequence` entity whose key space the most entities descend from. */
  readonly root: string;
  /** The root's first key. */
  readonly start: number;
  /** The root's rows (households). */
  readonly households: number;
  /** Each local entity and how a shard restricts it, in IR order. */
  readonly local: ReadonlyMap<string, ShardRead>;
  /** The entities that run whole, in IR order. */
  readonly global: readonly string[];
}

/**
 * One household shard: root keys `[lo, hi)`; `lo` is null on the first shard and `hi` on the last,
 * so that the shards cover every key whatever its value.
 */
export interface ShardRange {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** Keys per household of each key space descending from `root` (absent: not descending). */
function perHouseholdOf(entities: readonly EntityIR[], root: string): Map<string, number> {
  const byName = new Map(entities.map((e) => [e.name, e]));
  const spaces = keySpaces(entities);
  const out = new Map<string, number>([[root, 1]]);
  const of = (space: string, depth: number): number | undefined => {
    if (out.has(space)) return out.get(space);
    const s = byName.get(space)?.source;
    if (!s || depth > entities.length) return undefined;
    if (s.kind !== 'children' && s.kind !== 'cross') return undefined;
    const up = s.kind === 'children' ? s.parent : s.left;
    const m = of(spaces.get(up) ?? up, depth + 1);
    const value = m === undefined ? undefined : m * s.fanout;
    if (value !== undefined) out.set(space, value);
    return value;
  };
  for (const e of entities) of(spaces.get(e.name) ?? e.name, 0);
  return out;
}

/** How a shard restricts `e`, or null when `e` is global, given the keys per household of each key space. */
function readOf(entities: readonly EntityIR[], e: EntityIR, root: string, per: ReadonlyMap<string, number>, spaces: ReadonlyMap<string, string>): ShardRead | null {
  const s = e.source;
  const spaceOf = (entity: string): number | undefined => per.get(spaces.get(entity) ?? entity);
  const columnOf = (from: string, column: string): number | undefined => {
    const space = idColumns(entities, from, spaces).get(column);
    return space === undefined ? undefined : per.get(space);
  };
  switch (s.kind) {
    case 'sequence':
      return e.name === root ? { kind: 'range' } : null;
    case 'children': {
      const m = spaceOf(s.parent);
      return m === undefined ? null : { kind: 'parent', perHousehold: m };
    }
    case 'cross': {
      const m = spaceOf(s.left);
      return m === undefined ? null : { kind: 'left', perHousehold: m };
    }
    case 'group': {
      const m = columnOf(s.from, s.by);
      return m === undefined ? null : { kind: 'column', column: s.by, perHousehold: m };
    }
    case 'window': {
      for (const c of s.partitionBy) {
        const m = columnOf(s.from, c);
        if (m !== undefined) return { kind: 'column', column: c, perHousehold: m };
      }
      return null;
    }
  }
}

/**
 * The household shard layout of a scenario, or null when it has no `sequence` entity. The root is
 * `root` when given, else the `sequence` entity with the most local entities (the first on a tie).
 *
 * @example
 * ```ts
 * const layout = shardLayout(identityGraph(config).toIR({ seed: 42 }));
 * layout?.root; // 'households'
 * layout?.local.get('individuals'); // { kind: 'parent', perHousehold: 1 }
 * layout?.global; // ['campaigns', 'campaign_exposures', 'truth_campaign_lift']
 * ```
 */
export function shardLayout(ir: Pick<ScenarioIR, 'entities'>, root?: string): ShardLayout | null {
  const spaces = keySpaces(ir.entities);
  const candidates = ir.entities.filter((e) => e.source.kind === 'sequence' && (root === undefined || e.name === root));
  let best: ShardLayout | null = null;
  for (const r of candidates) {
    const per = perHouseholdOf(ir.entities, r.name);
    const local = new Map<string, ShardRead>();
    const global: string[] = [];
    for (const e of ir.entities) {
      const read = readOf(ir.entities, e, r.name, per, spaces);
      if (read) local.set(e.name, read);
      else global.push(e.name);
    }
    const src = r.source as Extract<EntityIR['source'], { kind: 'sequence' }>;
    if (!best || local.size > best.local.size) best = { root: r.name, start: src.keyOffset, households: src.rows, local, global };
  }
  return best;
}

/** Printed name of the table a shard reads its source's same shard from (see {@link shardSource}). */
export const shardSourceTable = (entity: string): string => `_sg_shard_${entity}`;

/** True when shard i of a local entity holds exactly its rows whose own key lies in shard i's key range. */
function keyAligned(e: EntityIR, read: ShardRead | undefined): boolean {
  return read !== undefined && (read.kind !== 'column' || e.source.kind === 'group');
}

/**
 * The entity whose shard `i` holds exactly the source rows that shard `i` of `entity` reads, so
 * an engine that keeps each shard apart (DuckDB's Parquet part files) can read that one part
 * instead of the whole source — the parent of a `children` entity, the left side of a `cross`,
 * or the source of a group / window whose column is its parent's key (`parent.col(key)`) — or
 * null (a global entity, or a source whose shards are not aligned with the reader's keys: a
 * window keeps its source's keys but is sharded by a partition column). The shard's WHERE is
 * kept either way, so reading the whole source instead gives the same rows.
 *
 * @example
 * ```ts
 * shardSource(ir, layout, 'identity_mappings'); // 'individuals'
 * shardSource(ir, layout, 'campaign_exposures'); // null (global)
 * ```
 */
export function shardSource(ir: Pick<ScenarioIR, 'entities'>, layout: ShardLayout, entity: string): string | null {
  const byName = new Map(ir.entities.map((e) => [e.name, e]));
  const e = byName.get(entity);
  const read = layout.local.get(entity);
  if (!e || !read) return null;
  const s = e.source;
  let from: string | null = null;
  if (s.kind === 'children') from = s.parent;
  else if (s.kind === 'cross') from = s.left;
  else if ((s.kind === 'group' || s.kind === 'window') && read.kind === 'column') {
    const src = byName.get(s.from);
    const link = src?.columns.find((c) => c.name === read.column)?.expr;
    const parent = src?.source.kind === 'children' ? byName.get(src.source.parent) : undefined;
    if (parent && link?.kind === 'ref' && link.side === 'parent' && link.name === parent.keyColumn) from = s.from;
  }
  const source = from === null ? undefined : byName.get(from);
  return source && keyAligned(source, layout.local.get(source.name)) ? source.name : null;
}

/**
 * The shards of `size` root keys each (the last may be smaller); one shard (no bounds) when
 * `size` covers every household.
 *
 * @example
 * ```ts
 * householdShards({ start: 0, households: 2500 }, 1000);
 * // [{ index: 0, count: 3, lo: null, hi: 1000 }, { index: 1, count: 3, lo: 1000, hi: 2000 }, { index: 2, count: 3, lo: 2000, hi: null }]
 * ```
 */
export function householdShards(layout: Pick<ShardLayout, 'start' | 'households'>, size: number): ShardRange[] {
  const count = Math.max(1, Math.ceil(layout.households / size));
  return Array.from({ length: count }, (_, index) => ({
    index,
    count,
    lo: index === 0 ? null : layout.start + index * size,
    hi: index === count - 1 ? null : layout.start + (index + 1) * size,
  }));
}

/**
 * `key` restricted to the shard's keys — `key >= lo · perHousehold AND key < hi · perHousehold`,
 * each bound omitted when the shard has none — or null when it has neither.
 *
 * @example
 * ```ts
 * shardPredicate(sql.col('p', 'individual_id'), 16, { lo: 1000, hi: 2000 }); // p.individual_id >= 16000 AND p.individual_id < 32000
 * ```
 */
export function shardPredicate(key: SqlExpr, perHousehold: number, shard: Pick<ShardRange, 'lo' | 'hi'>): SqlExpr | null {
  const lower = shard.lo === null ? null : sql.binary('>=', key, sql.int(shard.lo * perHousehold));
  const upper = shard.hi === null ? null : sql.binary('<', key, sql.int(shard.hi * perHousehold));
  return lower && upper ? sql.binary('and', lower, upper) : (lower ?? upper);
}

/**
 * `where` and `extra` combined with AND (either may be null).
 *
 * @example
 * ```ts
 * andWhere(where, shardPredicate(key, 16, shard));
 * ```
 */
export function andWhere(where: SqlExpr | null, extra: SqlExpr | null): SqlExpr | null {
  return where && extra ? sql.binary('and', where, extra) : (where ?? extra);
}
