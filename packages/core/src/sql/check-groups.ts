/**
 * The checks of a table fused into one query: every constraint one row can break on its own
 * (notNull, range, scalar enum, temporal, rule) and every foreignKey and childCount becomes a
 * `sum(CASE WHEN <violates> THEN 1 ELSE 0 END)` column of ONE scan of the table (foreign keys and
 * child counts as LEFT JOINs against the parent's distinct keys or the children's counts per key,
 * which never repeat a row); primaryKey and unique checks over the same columns share one GROUP
 * BY pass; an enum over an array column explodes the array once. The parts are one-row
 * aggregates, cross joined. Counts equal the per-check queries of `compileChecks` exactly, except
 * for a foreign key that holds by construction (`ir/fk-construction.ts`): it is spot-checked over
 * a deterministic sample of rows (stored row key & 63 = 0) by a small part of its own that reads
 * only the key and the foreign-key column, and its verification is recorded as `construction+sample`.
 */
import { InternalError } from '../errors.js';
import { checkVerification } from '../ir/fk-construction.js';
import { idColumns, keyModeOf } from '../ir/id-columns.js';
import type { Constraint, EntityIR, ScenarioIR } from '../ir/types.js';
import { expandScenario } from '../random/expand-scenario.js';
import { checkLiteral, checkName, rowViolation } from './checks.js';
import { lowerContext, typeOf, type LowerContext } from './lower/context.js';
import { addKeyLayers } from './lower/key-layers.js';
import { Layers } from './lower/layers.js';
import { sourceReads } from './lower/scope.js';
import { sql, type CheckGroupStmt, type SqlExpr, type SqlFrom, type SqlItem, type SqlSelect } from './sql-nodes.js';

const c = (table: string, name: string): SqlExpr => sql.col(table, name);
const zeroIfNull = (x: SqlExpr): SqlExpr => sql.call('coalesce', [x, sql.int(0)]);
const sumOf = (x: SqlExpr): SqlExpr => zeroIfNull(sql.agg('sum', x));
const countIf = (violates: SqlExpr): SqlExpr => sumOf(sql.case([{ when: violates, then: sql.int(1) }], sql.int(0)));
const isNull = (x: SqlExpr): SqlExpr => sql.unary('isNull', x);
const notNull = (x: SqlExpr): SqlExpr => sql.unary('isNotNull', x);
const minusOne = (x: SqlExpr): SqlExpr => sql.binary('-', x, sql.int(1));
/** The spot-check sample: rows whose stored key has its low six bits zero (≈ 1/64 of the rows, always the same ones). */
const sampled = (x: SqlExpr): SqlExpr => sql.binary('=', sql.binary('&', x, sql.int(63)), sql.int(0));

/** The result column of the `i`-th check of a group. */
export const checkColumn = (i: number): string => `c${i}`;

/**
 * Compiles the checks of each entity (that has any) into one query, in IR order.
 *
 * @example
 * ```ts
 * for (const g of compileCheckGroups(ir)) console.log(g.entity, g.names.length);
 * ```
 */
export function compileCheckGroups(ir: ScenarioIR, entities?: readonly string[]): CheckGroupStmt[] {
  const expanded = expandScenario(ir);
  const ctx = lowerContext(expanded);
  return expanded.entities.filter((e) => e.constraints.length > 0 && (!entities || entities.includes(e.name))).map((e) => fuse(ctx, e));
}

/** A one-row aggregate of the group: its FROM item and its `c<i>` columns. */
interface Part {
  from: SqlFrom;
  readonly items: SqlItem[];
}

function fuse(ctx: LowerContext, e: EntityIR): CheckGroupStmt {
  const { from, raw } = scanTable(ctx, e);
  const scan: Part = { from, items: [] };
  const joins = new Map<string, string>();
  /** The alias of a LEFT JOIN of the scan (shared by checks needing the same one). */
  const joined = (key: string, right: (alias: string) => SqlSelect, on: (alias: string) => SqlExpr): string => {
    const hit = joins.get(key);
    if (hit) return hit;
    const alias = `j${joins.size}`;
    joins.set(key, alias);
    scan.from = sql.join('left', scan.from, sql.subquery(right(alias), alias), on(alias));
    return alias;
  };
  const groups = new Map<string, { readonly columns: readonly string[]; readonly part: Part; primaryKey: boolean }>();
  const others: Part[] = [];
  const verified = e.constraints.map((k) => checkVerification(ctx.ir.entities, e.name, k, ctx.spaces));
  e.constraints.forEach((k, i) => {
    const alias = checkColumn(i);
    const row = rowViolation(ctx, e, k, raw);
    if (row) {
      scan.items.push({ alias, expr: countIf(row) });
      return;
    }
    switch (k.kind) {
      case 'foreignKey': {
        if (verified[i] === 'construction+sample') {
          // holds by construction: a spot check of the sampled keys (see sampleCheck)
          others.push({ from: sql.subquery(sampleCheck(e, k, alias), `a${others.length}`), items: [] });
          return;
        }
        const parentKeys = (): SqlSelect => sql.select([{ alias: 'k', expr: c('p', k.references) }], sql.table(k.entity, 'p'), null, [c('p', k.references)]);
        const j = joined(`fk ${k.column} ${k.entity} ${k.references}`, parentKeys, (a) => sql.binary('=', c('t', raw(k.column)), c(a, 'k')));
        scan.items.push({ alias, expr: countIf(sql.binary('and', notNull(c('t', raw(k.column))), isNull(c(j, 'k')))) });
        return;
      }
      case 'childCount': {
        const counts = (): SqlSelect =>
          sql.select(
            [
              { alias: 'k', expr: c('x', k.foreignKey) },
              { alias: 'n', expr: sql.countStar() },
            ],
            sql.table(k.entity, 'x'),
            null,
            [c('x', k.foreignKey)],
          );
        const j = joined(`children ${k.entity} ${k.foreignKey}`, counts, (a) => sql.binary('=', c(a, 'k'), c('t', raw(e.keyColumn))));
        scan.items.push({ alias, expr: countIf(sql.binary('<>', zeroIfNull(c(j, 'n')), sql.stored(typeOf(ctx, e.name, k.column), c('t', raw(k.column))))) });
        return;
      }
      case 'primaryKey':
      case 'unique': {
        const columns = k.kind === 'primaryKey' ? [k.column] : k.columns;
        const key = [...columns].sort().join('\u0000');
        const g = groups.get(key) ?? { columns, part: { from: sql.table(e.name, 't'), items: [] }, primaryKey: false };
        groups.set(key, g);
        if (k.kind === 'primaryKey') g.primaryKey = true;
        // per key value: n rows; a null primary key counts every row, a repeated value all but one
        const n = c('d', 'n');
        const extra = k.kind === 'primaryKey' ? sql.case([{ when: isNull(c('d', 'k0')), then: n }], minusOne(n)) : sql.case([{ when: sql.binary('>', n, sql.int(1)), then: minusOne(n) }], sql.int(0));
        g.part.items.push({ alias, expr: sumOf(extra) });
        return;
      }
      case 'enum': {
        // an array column: every element outside the values is a violation
        const elements = sql.select([{ alias: 'v', expr: sql.explodeArray(c('t', k.column)) }], sql.table(e.name, 't'));
        others.push({ from: sql.subquery(sql.select([{ alias, expr: sql.countStar() }], sql.subquery(elements, 'x'), sql.inList(c('x', 'v'), k.values.map(checkLiteral), true)), `a${others.length}`), items: [] });
        return;
      }
      default:
        return unreachable(e, k);
    }
  });
  const parts = [...(scan.items.length ? [sql.subquery(sql.select(scan.items, scan.from), 's')] : []), ...[...groups.values()].map(groupPass), ...others.map((p) => p.from)];
  const names = e.constraints.map((k) => checkName(e, k));
  const items = names.map((_, i) => ({ alias: checkColumn(i), expr: sql.col(null, checkColumn(i)) }));
  const [first, ...rest] = parts;
  if (first === undefined) return unreachable(e, null);
  const select = first.kind === 'subquery' && rest.length === 0 ? first.select : sql.select(items, rest.reduce((a, b) => sql.join('cross', a, b, null), first));
  return { kind: 'checkGroup', entity: e.name, names, verified, select };
}

/**
 * The spot check of a foreign key that holds by construction: the non-null values, in the sampled
 * rows (stored row key & 63 = 0, filtered while scanning), that no key of the referenced table
 * matches. Reads only the two columns; the probe side is ≈ 1/64 of the table.
 */
function sampleCheck(e: EntityIR, k: Extract<Constraint, { kind: 'foreignKey' }>, alias: string): SqlSelect {
  const values = sql.select([{ alias: 'v', expr: c('t', k.column) }], sql.table(e.name, 't'), sql.binary('and', notNull(c('t', k.column)), sampled(c('t', e.keyColumn))));
  // no DISTINCT needed: only the values no key matches are counted, once each
  const keys = sql.select([{ alias: 'k', expr: c('p', k.references) }], sql.table(k.entity, 'p'));
  return sql.select([{ alias, expr: sql.countStar() }], sql.join('left', sql.subquery(values, 'x'), sql.subquery(keys, 'y'), sql.binary('=', c('x', 'v'), c('y', 'k'))), isNull(c('y', 'k')));
}

/** One GROUP BY pass over the key columns of primaryKey/unique checks: rows per key value, only the keys that break one. */
function groupPass(g: { readonly columns: readonly string[]; readonly part: Part; readonly primaryKey: boolean }, i: number): SqlFrom {
  const cols = g.columns.map((x) => c('t', x));
  const repeated = sql.binary('>', sql.countStar(), sql.int(1));
  const having = g.primaryKey ? sql.binary('or', repeated, isNull(cols[0] as SqlExpr)) : repeated;
  const perKey = sql.select([{ alias: 'n', expr: sql.countStar() }, ...(g.primaryKey ? [{ alias: 'k0', expr: cols[0] as SqlExpr }] : [])], g.part.from, null, cols, having);
  return sql.subquery(sql.select(g.part.items, sql.subquery(perKey, 'd')), `g${i}`);
}

/**
 * The table the fused scan reads, aliased `t`: the table itself, or (opaque keys, when a rule
 * reads id columns) a subquery with those id columns decoded into internal keys under their own
 * names and their stored values kept as `__raw_<column>` for the other checks.
 */
function scanTable(ctx: LowerContext, e: EntityIR): { from: SqlFrom; raw: (column: string) => string } {
  const ruleReads = sourceReads(e.constraints.flatMap((k) => (k.kind === 'rule' ? [k.violation] : [])));
  const ids = keyModeOf(ctx.ir) === 'opaque' ? idColumns(ctx.ir.entities, e.name, ctx.spaces) : new Map<string, string>();
  const decoded = ruleReads.filter((x) => ids.has(x));
  if (!decoded.length) return { from: sql.table(e.name, 't'), raw: (x) => x };
  const raw = (x: string): string => (decoded.includes(x) ? `__raw_${x}` : x);
  const reads = [...new Set([...ruleReads, ...e.constraints.flatMap((k) => scanReads(e, k))])].sort();
  const kept = decoded.filter((x) => e.constraints.some((k) => scanReads(e, k).includes(x)));
  const layers = new Layers(sql.select([...reads.map((x) => ({ alias: x, expr: c('t', x) })), ...kept.map((x) => ({ alias: raw(x), expr: c('t', x) }))], sql.table(e.name, 't')));
  addKeyLayers(
    layers,
    decoded.map((x) => ({ from: x, to: x, space: ids.get(x) as string })),
    'decode',
  );
  return { from: sql.subquery(layers.select, 't'), raw };
}

/** The stored columns a non-rule check of the scan reads. */
function scanReads(e: EntityIR, k: Constraint): string[] {
  switch (k.kind) {
    case 'notNull':
    case 'range':
    case 'enum':
    case 'foreignKey':
      return [k.column];
    case 'temporal':
      return [k.before, k.after];
    case 'childCount':
      return [k.column, e.keyColumn];
    default:
      return [];
  }
}

function unreachable(e: EntityIR, k: Constraint | null): never {
  throw new InternalError(`no fused check for ${k ? checkName(e, k) : e.name}`);
}
