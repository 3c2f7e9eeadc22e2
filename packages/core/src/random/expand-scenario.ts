/**
 * Expansion of a whole scenario, once: every `draw` and `pool` node of every entity becomes the
 * low-level nodes (`rand`, `bucket`, `pick`, arithmetic) that the evaluator and the SQL lowering
 * both consume. Stream naming lives here and nowhere else: a column's draws are named
 * `<entity>.<column>.<slot>`, a source's `<entity>.$count|$keep|$where.<slot>` and a rule's
 * `<entity>.$rule.<slot>`.
 */
import type { Constraint, EntityIR, Expr, PoolIR, RowSource, ScenarioIR } from '../ir/types.js';
import { expandExpr } from './expand.js';

const cache = new WeakMap<ScenarioIR, ScenarioIR>();

/**
 * The scenario with every expression expanded (cached per IR object, so every consumer of the
 * same IR shares one expansion).
 *
 * @example
 * ```ts
 * const low = expandScenario(scenario.toIR({ seed: 42 }));
 * low.entities[0]?.columns[0]?.expr.kind; // never 'draw' or 'pool'
 * ```
 */
export function expandScenario(ir: ScenarioIR): ScenarioIR {
  const hit = cache.get(ir);
  if (hit) return hit;
  const pools: ReadonlyMap<string, PoolIR> = new Map(ir.pools.map((p) => [p.name, p]));
  const out: ScenarioIR = { ...ir, entities: ir.entities.map((e) => expandEntity(e, pools)) };
  cache.set(ir, out);
  return out;
}

function expandEntity(e: EntityIR, pools: ReadonlyMap<string, PoolIR>): EntityIR {
  const exp = (x: Expr, part: string): Expr => expandExpr(x, { prefix: `${e.name}.${part}`, pools });
  return {
    ...e,
    source: expandSource(e.source, exp),
    columns: e.columns.map((c) => ({ ...c, expr: exp(c.expr, c.name) })),
    constraints: e.constraints.map((c): Constraint => (c.kind === 'rule' ? { ...c, violation: exp(c.violation, '$rule') } : c)),
  };
}

function expandSource(s: RowSource, exp: (x: Expr, part: string) => Expr): RowSource {
  switch (s.kind) {
    case 'sequence':
      return s;
    case 'children':
      return { ...s, count: exp(s.count, '$count') };
    case 'cross':
      return { ...s, keep: exp(s.keep, '$keep') };
    case 'group':
    case 'window':
      return { ...s, where: s.where && exp(s.where, '$where') };
  }
}
