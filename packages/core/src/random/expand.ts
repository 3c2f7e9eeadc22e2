/**
 * Draw expansion: rewrites high-level `draw` and `pool` nodes into the low-level nodes that the
 * evaluator and every SQL dialect share (`rand`, `bucket`, `pick`, arithmetic). Pure and
 * deterministic: the same IR gives the same low-level tree everywhere.
 */
import { SpecError } from '../errors.js';
import { collect, mapChildren } from '../ir/walk.js';
import type { Dist, Expr, LiteralValue, PoolIR } from '../ir/types.js';
import { INV_TWO_32, TWO_32, streamOf } from './mixer.js';
import { cumulativeThresholds, normalQuantile, piecewiseTable, type PiecewiseTable } from './quantiles.js';

const lit = (value: LiteralValue, type: 'bigint' | 'double' | 'boolean' | 'string' = typeof value === 'number' ? (Number.isInteger(value) ? 'bigint' : 'double') : typeof value === 'boolean' ? 'boolean' : 'string'): Expr => ({ kind: 'lit', value, type });
const dbl = (value: number): Expr => ({ kind: 'lit', value, type: 'double' });
const big = (value: number): Expr => ({ kind: 'lit', value, type: 'bigint' });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
const unit = (r: Expr): Expr => bin('*', r, dbl(INV_TWO_32));

const tableCache = new Map<string, PiecewiseTable>();
function cachedTable(key: string, q: (u: number) => number): PiecewiseTable {
  let t = tableCache.get(key);
  if (!t) {
    t = piecewiseTable(q);
    tableCache.set(key, t);
  }
  return t;
}

/** Standard normal table shared by every normal draw. */
export function standardNormalTable(): PiecewiseTable {
  return cachedTable('normal', normalQuantile);
}

function piecewiseExpr(t: PiecewiseTable, r: Expr): Expr {
  const values = t.bounds.map((b, j) => bin('+', dbl(t.base[j] as number), bin('*', bin('-', r, big(b)), dbl(t.slope[j] as number))));
  return { kind: 'bucket', arg: r, thresholds: t.bounds.slice(1), values };
}

function categorical(r: Expr, values: readonly LiteralValue[], weights: readonly number[], type?: 'bigint' | 'double' | 'boolean' | 'string'): Expr {
  if (values.length !== weights.length) throw new SpecError([{ path: 'dist', message: `categorical has ${values.length} values but ${weights.length} weights`, fix: 'give one weight per value' }]);
  const thresholds = cumulativeThresholds(weights);
  return { kind: 'bucket', arg: r, thresholds, values: values.map((v) => lit(v, type)) };
}

/** Context for expanding one entity's expressions. */
export interface ExpandContext {
  /** Stream-name prefix, e.g. `individuals.age`. */
  readonly prefix: string;
  readonly pools: ReadonlyMap<string, PoolIR>;
}

/**
 * Expands one expression tree. `draw` slots become streams named `<prefix>.<slot>`.
 *
 * @example
 * ```ts
 * expandExpr({ kind: 'draw', slot: '0', dist: { kind: 'bernoulli', p: 0.5 } }, { prefix: 'e.c', pools: new Map() });
 * ```
 */
export function expandExpr(e: Expr, ctx: ExpandContext): Expr {
  const rec = (x: Expr): Expr => expandExpr(x, ctx);
  if (e.kind === 'draw') return expandDraw(e.dist, `${ctx.prefix}.${e.slot}`, ctx, rec);
  if (e.kind !== 'pool') return mapChildren(e, rec);
  const pool = ctx.pools.get(e.pool);
  if (!pool) throw new SpecError([{ path: ctx.prefix, message: `unknown pool '${e.pool}'`, fix: `declare the pool with scenario.pool('${e.pool}', …)` }]);
  const ci = pool.columns.findIndex((c) => c.name === e.column);
  const col = pool.columns[ci];
  if (!col) throw new SpecError([{ path: ctx.prefix, message: `pool '${e.pool}' has no column '${e.column}'`, fix: `use one of ${pool.columns.map((c) => c.name).join(', ')}` }]);
  const type = col.type === 'string' ? 'string' : col.type === 'int' ? 'bigint' : 'double';
  return { kind: 'pick', items: pool.rows.map((row) => row[ci] as string | number), index: rec(e.index), type, pool: { name: pool.name, column: col.name } };
}

const DAY_US = 86_400_000_000;
const HOUR_US = 3_600_000_000;
/** Day-CDF resolution for timestamp draws restricted to a per-row window. */
const DAY_TOTAL = 2 ** 31;

/** Relative weight of each day of a timestamp window (weekday × month shaping). */
export function dayWeights(d: Extract<Dist, { kind: 'timestamp' }>): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.days; i++) {
    const date = new Date((d.start + i * DAY_US) / 1000);
    const dow = (date.getUTCDay() + 6) % 7; // Monday = 0
    const w = (d.weekdayWeights ? (d.weekdayWeights[dow] as number) : 1) * (d.monthWeights ? (d.monthWeights[date.getUTCMonth()] as number) : 1);
    out.push(w);
  }
  return out;
}

function expandDraw(d: Dist, stream: string, ctx: ExpandContext, rec: (x: Expr) => Expr): Expr {
  const r: Expr = { kind: 'rand', stream: streamOf(stream) };
  switch (d.kind) {
    case 'uniform':
      return bin('+', dbl(d.min), bin('*', dbl(d.max - d.min), unit(r)));
    case 'int': {
      const n = d.max - d.min + 1;
      if (n < 1) throw new SpecError([{ path: stream, message: `int range is empty (min ${d.min} > max ${d.max})`, fix: 'swap min and max' }]);
      if (n > 2 ** 21) return { kind: 'unary', op: 'floor', arg: bin('+', dbl(d.min), bin('*', dbl(n), unit(r))) };
      return bin('+', big(d.min), bin('idiv', bin('*', r, big(n)), big(TWO_32)));
    }
    case 'bernoulli':
      return bin('<', r, big(Math.round(d.p * TWO_32)));
    case 'categorical':
      return categorical(r, d.values, d.weights);
    case 'normal':
      if (d.sd === 0) return dbl(d.mean);
      return bin('+', dbl(d.mean), bin('*', dbl(d.sd), piecewiseExpr(standardNormalTable(), r)));
    case 'lognormal':
      return piecewiseExpr(cachedTable(`lognormal:${d.mu}:${d.sigma}`, (u) => Math.exp(d.mu + d.sigma * normalQuantile(u))), r);
    case 'exponential':
      return piecewiseExpr(cachedTable(`exp:${d.rate}`, (u) => -Math.log1p(-u) / d.rate), r);
    case 'powerLaw': {
      if (!(d.max > d.min && d.min > 0)) throw new SpecError([{ path: stream, message: 'powerLaw needs 0 < min < max', value: d, fix: 'set min > 0 and max > min' }]);
      const a = d.alpha - 1;
      const tail = 1 - (d.min / d.max) ** a;
      return piecewiseExpr(cachedTable(`pl:${d.alpha}:${d.min}:${d.max}`, (u) => d.min * (1 - u * tail) ** (-1 / a)), r);
    }
    case 'poisson': {
      const values: number[] = [];
      const weights: number[] = [];
      let p: number;
      let cdf = 0;
      // log-space recursion keeps large lambdas finite
      let logp = -d.lambda;
      for (let k = 0; ; k++) {
        if (k > 0) logp += Math.log(d.lambda / k);
        p = Math.exp(logp);
        values.push(k);
        weights.push(p);
        cdf += p;
        if (k > d.lambda && (1 - cdf) * TWO_32 < 0.5) break;
        if (k > 10 * d.lambda + 100) break;
      }
      return categorical(r, values, weights, 'bigint');
    }
    case 'zipf': {
      const values = Array.from({ length: d.n }, (_, i) => i + 1);
      return categorical(r, values, values.map((k) => 1 / k ** d.s), 'bigint');
    }
    case 'poolRow': {
      const pool = ctx.pools.get(d.pool);
      if (!pool) throw new SpecError([{ path: stream, message: `unknown pool '${d.pool}'`, fix: `declare the pool with scenario.pool('${d.pool}', …)` }]);
      const n = pool.rows.length;
      if (pool.weights) return categorical(r, pool.rows.map((_, i) => i), pool.weights, 'bigint');
      return bin('idiv', bin('*', r, big(n)), big(TWO_32));
    }
    case 'timestamp':
      return expandTimestamp(d, stream, rec);
  }
}

/** Index of the window day holding a timestamp, clamped to the window. */
const dayIndexOf = (d: Extract<Dist, { kind: 'timestamp' }>, ts: Expr): Expr => ({
  kind: 'call',
  fn: 'least',
  args: [big(d.days - 1), { kind: 'call', fn: 'greatest', args: [big(0), bin('idiv', bin('-', ts, big(d.start)), big(DAY_US))] }],
});

/** Whether every day weight repeats with the week (no month shaping, or all months alike). */
function weeklyPeriodic(d: Extract<Dist, { kind: 'timestamp' }>): boolean {
  const m = d.monthWeights;
  return !m || m.every((w) => w === m[0] && w > 0);
}

/** Whether every day of the window has the same weight. */
function uniformDays(d: Extract<Dist, { kind: 'timestamp' }>): boolean {
  const wk = d.weekdayWeights;
  return weeklyPeriodic(d) && (!wk || wk.every((w) => w === wk[0] && w > 0));
}

/** Scale of the cumulative weights of a weekly-periodic window restricted to per-row bounds. */
const WEEKLY_TOTAL = 2 ** 26;
/** Smallest integer weight of a week on that scale (finer weekday resolution than 1e-3). */
const MIN_WEEK_WEIGHT = 2 ** 10;

/** Weekday (Monday = 0) of the window's first day. */
const weekdayOfStart = (d: Extract<Dist, { kind: 'timestamp' }>): number => (new Date(d.start / 1000).getUTCDay() + 6) % 7;

/** Integer weight of one week when the window's cumulative weights (plus a week of slack) fill WEEKLY_TOTAL. */
const weekWeight = (d: Extract<Dist, { kind: 'timestamp' }>): number => Math.floor(WEEKLY_TOTAL / (Math.ceil((d.days + weekdayOfStart(d) + 1) / 7) + 1));

/** Largest window (days) whose uniform day draw uses the closed form below (it is exact there). */
const CLOSED_FORM_DAYS = 2 ** 20;

/**
 * The day of a window of `n` equally weighted days from a 32-bit draw `r`, in closed form:
 * `⌊(n·(2r + 1) − 1) / 2^33⌋` counts the thresholds `round(k·2^32 / n)` (k = 1 … n − 1) that are
 * ≤ r, so it picks exactly the day the categorical bucket over those thresholds picks, without
 * an n-way CASE tree (see `expand.test.ts`).
 */
function uniformDay(r: Expr, n: number): Expr {
  return bin('idiv', bin('-', bin('*', bin('+', bin('*', r, big(2)), big(1)), big(n)), big(1)), big(2 * TWO_32));
}

/**
 * The day of a draw restricted to per-row bounds when day weights repeat weekly: the cumulative
 * weight up to absolute day a (counted from the Monday on or before the window start) is
 * `W·⌊a/7⌋ + cw[a mod 7]`, with `W` the integer weight of a week and `cw` the 7 cumulative
 * weekday weights, so the draw is squeezed into [C(from), C(to + 1)) and inverted with a 7-way
 * bucket — a constant-size expression whatever the window length.
 */
function weeklyWithinDay(d: Extract<Dist, { kind: 'timestamp' }>, week: number, rDay: Expr, from: Expr, to: Expr): Expr {
  const dow0 = weekdayOfStart(d);
  const cw = cumulativeThresholds(d.weekdayWeights ?? [1, 1, 1, 1, 1, 1, 1], week);
  const cumAt = (a: Expr): Expr =>
    bin('+', bin('*', bin('idiv', a, big(7)), big(week)), { kind: 'bucket', arg: bin('%', a, big(7)), thresholds: [1, 2, 3, 4, 5, 6], values: [0, ...cw].map((c) => big(c)) });
  const lo = cumAt(bin('+', dayIndexOf(d, from), big(dow0)));
  const hi = cumAt(bin('+', dayIndexOf(d, to), big(dow0 + 1)));
  // 27 bits of the draw times a range below 2^26 stays below 2^53: exact in every engine and in doubles.
  const squeezed = bin('+', lo, bin('idiv', bin('*', bin('idiv', rDay, big(32)), bin('-', hi, lo)), big(2 ** 27)));
  const weekNo = bin('idiv', squeezed, big(week));
  const inWeek: Expr = { kind: 'bucket', arg: bin('%', squeezed, big(week)), thresholds: cw, values: [0, 1, 2, 3, 4, 5, 6].map((v) => big(v)) };
  return bin('-', bin('+', bin('*', weekNo, big(7)), inWeek), big(dow0));
}

/** The day of a draw restricted to per-row bounds, for any day weights (window-sized buckets). */
function generalWithinDay(d: Extract<Dist, { kind: 'timestamp' }>, weights: readonly number[], rDay: Expr, from: Expr, to: Expr): Expr {
  const days = weights.map((_, i) => i);
  // Cumulative day weights on a 2^31 scale; the draw is squeezed into [cum(fromDay), cum(toDay + 1)).
  const thresholds = cumulativeThresholds(weights, DAY_TOTAL);
  const cum = [0, ...thresholds, DAY_TOTAL];
  const cumAt = (idx: Expr): Expr => ({ kind: 'bucket', arg: idx, thresholds: days.slice(1).concat([d.days]), values: cum.map((c) => big(c)) });
  const lo = cumAt(dayIndexOf(d, from));
  const hi = cumAt(bin('+', dayIndexOf(d, to), big(1)));
  const squeezed = bin('+', lo, bin('idiv', bin('*', bin('idiv', rDay, big(2)), bin('-', hi, lo)), big(DAY_TOTAL)));
  return { kind: 'bucket', arg: squeezed, thresholds, values: days.map((v) => big(v)) };
}

function expandTimestamp(d: Extract<Dist, { kind: 'timestamp' }>, stream: string, rec: (x: Expr) => Expr): Expr {
  const rDay: Expr = { kind: 'rand', stream: streamOf(`${stream}:day`) };
  const rHour: Expr = { kind: 'rand', stream: streamOf(`${stream}:hour`) };
  const rSec: Expr = { kind: 'rand', stream: streamOf(`${stream}:second`) };
  let day: Expr;
  if (!d.within) {
    day =
      uniformDays(d) && d.days <= CLOSED_FORM_DAYS
        ? uniformDay(rDay, d.days)
        : categorical(
            rDay,
            Array.from({ length: d.days }, (_, i) => i),
            dayWeights(d),
            'bigint',
          );
  } else {
    const from = rec(d.within.from);
    const to = rec(d.within.to);
    const week = weekWeight(d);
    day = weeklyPeriodic(d) && week >= MIN_WEEK_WEIGHT ? weeklyWithinDay(d, week, rDay, from, to) : generalWithinDay(d, dayWeights(d), rDay, from, to);
  }
  const hour = d.hourWeights ? categorical(rHour, Array.from({ length: 24 }, (_, i) => i), d.hourWeights, 'bigint') : bin('idiv', bin('*', rHour, big(24)), big(TWO_32));
  const second = bin('idiv', bin('*', rSec, big(3600)), big(TWO_32));
  let ts = bin('+', bin('+', bin('+', big(d.start), bin('*', day, big(DAY_US))), bin('*', hour, big(HOUR_US))), bin('*', second, big(1_000_000)));
  if (d.within) ts = { kind: 'call', fn: 'greatest', args: [rec(d.within.from), { kind: 'call', fn: 'least', args: [rec(d.within.to), ts] }] };
  return ts;
}

/**
 * Collects the distinct `rand` streams of a low-level tree, in first-seen order.
 *
 * @example
 * ```ts
 * collectStreams(expandExpr(e, ctx)); // [6582064220382092, …]
 * ```
 */
export function collectStreams(e: Expr): number[] {
  return collect([e], (x) => (x.kind === 'rand' ? x.stream : undefined));
}
