/**
 * Bucket tables: a large step function — a `bucket` node (value i when exactly i thresholds are
 * ≤ its argument) with more than 32 values, e.g. a categorical draw over many values or a
 * piecewise-linear inverse CDF (178 cells) — is read from a small lookup table instead of being
 * printed as a CASE tree with one branch per value (a CASE tree of hundreds of branches makes the
 * statements large and the generated code too big for Spark's whole-stage codegen).
 *
 * The table is found by an equi-join on a bin of the argument computed in closed form:
 * `bin = floor(clamp((x - t₀) · scale, -1, N))` over `N` equal-width bins between the first and
 * the last threshold, where `x` is the argument, or the last threshold when the argument is NULL
 * (a NULL argument takes the last value, as in the CASE tree). The bin is monotone in `x` and is
 * computed here with the same IEEE operations the engines use, so the cells an `x` of a bin can
 * fall in are known at compile time: the table holds, per bin, one row per such cell (`__idx` =
 * bin, the cell's bounds `lo <= x <= hi` — `hi` is the largest double below the cell's upper
 * threshold, the unbounded ends are ∓ the largest double — and the cell's value), and the join
 * keeps the one row whose bounds hold `x`:
 *
 * ```sql
 * LEFT JOIN _sg_lookup_bucket_… b ON b.__idx = <bin> AND b.lo <= coalesce(arg, t_last) AND coalesce(arg, t_last) <= b.hi
 * ```
 *
 * Equality plus plain comparisons, so DuckDB plans a hash join (an OR in the condition made it a
 * nested-loop join) and Spark a broadcast hash join. The comparisons are the CASE tree's for every
 * finite or NULL argument (an infinite one, which no draw produces, finds no row), so every
 * argument gets exactly the CASE tree's value (`bucket-tables.test.ts`). Values are literals
 * (column `v`) or the cells `base + (arg - bound) · slope` of a piecewise inverse CDF over the
 * argument (columns `base`, `bound`, `slope`, evaluated with the same operations as the inline form).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../ir/hash.js';
import type { ColumnType, Expr, LiteralValue } from '../ir/types.js';
import { LOOKUP_INDEX } from './lookup-tables.js';
import { sql, type LookupContent, type SqlExpr } from './sql-nodes.js';

/**
 * Buckets with at least this many values (more than 32 branches) are read from a bucket table.
 *
 * @example
 * ```ts
 * const joined = bucket.values.length >= BUCKET_LOOKUP_MIN_VALUES;
 * ```
 */
export const BUCKET_LOOKUP_MIN_VALUES = 33;

type Bucket = Extract<Expr, { kind: 'bucket' }>;
type Lit = Extract<Expr, { kind: 'lit' }>;

/** How a bucket table's value is read: a literal column, or a piecewise-linear cell over the argument. */
export type BucketValue = { readonly kind: 'literal' } | { readonly kind: 'piecewise' };

/** A bucket read from a lookup table. */
export interface BucketTable {
  /** The lookup table's name (`bucket_<content hash>`): equal buckets share one table. */
  readonly name: string;
  readonly content: LookupContent;
  readonly value: BucketValue;
  /** Number of equal-width bins between the first and the last threshold. */
  readonly bins: number;
  /** The bin of an argument (an IR expression over the argument, lowered like any other). */
  readonly key: (arg: Expr) => Expr;
  /** The last threshold: what a NULL argument is looked up as. */
  readonly fill: Lit;
}

/** Whether a literal prints as a DOUBLE (as `printLiteral` decides). */
const printsDouble = (l: Lit): boolean => typeof l.value === 'number' && (l.type === 'double' || !Number.isInteger(l.value));
const isNum = (x: Expr): x is Lit & { value: number } => x.kind === 'lit' && typeof x.value === 'number';

/**
 * The column type of a bucket's literal values, or null when they do not share one. BIGINT and
 * DOUBLE literals together make a DOUBLE column, the type the engines give such a CASE.
 */
function literalType(values: readonly Expr[]): ColumnType | null {
  const kinds = new Set<string>();
  for (const v of values) {
    if (v.kind !== 'lit') return null;
    if (v.value === null) continue;
    kinds.add(typeof v.value === 'string' ? 'string' : typeof v.value === 'boolean' ? 'boolean' : printsDouble(v) ? 'double' : 'bigint');
  }
  if (kinds.size === 2 && kinds.has('double') && kinds.has('bigint')) kinds.delete('bigint');
  const [kind, ...more] = [...kinds];
  if (!kind || more.length) return null;
  return { kind: kind as 'string' | 'boolean' | 'double' | 'bigint' };
}

/** The cells `base + (arg - bound) * slope` of a piecewise inverse CDF over the bucket's argument, or null. */
function piecewiseCells(e: Bucket): (readonly [number, number, number])[] | null {
  const argSig = canonicalJson(e.arg);
  const cells: (readonly [number, number, number])[] = [];
  for (const v of e.values) {
    if (v.kind !== 'binary' || v.op !== '+' || !isNum(v.left) || !printsDouble(v.left)) return null;
    const m = v.right;
    if (m.kind !== 'binary' || m.op !== '*' || !isNum(m.right) || !printsDouble(m.right)) return null;
    const d = m.left;
    if (d.kind !== 'binary' || d.op !== '-' || !isNum(d.right) || printsDouble(d.right) || canonicalJson(d.left) !== argSig) return null;
    cells.push([v.left.value, d.right.value, m.right.value]);
  }
  return cells;
}

/**
 * Bins: one to two per value, a power of two between 64 and 4,096 — a bin holds about two rows
 * on average, and the table of a 178-cell inverse CDF stays within one 64 KB INSERT.
 */
const binCount = (values: number): number => Math.min(4096, Math.max(64, 2 ** Math.ceil(Math.log2(values))));

/**
 * The bucket table of a bucket node, or null when it stays a CASE tree: fewer than
 * {@link BUCKET_LOOKUP_MIN_VALUES} values, thresholds not ascending or not safe numbers, an
 * argument that is a literal, or values that are neither literals of one type nor the cells of a
 * piecewise inverse CDF over the argument.
 *
 * @example
 * ```ts
 * const t = bucketTable(bucket); // { name: 'bucket_3f0c…', bins: 256, … }
 * ```
 */
export function bucketTable(e: Bucket): BucketTable | null {
  const th = e.thresholds;
  const n = e.values.length;
  if (n < BUCKET_LOOKUP_MIN_VALUES || th.length !== n - 1 || e.arg.kind === 'lit') return null;
  if (!th.every((t, i) => Number.isFinite(t) && Math.abs(t) <= Number.MAX_SAFE_INTEGER && (i === 0 || (th[i - 1] as number) <= t))) return null;
  const t0 = th[0] as number;
  const span = (th[th.length - 1] as number) - t0;
  if (!(span > 0)) return null;
  const litType = literalType(e.values);
  const cells = litType ? null : piecewiseCells(e);
  if (!litType && !cells) return null;

  const bins = binCount(n);
  const scale = bins / span;
  // The engines' bin of a non-NULL argument: the same IEEE operations, in the same order.
  const binOf = (x: number): number => Math.floor(Math.max(-1, Math.min(bins, (x - t0) * scale)));
  const fill: Lit = { kind: 'lit', value: th[th.length - 1] as number, type: th.every(Number.isInteger) ? 'bigint' : 'double' };
  const valueColumns: LookupContent['columns'] = cells
    ? [
        { name: 'base', type: { kind: 'double' } },
        { name: 'bound', type: { kind: 'bigint' } },
        { name: 'slope', type: { kind: 'double' } },
      ]
    : [{ name: 'v', type: litType as ColumnType }];
  const valueOf = (j: number): readonly LiteralValue[] => (cells ? (cells[j] as readonly LiteralValue[]) : [(e.values[j] as Lit).value]);

  // Cell j holds the arguments t[j-1] <= x < t[j]; by monotonicity their bins lie in [bin(t[j-1]), bin(t[j])].
  const perBin: number[][] = Array.from({ length: bins + 2 }, () => []);
  for (let j = 0; j < n; j++) {
    if (j > 0 && j < n - 1 && th[j - 1] === th[j]) continue; // an empty cell
    const from = j === 0 ? -1 : binOf(th[j - 1] as number);
    const to = j === n - 1 ? bins : binOf(th[j] as number);
    for (let b = from; b <= to; b++) (perBin[b + 1] as number[]).push(j);
  }
  const rows: LiteralValue[][] = [];
  perBin.forEach((js, i) => js.forEach((j) => rows.push([i - 1, j === 0 ? -Number.MAX_VALUE : (th[j - 1] as number), j === n - 1 ? Number.MAX_VALUE : nextDown(th[j] as number), ...valueOf(j)])));
  const content: LookupContent = {
    columns: [{ name: LOOKUP_INDEX, type: { kind: 'bigint' } }, { name: 'lo', type: { kind: 'double' } }, { name: 'hi', type: { kind: 'double' } }, ...valueColumns],
    rows,
  };
  // Buckets share a table only when both its rows and the bin computed from their arguments are equal.
  const name = `bucket_${createHash('sha256').update(canonicalJson({ content, bins, t0, scale, fill })).digest('hex').slice(0, 16)}`;
  const dbl = (value: number): Expr => ({ kind: 'lit', value, type: 'double' });
  const x = (arg: Expr): Expr => ({ kind: 'call', fn: 'coalesce', args: [arg, fill] });
  const key = (arg: Expr): Expr => ({
    kind: 'unary',
    op: 'floor',
    arg: {
      kind: 'call',
      fn: 'greatest',
      args: [dbl(-1), { kind: 'call', fn: 'least', args: [dbl(bins), { kind: 'binary', op: '*', left: { kind: 'binary', op: '-', left: x(arg), right: { ...fill, value: t0 } }, right: dbl(scale) }] }],
    },
  });
  return { name, content, value: cells ? { kind: 'piecewise' } : { kind: 'literal' }, bins, key, fill };
}

/** The largest double below `t`: `x < t` ⟺ `x <= nextDown(t)` for every double, and for every integer below 2^53 or with `t` a safe integer. */
function nextDown(t: number): number {
  if (t === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([t]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] = (bits[0] as bigint) + (t > 0 ? -1n : 1n);
  return f[0] as number;
}

/**
 * The join condition of a bucket table aliased `right` for the bin column `keyCol` and the
 * argument column `argCol` of `left`: the bin, then the cell's bounds.
 *
 * @example
 * ```ts
 * bucketJoinOn(table, 'l0', 'l1', '__k', 'u_age'); // "l1"."__idx" = "l0"."__k" AND "l1"."lo" <= coalesce("l0"."u_age", …) AND …
 * ```
 */
export function bucketJoinOn(table: BucketTable, left: string, right: string, keyCol: string, argCol: string): SqlExpr {
  const x = sql.call('coalesce', [sql.col(left, argCol), sql.lit(table.fill.value, table.fill.type)]);
  return sql.binary('and', sql.binary('and', sql.binary('=', sql.col(right, LOOKUP_INDEX), sql.col(left, keyCol)), sql.binary('<=', sql.col(right, 'lo'), x)), sql.binary('<=', x, sql.col(right, 'hi')));
}

/**
 * The bucket's value read from the joined row of its table `right`: the literal, or the cell's
 * `base + (arg - bound) * slope` over the argument column `argCol` of `left`.
 *
 * @example
 * ```ts
 * bucketValue({ kind: 'literal' }, 'l0', 'l1', 'u_age'); // "l1"."v"
 * ```
 */
export function bucketValue(value: BucketValue, left: string, right: string, argCol: string): SqlExpr {
  if (value.kind === 'literal') return sql.col(right, 'v');
  return sql.binary('+', sql.col(right, 'base'), sql.binary('*', sql.binary('-', sql.col(left, argCol), sql.col(right, 'bound')), sql.col(right, 'slope')));
}
