/**
 * The check compiler: every declared constraint becomes one violation-count query over the
 * generated tables. 0 means the constraint holds.
 */
import type { Constraint, EntityIR, Expr, LiteralValue, ScenarioIR } from '../ir/types.js';
import { expandExpr } from '../random/expand.js';
import { mapExpr, resolveSrc } from './lower-entity.js';
import type { CheckStmt, SqlExpr, SqlSelect } from './sql-nodes.js';

const qcol = (table: string | null, name: string): SqlExpr => ({ kind: 'qcol', table, name });
const count = (from: SqlSelect['from'], where: SqlExpr | null): SqlSelect => ({ items: [{ alias: 'violations', expr: { kind: 'countStar' } }], from, where, groupBy: [], having: null });
const sum = (inner: SqlSelect, expr: SqlExpr): SqlSelect => ({
  items: [{ alias: 'violations', expr: { kind: 'scoalesce', args: [{ kind: 'aggCall', fn: 'sum', arg: expr, where: null }, { kind: 'sint', value: 0 }] } }],
  from: { kind: 'subquery', select: inner, alias: 'd' },
  where: null,
  groupBy: [],
  having: null,
});
const lit = (v: LiteralValue): Expr => ({ kind: 'lit', value: v, type: typeof v === 'number' ? (Number.isInteger(v) ? 'bigint' : 'double') : typeof v === 'boolean' ? 'boolean' : 'string' });

/** A readable, stable name of a constraint. */
export function checkName(entity: string, c: Constraint): string {
  switch (c.kind) {
    case 'primaryKey':
      return `${entity}.primaryKey(${c.column})`;
    case 'foreignKey':
      return `${entity}.foreignKey(${c.column} → ${c.entity}.${c.references})`;
    case 'unique':
      return `${entity}.unique(${c.columns.join(', ')})`;
    case 'notNull':
      return `${entity}.notNull(${c.column})`;
    case 'range':
      return `${entity}.range(${c.column} in [${c.min ?? '-∞'}, ${c.max ?? '∞'}])`;
    case 'enum':
      return `${entity}.enum(${c.column})`;
    case 'temporal':
      return `${entity}.temporal(${c.before} <= ${c.after})`;
    case 'rule':
      return `${entity}.rule(${c.name})`;
    case 'childCount':
      return `${entity}.childCount(${c.column} = count of ${c.entity}.${c.foreignKey})`;
  }
}

function compileOne(ir: ScenarioIR, e: EntityIR, c: Constraint): SqlSelect {
  const t = { kind: 'table' as const, entity: e.name, alias: 't' };
  const typeOf = (entity: string, col: string) => {
    const x = ir.entities.find((y) => y.name === entity)?.columns.find((y) => y.name === col);
    return x ? x.type : ({ kind: 'bigint' } as const);
  };
  switch (c.kind) {
    case 'primaryKey':
      return sum(
        {
          items: [{ alias: 'extra', expr: { kind: 'scase', when: { kind: 'isNull', arg: qcol('t', c.column), negate: false }, then: { kind: 'countStar' }, else: { kind: 'sbin', op: '-', left: { kind: 'countStar' }, right: { kind: 'sint', value: 1 } } } }],
          from: t,
          where: null,
          groupBy: [qcol('t', c.column)],
          having: { kind: 'sbin', op: 'or', left: { kind: 'sbin', op: '>', left: { kind: 'countStar' }, right: { kind: 'sint', value: 1 } }, right: { kind: 'isNull', arg: qcol('t', c.column), negate: false } },
        },
        { kind: 'qcol', table: 'd', name: 'extra' },
      );
    case 'unique':
      return sum(
        {
          items: [{ alias: 'extra', expr: { kind: 'sbin', op: '-', left: { kind: 'countStar' }, right: { kind: 'sint', value: 1 } } }],
          from: t,
          where: null,
          groupBy: c.columns.map((x) => qcol('t', x)),
          having: { kind: 'sbin', op: '>', left: { kind: 'countStar' }, right: { kind: 'sint', value: 1 } },
        },
        { kind: 'qcol', table: 'd', name: 'extra' },
      );
    case 'notNull':
      return count(t, { kind: 'isNull', arg: qcol('t', c.column), negate: false });
    case 'foreignKey':
      return count(
        { kind: 'join', type: 'left', left: t, right: { kind: 'table', entity: c.entity, alias: 'p' }, on: { kind: 'sbin', op: '=', left: qcol('t', c.column), right: qcol('p', c.references) } },
        { kind: 'sbin', op: 'and', left: { kind: 'isNull', arg: qcol('t', c.column), negate: true }, right: { kind: 'isNull', arg: qcol('p', c.references), negate: false } },
      );
    case 'range': {
      const v = { kind: 'stored' as const, type: typeOf(e.name, c.column), arg: qcol('t', c.column) };
      const conds: SqlExpr[] = [];
      if (c.min !== null) conds.push({ kind: 'sbin', op: '<', left: v, right: lit(c.min) });
      if (c.max !== null) conds.push({ kind: 'sbin', op: '>', left: v, right: lit(c.max) });
      const where = conds.reduce<SqlExpr | null>((a, b) => (a ? { kind: 'sbin', op: 'or', left: a, right: b } : b), null);
      return count(t, where ?? { kind: 'lit', value: false, type: 'boolean' });
    }
    case 'enum': {
      const type = typeOf(e.name, c.column);
      if (type.kind === 'array') {
        const inner: SqlSelect = { items: [{ alias: 'v', expr: { kind: 'explodeArray', array: qcol('t', c.column) } }], from: t, where: null, groupBy: [], having: null };
        return count({ kind: 'subquery', select: inner, alias: 'x' }, { kind: 'inList', arg: qcol('x', 'v'), values: c.values.map(lit), negate: true });
      }
      return count(t, { kind: 'sbin', op: 'and', left: { kind: 'isNull', arg: qcol('t', c.column), negate: true }, right: { kind: 'inList', arg: qcol('t', c.column), values: c.values.map(lit), negate: true } });
    }
    case 'temporal':
      return count(t, { kind: 'sbin', op: '>', left: qcol('t', c.before), right: qcol('t', c.after) });
    case 'rule': {
      const expanded = expandExpr(c.violation, { prefix: `${e.name}.$rule`, pools: new Map(ir.pools.map((p) => [p.name, p])) });
      const marked = mapExpr(expanded, (x) => (x.kind === 'col' ? { kind: 'col', name: `\u0000${x.name}` } : x));
      const cond = resolveSrc(marked, 't', (col) => typeOf(e.name, col));
      return count(t, { kind: 'sbin', op: '=', left: cond, right: { kind: 'lit', value: true, type: 'boolean' } });
    }
    case 'childCount': {
      const target = ir.entities.find((x) => x.name === c.entity) as EntityIR;
      const counts: SqlSelect = {
        items: [
          { alias: 'k', expr: qcol('c', c.foreignKey) },
          { alias: 'n', expr: { kind: 'countStar' } },
        ],
        from: { kind: 'table', entity: target.name, alias: 'c' },
        where: null,
        groupBy: [qcol('c', c.foreignKey)],
        having: null,
      };
      return count(
        { kind: 'join', type: 'left', left: t, right: { kind: 'subquery', select: counts, alias: 'x' }, on: { kind: 'sbin', op: '=', left: qcol('x', 'k'), right: qcol('t', e.keyColumn) } },
        { kind: 'sbin', op: '<>', left: { kind: 'scoalesce', args: [qcol('x', 'n'), { kind: 'sint', value: 0 }] }, right: { kind: 'stored', type: typeOf(e.name, c.column), arg: qcol('t', c.column) } },
      );
    }
  }
}

/**
 * Compiles every declared constraint of a scenario to a violation-count query.
 *
 * @example
 * ```ts
 * for (const c of compileChecks(ir)) console.log(c.name);
 * ```
 */
export function compileChecks(ir: ScenarioIR, entities?: readonly string[]): CheckStmt[] {
  const out: CheckStmt[] = [];
  for (const e of ir.entities) {
    if (entities && !entities.includes(e.name)) continue;
    for (const c of e.constraints) out.push({ kind: 'check', entity: e.name, name: checkName(e.name, c), select: compileOne(ir, e, c) });
  }
  return out;
}
