/**
 * The SQL lowering shared by every dialect: one CREATE TABLE … AS SELECT per entity, built from
 * projection layers. Randomness is computed by six mixing layers (one per step of the mixer that
 * reads its input twice), then columns are computed layer by layer in dependency order, with
 * LEFT JOINs for lookups.
 */
import { InternalError, SpecError } from '../errors.js';
import type { ColumnType, EntityIR, Expr, ScenarioIR } from '../ir/types.js';
import { streamKeys } from '../random/mixer.js';
import { children, expandExpr, mapChildren } from '../random/expand.js';
import { canonicalJson } from '../ir/hash.js';
import type { CreateTableStmt, SqlExpr, SqlFrom, SqlItem, SqlSelect } from './sql-nodes.js';

/** Options of the lowering. */
export interface LowerOptions {
  /** Target rows per partition of range sources (engines that partition, e.g. Spark). Default 2,000,000. */
  readonly rowsPerPartition?: number;
}

const C1 = 0x7feb352d;
const C2 = -2073254261;

/** Bottom-up rewrite of an expression tree. */
export function mapExpr(e: Expr, f: (x: Expr) => Expr): Expr {
  return f(mapChildren(e, (x) => mapExpr(x, f)));
}

const col = (name: string): Expr => ({ kind: 'col', name });
const qcol = (table: string | null, name: string): SqlExpr => ({ kind: 'qcol', table, name });

/** A layer under construction: a SELECT and the columns it exposes. */
interface State {
  readonly select: SqlSelect;
  readonly cols: readonly string[];
}

class Layers {
  private n = 0;
  constructor(private state: State) {}

  get cols(): readonly string[] {
    return this.state.cols;
  }
  get select(): SqlSelect {
    return this.state.select;
  }
  private alias(): string {
    return `l${this.n++}`;
  }
  /** Adds a projection layer keeping `keep` (default: all) and adding `items`. */
  project(items: readonly SqlItem[], keep: readonly string[] = this.state.cols, where: SqlExpr | null = null): void {
    const kept = keep.filter((c) => !items.some((i) => i.alias === c));
    this.state = {
      select: { items: [...kept.map((c) => ({ expr: col(c), alias: c })), ...items], from: { kind: 'subquery', select: this.state.select, alias: this.alias() }, where, groupBy: [], having: null },
      cols: [...kept, ...items.map((i) => i.alias)],
    };
  }
  /** Adds a LEFT JOIN layer against an entity's table. */
  join(entity: string, on: (left: string, right: string) => SqlExpr, items: (right: string) => readonly SqlItem[]): void {
    const l = this.alias();
    const r = this.alias();
    const from: SqlFrom = { kind: 'join', type: 'left', left: { kind: 'subquery', select: this.state.select, alias: l }, right: { kind: 'table', entity, alias: r }, on: on(l, r) };
    const added = items(r);
    this.state = {
      select: { items: [...this.state.cols.map((c) => ({ expr: qcol(l, c), alias: c })), ...added], from, where: null, groupBy: [], having: null },
      cols: [...this.state.cols, ...added.map((i) => i.alias)],
    };
  }
}

/** Everything the lowering of one entity needs to know about the scenario. */
interface Ctx {
  readonly ir: ScenarioIR;
  readonly entities: ReadonlyMap<string, EntityIR>;
  readonly pools: ReadonlyMap<string, ScenarioIR['pools'][number]>;
}

function typeOf(ctx: Ctx, entity: string, column: string): ColumnType {
  const c = ctx.entities.get(entity)?.columns.find((x) => x.name === column);
  if (!c) throw new SpecError([{ path: `entities.${entity}`, message: `has no column '${column}'` }]);
  return c.type;
}
const stored = (type: ColumnType, arg: SqlExpr): SqlExpr => ({ kind: 'stored', type, arg });

/**
 * Computes named expressions over the current layers: mixing layers for their draws, then
 * dependency-ordered projection and join layers. Expressions may reference existing columns
 * with `col` nodes, `key` (the column `keyCol`), `rand` and `lookup`.
 */
function compute(ctx: Ctx, layers: Layers, keyCol: string, items: readonly { name: string; expr: Expr }[], prefix: string): void {
  const pending = new Map<string, Expr>();
  const streams: number[] = [];
  const lookups: { alias: string; keyAlias: string; entity: string; column: string; sig: string }[] = [];
  let hoisted = 0;
  const simple = (x: Expr): boolean => x.kind === 'col' || x.kind === 'lit' || x.kind === 'rand' || x.kind === 'key' || x.kind === 'index';
  const rewrite = (e: Expr): Expr =>
    mapExpr(e, (x) => {
      switch (x.kind) {
        case 'key':
          return col(keyCol);
        case 'rand': {
          let i = streams.indexOf(x.stream);
          if (i < 0) i = streams.push(x.stream) - 1;
          return col(`__${prefix}r${i}`);
        }
        case 'lookup': {
          const keySig = canonicalJson(x.key);
          let lk = lookups.find((l) => l.entity === x.entity && l.sig === keySig);
          const alias = `__${prefix}lk${lookups.length}`;
          if (!lk) {
            const keyAlias = `__${prefix}lkk${lookups.length}`;
            pending.set(keyAlias, x.key);
            lk = { alias, keyAlias, entity: x.entity, column: x.column, sig: keySig };
            lookups.push(lk);
            return col(alias);
          }
          if (lk.column === x.column) return col(lk.alias);
          const extra = { ...lk, alias, column: x.column };
          lookups.push(extra);
          return col(alias);
        }
        case 'bucket':
          if (simple(x.arg)) return x;
          {
            const h = `__${prefix}h${hoisted++}`;
            pending.set(h, x.arg);
            return { ...x, arg: col(h) };
          }
        default:
          return x;
      }
    });
  for (const it of items) pending.set(it.name, rewrite(it.expr));
  // hoisted / lookup-key expressions were added during rewriting; they are already rewritten.

  if (streams.length) {
    const keyL = col(keyCol);
    const names = streams.map((_, i) => `__${prefix}r${i}`);
    const keys = streams.map((s) => streamKeys(ctx.ir.seed, s));
    const xor = (a: SqlExpr, b: SqlExpr): SqlExpr => ({ kind: 'xor', a, b });
    const shr = (a: SqlExpr, n: number): SqlExpr => ({ kind: 'shr', a, n });
    const mul = (a: SqlExpr, c: number): SqlExpr => ({ kind: 'mask32', a: { kind: 'sbin', op: '*', left: a, right: { kind: 'sint', value: c } } });
    const step = (f: (x: SqlExpr, i: number) => SqlExpr): void => layers.project(names.map((n, i) => ({ alias: n, expr: f(col(n), i) })));
    layers.project(
      names.map((n, i) => {
        const t: SqlExpr = xor({ kind: 'mask32', a: keyL }, { kind: 'sint', value: (keys[i] as { k0: number }).k0 });
        return { alias: n, expr: mul(xor(t, shr(t, 16)), C1) };
      }),
    );
    step((x) => mul(xor(x, shr(x, 15)), C2));
    step((x, i) => xor(xor(xor(x, shr(x, 16)), shr(keyL, 32)), { kind: 'sint', value: (keys[i] as { k1: number }).k1 }));
    step((x) => mul(xor(x, shr(x, 16)), C1));
    step((x) => mul(xor(x, shr(x, 15)), C2));
    step((x) => xor(x, shr(x, 16)));
  }

  const deps = (e: Expr): string[] => {
    const out: string[] = [];
    const walk = (x: Expr): void => {
      if (x.kind === 'col') out.push(x.name);
      children(x).forEach(walk);
    };
    walk(e);
    return out;
  };
  const joinedLookups = new Set<string>();
  for (let guard = 0; pending.size > 0; guard++) {
    if (guard > 10_000) throw new InternalError(`layering did not converge for ${prefix}`);
    const available = new Set(layers.cols);
    const lookupAliases = new Set(lookups.filter((l) => !joinedLookups.has(l.alias)).map((l) => l.alias));
    const ready = [...pending].filter(([, e]) => deps(e).every((d) => available.has(d) && !lookupAliases.has(d)));
    if (ready.length) {
      layers.project(ready.map(([alias, expr]) => ({ alias, expr })));
      for (const [n] of ready) pending.delete(n);
      continue;
    }
    const joinable = lookups.filter((l) => !joinedLookups.has(l.alias) && available.has(l.keyAlias));
    if (!joinable.length) throw new SpecError([{ path: `entities.${prefix}`, message: `cannot order columns: ${[...pending.keys()].join(', ')} depend on unknown or cyclic columns` }]);
    const first = joinable[0] as (typeof joinable)[number];
    const group = joinable.filter((l) => l.entity === first.entity && l.keyAlias === first.keyAlias);
    const target = ctx.entities.get(first.entity) as EntityIR;
    layers.join(
      first.entity,
      (l, r) => ({ kind: 'sbin', op: '=', left: qcol(r, target.keyColumn), right: qcol(l, first.keyAlias) }),
      (r) => group.map((g) => ({ alias: g.alias, expr: stored(typeOf(ctx, g.entity, g.column), qcol(r, g.column)) })),
    );
    for (const g of group) joinedLookups.add(g.alias);
  }
}

/** Collects `ref` names per side (and plain `col` names, for parent/source scopes). */
function refsOf(exprs: readonly Expr[], side: string): string[] {
  const out = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.kind === 'ref' && x.side === side) out.add(x.name);
    if (x.kind === 'draw' && x.dist.kind === 'timestamp' && x.dist.within) {
      walk(x.dist.within.from);
      walk(x.dist.within.to);
    }
    children(x).forEach(walk);
  };
  exprs.forEach(walk);
  return [...out].sort();
}
function colsOf(exprs: readonly Expr[]): string[] {
  const out = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.kind === 'col') out.add(x.name);
    children(x).forEach(walk);
  };
  exprs.forEach(walk);
  return [...out].sort();
}

const sideCol = (side: string, name: string): string => `__${side}_${name}`;
const refsToCols = (e: Expr): Expr => mapExpr(e, (x) => (x.kind === 'ref' ? col(sideCol(x.side, x.name)) : x.kind === 'index' ? col('__index') : x));

/**
 * Lowers one entity to its CREATE TABLE … AS SELECT plan.
 *
 * @example
 * ```ts
 * const stmt = lowerEntity(ir, 'individuals');
 * ```
 */
export function lowerEntity(ir: ScenarioIR, name: string, options: LowerOptions = {}): CreateTableStmt {
  const entities = new Map(ir.entities.map((e) => [e.name, e]));
  const pools = new Map(ir.pools.map((p) => [p.name, p]));
  const ctx: Ctx = { ir, entities, pools };
  const e = entities.get(name);
  if (!e) throw new SpecError([{ path: 'entity', message: `unknown entity '${name}'`, value: name }]);
  const rpp = options.rowsPerPartition ?? 2_000_000;
  const exp = (x: Expr, prefix: string): Expr => expandExpr(x, { prefix, pools });
  const columns = e.columns.map((c) => ({ name: c.name, expr: exp(c.expr, `${name}.${c.name}`) }));
  const src = e.source;
  let layers: Layers;
  let estimatedRows: number | null = null;

  const baseSelect = (items: SqlItem[], from: SqlFrom, where: SqlExpr | null = null, groupBy: SqlExpr[] = []): Layers =>
    new Layers({ select: { items, from, where, groupBy, having: null }, cols: items.map((i) => i.alias) });

  switch (src.kind) {
    case 'sequence': {
      estimatedRows = src.rows;
      const partitions = Math.max(1, Math.ceil(src.rows / rpp));
      layers = baseSelect([{ alias: '__key', expr: qcol('r', '__range') }], { kind: 'range', start: src.keyOffset, end: src.keyOffset + src.rows, partitions, alias: 'r' });
      break;
    }
    case 'children': {
      const parent = entities.get(src.parent) as EntityIR;
      const count = exp(src.count, `${name}.$count`);
      const parentCols = new Set([...colsOf([count]), ...refsOf(columns.map((c) => c.expr), 'parent')]);
      const items: SqlItem[] = [
        { alias: '__pk', expr: qcol('p', parent.keyColumn) },
        ...[...parentCols].sort().map((c) => ({ alias: sideCol('parent', c), expr: stored(typeOf(ctx, src.parent, c), qcol('p', c)) })),
      ];
      layers = baseSelect(items, { kind: 'table', entity: src.parent, alias: 'p' });
      const countExpr = mapExpr(count, (x) => (x.kind === 'col' ? col(sideCol('parent', x.name)) : x));
      compute(ctx, layers, '__pk', [{ name: '__count', expr: countExpr }], 'c');
      layers.project([
        {
          alias: '__n',
          expr: { kind: 'call', fn: 'least', args: [{ kind: 'lit', value: src.max, type: 'bigint' }, { kind: 'call', fn: 'greatest', args: [{ kind: 'lit', value: 0, type: 'bigint' }, { kind: 'unary', op: 'floor', arg: col('__count') }] }] },
        },
      ]);
      const keep = ['__pk', ...[...parentCols].sort().map((c) => sideCol('parent', c))];
      // No WHERE here: engines push filters below projections and would inline the mixing
      // layers (exponential text); a generator over 0 … n-1 yields nothing for n = 0.
      layers.project([{ alias: '__index', expr: { kind: 'explodeRange', count: col('__n') } }], keep);
      layers.project([{ alias: '__key', expr: { kind: 'sbin', op: '+', left: { kind: 'sbin', op: '*', left: col('__pk'), right: { kind: 'sint', value: src.fanout } }, right: col('__index') } }]);
      break;
    }
    case 'cross': {
      const left = entities.get(src.left) as EntityIR;
      const right = entities.get(src.right) as EntityIR;
      const keep = exp(src.keep, `${name}.$keep`);
      const all = [keep, ...columns.map((c) => c.expr)];
      const items: SqlItem[] = [
        { alias: '__key', expr: { kind: 'sbin', op: '+', left: { kind: 'sbin', op: '*', left: qcol('a', left.keyColumn), right: { kind: 'sint', value: src.fanout } }, right: qcol('b', right.keyColumn) } },
        ...refsOf(all, 'left').map((c) => ({ alias: sideCol('left', c), expr: stored(typeOf(ctx, src.left, c), qcol('a', c)) })),
        ...refsOf(all, 'right').map((c) => ({ alias: sideCol('right', c), expr: stored(typeOf(ctx, src.right, c), qcol('b', c)) })),
      ];
      layers = baseSelect(items, { kind: 'join', type: 'cross', left: { kind: 'table', entity: src.left, alias: 'a' }, right: { kind: 'table', entity: src.right, alias: 'b' }, on: null });
      compute(ctx, layers, '__key', [{ name: '__keep', expr: refsToCols(keep) }], 'k');
      // Keep the pair through a generator of 0 or 1 rows rather than a WHERE (see children).
      layers.project(
        [{ alias: '__kept', expr: { kind: 'explodeRange', count: { kind: 'scase', when: { kind: 'sbin', op: '=', left: col('__keep'), right: { kind: 'lit', value: true, type: 'boolean' } }, then: { kind: 'sint', value: 1 }, else: { kind: 'sint', value: 0 } } } }],
        layers.cols.filter((c) => c !== '__keep' && !/^__k(r|lk|lkk|h)[0-9]+$/.test(c)),
      );
      break;
    }
    case 'group': {
      const from = entities.get(src.from) as EntityIR;
      const aggItems: SqlItem[] = [];
      const subJoins: { alias: string; select: SqlSelect }[] = [];
      const rowRef = (x: Expr): Expr | SqlExpr => x;
      void rowRef;
      const toSrc = (x: Expr, table: string): SqlExpr => {
        // Rewrites row refs / cols of the source into stored reads of table columns.
        const m = mapExpr(x, (y) => (y.kind === 'ref' && y.side === 'row' ? { kind: 'col', name: `\u0000${y.name}` } : y.kind === 'col' ? { kind: 'col', name: `\u0000${y.name}` } : y));
        return resolveSrc(m, table, (c) => typeOf(ctx, src.from, c));
      };
      const where = src.where ? toSrc(exp(src.where, `${name}.$where`), 's') : null;
      const byType = typeOf(ctx, src.from, src.by);
      let ai = 0;
      const rewritten = columns.map((c) => ({
        name: c.name,
        expr: mapExpr(c.expr, (x) => {
          if (x.kind !== 'agg') return x;
          const alias = `__a${ai++}`;
          if (x.fn === 'mode' || x.fn === 'topN') {
            const n = x.fn === 'mode' ? 1 : (x.n ?? 1);
            const value = toSrc(x.arg as Expr, 's');
            const inner: SqlSelect = {
              items: [
                { alias: '__key', expr: stored(byType, qcol('s', src.by)) },
                { alias: '__v', expr: value },
                { alias: '__c', expr: { kind: 'countStar' } },
              ],
              from: { kind: 'table', entity: src.from, alias: 's' },
              where: where ? { kind: 'sbin', op: 'and', left: where, right: { kind: 'isNull', arg: value, negate: true } } : { kind: 'isNull', arg: value, negate: true },
              groupBy: [stored(byType, qcol('s', src.by)), value],
              having: null,
            };
            const ranked: SqlSelect = {
              items: [
                { alias: '__key', expr: col('__key') },
                { alias: '__v', expr: col('__v') },
                { alias: '__rn', expr: { kind: 'over', fn: 'rowNumber', arg: null, partitionBy: [col('__key')], orderBy: [{ kind: 'unary', op: 'neg', arg: col('__c') }, col('__v')], frame: 'preceding' } },
              ],
              from: { kind: 'subquery', select: inner, alias: 'm1' },
              where: null,
              groupBy: [],
              having: null,
            };
            const outer: SqlSelect = {
              items: [
                { alias: '__key', expr: col('__key') },
                { alias: '__v', expr: x.fn === 'mode' ? { kind: 'aggCall', fn: 'min', arg: col('__v'), where: null } : { kind: 'orderedCollect', value: col('__v'), order: col('__rn') } },
              ],
              from: { kind: 'subquery', select: ranked, alias: 'm2' },
              where: { kind: 'sbin', op: '<=', left: col('__rn'), right: { kind: 'sint', value: n } },
              groupBy: [col('__key')],
              having: null,
            };
            subJoins.push({ alias, select: outer });
            return col(alias);
          }
          const fn = x.fn;
          aggItems.push({ alias, expr: { kind: 'aggCall', fn, arg: x.arg ? toSrc(x.arg, 's') : null, where: x.where ? toSrc(x.where, 's') : null } });
          return col(alias);
        }),
      }));
      let base: SqlSelect = {
        items: [{ alias: '__key', expr: stored(byType, qcol('s', src.by)) }, ...aggItems],
        from: { kind: 'table', entity: src.from, alias: 's' },
        where,
        groupBy: [stored(byType, qcol('s', src.by))],
        having: null,
      };
      let cols = base.items.map((i) => i.alias);
      for (const [i, j] of subJoins.entries()) {
        base = {
          items: [...cols.map((c) => ({ alias: c, expr: qcol('g', c) })), { alias: j.alias, expr: qcol(`j${i}`, '__v') }],
          from: { kind: 'join', type: 'left', left: { kind: 'subquery', select: base, alias: 'g' }, right: { kind: 'subquery', select: j.select, alias: `j${i}` }, on: { kind: 'sbin', op: '=', left: qcol('g', '__key'), right: qcol(`j${i}`, '__key') } },
          where: null,
          groupBy: [],
          having: null,
        };
        cols = [...cols, j.alias];
      }
      void from;
      layers = new Layers({ select: base, cols });
      columns.splice(0, columns.length, ...rewritten);
      break;
    }
    case 'window': {
      const from = entities.get(src.from) as EntityIR;
      const exprs = columns.map((c) => c.expr);
      const srcCol = (c: string): SqlExpr => stored(typeOf(ctx, src.from, c), qcol('s', c));
      const where = src.where ? resolveSrc(mapExpr(exp(src.where, `${name}.$where`), (y) => (y.kind === 'col' ? { kind: 'col', name: `\u0000${y.name}` } : y)), 's', (c) => typeOf(ctx, src.from, c)) : null;
      const winItems: SqlItem[] = [];
      let wi = 0;
      const rewritten = columns.map((c) => ({
        name: c.name,
        expr: mapExpr(c.expr, (x) => {
          if (x.kind !== 'win') return x;
          const alias = `__w${wi++}`;
          const arg = x.arg ? resolveSrc(mapExpr(x.arg, (y) => (y.kind === 'ref' ? { kind: 'col', name: `\u0000${y.name}` } : y)), 's', (cn) => typeOf(ctx, src.from, cn)) : null;
          winItems.push({
            alias,
            expr: { kind: 'over', fn: x.fn, arg, partitionBy: src.partitionBy.map(srcCol), orderBy: [...src.orderBy.map(srcCol), qcol('s', from.keyColumn)], frame: x.frame },
          });
          return col(alias);
        }),
      }));
      if (!src.partitionBy.length && winItems.length) throw new SpecError([{ path: `entities.${name}.source.partitionBy`, message: 'window entities need at least one partition column (a global window is a single-partition stage)', fix: 'partition by a key such as individual_id' }]);
      const rowCols = refsOf(exprs, 'row');
      const items: SqlItem[] = [{ alias: '__key', expr: qcol('s', from.keyColumn) }, ...rowCols.map((c) => ({ alias: sideCol('row', c), expr: srcCol(c) })), ...winItems];
      layers = baseSelect(items, { kind: 'table', entity: src.from, alias: 's' }, where);
      columns.splice(0, columns.length, ...rewritten);
      break;
    }
  }

  compute(
    ctx,
    layers,
    '__key',
    columns.map((c) => ({ name: c.name, expr: refsToCols(c.expr) })),
    '',
  );
  const outCols = e.columns.filter((c) => c.output);
  const final: SqlSelect = {
    items: outCols.map((c) => ({ alias: c.name, expr: { kind: 'output', type: c.type, arg: col(c.name) } })),
    from: { kind: 'subquery', select: layers.select, alias: 'f' },
    where: null,
    groupBy: [],
    having: null,
  };
  return {
    kind: 'createTable',
    entity: name,
    select: final,
    comment: e.comment,
    columns: outCols.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
    primaryKey: e.keyColumn,
    foreignKeys: e.constraints.flatMap((c) => (c.kind === 'foreignKey' ? [{ column: c.column, entity: c.entity, references: c.references }] : [])),
    estimatedRows,
  };
}

/** Resolves `col` nodes marked with a NUL prefix into stored reads of a source table's columns. */
export function resolveSrc(e: Expr, table: string, typeOfCol: (c: string) => ColumnType): SqlExpr {
  // The SQL plan allows SQL-only nodes inside IR nodes only at the top level, so the
  // conversion is done by substituting qualified, stored reads through a marker column.
  return substitute(e, (name) => ({ kind: 'stored', type: typeOfCol(name), arg: { kind: 'qcol', table, name } }));
}

/** Replaces marker columns (`\0name`) with SQL expressions, producing a SqlExpr tree. */
function substitute(e: Expr, f: (name: string) => SqlExpr): SqlExpr {
  if (e.kind === 'col' && e.name.startsWith('\u0000')) return f(e.name.slice(1));
  const kids = children(e);
  if (!kids.some((k) => containsMarker(k))) return e;
  // Rebuild with substituted children; SQL nodes are structurally compatible with Expr slots.
  const sub = (x: Expr): Expr => substitute(x, f) as Expr;
  return mapChildren(e, sub) as SqlExpr;
}
function containsMarker(e: Expr): boolean {
  if (e.kind === 'col' && e.name.startsWith('\u0000')) return true;
  return children(e).some(containsMarker);
}
