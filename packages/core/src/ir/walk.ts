/**
 * Tree walking over IR expressions: the one place that knows where each node kind keeps its
 * sub-expressions. Dispatch goes through tables keyed by every node kind, so a new kind is a
 * compile error here until it says what its children are.
 */
import type { Expr } from './types.js';

type Kind = Expr['kind'];
type Node<K extends Kind> = Extract<Expr, { kind: K }>;
type Mapper = (x: Expr) => Expr;

const none = (): readonly Expr[] => [];
const same = <E extends Expr>(e: E): E => e;

const CHILDREN: { readonly [K in Kind]: (e: Node<K>) => readonly Expr[] } = {
  lit: none,
  key: none,
  index: none,
  col: none,
  ref: none,
  rand: none,
  draw: (e) => (e.dist.kind === 'timestamp' && e.dist.within ? [e.dist.within.from, e.dist.within.to] : []),
  unary: (e) => [e.arg],
  cast: (e) => [e.arg],
  binary: (e) => [e.left, e.right],
  call: (e) => e.args,
  case: (e) => [...e.whens.flatMap((w) => [w.when, w.then]), e.else],
  pool: (e) => [e.index],
  pick: (e) => [e.index],
  bucket: (e) => [e.arg, ...e.values],
  array: (e) => e.items,
  map: (e) => [...e.keys, ...e.values],
  lookup: (e) => [e.key],
  agg: (e) => [e.arg, e.where].filter((x): x is Expr => x !== null),
  win: (e) => (e.arg ? [e.arg] : []),
};

const MAP_CHILDREN: { readonly [K in Kind]: (e: Node<K>, m: Mapper) => Expr } = {
  lit: same,
  key: same,
  index: same,
  col: same,
  ref: same,
  rand: same,
  draw: (e, m) => (e.dist.kind === 'timestamp' && e.dist.within ? { ...e, dist: { ...e.dist, within: { from: m(e.dist.within.from), to: m(e.dist.within.to) } } } : e),
  unary: (e, m) => ({ ...e, arg: m(e.arg) }),
  cast: (e, m) => ({ ...e, arg: m(e.arg) }),
  binary: (e, m) => ({ ...e, left: m(e.left), right: m(e.right) }),
  call: (e, m) => ({ ...e, args: e.args.map(m) }),
  case: (e, m) => ({ ...e, whens: e.whens.map((w) => ({ when: m(w.when), then: m(w.then) })), else: m(e.else) }),
  pool: (e, m) => ({ ...e, index: m(e.index) }),
  pick: (e, m) => ({ ...e, index: m(e.index) }),
  bucket: (e, m) => ({ ...e, arg: m(e.arg), values: e.values.map(m) }),
  array: (e, m) => ({ ...e, items: e.items.map(m) }),
  map: (e, m) => ({ ...e, keys: e.keys.map(m), values: e.values.map(m) }),
  lookup: (e, m) => ({ ...e, key: m(e.key) }),
  agg: (e, m) => ({ ...e, arg: e.arg && m(e.arg), where: e.where && m(e.where) }),
  win: (e, m) => ({ ...e, arg: e.arg && m(e.arg) }),
};

/**
 * The direct sub-expressions of a node (for a timestamp `draw`, its `within` bounds).
 *
 * @example
 * ```ts
 * children({ kind: 'unary', op: 'neg', arg: { kind: 'key' } }); // [{ kind: 'key' }]
 * ```
 */
export function children(e: Expr): readonly Expr[] {
  return (CHILDREN[e.kind] as (x: Expr) => readonly Expr[])(e);
}

/**
 * Rebuilds a node with each direct sub-expression replaced by `m(child)` (the counterpart of
 * {@link children}).
 *
 * @example
 * ```ts
 * mapChildren(e, (x) => (x.kind === 'key' ? { kind: 'index' } : x));
 * ```
 */
export function mapChildren(e: Expr, m: Mapper): Expr {
  return (MAP_CHILDREN[e.kind] as (x: Expr, f: Mapper) => Expr)(e, m);
}

/**
 * Bottom-up rewrite of an expression tree: `f` sees each node after its children were rewritten.
 *
 * @example
 * ```ts
 * mapExpr(e, (x) => (x.kind === 'col' ? { ...x, name: `t_${x.name}` } : x));
 * ```
 */
export function mapExpr(e: Expr, f: Mapper): Expr {
  return f(mapChildren(e, (x) => mapExpr(x, f)));
}

/**
 * Calls `f` on every node of an expression tree (pre-order).
 *
 * @example
 * ```ts
 * visit(e, (x) => { if (x.kind === 'col') names.add(x.name); });
 * ```
 */
export function visit(e: Expr, f: (x: Expr) => void): void {
  f(e);
  for (const c of children(e)) visit(c, f);
}

/**
 * The distinct values `pick(node)` returns over a tree (pre-order, first seen first), skipping
 * nodes where it returns undefined.
 *
 * @example
 * ```ts
 * collect([e], (x) => (x.kind === 'col' ? x.name : undefined)); // ['a', 'b']
 * ```
 */
export function collect<T>(exprs: readonly Expr[], pick: (x: Expr) => T | undefined): T[] {
  const out: T[] = [];
  for (const e of exprs)
    visit(e, (x) => {
      const v = pick(x);
      if (v !== undefined && !out.includes(v)) out.push(v);
    });
  return out;
}
