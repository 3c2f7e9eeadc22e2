/**
 * Computes named expressions over projection layers: mixing layers for their draws, then
 * dependency-ordered projection layers and LEFT JOIN layers for lookups (of an entity's table, or
 * of a pool's lookup table for large pools: see `../lookup-tables.ts`) and for large buckets (a
 * bucket table joined on a bin of the argument: see `../bucket-tables.ts`).
 */
import { InternalError, SpecError } from '../../errors.js';
import { canonicalJson } from '../../ir/hash.js';
import type { Expr } from '../../ir/types.js';
import { collect, mapExpr } from '../../ir/walk.js';
import { layerScope, lowerExpr } from '../lower-expr.js';
import { sql } from '../sql-nodes.js';
import { entityOf, storedCol, type LowerContext } from './context.js';
import type { Layers } from './layers.js';
import { entityTable } from './key-layers.js';
import { addMixingLayers } from './mixing.js';
import { LOOKUP_INDEX, usesLookupTable } from '../lookup-tables.js';
import { bucketJoinOn, bucketTable, bucketValue, type BucketTable } from '../bucket-tables.js';

/** A column read by a LEFT JOIN on a key: from an entity's table or from a pool's lookup table. */
interface Lookup {
  readonly alias: string;
  readonly keyAlias: string;
  readonly from: { readonly kind: 'entity' | 'pool'; readonly name: string };
  readonly column: string;
  readonly sig: string;
}

/** A large bucket read from its bucket table by a LEFT JOIN on the bin `keyAlias` of the argument column `argCol`. */
interface BucketJoin {
  readonly alias: string;
  readonly keyAlias: string;
  readonly argCol: string;
  readonly table: BucketTable;
}

const colRef = (name: string): Expr => ({ kind: 'col', name });
const simple = (x: Expr): boolean => x.kind === 'col' || x.kind === 'lit' || x.kind === 'rand' || x.kind === 'key' || x.kind === 'index';

/**
 * Adds layers computing `items` (expanded IR over the columns of `layers`, with `key` meaning
 * the column `keyCol`, plus `rand` and `lookup` nodes). Helper columns are named
 * `__<prefix>…`; the names of those added are returned so callers can drop them.
 *
 * @example
 * ```ts
 * const helpers = compute(ctx, layers, '__key', [{ name: 'age', expr }], '');
 * ```
 */
export function compute(ctx: LowerContext, layers: Layers, keyCol: string, items: readonly { name: string; expr: Expr }[], prefix: string): string[] {
  const pending = new Map<string, Expr>();
  const streams: number[] = [];
  const lookups: Lookup[] = [];
  const buckets: BucketJoin[] = [];
  const helpers: string[] = [];
  const helper = (name: string): string => {
    helpers.push(name);
    return name;
  };
  let hoisted = 0;
  const hoist = (e: Expr): string => {
    const h = helper(`__${prefix}h${hoisted++}`);
    pending.set(h, e);
    return h;
  };
  // A large bucket: the value column of a join against its bucket table (one join per table and argument).
  const bucketJoin = (table: BucketTable, arg: Expr): Expr => {
    const argCol = arg.kind === 'col' ? arg.name : hoist(arg);
    const same = buckets.find((b) => b.table.name === table.name && b.argCol === argCol);
    if (same) return colRef(same.alias);
    const alias = helper(`__${prefix}bk${buckets.length}`);
    const keyAlias = helper(`__${prefix}bkk${buckets.length}`);
    pending.set(keyAlias, table.key(colRef(argCol)));
    buckets.push({ alias, keyAlias, argCol, table });
    return colRef(alias);
  };
  // The column `column` of the row of `from` whose key equals `key`: one join per source and key expression.
  const joined = (from: Lookup['from'], key: Expr, column: string): Expr => {
    const keySig = canonicalJson(key);
    const lk = lookups.find((l) => l.from.kind === from.kind && l.from.name === from.name && l.sig === keySig);
    const alias = helper(`__${prefix}lk${lookups.length}`);
    if (!lk) {
      const keyAlias = helper(`__${prefix}lkk${lookups.length}`);
      pending.set(keyAlias, key);
      lookups.push({ alias, keyAlias, from, column, sig: keySig });
      return colRef(alias);
    }
    if (lk.column === column) {
      helpers.pop();
      return colRef(lk.alias);
    }
    lookups.push({ ...lk, alias, column });
    return colRef(alias);
  };
  const rewrite = (e: Expr): Expr =>
    mapExpr(e, (x) => {
      switch (x.kind) {
        case 'key':
          return colRef(keyCol);
        case 'rand': {
          let i = streams.indexOf(x.stream);
          if (i < 0) i = streams.push(x.stream) - 1;
          return colRef(`__${prefix}r${i}`);
        }
        case 'lookup':
          return joined({ kind: 'entity', name: x.entity }, x.key, x.column);
        case 'pick':
          // A large pool column is read from the pool's lookup table (an equi-join on the index) rather than an inline literal array.
          return x.pool && usesLookupTable(x) ? joined({ kind: 'pool', name: x.pool.name }, x.index, x.pool.column) : x;
        case 'bucket': {
          const table = bucketTable(x);
          if (table) return bucketJoin(table, x.arg);
          return simple(x.arg) ? x : { ...x, arg: colRef(hoist(x.arg)) };
        }
        default:
          return x;
      }
    });
  // Hoisted and lookup-key expressions are added while rewriting, already rewritten.
  for (const it of items) pending.set(it.name, rewrite(it.expr));

  if (streams.length) {
    const names = streams.map((_, i) => helper(`__${prefix}r${i}`));
    addMixingLayers(layers, keyCol, streams, names, ctx.ir.seed);
  }

  const deps = (e: Expr): string[] => collect([e], (x) => (x.kind === 'col' ? x.name : undefined));
  const done = new Set<string>();
  for (let guard = 0; pending.size > 0; guard++) {
    if (guard > 10_000) throw new InternalError(`layering did not converge for ${prefix}`);
    const available = new Set(layers.cols);
    const unjoined = new Set([...lookups, ...buckets].filter((l) => !done.has(l.alias)).map((l) => l.alias));
    const ready = [...pending].filter(([, e]) => deps(e).every((d) => available.has(d) && !unjoined.has(d)));
    if (ready.length) {
      layers.project(ready.map(([alias, expr]) => ({ alias, expr: lowerExpr(expr, layerScope) })));
      for (const [n] of ready) pending.delete(n);
      continue;
    }
    // Every bucket whose bin is computed: one layer of joins, each against its bucket table.
    const joinReady = buckets.filter((b) => !done.has(b.alias) && available.has(b.keyAlias));
    if (joinReady.length) {
      layers.joinAll(
        joinReady.map((b) => ({
          table: (alias: string) => sql.lookupTable(b.table.name, alias, b.table.content),
          on: (l: string, r: string) => bucketJoinOn(b.table, l, r, b.keyAlias, b.argCol),
          items: (r: string, l: string) => [{ alias: b.alias, expr: bucketValue(b.table.value, l, r, b.argCol) }],
        })),
      );
      for (const b of joinReady) done.add(b.alias);
      continue;
    }
    const joinable = lookups.filter((l) => !done.has(l.alias) && available.has(l.keyAlias));
    const first = joinable[0];
    if (!first) throw new SpecError([{ path: `entities.${prefix}`, message: `cannot order columns: ${[...pending.keys()].join(', ')} depend on unknown or cyclic columns` }]);
    const group = joinable.filter((l) => l.from.kind === first.from.kind && l.from.name === first.from.name && l.keyAlias === first.keyAlias);
    if (first.from.kind === 'pool') {
      layers.join(
        (alias) => sql.lookupTable(first.from.name, alias),
        (l, r) => sql.binary('=', sql.col(r, LOOKUP_INDEX), sql.col(l, first.keyAlias)),
        (r) => group.map((g) => ({ alias: g.alias, expr: sql.col(r, g.column) })),
      );
    } else {
      const target = entityOf(ctx, first.from.name);
      layers.join(
        (alias) => entityTable(ctx, first.from.name, alias, [target.keyColumn, ...group.map((g) => g.column)]),
        (l, r) => sql.binary('=', sql.col(r, target.keyColumn), sql.col(l, first.keyAlias)),
        (r) => group.map((g) => ({ alias: g.alias, expr: storedCol(ctx, g.from.name, r, g.column) })),
      );
    }
    for (const g of group) done.add(g.alias);
  }
  return helpers;
}
