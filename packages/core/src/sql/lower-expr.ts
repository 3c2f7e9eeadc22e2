/**
 * `lowerExpr`: the one translation from (expanded) IR expressions to SQL nodes. Dispatch is a
 * table over every IR node kind, so a new kind does not compile until it is lowered here.
 */
import { InternalError } from '../errors.js';
import type { Expr, RefSide } from '../ir/types.js';
import { sql, type SqlExpr } from './sql-nodes.js';

/** How the names of an expression resolve in the SELECT it is printed in. */
export interface LowerScope {
  /** A `col` node: a column of the current row. */
  col(name: string): SqlExpr;
  /** A `ref` node: a column of a related row (parent, cross side, derived entity's source row). */
  ref(side: RefSide, name: string): SqlExpr;
}

type Kind = Expr['kind'];
type Node<K extends Kind> = Extract<Expr, { kind: K }>;
type Lower<K extends Kind> = (e: Node<K>, scope: LowerScope, rec: (x: Expr) => SqlExpr) => SqlExpr;

const DAY_US = 86_400_000_000;
const HOUR_US = 3_600_000_000;

const unresolved =
  <K extends Kind>(why: string): Lower<K> =>
  (e) => {
    throw new InternalError(`'${e.kind}' node reached lowerExpr: ${why}`);
  };

type DerivedCall = 'dayOfWeek' | 'hourOfDay' | 'daysOf';
const CALLS: { readonly [F in DerivedCall]: (args: readonly SqlExpr[]) => SqlExpr } = {
  // 1970-01-01 was a Thursday (Monday = 0 ⇒ 3).
  dayOfWeek: ([a]) => sql.binary('%', sql.binary('+', sql.binary('idiv', a as SqlExpr, sql.int(DAY_US)), sql.int(3)), sql.int(7)),
  hourOfDay: ([a]) => sql.binary('idiv', sql.binary('%', a as SqlExpr, sql.int(DAY_US)), sql.int(HOUR_US)),
  daysOf: ([a]) => sql.call('floor', [sql.binary('/', a as SqlExpr, sql.lit(DAY_US, 'double'))]),
};

const LOWER: { readonly [K in Kind]: Lower<K> } = {
  lit: (e) => sql.lit(e.value, e.type),
  col: (e, s) => s.col(e.name),
  ref: (e, s) => s.ref(e.side, e.name),
  unary: (e, _s, rec) => {
    const a = rec(e.arg);
    return e.op === 'neg' || e.op === 'not' || e.op === 'isNull' ? sql.unary(e.op, a) : sql.call(e.op, [a]);
  },
  binary: (e, _s, rec) => sql.binary(e.op, rec(e.left), rec(e.right)),
  call: (e, _s, rec) => {
    const args = e.args.map(rec);
    const fn = e.fn;
    return fn === 'dayOfWeek' || fn === 'hourOfDay' || fn === 'daysOf' ? CALLS[fn](args) : sql.call(fn, args);
  },
  case: (e, _s, rec) => sql.case(e.whens.map((w) => ({ when: rec(w.when), then: rec(w.then) })), rec(e.else)),
  cast: (e, _s, rec) => sql.cast(e.to, rec(e.arg)),
  bucket: (e, _s, rec) => sql.bucket(rec(e.arg), e.thresholds, e.values.map(rec)),
  pick: (e, _s, rec) => sql.call('arrayGet', [sql.array(e.items.map((v) => sql.lit(v, e.type))), rec(e.index)]),
  array: (e, _s, rec) => sql.array(e.items.map(rec)),
  map: (e, _s, rec) => sql.map(e.keys.map(rec), e.values.map(rec)),
  key: unresolved('the lowering maps the row key to a column first'),
  index: unresolved('the lowering maps the child index to a column first'),
  rand: unresolved('the lowering computes draws in mixing layers first'),
  lookup: unresolved('the lowering joins lookups first'),
  agg: unresolved('group lowering computes aggregates first'),
  win: unresolved('window lowering computes window functions first'),
  draw: unresolved('expand the scenario first'),
  pool: unresolved('expand the scenario first'),
};

/**
 * Lowers an expanded IR expression to a SQL node, resolving `col` and `ref` through `scope`.
 *
 * @example
 * ```ts
 * lowerExpr(expr, { col: (n) => sql.col('t', n), ref: (_side, n) => sql.col('s', n) });
 * ```
 */
export function lowerExpr(e: Expr, scope: LowerScope): SqlExpr {
  const rec = (x: Expr): SqlExpr => lowerExpr(x, scope);
  return (LOWER[e.kind] as Lower<Kind>)(e as Node<Kind>, scope, rec);
}

/**
 * A scope where `col` names are columns of the SELECT below (unqualified) and `ref` is an error.
 *
 * @example
 * ```ts
 * lowerExpr(expr, layerScope);
 * ```
 */
export const layerScope: LowerScope = {
  col: (name) => sql.col(null, name),
  ref: (side, name) => {
    throw new InternalError(`ref ${side}.${name} reached a layer scope unresolved`);
  },
};
