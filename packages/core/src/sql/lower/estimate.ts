/**
 * Row estimates of every entity, from the IR alone: a sequence's rows, a child table's parent rows
 * times the expected child count, a cross product's pair count times the chance a pair is kept,
 * a group's distinct keys, a window's kept rows. Expected values come from the distributions'
 * closed-form means propagated through the expression (a first-order estimate: the mean of a
 * function is taken as the function of the means). They size partitions and never change a row.
 */
import type { Dist, EntityIR, Expr } from '../../ir/types.js';
import type { LowerContext } from './context.js';

/** Expected value of a distribution, or null when it has no numeric mean. */
function distMean(d: Dist): number | null {
  switch (d.kind) {
    case 'uniform':
    case 'int':
      return (d.min + d.max) / 2;
    case 'bernoulli':
      return d.p;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'exponential':
      return 1 / d.rate;
    case 'poisson':
      return d.lambda;
    case 'categorical': {
      const total = d.weights.reduce((a, b) => a + b, 0);
      if (!(total > 0) || !d.values.every((v) => typeof v === 'number')) return null;
      return d.values.reduce<number>((s, v, i) => s + (v as number) * (d.weights[i] ?? 0), 0) / total;
    }
    case 'powerLaw':
      return boundedMean(d.min, d.max, (x) => x ** -d.alpha);
    case 'zipf':
      return boundedMean(1, Math.min(d.n, 100_000), (k) => k ** -d.s, true);
    default:
      return null;
  }
}

/** Mean of a density (or mass function when `discrete`) on [lo, hi], by summation over 1,000 steps at most. */
function boundedMean(lo: number, hi: number, weight: (x: number) => number, discrete = false): number | null {
  if (!(hi >= lo) || !(lo > 0)) return null;
  const steps = discrete ? Math.min(1000, hi - lo + 1) : 1000;
  let w = 0;
  let m = 0;
  for (let i = 0; i < steps; i++) {
    const x = discrete ? lo + Math.round(((hi - lo) * i) / Math.max(1, steps - 1)) : lo + ((hi - lo) * (i + 0.5)) / steps;
    w += weight(x);
    m += x * weight(x);
  }
  return w > 0 ? m / w : null;
}

/** A half-open numeric range. */
interface Span {
  readonly lo: number;
  readonly hi: number;
}

/** Raw draws are uniform 32-bit integers. */
const RAND_SPAN = 2 ** 32;

const clamp01 = (p: number): number => Math.min(1, Math.max(0, p));

/** Estimates expected values of an entity's expressions. */
class Means {
  readonly #busy = new Set<string>();
  readonly #memo = new Map<string, number | null>();
  /** Raw draws restricted to a sub-range (inside one cell of a bucket over them). */
  readonly #restrict = new Map<number, Span>();
  constructor(private readonly ctx: LowerContext) {}

  /** The range of an expression that is an affine function of one raw draw (uniform over it), else null. */
  uniform(x: Expr, e: EntityIR): (Span & { readonly stream: number; readonly a: number; readonly b: number }) | null {
    if (x.kind === 'rand') {
      const r = this.#restrict.get(x.stream) ?? { lo: 0, hi: RAND_SPAN };
      return { ...r, stream: x.stream, a: 0, b: 1 };
    }
    if (x.kind === 'cast') return this.uniform(x.arg, e);
    if (x.kind === 'col') {
      const c = e.columns.find((k) => k.name === x.name);
      const id = `${e.name}.${x.name}`;
      if (!c || this.#busy.has(id)) return null;
      this.#busy.add(id);
      const u = this.uniform(c.expr, e);
      this.#busy.delete(id);
      return u;
    }
    if (x.kind !== 'binary' || (x.op !== '+' && x.op !== '*' && x.op !== '-')) return null;
    const [u, k, uLeft] = x.left.kind === 'lit' ? [this.uniform(x.right, e), x.left.value, false] : x.right.kind === 'lit' ? [this.uniform(x.left, e), x.right.value, true] : [null, null, false];
    if (!u || typeof k !== 'number') return null;
    const map = (v: number): number => (x.op === '+' ? v + k : x.op === '*' ? v * k : uLeft ? v - k : k - v);
    const [lo, hi] = [map(u.lo), map(u.hi)].sort((p, q) => p - q) as [number, number];
    const a = x.op === '+' ? u.a + k : x.op === '*' ? u.a * k : uLeft ? u.a - k : k - u.a;
    const b = x.op === '*' ? u.b * k : x.op === '-' && !uLeft ? -u.b : u.b;
    return { lo, hi, stream: u.stream, a, b };
  }

  /** Mean of a bucket: each cell's chance over a uniform argument times the cell's mean within it. */
  bucket(x: Extract<Expr, { kind: 'bucket' }>, e: EntityIR): number | null {
    const u = this.uniform(x.arg, e);
    if (!u || !(u.hi > u.lo) || u.b === 0) {
      const ms = x.values.map((v) => this.mean(v, e));
      return ms.some((m) => m === null) ? null : (ms as number[]).reduce((p, q) => p + q, 0) / ms.length;
    }
    let sum = 0;
    for (let j = 0; j < x.values.length; j++) {
      const lo = Math.max(u.lo, j === 0 ? -Infinity : (x.thresholds[j - 1] ?? Infinity));
      const hi = Math.min(u.hi, x.thresholds[j] ?? Infinity);
      if (!(hi > lo)) continue;
      // the raw draw's sub-range giving this cell: arg = a + b · raw
      const [rLo, rHi] = [(lo - u.a) / u.b, (hi - u.a) / u.b].sort((p, q) => p - q) as [number, number];
      const outer = this.#restrict.get(u.stream);
      this.#restrict.set(u.stream, { lo: rLo, hi: rHi });
      const m = this.mean(x.values[j] as Expr, e);
      if (outer) this.#restrict.set(u.stream, outer);
      else this.#restrict.delete(u.stream);
      if (m === null) return null;
      sum += ((hi - lo) / (u.hi - u.lo)) * m;
    }
    return sum;
  }

  /** Mean of an entity's column (null when unknown or recursive). */
  column(entity: string, name: string): number | null {
    const id = `${entity}.${name}`;
    const memo = this.#restrict.size === 0;
    if (memo && this.#memo.has(id)) return this.#memo.get(id) ?? null;
    if (this.#busy.has(id)) return null;
    const e = this.ctx.entities.get(entity);
    const c = e?.columns.find((x) => x.name === name);
    if (!e || !c) return null;
    this.#busy.add(id);
    const m = this.mean(c.expr, e);
    this.#busy.delete(id);
    if (memo) this.#memo.set(id, m);
    return m;
  }

  /** Chance a boolean expression is true (0.5 when unknown). */
  chance(x: Expr, e: EntityIR): number {
    if (x.kind === 'binary') {
      if (x.op === 'and') return this.chance(x.left, e) * this.chance(x.right, e);
      if (x.op === 'or') {
        const p = this.chance(x.left, e);
        const q = this.chance(x.right, e);
        return p + q - p * q;
      }
      if (['<', '<=', '>', '>='].includes(x.op)) {
        const less = x.op === '<' || x.op === '<=';
        // an affine function of one raw draw compared with a value: P(u < m) = (m - lo) / (hi - lo)
        const ul = this.uniform(x.left, e);
        const [u, k, uLess] = ul ? [ul, this.mean(x.right, e), less] : [this.uniform(x.right, e), this.mean(x.left, e), !less];
        if (u && k !== null && u.hi > u.lo) {
          const p = clamp01((k - u.lo) / (u.hi - u.lo));
          return uLess ? p : 1 - p;
        }
        // a uniform draw compared with a value: P(u < m) = (m - min) / (max - min)
        const [d, other, dLess] = x.left.kind === 'draw' && x.left.dist.kind === 'uniform' ? [x.left.dist, x.right, less] : x.right.kind === 'draw' && x.right.dist.kind === 'uniform' ? [x.right.dist, x.left, !less] : [null, null, false];
        if (d && other) {
          const m = this.mean(other, e);
          if (m !== null && d.max > d.min) {
            const p = clamp01((m - d.min) / (d.max - d.min));
            return dLess ? p : 1 - p;
          }
        }
      }
    }
    if (x.kind === 'unary' && x.op === 'not') return 1 - this.chance(x.arg, e);
    if (x.kind === 'lit' && typeof x.value === 'boolean') return x.value ? 1 : 0;
    if (x.kind === 'binary') return 0.5;
    const m = this.mean(x, e);
    return m === null ? 0.5 : clamp01(m);
  }

  /** Expected value of an expression evaluated on a row of `e` (null when unknown). */
  mean(x: Expr, e: EntityIR): number | null {
    switch (x.kind) {
      case 'lit':
        return typeof x.value === 'number' ? x.value : typeof x.value === 'boolean' ? (x.value ? 1 : 0) : null;
      case 'draw':
        return distMean(x.dist);
      case 'col':
        return this.column(e.name, x.name);
      case 'ref':
        return this.column(sideEntity(e, x.side) ?? '', x.name);
      case 'cast':
        return this.mean(x.arg, e);
      case 'rand': {
        const r = this.#restrict.get(x.stream) ?? { lo: 0, hi: RAND_SPAN };
        return (r.lo + r.hi) / 2;
      }
      case 'bucket':
        return this.bucket(x, e);
      case 'pick': {
        const nums = x.items.filter((v): v is number => typeof v === 'number');
        return nums.length === x.items.length && nums.length ? nums.reduce((p, q) => p + q, 0) / nums.length : null;
      }
      case 'unary':
        return this.unary(x, e);
      case 'binary':
        return this.binary(x, e);
      case 'lookup':
        // the looked-up column's mean over the entity it is read from
        return this.column(x.entity, x.column);
      case 'call': {
        if (x.fn === 'coalesce') return x.args.length ? this.mean(x.args[0] as Expr, e) : null;
        if (x.fn !== 'least' && x.fn !== 'greatest') return null;
        const ms = x.args.map((a) => this.mean(a, e));
        if (ms.some((m) => m === null)) return null;
        return x.fn === 'least' ? Math.min(...(ms as number[])) : Math.max(...(ms as number[]));
      }
      case 'case': {
        let rest = 1;
        let sum = 0;
        for (const w of x.whens) {
          const p = this.chance(w.when, e) * rest;
          const m = this.mean(w.then, e);
          if (m === null) return null;
          sum += p * m;
          rest -= p;
        }
        const m = this.mean(x.else, e);
        return m === null ? null : sum + rest * m;
      }
      default:
        return null;
    }
  }

  private unary(x: Extract<Expr, { kind: 'unary' }>, e: EntityIR): number | null {
    if (x.op === 'not') return 1 - this.chance(x.arg, e);
    const m = this.mean(x.arg, e);
    if (m === null) return null;
    if (x.op === 'neg') return -m;
    if (x.op === 'abs') return Math.abs(m);
    if (x.op === 'sqrt') return Math.sqrt(Math.max(0, m));
    if (x.op === 'floor' || x.op === 'ceil') return m;
    return null;
  }

  private binary(x: Extract<Expr, { kind: 'binary' }>, e: EntityIR): number | null {
    if (['and', 'or', '<', '<=', '>', '>=', '=', '<>'].includes(x.op)) return this.chance(x, e);
    const a = this.mean(x.left, e);
    const b = this.mean(x.right, e);
    if (a === null || b === null) return null;
    if (x.op === '+') return a + b;
    if (x.op === '-') return a - b;
    if (x.op === '*') return a * b;
    if ((x.op === '/' || x.op === 'idiv') && b !== 0) return a / b;
    return null;
  }
}

/** The entity a reference side reads. */
function sideEntity(e: EntityIR, side: 'parent' | 'left' | 'right' | 'row'): string | null {
  const s = e.source;
  if (side === 'parent' && s.kind === 'children') return s.parent;
  if (side === 'left' && s.kind === 'cross') return s.left;
  if (side === 'right' && s.kind === 'cross') return s.right;
  if (side === 'row' && (s.kind === 'window' || s.kind === 'group')) return s.from;
  return null;
}

/**
 * Estimated rows of every entity of an expanded scenario, by name (rounded up to whole rows).
 *
 * @example
 * ```ts
 * estimateRows(lowerContext(expandScenario(ir))).get('individuals'); // ≈ households × mean adults
 * ```
 */
export function estimateRows(ctx: LowerContext): ReadonlyMap<string, number> {
  const means = new Means(ctx);
  const rows = new Map<string, number>();
  const of = (name: string): number => rows.get(name) ?? 0;
  // IR entities come in dependency order.
  for (const e of ctx.ir.entities) {
    const s = e.source;
    const from = s.kind === 'group' || s.kind === 'window' ? (ctx.entities.get(s.from) ?? e) : e;
    let n: number;
    if (s.kind === 'sequence') n = s.rows;
    else if (s.kind === 'children') {
      const m = means.mean(s.count, ctx.entities.get(s.parent) ?? e);
      n = of(s.parent) * (m === null ? s.max / 2 : Math.min(s.max, Math.max(0, m)));
    } else if (s.kind === 'cross') n = of(s.left) * of(s.right) * means.chance(s.keep, e);
    else if (s.kind === 'group') {
      const fk = ctx.entities.get(s.from)?.constraints.find((c) => c.kind === 'foreignKey' && c.column === s.by);
      const kept = of(s.from) * (s.where ? means.chance(s.where, from) : 1);
      n = fk?.kind === 'foreignKey' ? Math.min(kept, of(fk.entity)) : kept;
    } else n = of(s.from) * (s.where ? means.chance(s.where, from) : 1);
    rows.set(e.name, Math.ceil(n));
  }
  return rows;
}
