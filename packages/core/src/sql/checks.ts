/**
 * The check compiler: every declared constraint becomes one violation-count query over the
 * generated tables. 0 means the constraint holds.
 */
import { InternalError } from '../errors.js';
import { rangeText } from '../eval/values.js';
import type { Constraint, EntityIR, LiteralValue, ScenarioIR } from '../ir/types.js';
import { expandScenario } from '../random/expand-scenario.js';
import { lowerExpr } from './lower-expr.js';
import { entityOf, lowerContext, storedCol, typeOf, type LowerContext } from './lower/context.js';
import { entityTable } from './lower/key-layers.js';
import { sourceReads, sourceScope } from './lower/scope.js';
import { sql, type CheckStmt, type SqlExpr, type SqlFrom, type SqlSelect } from './sql-nodes.js';

const c = (table: string, name: string): SqlExpr => sql.col(table, name);
const count = (from: SqlFrom, where: SqlExpr | null): SqlSelect => sql.select([{ alias: 'violations', expr: sql.countStar() }], from, where);
const sum = (inner: SqlSelect, expr: SqlExpr): SqlSelect => sql.select([{ alias: 'violations', expr: sql.call('coalesce', [sql.agg('sum', expr), sql.int(0)]) }], sql.subquery(inner, 'd'));
/** A constraint's literal (a range bound, an enum value) as a SQL literal of its JSON type. */
export const checkLiteral = (v: LiteralValue): SqlExpr => sql.lit(v, typeof v === 'number' ? (Number.isInteger(v) ? 'bigint' : 'double') : typeof v === 'boolean' ? 'boolean' : 'string');
const isNull = (x: SqlExpr): SqlExpr => sql.unary('isNull', x);
const notNull = (x: SqlExpr): SqlExpr => sql.unary('isNotNull', x);
const moreThanOne = sql.binary('>', sql.countStar(), sql.int(1));
const extra = (x: SqlExpr): SqlExpr => sql.binary('-', x, sql.int(1));

/**
 * A readable, stable name of a constraint of an entity. Range bounds are written in the column's
 * type: dates as `2025-10-01`, timestamps as UTC instants (`2025-10-01T00:00:00Z`), decimals as
 * fixed-point numbers — never as the epoch days, epoch microseconds or scaled integers the IR
 * holds.
 *
 * @example
 * ```ts
 * const e = ir.entities.find((x) => x.name === 'campaigns')!;
 * e.constraints.map((c) => checkName(e, c)); // […, 'campaigns.range(start_date in [2025-10-03, 2025-12-31])', …]
 * ```
 */
export function checkName(e: Pick<EntityIR, 'name' | 'columns'>, c: Constraint): string {
  const entity = e.name;
  switch (c.kind) {
    case 'primaryKey':
      return `${entity}.primaryKey(${c.column})`;
    case 'foreignKey':
      return `${entity}.foreignKey(${c.column} → ${c.entity}.${c.references})`;
    case 'unique':
      return `${entity}.unique(${c.columns.join(', ')})`;
    case 'notNull':
      return `${entity}.notNull(${c.column})`;
    case 'range': {
      const type = e.columns.find((x) => x.name === c.column)?.type;
      return `${entity}.range(${c.column} in ${rangeText(type, c.min, c.max)})`;
    }
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

/**
 * The per-row violation predicate of a constraint that one row can break on its own (notNull,
 * range, enum over a scalar, temporal, rule), read from the table aliased `t`; `raw` names the
 * column holding a column's stored value (rules read id columns decoded, under their own names).
 * Null for constraints that need a group (primaryKey, unique), a join (foreignKey, childCount)
 * or an exploded array (enum over an array column).
 *
 * @example
 * ```ts
 * rowViolation(ctx, e, { kind: 'notNull', column: 'age' }); // "t"."age" IS NULL
 * ```
 */
export function rowViolation(ctx: LowerContext, e: EntityIR, k: Constraint, raw: (column: string) => string = (x) => x): SqlExpr | null {
  const v = (column: string): SqlExpr => c('t', raw(column));
  switch (k.kind) {
    case 'notNull':
      return isNull(v(k.column));
    case 'range': {
      const x = sql.stored(typeOf(ctx, e.name, k.column), v(k.column));
      const conds: SqlExpr[] = [];
      if (k.min !== null) conds.push(sql.binary('<', x, checkLiteral(k.min)));
      if (k.max !== null) conds.push(sql.binary('>', x, checkLiteral(k.max)));
      return conds.reduce<SqlExpr | null>((a, b) => (a ? sql.binary('or', a, b) : b), null) ?? sql.lit(false, 'boolean');
    }
    case 'enum':
      if (typeOf(ctx, e.name, k.column).kind === 'array') return null;
      return sql.binary('and', notNull(v(k.column)), sql.inList(v(k.column), k.values.map(checkLiteral), true));
    case 'temporal':
      return sql.binary('>', v(k.before), v(k.after));
    case 'rule':
      // rules compute on internal values: ids read back as internal keys
      return sql.binary('=', lowerExpr(k.violation, sourceScope(ctx, e.name, 't')), sql.lit(true, 'boolean'));
    default:
      return null;
  }
}

function compileOne(ctx: LowerContext, e: EntityIR, k: Constraint): SqlSelect {
  const t = sql.table(e.name, 't');
  const row = rowViolation(ctx, e, k);
  if (row) return count(k.kind === 'rule' ? entityTable(ctx, e.name, 't', sourceReads([k.violation])) : t, row);
  switch (k.kind) {
    case 'primaryKey':
      return sum(sql.select([{ alias: 'extra', expr: sql.case([{ when: isNull(c('t', k.column)), then: sql.countStar() }], extra(sql.countStar())) }], t, null, [c('t', k.column)], sql.binary('or', moreThanOne, isNull(c('t', k.column)))), c('d', 'extra'));
    case 'unique':
      return sum(
        sql.select([{ alias: 'extra', expr: extra(sql.countStar()) }], t, null, k.columns.map((x) => c('t', x)), moreThanOne),
        c('d', 'extra'),
      );
    case 'foreignKey':
      return count(sql.join('left', t, sql.table(k.entity, 'p'), sql.binary('=', c('t', k.column), c('p', k.references))), sql.binary('and', notNull(c('t', k.column)), isNull(c('p', k.references))));
    case 'enum': {
      // an array column: every element outside the values is a violation
      const inner = sql.select([{ alias: 'v', expr: sql.explodeArray(c('t', k.column)) }], t);
      return count(sql.subquery(inner, 'x'), sql.inList(c('x', 'v'), k.values.map(checkLiteral), true));
    }
    case 'childCount': {
      const counts = sql.select(
        [
          { alias: 'k', expr: c('c', k.foreignKey) },
          { alias: 'n', expr: sql.countStar() },
        ],
        sql.table(entityOf(ctx, k.entity).name, 'c'),
        null,
        [c('c', k.foreignKey)],
      );
      return count(
        sql.join('left', t, sql.subquery(counts, 'x'), sql.binary('=', c('x', 'k'), c('t', e.keyColumn))),
        sql.binary('<>', sql.call('coalesce', [c('x', 'n'), sql.int(0)]), storedCol(ctx, e.name, 't', k.column)),
      );
    }
    default:
      throw new InternalError(`constraint ${checkName(e, k)} has no check query`);
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
  const expanded = expandScenario(ir);
  const ctx = lowerContext(expanded);
  const out: CheckStmt[] = [];
  for (const e of expanded.entities) {
    if (entities && !entities.includes(e.name)) continue;
    for (const k of e.constraints) out.push({ kind: 'check', entity: e.name, name: checkName(e, k), select: compileOne(ctx, e, k) });
  }
  return out;
}
