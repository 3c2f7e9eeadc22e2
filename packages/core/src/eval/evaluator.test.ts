/**
 * Evaluator behaviour beyond determinism: row sources (cross products, key offsets), lookups,
 * hidden columns, calendar functions, typed errors and cancellation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CancelledError, SpecError, UnsupportedError } from '../errors.js';
import { t } from '../dsl/column-types.js';
import { aggs, bernoulli, dayOfWeek, hourOfDay, intBetween, normal, pick, timestampIn } from '../dsl/expr.js';
import { draw32, streamKeys, streamOf } from '../random/mixer.js';
import { scenario } from '../dsl/scenario-builder.js';
import { Evaluator, type Row } from './evaluator.js';

const s = scenario('evaluator')
  .entity('households', (e) =>
    e
      .rows(40)
      .key('household_id')
      .column('size', t.int(), () => intBetween(0, 3))
      .column('secret', t.double(), () => normal(0, 1), { hidden: true })
      .column('shown', t.double(), (c) => c.col('secret').times(2)),
  )
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 3 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('size_by_lookup', t.int(), (c) => c.lookup('households', c.col('household_id'), 'size'))
      .column('size_by_parent', t.int(), (c) => c.parent.col('size')),
  )
  .entity('campaigns', (e) => e.rows(5).key('campaign_id').column('budget', t.int(), () => intBetween(1, 100)))
  .entity('exposures', (e) =>
    e
      .crossOf('individuals', 'campaigns', { keep: (c) => bernoulli(0.4).and(c.right.col('budget').gt(10)) })
      .key('exposure_id')
      .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
      .column('campaign_id', t.bigint(), (c) => c.right.col('campaign_id'))
      .column('budget', t.int(), (c) => c.right.col('budget')),
  )
  .entity('stats', (e) => e.groupOf('individuals', { by: 'household_id' }).key('household_id').column('members', t.bigint(), () => aggs.count()));

const IR = s.toIR({ seed: 5 });
/** With readable internal keys: the layouts below are those of `keys: 'structured'`. */
const STRUCTURED = s.keys('structured').toIR({ seed: 5 });

describe('row sources', () => {
  it('cross products: key = left key · fan-out + right key, only kept pairs, any split gives the same rows', () => {
    const ev = new Evaluator(STRUCTURED);
    const all = ev.rows('exposures');
    expect(all.length).toBeGreaterThan(0);
    const campaigns = new Map(ev.rows('campaigns').map((r) => [r['campaign_id'], r['budget']]));
    for (const r of all) {
      expect(r['exposure_id']).toBe((r['individual_id'] as number) * 8 + (r['campaign_id'] as number)); // 5 campaigns → fan-out 8
      expect(r['budget']).toBe(campaigns.get(r['campaign_id']));
      expect(r['budget'] as number).toBeGreaterThan(10);
      expect(ev.rowByKey('exposures', r['exposure_id'] as number)).toEqual(r);
    }
    fc.assert(
      fc.property(fc.nat({ max: all.length }), fc.nat({ max: all.length }), (offset, limit) => {
        expect(new Evaluator(STRUCTURED).rows('exposures', { offset, limit })).toEqual(all.slice(offset, offset + limit));
      }),
      { numRuns: 30 },
    );
  });

  it('a key offset continues the key space: rows(n, { keyOffset }) equals the tail of a longer run', () => {
    const build = (rows: number, keyOffset: number) =>
      scenario('o').entity('a', (e) => e.rows(rows, { keyOffset }).key('id').column('x', t.double(), () => normal(0, 1)).column('n', t.int(), () => intBetween(1, 9)));
    const long = new Evaluator(build(150, 0).toIR({ seed: 9 })).rows('a');
    const tail = new Evaluator(build(100, 50).toIR({ seed: 9 })).rows('a');
    expect(tail).toEqual(long.slice(50));
  });

  it('lookups read the same values as the parent row', () => {
    const rows = new Evaluator(IR).rows('individuals');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r['size_by_lookup']).toBe(r['size_by_parent']);
  });

  it('hidden columns are computed but not output', () => {
    const rows = new Evaluator(IR).rows('households');
    expect(Object.keys(rows[0] as Row)).toEqual(['household_id', 'size', 'shown']);
    const internal = new Evaluator(IR).internalRows('households');
    expect(internal[0]).toHaveLength(3);
  });
});

describe('docs/determinism.md', () => {
  it('the worked example: seed 42, entity people, row key 19', () => {
    const ir = scenario('w')
      .entity('people', (e) =>
        e
          .rows(20)
          .key('person_id')
          .column('age', t.int(), () => intBetween(0, 90))
          .column('height', t.double(), () => normal(170, 10))
          .column('tier', t.string(), () => pick({ gold: 1, silver: 3, bronze: 6 })),
      )
      .keys('structured')
      .toIR({ seed: 42 });
    expect(streamOf('people.age.0')).toBe(3755963996139341);
    expect(streamKeys(42, 3755963996139341)).toEqual({ k0: 2152664643, k1: 2972939423 });
    expect(draw32(streamKeys(42, streamOf('people.height.0')), 19)).toBe(4164844086);
    expect(draw32(streamKeys(42, streamOf('people.tier.0')), 19)).toBe(3147155118);
    expect(new Evaluator(ir).rowByKey('people', 19)).toEqual({ person_id: 19, age: 90, height: 188.7794804064687, tier: 'bronze' });
  });
});

describe('calendar functions', () => {
  it('dayOfWeek (Monday = 0) and hourOfDay agree with Date in UTC', () => {
    const ir = scenario('cal')
      .entity('a', (e) =>
        e
          .rows(5000)
          .key('id')
          .column('ts', t.timestamp(), () => timestampIn({ start: '1999-12-27', days: 20000 }))
          .column('dow', t.int(), (c) => dayOfWeek(c.col('ts')))
          .column('hour', t.int(), (c) => hourOfDay(c.col('ts'))),
      )
      .toIR({ seed: 3 });
    const wrong = new Evaluator(ir)
      .rows('a')
      .filter((r) => (r['ts'] as Date).getUTCHours() !== r['hour'] || ((r['ts'] as Date).getUTCDay() + 6) % 7 !== r['dow']);
    expect(wrong).toEqual([]);
  });
});

describe('errors and cancellation', () => {
  it('derived entities are unsupported (typed error), unknown entities are spec errors', () => {
    const ev = new Evaluator(IR);
    expect(ev.supports('stats')).toBe(false);
    expect(ev.supports('exposures')).toBe(true);
    expect(() => ev.rows('stats')).toThrow(UnsupportedError);
    expect(() => ev.rows('nope')).toThrow(SpecError);
  });

  it('an aborted signal stops batches with a CancelledError', async () => {
    const ev = new Evaluator(IR);
    const before = new AbortController();
    before.abort();
    await expect(async () => {
      for await (const _ of ev.batches('individuals', { batchSize: 5, signal: before.signal })) {
        /* none */
      }
    }).rejects.toThrow(CancelledError);
    const during = new AbortController();
    let seen = 0;
    await expect(async () => {
      for await (const _ of ev.batches('individuals', { batchSize: 5, signal: during.signal })) {
        seen++;
        during.abort();
      }
    }).rejects.toThrow(CancelledError);
    expect(seen).toBe(1);
  });
});
