/**
 * The opaque-key bijection (`random/opaque-keys.ts`) as SQL projection layers, and the reads of
 * generated tables with their id columns decoded back into internal keys: the lowering joins,
 * groups and derives child keys on internal keys only, and encodes ids in the final projection.
 * Each mixing step reads its input twice, so each gets its own layer (no exponential inlining).
 */
import { idColumns, keyModeOf } from '../../ir/id-columns.js';
import { MIXER } from '../../random/mixer.js';
import { OPAQUE_KEY, keyRoundKeys } from '../../random/opaque-keys.js';
import { sql, type SqlExpr, type SqlFrom } from '../sql-nodes.js';
import { entityOf, type LowerContext } from './context.js';
import { Layers } from './layers.js';
import { finish, round, xor } from './mixing.js';

const LOW = 2 ** OPAQUE_KEY.lowBits;
const HIGH = 2 ** (OPAQUE_KEY.bits - OPAQUE_KEY.lowBits);
const col = (name: string): SqlExpr => sql.col(null, name);
const and = (a: SqlExpr, mask: number): SqlExpr => sql.binary('&', a, sql.int(mask));

/** One column to encode or decode: `from` (read) → `to` (written), in key space `space`. */
export interface KeyColumn {
  readonly from: string;
  readonly to: string;
  readonly space: string;
}

/**
 * Adds the layers computing `encodeKey` (or `decodeKey`) of each column: split into halves, four
 * Feistel rounds of three layers each (two `lowbias32` multiply rounds, then the final shift
 * xored into the other half), then the halves joined. Helper columns are dropped.
 *
 * @example
 * ```ts
 * addKeyLayers(layers, [{ from: 'individual_id', to: '__id0', space: 'individuals' }], 'encode');
 * ```
 */
export function addKeyLayers(layers: Layers, columns: readonly KeyColumn[], direction: 'encode' | 'decode'): void {
  if (!columns.length) return;
  const keep = layers.cols;
  const names = columns.map((_, i) => ({ a: `__kf${i}a`, b: `__kf${i}b`, t: `__kf${i}t` }));
  layers.project(
    columns.flatMap((c, i) => {
      const n = names[i] as { a: string; b: string };
      return [
        { alias: n.a, expr: sql.shift(col(c.from), OPAQUE_KEY.lowBits) },
        { alias: n.b, expr: and(col(c.from), LOW - 1) },
      ];
    }),
  );
  const order = Array.from({ length: OPAQUE_KEY.rounds }, (_, i) => (direction === 'encode' ? i : OPAQUE_KEY.rounds - 1 - i));
  const rks = columns.map((c) => keyRoundKeys(c.space));
  const [r0, r1] = MIXER.rounds as readonly [{ shift: number; multiplier: number }, { shift: number; multiplier: number }];
  for (const r of order) {
    // even rounds add F(b) to a; odd rounds add F(a) to b
    const src = (n: { a: string; b: string }): string => (r % 2 === 0 ? n.b : n.a);
    const dst = (n: { a: string; b: string }): string => (r % 2 === 0 ? n.a : n.b);
    layers.project(names.map((n, i) => ({ alias: n.t, expr: round(xor(col(src(n)), sql.int((rks[i] as readonly number[])[r] as number)), r0) })));
    layers.project(names.map((n) => ({ alias: n.t, expr: round(col(n.t), r1) })));
    const mask = r % 2 === 0 ? HIGH - 1 : LOW - 1;
    layers.project(names.map((n) => ({ alias: dst(n), expr: xor(col(dst(n)), and(finish(col(n.t)), mask)) })));
  }
  layers.project(
    columns.map((c, i) => {
      const n = names[i] as { a: string; b: string };
      return { alias: c.to, expr: sql.binary('+', sql.binary('*', col(n.a), sql.int(LOW)), col(n.b)) };
    }),
    keep,
  );
}

/**
 * A table as a FROM item whose id columns hold internal keys again: selects `columns` of `table`
 * and decodes those named in `ids` (column → key space, the entity whose bijection wrote them).
 * For analyses that need the internal layout of opaque ids (e.g. which batch a key belongs to).
 *
 * @example
 * ```ts
 * decodedTable('campaigns', 'c', ['campaign_id', 'budget'], new Map([['campaign_id', 'campaigns']]));
 * ```
 */
export function decodedTable(table: string, alias: string, columns: readonly string[], ids: ReadonlyMap<string, string>): SqlFrom {
  const layers = new Layers(sql.select(columns.map((c) => ({ alias: c, expr: sql.col('t', c) })), sql.table(table, 't')));
  addKeyLayers(
    layers,
    columns.flatMap((c) => {
      const space = ids.get(c);
      return space === undefined ? [] : [{ from: c, to: c, space }];
    }),
    'decode',
  );
  return sql.subquery(layers.select, alias);
}

/**
 * A generated entity's table as a FROM item, its stored output columns (or only `columns`)
 * readable by name: with opaque keys, a subquery whose id columns hold internal keys again
 * (`decodeKey`); with structured keys, the table itself. `table` reads another table with the
 * entity's columns (default: the entity's own; e.g. one shard of it).
 *
 * @example
 * ```ts
 * sql.select(items, entityTable(ctx, 'individuals', 'p'));
 * ```
 */
export function entityTable(ctx: LowerContext, entity: string, alias: string, columns?: readonly string[], table: string = entity): SqlFrom {
  if (keyModeOf(ctx.ir) === 'structured') return sql.table(table, alias);
  const cols = entityOf(ctx, entity)
    .columns.filter((c) => c.output && (!columns || columns.includes(c.name)))
    .map((c) => c.name);
  return decodedTable(table, alias, cols, idColumns(ctx.ir.entities, entity, ctx.spaces));
}
