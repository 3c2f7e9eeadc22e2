import { SpecError, type Issue } from '../errors.js';
import { children, visit } from './walk.js';
import { OPAQUE_KEY, OPAQUE_KEY_DOMAIN } from '../random/opaque-keys.js';
import { keyModeOf } from './id-columns.js';
import type { EntityIR, Expr, RefSide, ScenarioIR } from './types.js';

/** Largest key (exclusive) each entity can produce, derived from row counts and fan-outs. */
export function keySpace(ir: Pick<ScenarioIR, 'entities'>): Map<string, number> {
  const out = new Map<string, number>();
  const byName = new Map(ir.entities.map((e) => [e.name, e]));
  for (const e of ir.entities) {
    const s = e.source;
    switch (s.kind) {
      case 'sequence':
        out.set(e.name, s.keyOffset + s.rows);
        break;
      case 'children':
        out.set(e.name, (out.get(s.parent) ?? 0) * s.fanout);
        break;
      case 'cross':
        out.set(e.name, (out.get(s.left) ?? 0) * s.fanout);
        break;
      case 'group': {
        const from = byName.get(s.from);
        const fk = from?.constraints.find((c) => c.kind === 'foreignKey' && c.column === s.by);
        const target = fk && fk.kind === 'foreignKey' ? fk.entity : s.from;
        out.set(e.name, out.get(target) ?? out.get(s.from) ?? 0);
        break;
      }
      case 'window':
        out.set(e.name, out.get(s.from) ?? 0);
        break;
    }
  }
  return out;
}

/** The sides a `ref` may use in each source kind. */
const SIDES: Record<EntityIR['source']['kind'], readonly RefSide[]> = {
  sequence: [],
  children: ['parent'],
  cross: ['left', 'right'],
  group: ['row'],
  window: ['row'],
};

/**
 * Semantic validation of an IR (the zod schema checks shape; this checks meaning): references,
 * ordering, cycles, key space. Throws {@link SpecError} listing every problem.
 *
 * @example
 * ```ts
 * validateIR(parseIR(json));
 * ```
 */
export function validateIR(ir: ScenarioIR): void {
  const issues: Issue[] = [];
  const seen = new Map<string, EntityIR>();
  const pools = new Map(ir.pools.map((p) => [p.name, p]));
  for (const p of ir.pools) {
    p.rows.forEach((r, i) => {
      if (r.length !== p.columns.length) issues.push({ path: `pools.${p.name}.rows.${i}`, message: `has ${r.length} cells, expected ${p.columns.length}` });
    });
    if (p.weights && p.weights.length !== p.rows.length) issues.push({ path: `pools.${p.name}.weights`, message: 'needs one weight per row' });
  }
  const all = new Map(ir.entities.map((e) => [e.name, e]));
  // Hidden columns are not written, and engines read other entities and run checks over the
  // written tables: only the entity's own columns may read a hidden column.
  const hidden = (e: EntityIR | undefined, column: string): boolean => e?.columns.find((c) => c.name === column)?.output === false;
  const hiddenIssue = (path: string, entity: string, column: string, reader: string): Issue => ({
    path,
    message: `'${entity}.${column}' is a hidden column (not written), so ${reader} cannot read it`,
    value: column,
    fix: `remove { hidden: true } from '${column}'`,
  });
  for (const e of ir.entities) {
    const path = `entities.${e.name}`;
    if (seen.has(e.name)) issues.push({ path, message: 'is declared twice', fix: 'give each entity a unique name' });
    const cols = new Map(e.columns.map((c) => [c.name, c]));
    if (cols.size !== e.columns.length) issues.push({ path: `${path}.columns`, message: 'has duplicate column names' });
    const key = cols.get(e.keyColumn);
    if (!key) issues.push({ path: `${path}.keyColumn`, message: `key column '${e.keyColumn}' is not a column`, fix: 'declare it with .key(name)' });
    else if (key.expr.kind !== 'key') issues.push({ path: `${path}.columns.${e.keyColumn}`, message: 'the key column must hold the row key' });

    const src = e.source;
    const need = (name: string, what: string): EntityIR | undefined => {
      const t = seen.get(name);
      if (!t) issues.push({ path: `${path}.source.${what}`, message: `refers to '${name}', which is not an earlier entity`, value: name, fix: `declare '${name}' before '${e.name}'` });
      return t;
    };
    const sides: Partial<Record<RefSide, EntityIR | undefined>> = {};
    if (src.kind === 'children') sides.parent = need(src.parent, 'parent');
    if (src.kind === 'cross') {
      sides.left = need(src.left, 'left');
      sides.right = need(src.right, 'right');
      if (sides.right && sides.right.source.kind !== 'sequence')
        issues.push({ path: `${path}.source.right`, message: 'the right side of a cross product must be a plain `rows(n)` entity', value: src.right });
    }
    if (src.kind === 'group' || src.kind === 'window') {
      sides.row = need(src.from, 'from');
      const cs = src.kind === 'group' ? [src.by] : [...src.partitionBy, ...src.orderBy];
      for (const c of cs) {
        if (sides.row && !sides.row.columns.some((x) => x.name === c)) issues.push({ path: `${path}.source`, message: `'${src.from}' has no column '${c}'`, value: c });
        else if (hidden(sides.row, c)) issues.push(hiddenIssue(`${path}.source`, src.from, c, `a ${src.kind} entity`));
      }
    }

    const checkExpr = (x: Expr, where: string, ctx: { scope: 'own' | 'parentScope' | 'crossScope'; inAgg: boolean }): void => {
      const p = `${path}.${where}`;
      switch (x.kind) {
        case 'col':
          if (ctx.scope === 'parentScope') {
            if (sides.parent && !sides.parent.columns.some((c) => c.name === x.name)) issues.push({ path: p, message: `parent '${sides.parent.name}' has no column '${x.name}'`, value: x.name });
            else if (sides.parent && hidden(sides.parent, x.name)) issues.push(hiddenIssue(p, sides.parent.name, x.name, 'the child count'));
          } else if (!cols.has(x.name)) issues.push({ path: p, message: `unknown column '${x.name}'`, value: x.name, fix: `use one of ${[...cols.keys()].join(', ')}` });
          break;
        case 'ref': {
          if (!SIDES[src.kind].includes(x.side)) {
            issues.push({ path: p, message: `'${x.side}' rows are not available in a '${src.kind}' entity`, value: x.side });
            break;
          }
          if (src.kind === 'group' && !ctx.inAgg) issues.push({ path: p, message: 'source rows of a group entity can only be read inside an aggregate', fix: 'wrap it in aggs.count/sum/min/max/…' });
          const t = sides[x.side];
          if (t && !t.columns.some((c) => c.name === x.name)) issues.push({ path: p, message: `'${t.name}' has no column '${x.name}'`, value: x.name });
          else if (t && hidden(t, x.name)) issues.push(hiddenIssue(p, t.name, x.name, `'${e.name}'`));
          break;
        }
        case 'index':
          if (src.kind !== 'children') issues.push({ path: p, message: 'index() is only available in childrenOf entities' });
          break;
        case 'lookup': {
          const t = seen.get(x.entity);
          if (!t) issues.push({ path: p, message: `lookup into '${x.entity}', which is not an earlier entity`, value: x.entity });
          else if (!t.columns.some((c) => c.name === x.column)) issues.push({ path: p, message: `'${x.entity}' has no column '${x.column}'`, value: x.column });
          else if (hidden(t, x.column)) issues.push(hiddenIssue(p, x.entity, x.column, 'a lookup'));
          break;
        }
        case 'agg':
          if (src.kind !== 'group') issues.push({ path: p, message: 'aggregates are only available in groupOf entities' });
          if (ctx.inAgg) issues.push({ path: p, message: 'aggregates cannot be nested' });
          for (const c of children(x)) checkExpr(c, where, { ...ctx, inAgg: true });
          return;
        case 'win':
          if (src.kind !== 'window') issues.push({ path: p, message: 'window functions are only available in windowOf entities' });
          break;
        case 'pool':
          if (!pools.has(x.pool)) issues.push({ path: p, message: `unknown pool '${x.pool}'`, value: x.pool, fix: 'add it with scenario.pool(…)' });
          else if (!pools.get(x.pool)?.columns.some((c) => c.name === x.column)) issues.push({ path: p, message: `pool '${x.pool}' has no column '${x.column}'`, value: x.column });
          break;
        case 'draw':
          if (x.dist.kind === 'poolRow' && !pools.has(x.dist.pool)) issues.push({ path: p, message: `unknown pool '${x.dist.pool}'`, value: x.dist.pool, fix: 'add it with scenario.pool(…)' });
          if (x.dist.kind === 'int' && x.dist.max < x.dist.min) issues.push({ path: p, message: 'intBetween: min > max', value: [x.dist.min, x.dist.max], fix: 'swap the bounds' });
          if (x.dist.kind === 'uniform' && x.dist.max < x.dist.min) issues.push({ path: p, message: 'uniform: min > max', value: [x.dist.min, x.dist.max], fix: 'swap the bounds' });
          if (x.dist.kind === 'categorical' && x.dist.values.length !== x.dist.weights.length) issues.push({ path: p, message: 'categorical: one weight per value is required' });
          if (x.dist.kind === 'categorical' && !x.dist.weights.some((w) => w > 0)) issues.push({ path: p, message: 'categorical: at least one weight must be > 0' });
          break;
        default:
          break;
      }
      for (const c of children(x)) checkExpr(c, where, ctx);
    };
    if (src.kind === 'children') checkExpr(src.count, 'source.count', { scope: 'parentScope', inAgg: false });
    if (src.kind === 'cross') checkExpr(src.keep, 'source.keep', { scope: 'crossScope', inAgg: false });
    if ((src.kind === 'group' || src.kind === 'window') && src.where) {
      // `where` reads the source row's own columns.
      const srcCols = sides.row ? new Set(sides.row.columns.map((c) => c.name)) : new Set<string>();
      const walk = (x: Expr): void => {
        if (x.kind === 'col' && !srcCols.has(x.name)) issues.push({ path: `${path}.source.where`, message: `'${src.from}' has no column '${x.name}'`, value: x.name });
        else if (x.kind === 'col' && hidden(sides.row, x.name)) issues.push(hiddenIssue(`${path}.source.where`, src.from, x.name, `a ${src.kind} entity`));
        children(x).forEach(walk);
      };
      walk(src.where);
    }
    for (const c of e.columns) checkExpr(c.expr, `columns.${c.name}`, { scope: 'own', inAgg: false });
    cycleCheck(e, issues, path);

    for (const c of e.constraints) {
      const colsOf = c.kind === 'unique' ? c.columns : c.kind === 'temporal' ? [c.before, c.after] : c.kind === 'rule' ? [] : [c.column];
      for (const n of colsOf) {
        if (!cols.has(n)) issues.push({ path: `${path}.constraints`, message: `${c.kind} names unknown column '${n}'`, value: n });
        else if (hidden(e, n)) issues.push(hiddenIssue(`${path}.constraints`, e.name, n, `the ${c.kind} check`));
      }
      if (c.kind === 'rule')
        visit(c.violation, (x) => {
          if (x.kind === 'col' && hidden(e, x.name)) issues.push(hiddenIssue(`${path}.constraints.${c.name}`, e.name, x.name, 'a rule check'));
        });
      if (c.kind === 'rule') checkExpr(c.violation, `constraints.${c.name}`, { scope: 'own', inAgg: false });
      if (c.kind === 'foreignKey' || c.kind === 'childCount') {
        const t = all.get(c.entity);
        if (!t) issues.push({ path: `${path}.constraints`, message: `${c.kind} to unknown entity '${c.entity}'`, value: c.entity });
        else if (c.kind === 'foreignKey' && c.references !== t.keyColumn)
          issues.push({ path: `${path}.constraints`, message: `foreign key ${c.column} must reference the key column '${t.keyColumn}' of '${c.entity}'`, value: c.references });
        else if (c.kind === 'childCount' && !t.columns.some((x) => x.name === c.foreignKey)) issues.push({ path: `${path}.constraints`, message: `'${c.entity}' has no column '${c.foreignKey}'` });
        else if (c.kind === 'childCount' && hidden(t, c.foreignKey)) issues.push(hiddenIssue(`${path}.constraints`, c.entity, c.foreignKey, 'the childCount check'));
      }
    }
    seen.set(e.name, e);
  }
  const opaque = keyModeOf(ir) === 'opaque';
  for (const [name, max] of keySpace(ir)) {
    if (!(max <= Number.MAX_SAFE_INTEGER)) issues.push({ path: `entities.${name}`, message: `key space (${max}) exceeds 2^53`, fix: 'lower row counts or fan-out bounds' });
    else if (opaque && max > OPAQUE_KEY_DOMAIN)
      issues.push({ path: `entities.${name}`, message: `key space (${max}) exceeds 2^${OPAQUE_KEY.bits}, the domain of opaque keys`, fix: "lower row counts or fan-out bounds, or use keys: 'structured'" });
  }
  if (issues.length) throw new SpecError(issues);
}

function cycleCheck(e: EntityIR, issues: Issue[], path: string): void {
  const deps = new Map<string, string[]>();
  for (const c of e.columns) {
    const d: string[] = [];
    const walk = (x: Expr): void => {
      if (x.kind === 'col') d.push(x.name);
      children(x).forEach(walk);
    };
    walk(c.expr);
    deps.set(c.name, d);
  }
  const state = new Map<string, 1 | 2>();
  const dfs = (n: string, stack: string[]): void => {
    if (state.get(n) === 2) return;
    if (state.get(n) === 1) {
      issues.push({ path: `${path}.columns.${n}`, message: `column dependency cycle: ${[...stack, n].join(' → ')}` });
      return;
    }
    state.set(n, 1);
    for (const d of deps.get(n) ?? []) if (deps.has(d)) dfs(d, [...stack, n]);
    state.set(n, 2);
  };
  for (const n of deps.keys()) dfs(n, []);
}

/** Columns of an entity in dependency order (each after the columns it reads). */
export function columnOrder(e: EntityIR): string[] {
  const byName = new Map(e.columns.map((c) => [c.name, c]));
  const out: string[] = [];
  const done = new Set<string>();
  const visitCol = (n: string): void => {
    if (done.has(n)) return;
    done.add(n);
    const c = byName.get(n);
    if (!c) return;
    const walk = (x: Expr): void => {
      if (x.kind === 'col') visitCol(x.name);
      children(x).forEach(walk);
    };
    walk(c.expr);
    out.push(n);
  };
  e.columns.forEach((c) => visitCol(c.name));
  return out;
}
