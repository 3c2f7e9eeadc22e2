/**
 * The IR contract: JSON round trip, hash stability, immutability, readable printing, and
 * validation errors that list every problem with a path.
 */
import { describe, expect, it } from 'vitest';
import { SpecError, SynthgraphError } from '../errors.js';
import { t } from '../dsl/column-types.js';
import { aggs, bernoulli, intBetween, lit, lognormal, normal, pick, poolRow, poolValue, timestampIn, toScaled, when, wins, type X } from '../dsl/expr.js';
import { scenario } from '../dsl/scenario-builder.js';
import { canonicalJson, irHash } from './hash.js';
import { prettyIR } from './pretty.js';
import { parseIR } from './schema.js';
import type { EntityIR, Expr, ScenarioIR } from './types.js';
import { validateIR } from './validate.js';

/** A scenario using every row source, a pool, hidden columns and several constraint kinds. */
const full = scenario('full')
  .pool({ name: 'cities', columns: [{ name: 'city', type: 'string' }, { name: 'zip', type: 'string' }], rows: [['Austin', '73301'], ['Boston', '02108']], weights: [2, 1], source: 'inline' })
  .meta({ preset: 'test', config: { households: 10 } })
  .entity('households', (e) =>
    e
      .rows(10)
      .key('household_id', { comment: 'the household' })
      .comment('one row per household')
      .column('size', t.int(), () => intBetween(1, 4))
      .column('place', t.bigint(), () => poolRow('cities'), { hidden: true })
      .column('city', t.string(), (c) => poolValue('cities', 'city', c.col('place')))
      .column('income', t.decimal(12, 2), () => toScaled(lognormal(10.8, 0.6), 2))
      .column('created_at', t.timestamp(), () => timestampIn({ start: '2025-01-01', days: 30, hourly: Array.from({ length: 24 }, (_, h) => h + 1) }))
      .range('size', 1, 4)
      .notNull('city'),
  )
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 4 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('age', t.int(), () => intBetween(0, 90))
      .column('score', t.double(), () => normal(0, 1))
      .column('band', t.string(), (c) => when(c.col('age').lt(18), 'minor').otherwise('adult'))
      .foreignKey('household_id', 'households')
      .oneOf('band', ['minor', 'adult'])
      .rule('adult_band', (c) => c.col('age').ge(18).and(c.col('band').eq('minor'))),
  )
  .entity('campaigns', (e) => e.rows(3).key('campaign_id').column('channel', t.string(), () => pick({ email: 2, sms: 1 })))
  .entity('exposures', (e) =>
    e
      .crossOf('individuals', 'campaigns', { keep: () => bernoulli(0.3) })
      .key('exposure_id')
      .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
      .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'))
      .foreignKey('campaign_id', 'campaigns'),
  )
  .entity('household_stats', (e) =>
    e.groupOf('individuals', { by: 'household_id' }).key('household_id').column('members', t.bigint(), () => aggs.count()).column('oldest', t.int(), (c) => aggs.max(c.row.col('age'))),
  )
  .entity('ranked', (e) =>
    e.windowOf('individuals', { partitionBy: ['household_id'], orderBy: ['age'] }).key('individual_id').column('position', t.int(), () => wins.rowNumber()),
  );

const IR = full.toIR({ seed: 42 });

/** Every object and array reachable from a value. */
function* objects(v: unknown): Generator<object> {
  if (v === null || typeof v !== 'object') return;
  yield v;
  for (const x of Object.values(v)) yield* objects(x);
}

function specError(f: () => unknown): SpecError {
  try {
    f();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

/** A mutable deep copy of the IR, for making invalid variants. */
const mutable = (): { -readonly [K in keyof ScenarioIR]: ScenarioIR[K] } & { entities: EntityIR[] } => JSON.parse(JSON.stringify(IR));

describe('JSON round trip and hash', () => {
  it('parseIR(JSON.parse(JSON.stringify(ir))) deep-equals the IR and has an equal irHash', () => {
    const back = parseIR(JSON.parse(JSON.stringify(IR)));
    expect(back).toEqual(IR);
    expect(irHash(back)).toBe(irHash(IR));
    expect(irHash(IR)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('the hash ignores property order but not content', () => {
    const reversed = JSON.parse(JSON.stringify(IR), (_k, v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as ScenarioIR;
    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(IR)[0]);
    expect(irHash(reversed)).toBe(irHash(IR));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(irHash(full.toIR({ seed: 43 }))).not.toBe(irHash(IR));
  });

  it('building the same spec twice gives the same IR and hash', () => {
    expect(full.toIR({ seed: 42 })).toEqual(IR);
    expect(irHash(full.toIR({ seed: 42 }))).toBe(irHash(IR));
  });

  it('records the version, seed, pools, resolved foreign keys, fan-outs and metadata', () => {
    expect(IR.irVersion).toBe(1);
    expect(IR.seed).toBe(42);
    expect(IR.meta).toEqual({ preset: 'test', config: { households: 10 } });
    expect(IR.pools[0]?.rows).toEqual([['Austin', '73301'], ['Boston', '02108']]);
    const ind = IR.entities.find((e) => e.name === 'individuals');
    expect(ind?.source).toMatchObject({ kind: 'children', max: 4, fanout: 4 });
    expect(ind?.constraints).toContainEqual({ kind: 'foreignKey', column: 'household_id', entity: 'households', references: 'household_id' });
    expect(IR.entities.find((e) => e.name === 'exposures')?.source).toMatchObject({ kind: 'cross', fanout: 4 });
  });
});

describe('immutability', () => {
  it('every object of an IR from toIR or parseIR is frozen', () => {
    for (const ir of [IR, parseIR(JSON.parse(JSON.stringify(IR)))]) {
      let n = 0;
      for (const o of objects(ir)) {
        expect(Object.isFrozen(o)).toBe(true);
        n++;
      }
      expect(n).toBeGreaterThan(100);
    }
  });

  it('mutation throws (ES modules are strict) and changes nothing', () => {
    const before = irHash(IR);
    expect(() => {
      (IR as { seed: number }).seed = 1;
    }).toThrow(TypeError);
    expect(() => {
      (IR.entities as EntityIR[]).push(IR.entities[0] as EntityIR);
    }).toThrow(TypeError);
    expect(() => {
      ((IR.entities[0] as EntityIR).columns[1] as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(irHash(IR)).toBe(before);
  });

  it('builders are immutable: deriving a builder leaves the original unchanged', () => {
    const base = scenario('b').entity('a', (e) => e.rows(1).key('id'));
    const more = base.entity('b', (e) => e.rows(2).key('id'));
    expect(base.entityNames).toEqual(['a']);
    expect(more.entityNames).toEqual(['a', 'b']);
  });
});

describe('prettyIR', () => {
  it('prints stable, readable text', () => {
    const small = scenario('tiny')
      .pool({ name: 'cities', columns: [{ name: 'city', type: 'string' }], rows: [['Austin'], ['Boston']], weights: [2, 1], source: 'inline' })
      .entity('households', (e) =>
        e
          .rows(100)
          .key('household_id')
          .column('size', t.int(), () => intBetween(1, 4))
          .column('place', t.bigint(), () => poolRow('cities'), { hidden: true })
          .column('city', t.string(), (c) => poolValue('cities', 'city', c.col('place')))
          .range('size', 1, 4),
      )
      .entity('individuals', (e) =>
        e
          .childrenOf('households', { count: (p) => p.col('size'), max: 4 })
          .key('individual_id')
          .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
          .column('age', t.int(), () => intBetween(0, 90))
          .column('band', t.string(), (c) => when(c.col('age').lt(18), 'minor').otherwise('adult'))
          .foreignKey('household_id', 'households'),
      )
      .entity('household_stats', (e) => e.groupOf('individuals', { by: 'household_id' }).key('household_id').column('members', t.bigint(), () => aggs.count()));
    const text = prettyIR(small.toIR({ seed: 7 }));
    expect(text).toBe(prettyIR(small.toIR({ seed: 7 })));
    expect(text).toMatchInlineSnapshot(`
      "scenario tiny (ir v1, seed 7)
        pool cities(city string) 2 rows, weighted from inline
        entity households: rows 100
          household_id bigint = key()
          size int = int(min=1, max=4)#0
          (hidden) place bigint = poolRow(pool="cities")#0
          city string = pool cities.city[place]
          check primaryKey {"column":"household_id"}
          check range {"column":"size","min":1,"max":4}
        entity individuals: children of households, count size (max 4)
          individual_id bigint = key()
          household_id bigint = parent.household_id
          age int = int(min=0, max=90)#0
          band string = case when (age < 18) then "minor" else "adult" end
          check primaryKey {"column":"individual_id"}
          check foreignKey {"column":"household_id","entity":"households","references":"household_id"}
        entity household_stats: group individuals by household_id
          household_id bigint = key()
          members bigint = count(*)
          check primaryKey {"column":"household_id"}"
    `);
  });

  it('prints every entity and column of a larger scenario', () => {
    const text = prettyIR(IR);
    for (const e of IR.entities) {
      expect(text).toContain(`entity ${e.name}:`);
      for (const c of e.columns) expect(text).toContain(` ${c.name} `);
    }
  });
});

describe('parseIR rejects invalid input with IR_INVALID and paths', () => {
  it('an empty object: every missing field is listed', () => {
    const e = specError(() => parseIR({}));
    expect(e).toBeInstanceOf(SynthgraphError);
    expect(e.code).toBe('IR_INVALID');
    expect(e.issues.map((i) => i.path).sort()).toEqual(['ir.entities', 'ir.fakerVersion', 'ir.irVersion', 'ir.meta', 'ir.name', 'ir.pools', 'ir.seed']);
  });

  it('bad values deep inside the plan: each problem with its path', () => {
    const bad = mutable();
    const households = bad.entities[0] as { name: string; source: { rows: number } };
    households.source.rows = -1;
    const ind = bad.entities[1] as unknown as { columns: { expr: unknown }[] };
    (ind.columns[2] as { expr: unknown }).expr = { kind: 'draw', slot: '0', dist: { kind: 'bernoulli', p: 2 } };
    (ind.columns[3] as { expr: unknown }).expr = { kind: 'frobnicate' };
    (bad as { irVersion: number }).irVersion = 2;
    (bad.entities[2] as { name: string }).name = 'not an identifier';
    const e = specError(() => parseIR(bad));
    expect(e.code).toBe('IR_INVALID');
    const paths = e.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'ir.irVersion',
        'ir.entities.0.source.rows',
        'ir.entities.1.columns.2.expr.dist.p',
        'ir.entities.1.columns.3.expr.kind',
        'ir.entities.2.name',
      ]),
    );
    expect(e.message).toContain('ir.entities.1.columns.2.expr.dist.p');
  });

  it('rejects non-JSON numbers and unknown properties', () => {
    const bad = mutable();
    (bad as { seed: number }).seed = Number.NaN;
    (bad as unknown as Record<string, unknown>)['extra'] = true;
    const paths = specError(() => parseIR(bad)).issues.map((i) => i.path);
    expect(paths).toContain('ir.seed');
    expect(paths.some((p) => p === 'ir' || p === 'ir.extra')).toBe(true);
  });
});

describe('semantic validation lists every problem with a path', () => {
  // Each of these is a compile-time error in the typed DSL (see dsl.test-d.ts); casting through
  // `never` reaches the runtime validation that guards untyped callers and hand-written IR.
  it('from the DSL: unknown column, unknown parent, lookup into an unknown entity, cycle, FK to an unknown entity, agg outside a group', () => {
    const s = scenario('broken')
      .entity('households', (e) =>
        e
          .rows(10)
          .key('household_id')
          .column('size', t.int(), () => intBetween(1, 4))
          .column('bad_ref', t.int(), (c) => c.col('nope' as never) as X<number>)
          .column('a', t.int(), (c) => (c.col('b' as never) as X<number>).plus(1))
          .column('b', t.int(), (c) => c.col('a').plus(1))
          .column('total', t.bigint(), () => aggs.count())
          .column('far', t.string(), (c) => c.lookup('nowhere' as never, c.key(), 'x' as never) as X<string>),
      )
      .entity('individuals', (e) =>
        e
          .childrenOf('ghosts' as never, { count: () => lit(2), max: 4 })
          .key('individual_id')
          .column('household_id', t.bigint(), (c) => c.key().idiv(4))
          .foreignKey('household_id', 'nowhere' as never),
      );
    const e = specError(() => s.toIR({ seed: 1 }));
    expect(e.code).toBe('SPEC_INVALID');
    const problems = e.issues.map((i) => `${i.path}: ${i.message}`);
    const expected = [
      /^entities\.households\.columns\.bad_ref: unknown column 'nope'/,
      /^entities\.individuals\.source\.parent: refers to 'ghosts', which is not an earlier entity/,
      /^entities\.households\.columns\.far: lookup into 'nowhere', which is not an earlier entity/,
      /^entities\.households\.columns\.a: column dependency cycle: a → b → a/,
      /^entities\.individuals\.constraints: foreignKey to unknown entity 'nowhere'/,
      /^entities\.households\.columns\.total: aggregates are only available in groupOf entities/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    expect(e.issues, problems.join('\n')).toHaveLength(expected.length);
    for (const i of e.issues) expect(i.path).toMatch(/^entities\.\w+\./);
  });

  it('from hand-written IR: unknown parent column, unknown pool, window function outside a window, missing key column', () => {
    const bad = mutable();
    const ind = bad.entities[1] as unknown as { source: { count: Expr }; columns: { name: string; expr: Expr }[] };
    ind.source.count = { kind: 'col', name: 'no_such_parent_column' };
    (ind.columns[2] as { expr: Expr }).expr = { kind: 'pool', pool: 'nope', column: 'city', index: { kind: 'lit', value: 0, type: 'bigint' } };
    (ind.columns[3] as { expr: Expr }).expr = { kind: 'win', fn: 'rowNumber', arg: null, frame: 'preceding' };
    (bad.entities[4] as { keyColumn: string }).keyColumn = 'missing';
    const e = specError(() => validateIR(bad));
    const problems = e.issues.map((i) => `${i.path}: ${i.message}`);
    const expected = [
      /^entities\.individuals\.source\.count: parent 'households' has no column 'no_such_parent_column'/,
      /^entities\.individuals\.columns\.age: unknown pool 'nope'/,
      /^entities\.individuals\.columns\.score: window functions are only available in windowOf entities/,
      /^entities\.household_stats\.keyColumn: key column 'missing' is not a column/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    expect(e.issues, problems.join('\n')).toHaveLength(expected.length);
  });

  it('hidden columns (not written) can be read only by their own entity, never by checks or other entities', () => {
    const e = specError(() =>
      scenario('hidden')
        .entity('households', (x) =>
          x
            .rows(10)
            .key('household_id')
            .column('size', t.int(), () => intBetween(1, 4), { hidden: true })
            .column('twice', t.int(), (c) => c.col('size').times(2)) // fine: own entity
            .range('size', 1, 4)
            .rule('too_big', (c) => c.col('size').gt(4)),
        )
        .entity('individuals', (x) =>
          x
            .childrenOf('households', { count: (p) => p.col('size'), max: 4 })
            .key('individual_id')
            .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
            .column('hh_size', t.int(), (c) => c.parent.col('size'))
            .column('looked_up', t.int(), (c) => c.lookup('households', c.col('household_id'), 'size')),
        )
        .entity('by_size', (x) => x.groupOf('households', { by: 'size' }).key('size').column('n', t.bigint(), () => aggs.count()))
        .toIR({ seed: 1 }),
    );
    const problems = e.issues.map((i) => `${i.path}: ${i.message}`);
    const expected = [
      /^entities\.households\.constraints: 'households\.size' is a hidden column \(not written\), so the range check cannot read it/,
      /^entities\.households\.constraints\.too_big: 'households\.size' is a hidden column/,
      /^entities\.individuals\.source\.count: 'households\.size' is a hidden column/,
      /^entities\.individuals\.columns\.hh_size: 'households\.size' is a hidden column/,
      /^entities\.individuals\.columns\.looked_up: 'households\.size' is a hidden column/,
      /^entities\.by_size\.source: 'households\.size' is a hidden column/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    expect(e.issues, problems.join('\n')).toHaveLength(expected.length);
    expect(e.issues.every((i) => i.fix === "remove { hidden: true } from 'size'")).toBe(true);
  });

  it('toIR also applies the IR schema, so its output always survives parseIR', () => {
    const e = specError(() =>
      scenario('s')
        .entity('bad-name', (x) => x.rows(1).key('id'))
        .entity('ok', (x) => x.rows(1).key('id').column('p', t.boolean(), () => bernoulli(1.5)).column('n', t.double(), () => normal(0, Number.NaN)))
        .toIR({ seed: 1 }),
    );
    expect(e.code).toBe('SPEC_INVALID');
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['entities.0.name', 'entities.1.columns.1.expr.dist.p', 'entities.1.columns.2.expr.dist.sd']));
  });

  it('rejects a bad seed and a missing key column before anything else', () => {
    expect(specError(() => full.toIR({ seed: -1 })).issues[0]?.path).toBe('seed');
    expect(specError(() => full.toIR({ seed: 1.5 })).issues[0]?.path).toBe('seed');
    const noKey = specError(() => scenario('s').entity('a', (e) => e.rows(1).column('x', t.int(), 1) as never).toIR({ seed: 1 }));
    expect(noKey.issues).toEqual([expect.objectContaining({ path: 'entities.a', message: 'has no key column' })]);
  });
});
