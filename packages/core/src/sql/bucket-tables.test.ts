/**
 * Bucket tables: a bucket of more than 32 values is lowered to a LEFT JOIN against its table (no
 * CASE tree), and the join — the bin of the argument, then the one row whose bounds hold it —
 * gives every argument the value the inline CASE tree gives it: at every threshold, just below
 * and above it, outside the thresholds (up to the largest doubles), in an empty cell, and for NULL.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../dsl/column-types.js';
import { normal, pick, steps, uniform } from '../dsl/expr.js';
import { scenario } from '../dsl/scenario-builder.js';
import { compileBucket } from '../eval/compile-bucket.js';
import { compileExpr, type CompileEnv, type RowCtx, type Value } from '../eval/compile-expr.js';
import { InternalError } from '../errors.js';
import type { Expr, LiteralValue } from '../ir/types.js';
import { expandExpr } from '../random/expand.js';
import { bucketTable, BUCKET_LOOKUP_MIN_VALUES, type BucketTable } from './bucket-tables.js';
import { lookupTablesOf } from './lookup-tables.js';
import { lowerEntity } from './lower-entity.js';
import type { SqlFrom, SqlSelect } from './sql-nodes.js';

type Bucket = Extract<Expr, { kind: 'bucket' }>;
const lit = (value: LiteralValue, type: 'bigint' | 'double' | 'string' = 'bigint'): Expr => ({ kind: 'lit', value, type });
const X: Expr = { kind: 'col', name: 'x' };
const env: CompileEnv = {
  seed: 1,
  ownSlot: () => 0,
  sideSlot: () => {
    throw new InternalError('no side');
  },
  lookup: () => () => null,
};
const ctx = (x: number | null): RowCtx => ({ key: 0, index: 0, vals: [x], parent: null, left: null, right: null, row: null });

/** What the engines do with the bucket table: the bin of the argument (the last threshold for NULL), then the rows of that bin whose bounds hold it. */
function joined(table: BucketTable, x: number | null): Value[] {
  const key = compileExpr(table.key(X), env)(ctx(x));
  const filled = x ?? (table.fill.value as number);
  const cols = table.content.columns.map((c) => c.name);
  const at = (row: readonly LiteralValue[], name: string): LiteralValue => row[cols.indexOf(name)] as LiteralValue;
  return table.content.rows
    .filter((r) => at(r, '__idx') === key && (at(r, 'lo') as number) <= filled && filled <= (at(r, 'hi') as number))
    .map((r) => (table.value.kind === 'literal' ? at(r, 'v') : x === null ? null : (at(r, 'base') as number) + (x - (at(r, 'bound') as number)) * (at(r, 'slope') as number)));
}

/** Thresholds, the doubles next to them, points between them and far outside, and NULL. */
function boundaryInputs(th: readonly number[]): (number | null)[] {
  const out: (number | null)[] = [null, -Number.MAX_VALUE, Number.MAX_VALUE, -1e300, 1e300, -Number.MIN_VALUE, 0, (th[0] as number) - 1, (th[th.length - 1] as number) + 1];
  th.forEach((v, i) => out.push(v, v - Math.max(Math.abs(v), 1) * 2 ** -52, v + Math.max(Math.abs(v), 1) * 2 ** -52, i > 0 ? (v + (th[i - 1] as number)) / 2 : v - 0.5));
  return out;
}

function expectSameAsInline(e: Bucket, inputs: readonly (number | null)[]): void {
  const table = bucketTable(e);
  expect(table).not.toBeNull();
  const inline = compileBucket(e, (v) => compileExpr(v, env));
  for (const x of inputs) expect(joined(table as BucketTable, x), `x = ${x}`).toEqual([inline(ctx(x))]);
}

describe('bucket tables', () => {
  it('a bucket with 200 thresholds lowers to a join against its table, not to a CASE tree', () => {
    const th = Array.from({ length: 200 }, (_, i) => i * 0.37 - 20);
    const ir = scenario('s')
      .entity('e', (e) =>
        e
          .rows(10)
          .key('id')
          .column('u', t.double(), () => uniform(-30, 60))
          .column('band', t.string(), (c) => steps(c.col('u'), th, Array.from({ length: 201 }, (_, i) => `b${i}`))),
      )
      .toIR({ seed: 1 });
    const select = lowerEntity(ir, 'e').select;
    const nodes = JSON.stringify(select);
    expect(nodes).not.toContain('"kind":"bucket"');
    const reads = lookupTablesOf([select]);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.name).toMatch(/^bucket_[0-9a-f]{16}$/);
    const joins: SqlFrom[] = [];
    const walk = (s: SqlSelect): void => {
      const from = (f: SqlFrom): void => {
        if (f.kind === 'join') {
          joins.push(f);
          from(f.left);
        } else if (f.kind === 'subquery') walk(f.select);
      };
      from(s.from);
    };
    walk(select);
    expect(joins.map((j) => j.kind === 'join' && j.type === 'left' && j.right.kind === 'lookup' && j.right.name)).toEqual([reads[0]?.name]);
    // 201 string values and their thresholds, one or more rows per bin
    const cols = reads[0]?.content?.columns.map((c) => `${c.name} ${c.type.kind}`);
    expect(cols).toEqual(['__idx bigint', 'lo double', 'hi double', 'v string']);
  });

  it('gives the inline value at, next to and between 200 double thresholds, outside them and for NULL', () => {
    const th = Array.from({ length: 200 }, (_, i) => i * 0.37 - 20);
    expectSameAsInline({ kind: 'bucket', arg: X, thresholds: th, values: Array.from({ length: 201 }, (_, i) => lit(`b${i}`, 'string')) }, boundaryInputs(th));
  });

  it('gives the inline value over integer thresholds with repeats (empty cells) and uneven gaps', () => {
    const th: number[] = [];
    for (let i = 0; i < 120; i++) th.push(i % 17 === 5 ? (th[i - 1] as number) : i < 60 ? i * i : 3600 + (i - 60) * 1_000_003);
    expectSameAsInline({ kind: 'bucket', arg: X, thresholds: th, values: th.concat([0]).map((_, i) => lit(i * 3)) }, boundaryInputs(th));
  });

  it('gives the inline value of a piecewise inverse CDF and of a weighted choice over a 32-bit draw', () => {
    const expanded = (e: Expr): Bucket => {
      let found: Bucket | undefined;
      const find = (x: Expr): void => {
        if (x.kind === 'bucket' && x.values.length >= BUCKET_LOOKUP_MIN_VALUES) found = x;
        else if (x.kind === 'binary') {
          find(x.left);
          find(x.right);
        }
      };
      find(expandExpr(e, { prefix: 'e.c', pools: new Map() }));
      // the draw as a column, as the lowering sees it after the mixing layers
      const b = found as Bucket;
      return JSON.parse(JSON.stringify(b).replaceAll(JSON.stringify(b.arg), JSON.stringify(X))) as Bucket;
    };
    const cdf = expanded(normal(0, 1).node);
    expect(bucketTable(cdf)?.value).toEqual({ kind: 'piecewise' });
    const draws = [0, 1, 2, 3, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1, ...cdf.thresholds.flatMap((v) => [v - 1, v, v + 1]), ...Array.from({ length: 500 }, (_, i) => (i * 2_654_435_761) % 2 ** 32)];
    expectSameAsInline(cdf, draws);
    const choice = expanded(pick(Array.from({ length: 50 }, (_, i) => i * 0.5), Array.from({ length: 50 }, (_, i) => (i % 5 === 0 ? 0 : 1 + i))).node);
    expect(bucketTable(choice)?.value).toEqual({ kind: 'literal' });
    expectSameAsInline(choice, [...draws, ...choice.thresholds.flatMap((v) => [v - 1, v, v + 1])]);
  });

  it('keeps small buckets, unsorted thresholds and values that are neither literals nor cells as CASE trees', () => {
    const values = (n: number): Expr[] => Array.from({ length: n }, (_, i) => lit(i));
    const th = (n: number): number[] => Array.from({ length: n - 1 }, (_, i) => i);
    expect(bucketTable({ kind: 'bucket', arg: X, thresholds: th(32), values: values(32) })).toBeNull();
    expect(bucketTable({ kind: 'bucket', arg: X, thresholds: th(33), values: values(33) })).not.toBeNull();
    expect(bucketTable({ kind: 'bucket', arg: X, thresholds: th(40).reverse(), values: values(40) })).toBeNull();
    expect(bucketTable({ kind: 'bucket', arg: X, thresholds: th(40), values: [...values(39), X] })).toBeNull();
    expect(bucketTable({ kind: 'bucket', arg: X, thresholds: th(40), values: [...values(39), lit('x', 'string')] })).toBeNull();
  });
});
