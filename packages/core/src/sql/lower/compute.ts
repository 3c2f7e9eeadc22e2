/**
 * Computes named expressions over projection layers: mixing layers for their draws, then
 * dependency-ordered projection layers and LEFT JOIN layers for lookups.
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

interface Lookup {
  readonly alias: string;
  readonly keyAlias: string;
  readonly entity: string;
  readonly column: string;
  readonly sig: string;
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
  const helpers: string[] = [];
  const helper = (name: string): string => {
    helpers.push(name);
    return name;
  };
  let hoisted = 0;
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
        case 'lookup': {
          const keySig = canonicalJson(x.key);
          const lk = lookups.find((l) => l.entity === x.entity && l.sig === keySig);
          const alias = helper(`__${prefix}lk${lookups.length}`);
          if (!lk) {
            const keyAlias = helper(`__${prefix}lkk${lookups.length}`);
            pending.set(keyAlias, x.key);
            lookups.push({ alias, keyAlias, entity: x.entity, column: x.column, sig: keySig });
            return colRef(alias);
          }
          if (lk.column === x.column) {
            helpers.pop();
            return colRef(lk.alias);
          }
          lookups.push({ ...lk, alias, column: x.column });
          return colRef(alias);
        }
        case 'bucket': {
          if (simple(x.arg)) return x;
          const h = helper(`__${prefix}h${hoisted++}`);
          pending.set(h, x.arg);
          return { ...x, arg: colRef(h) };
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
  const joined = new Set<string>();
  for (let guard = 0; pending.size > 0; guard++) {
    if (guard > 10_000) throw new InternalError(`layering did not converge for ${prefix}`);
    const available = new Set(layers.cols);
    const unjoined = new Set(lookups.filter((l) => !joined.has(l.alias)).map((l) => l.alias));
    const ready = [...pending].filter(([, e]) => deps(e).every((d) => available.has(d) && !unjoined.has(d)));
    if (ready.length) {
      layers.project(ready.map(([alias, expr]) => ({ alias, expr: lowerExpr(expr, layerScope) })));
      for (const [n] of ready) pending.delete(n);
      continue;
    }
    const joinable = lookups.filter((l) => !joined.has(l.alias) && available.has(l.keyAlias));
    const first = joinable[0];
    if (!first) throw new SpecError([{ path: `entities.${prefix}`, message: `cannot order columns: ${[...pending.keys()].join(', ')} depend on unknown or cyclic columns` }]);
    const group = joinable.filter((l) => l.entity === first.entity && l.keyAlias === first.keyAlias);
    const target = entityOf(ctx, first.entity);
    layers.join(
      (alias) => entityTable(ctx, first.entity, alias, [target.keyColumn, ...group.map((g) => g.column)]),
      (l, r) => sql.binary('=', sql.col(r, target.keyColumn), sql.col(l, first.keyAlias)),
      (r) => group.map((g) => ({ alias: g.alias, expr: storedCol(ctx, g.entity, r, g.column) })),
    );
    for (const g of group) joined.add(g.alias);
  }
  return helpers;
}
