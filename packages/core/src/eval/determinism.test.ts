/**
 * Determinism (DESIGN.md, "Determinism — invariant") as property tests on the in-process
 * evaluator: the same IR and seed give the same rows whatever the offset/limit split, batch size,
 * column declaration order or process; adding a column changes no other column; another seed
 * changes the data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { t, type AnyTypeDesc, type Micros } from '../dsl/column-types.js';
import {
  bernoulli,
  concat,
  days,
  exponential,
  intBetween,
  lognormal,
  normal,
  pick,
  sha256,
  timestampIn,
  toScaled,
  uniform,
  type X,
} from '../dsl/expr.js';
import { scenario, type ColumnCtx, type EntityBuilder, type RowShape } from '../dsl/scenario-builder.js';
import { parseIR } from '../ir/schema.js';
import type { ScenarioIR } from '../ir/types.js';
import { OPAQUE_KEY_DOMAIN, encodeKey, keyRoundKeys } from '../random/opaque-keys.js';
import { Evaluator, type Row } from './evaluator.js';
import { hashRows } from '../../test/support/rows-hash.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Individuals' builder with its column types erased, so columns can be declared in any order. */
type Loose = EntityBuilder<Record<string, RowShape>, RowShape, { parent: RowShape }, string>;
type Ctx = ColumnCtx<Record<string, RowShape>, RowShape, { parent: RowShape }>;
interface ColumnDef {
  readonly name: string;
  readonly type: AnyTypeDesc;
  readonly expr: (c: Ctx) => X<unknown>;
}

const HOURLY = Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 22 ? 3 : 1));

/** Independent individuals columns (none reads another own column): any order is valid. */
const INDEPENDENT: readonly ColumnDef[] = [
  { name: 'household_id', type: t.bigint(), expr: (c) => c.parent.col('household_id') as X<number> },
  { name: 'member', type: t.int(), expr: (c) => c.index() },
  { name: 'age', type: t.int(), expr: () => intBetween(0, 90) },
  { name: 'score', type: t.double(), expr: () => normal(0, 1) },
  { name: 'segment', type: t.string(), expr: () => pick({ new: 3, regular: 5, vip: 1 }) },
  {
    name: 'joined_at',
    type: t.timestamp(),
    expr: (c) => timestampIn({ start: '2024-01-01', days: 800, hourly: HOURLY, within: { from: c.parent.col('created_at') as X<Micros>, to: (c.parent.col('created_at') as X<Micros>).plus(days(365)) } }),
  },
  { name: 'email_sha', type: t.string(), expr: (c) => sha256(concat('user', c.key().str(), '@example.com')) },
  { name: 'balance', type: t.decimal(12, 2), expr: () => toScaled(exponential(0.001), 2) },
  { name: 'active', type: t.boolean(), expr: () => bernoulli(0.8) },
];
/** Columns reading other own columns (declared after them). */
const DEPENDENT: readonly ColumnDef[] = [
  { name: 'adult', type: t.boolean(), expr: (c) => (c.col('age') as X<number>).ge(18) },
  { name: 'score_band', type: t.int(), expr: (c) => (c.col('score') as X<number>).times(10).floor() },
];
const EXTRA: ColumnDef = { name: 'extra', type: t.double(), expr: () => uniform(0, 1).plus(normal(0, 1)) };

/**
 * households (count column `size`) → individuals (children with count from the parent column).
 * `columns` lists the individuals' columns after the key, in declaration order.
 */
function build(households: number, columns: readonly ColumnDef[] = [...INDEPENDENT, ...DEPENDENT]) {
  return scenario('determinism')
    .entity('households', (e) =>
      e
        .rows(households)
        .key('household_id')
        .column('size', t.int(), () => intBetween(0, 5))
        .column('income', t.decimal(12, 2), () => toScaled(lognormal(10.8, 0.6), 2))
        .column('created_at', t.timestamp(), () => timestampIn({ start: '2024-01-01', days: 365, hourly: HOURLY, weekly: [1, 1, 1, 1, 1.2, 1.6, 1.5] }))
        .column('region', t.string(), () => pick({ north: 1, south: 2, east: 1.5, west: 0.5 })),
    )
    .entity('individuals', (e) => {
      const base = e.childrenOf('households', { count: (p) => p.col('size'), max: 5 }).key('individual_id') as unknown as Loose;
      return columns.reduce((b, d) => b.column(d.name, d.type, (c) => d.expr(c)), base);
    });
}

const H = 150;
const IR = build(H).toIR({ seed: 42 });
/** The same scenario with the readable internal keys (`individual_id = household_id · 8 + member`). */
const STRUCTURED = build(H).keys('structured').toIR({ seed: 42 });
const reference = {
  households: new Evaluator(IR).rows('households'),
  individuals: new Evaluator(IR).rows('individuals'),
};

async function collect(ev: Evaluator, entity: string, options: { batchSize: number; offset?: number; limit?: number }): Promise<Row[][]> {
  const out: Row[][] = [];
  for await (const b of ev.batches(entity, options)) out.push(b);
  return out;
}

/** Strictly increasing cut points inside [0, n], as offsets of consecutive slices. */
const cuts = (n: number) => fc.uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: 8 }).map((a) => [0, ...a.sort((x, y) => x - y).filter((x) => x > 0 && x < n), n]);

describe('the reference scenario', () => {
  it('has children counted by the parent column, keys encoding the parent (structured keys), every column kind', () => {
    const sizes = reference.households.map((h) => h['size'] as number);
    expect(reference.individuals).toHaveLength(sizes.reduce((a, b) => a + b, 0));
    for (const r of new Evaluator(STRUCTURED).rows('individuals')) {
      expect(r['individual_id']).toBe((r['household_id'] as number) * 8 + (r['member'] as number));
    }
    for (const r of reference.individuals) {
      expect(typeof r['age']).toBe('number');
      expect(typeof r['score']).toBe('number');
      expect(typeof r['segment']).toBe('string');
      expect(r['joined_at']).toBeInstanceOf(Date);
      expect(r['email_sha']).toMatch(/^[0-9a-f]{64}$/);
      expect(r['balance']).toMatch(/^\d+\.\d\d$/);
      expect(typeof r['active']).toBe('boolean');
    }
    expect(new Set(sizes).size).toBeGreaterThan(3);
  });

  it('opaque keys (the default) change only the id columns: the bijection of the structured ids, unique, the parent id of each child', () => {
    const rk = { households: keyRoundKeys('households'), individuals: keyRoundKeys('individuals') };
    const structured = { households: new Evaluator(STRUCTURED).rows('households'), individuals: new Evaluator(STRUCTURED).rows('individuals') };
    expect(reference.households).toEqual(structured.households.map((r) => ({ ...r, household_id: encodeKey(rk.households, r['household_id'] as number) })));
    expect(reference.individuals).toEqual(
      structured.individuals.map((r) => ({ ...r, individual_id: encodeKey(rk.individuals, r['individual_id'] as number), household_id: encodeKey(rk.households, r['household_id'] as number) })),
    );
    const ids = reference.individuals.map((r) => r['individual_id'] as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => Number.isSafeInteger(id) && id >= 0 && id < OPAQUE_KEY_DOMAIN)).toBe(true);
    // no child id is its parent's id times 8 plus the member index
    expect(reference.individuals.filter((r) => Math.floor((r['individual_id'] as number) / 8) === r['household_id']).length).toBe(0);
  });
});

describe('evaluation order does not matter', () => {
  it('any offset/limit split gives the same rows', () => {
    for (const entity of ['households', 'individuals'] as const) {
      const all = reference[entity];
      fc.assert(
        fc.property(cuts(all.length), fc.boolean(), (points, fresh) => {
          const shared = new Evaluator(IR);
          const parts: Row[] = [];
          for (let i = 0; i + 1 < points.length; i++) {
            const ev = fresh ? new Evaluator(IR) : shared;
            parts.push(...ev.rows(entity, { offset: points[i] as number, limit: (points[i + 1] as number) - (points[i] as number) }));
          }
          expect(parts).toEqual(all);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('any batch size (with or without offset/limit) gives the same rows', async () => {
    const all = reference.individuals;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: all.length + 5 }), fc.nat({ max: all.length }), fc.option(fc.nat({ max: all.length })), async (batchSize, offset, limit) => {
        const batches = await collect(new Evaluator(IR), 'individuals', { batchSize, offset, ...(limit === null ? {} : { limit }) });
        const expected = all.slice(offset, limit === null ? undefined : offset + limit);
        expect(batches.flat()).toEqual(expected);
        batches.slice(0, -1).forEach((b) => expect(b).toHaveLength(batchSize));
        expect(batches.every((b) => b.length >= 1 && b.length <= batchSize)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('looking a row up by (internal) key gives the row the scan gives', () => {
    const ev = new Evaluator(IR);
    const internal = new Evaluator(STRUCTURED).rows('individuals').map((r) => r['individual_id'] as number);
    fc.assert(
      fc.property(fc.nat({ max: reference.individuals.length - 1 }), (i) => {
        expect(ev.rowByKey('individuals', internal[i] as number)).toEqual(reference.individuals[i]);
      }),
      { numRuns: 100 },
    );
    expect(ev.rowByKey('individuals', 7)).toBeNull(); // member index 7 is above max (5)
    expect(ev.rowByKey('individuals', 8 * H)).toBeNull(); // no such household
  });

  it('reordering independent column declarations changes no value', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...INDEPENDENT], { minLength: INDEPENDENT.length }), fc.shuffledSubarray([...DEPENDENT], { minLength: DEPENDENT.length }), (indep, dep) => {
        const ir = build(H, [...indep, ...dep]).toIR({ seed: 42 });
        expect(new Evaluator(ir).rows('individuals')).toEqual(reference.individuals);
      }),
      { numRuns: 15 },
    );
  });

  it('adding a column (anywhere) changes no other column', () => {
    const columns = [...INDEPENDENT, ...DEPENDENT];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: INDEPENDENT.length }), (at) => {
        const withExtra = [...columns.slice(0, at), EXTRA, ...columns.slice(at)];
        const ir = build(H, withExtra).toIR({ seed: 42 });
        const ev = new Evaluator(ir);
        const rows = ev.rows('individuals');
        expect(rows.map(({ extra: _extra, ...rest }) => rest)).toEqual(reference.individuals);
        expect(rows.every((r) => typeof r['extra'] === 'number')).toBe(true);
        expect(ev.rows('households')).toEqual(reference.households);
      }),
      { numRuns: 10 },
    );
  });

  it('more households only append rows: the first rows do not depend on the row count', () => {
    const bigger = new Evaluator(build(H + 50).toIR({ seed: 42 }));
    expect(bigger.rows('households', { limit: H })).toEqual(reference.households);
    expect(bigger.rows('individuals', { limit: reference.individuals.length })).toEqual(reference.individuals);
  });
});

describe('the seed', () => {
  it('the same seed gives the same rows from a fresh build', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        const a = hashRows(build(20).toIR({ seed }));
        const b = hashRows(build(20).toIR({ seed }));
        expect(a).toBe(b);
      }),
      { numRuns: 20 },
    );
  });

  it('a different seed changes the values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (s1, s2) => {
        fc.pre(s1 !== s2);
        const a = new Evaluator(build(40).toIR({ seed: s1 })).rows('households');
        const b = new Evaluator(build(40).toIR({ seed: s2 })).rows('households');
        // 40 incomes drawn from a continuous distribution: equal only if the streams are equal
        expect(a.map((r) => r['income'])).not.toEqual(b.map((r) => r['income']));
        expect(a.map((r) => r['created_at'])).not.toEqual(b.map((r) => r['created_at']));
      }),
      { numRuns: 30 },
    );
  });
});

describe('across processes', () => {
  function hashInChildProcess(ir: ScenarioIR): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'sg-determinism-'));
    try {
      const file = path.join(dir, 'ir.json');
      writeFileSync(file, JSON.stringify(ir));
      const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['--conditions=source', path.join(root, 'packages/core/test/support/rows-hash.ts'), file], {
        cwd: root,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`child process failed (${r.status}): ${r.stderr}`);
      return r.stdout.trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('the same IR evaluated in a separate process (from its JSON) gives the identical hash', () => {
    const local = hashRows(IR);
    expect(local).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRows(parseIR(JSON.parse(JSON.stringify(IR))))).toBe(local);
    expect(hashInChildProcess(IR)).toBe(local);
  });

  it('golden hash: the generated data of this scenario is a deliberate, versioned fact', () => {
    // If this fails, generated data changed. That is a breaking change for users (DESIGN.md,
    // "Golden hashes"): make it deliberately, explain it, and update the hash.
    // Structured keys give the data of before opaque keys existed.
    expect(hashRows(STRUCTURED)).toBe('61e187f0deb3d673a38b4f9210e64e0f14f8777cea03bb77b01dd088463870de');
    expect(hashRows(IR)).toBe('ab79adf43b5cfa890edac91c5c4272eb724b038c1179f4658e017b5461373c4d');
  });
});
