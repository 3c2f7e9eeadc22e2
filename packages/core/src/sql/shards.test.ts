/**
 * Household shards: which entities are local to the shard root and how a shard restricts each;
 * the shard ranges cover every key; the lowering prints the restriction only for a shard.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../dsl/column-types.js';
import { aggs, wins } from '../dsl/aggregates.js';
import { bernoulli, intBetween } from '../dsl/draws.js';
import { scenario } from '../dsl/scenario-builder.js';
import { lowerEntity } from './lower-entity.js';
import { householdShards, shardLayout, shardSource } from './shards.js';
import { SqlPrinter } from './printer.js';
import { baseDialect } from './dialect.js';
import { baseFunctions, baseTypes } from './dialects/functions.js';

const ir = scenario('shards')
  .entity('households', (e) => e.rows(2500).key('household_id').column('size', t.int(), () => intBetween(1, 5)))
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 8 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .foreignKey('household_id', 'households'),
  )
  .entity('events', (e) =>
    e
      .childrenOf('individuals', { count: () => intBetween(0, 3), max: 4 })
      .key('event_id')
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
      .foreignKey('individual_id', 'individuals'),
  )
  .entity('offers', (e) => e.rows(10).key('offer_id'))
  .entity('matches', (e) =>
    e
      .crossOf('individuals', 'offers', { keep: () => bernoulli(0.25) })
      .key('match_id')
      .column('individual_id', t.bigint(), (c) => c.left.col('individual_id'))
      .column('offer_id', t.bigint(), (c) => c.right.col('offer_id'))
      .foreignKey('individual_id', 'individuals')
      .foreignKey('offer_id', 'offers'),
  )
  .entity('stats', (e) => e.groupOf('individuals', { by: 'household_id' }).key('household_id').column('members', t.bigint(), () => aggs.count()))
  .entity('ranks', (e) => e.windowOf('events', { partitionBy: ['individual_id'], orderBy: [] }).key('event_id').column('position', t.bigint(), () => wins.rowNumber()))
  .entity('offer_stats', (e) => e.groupOf('matches', { by: 'offer_id' }).key('offer_id').column('matched', t.bigint(), () => aggs.count()))
  .entity('offer_ranks', (e) => e.windowOf('matches', { partitionBy: ['offer_id'], orderBy: [] }).key('match_id').column('position', t.bigint(), () => wins.rowNumber()))
  .toIR({ seed: 7 });

describe('shardLayout', () => {
  const layout = shardLayout(ir);

  it('takes the sequence most entities descend from as the root', () => {
    expect(layout?.root).toBe('households');
    expect(layout?.households).toBe(2500);
    expect(layout?.start).toBe(0);
  });

  it('makes children and cross products of local entities, and groups and windows by a local id, local', () => {
    expect(Object.fromEntries(layout?.local ?? [])).toEqual({
      households: { kind: 'range' },
      individuals: { kind: 'parent', perHousehold: 1 },
      // individuals have fanout 8: 8 keys per household; events 4 per individual
      events: { kind: 'parent', perHousehold: 8 },
      matches: { kind: 'left', perHousehold: 8 },
      stats: { kind: 'column', column: 'household_id', perHousehold: 1 },
      ranks: { kind: 'column', column: 'individual_id', perHousehold: 8 },
    });
  });

  it('keeps other sequences and groups or windows over a global id global', () => {
    expect(layout?.global).toEqual(['offers', 'offer_stats', 'offer_ranks']);
  });

  it('takes a named root, and is null without a sequence', () => {
    expect(shardLayout(ir, 'offers')?.local.has('individuals')).toBe(false);
    expect(shardLayout({ entities: [] })).toBeNull();
  });
});

describe('shardSource', () => {
  it('names the parent, the left side, or the source of a group or window by its parent key; none for the root and global entities', () => {
    const layout = shardLayout(ir);
    const sources = Object.fromEntries(ir.entities.map((e) => [e.name, layout ? shardSource(ir, layout, e.name) : null]));
    expect(sources).toEqual({ households: null, individuals: 'households', events: 'individuals', offers: null, matches: 'individuals', stats: 'individuals', ranks: 'events', offer_stats: null, offer_ranks: null });
  });
});

describe('householdShards', () => {
  it('splits the households into ranges of the shard size, open at both ends', () => {
    expect(householdShards({ start: 0, households: 2500 }, 1000)).toEqual([
      { index: 0, count: 3, lo: null, hi: 1000 },
      { index: 1, count: 3, lo: 1000, hi: 2000 },
      { index: 2, count: 3, lo: 2000, hi: null },
    ]);
    expect(householdShards({ start: 100, households: 50 }, 1000)).toEqual([{ index: 0, count: 1, lo: null, hi: null }]);
  });
});

describe('lowering a shard', () => {
  // every function the base table does not spell printed as name(args)
  const fns = new Proxy(baseFunctions as Record<string, unknown>, { get: (f, k) => f[String(k)] ?? ((a: string[]) => `${String(k)}(${a.join(', ')})`) });
  const dialect = { ...baseDialect, name: 'test', fns, types: baseTypes, range: (s: number, e: number, _p: number, a: string) => `range(${s}, ${e}) AS ${a}`, createTable: () => [], joinArray: () => '' };
  const printer = new SqlPrinter(dialect as never, (e) => e, (p) => p);
  const print = (entity: string, lo: number | null, hi: number | null): string => {
    const read = shardLayout(ir)?.local.get(entity);
    return printer.select(lowerEntity(ir, entity, read ? { shard: { read, lo, hi } } : {}).select);
  };

  it('restricts the root range, a parent key, a left key or a group column by the keys per household', () => {
    expect(print('households', 1000, 2000)).toContain('range(1000, 2000)');
    expect(print('households', null, 2000)).toContain('range(0, 2000)');
    const bound = (side: string, op: string, n: number): string => `"${side}"."individual_id" ${op} CAST(${n} AS BIGINT)`;
    expect(print('events', 1000, 2000)).toContain(`WHERE ((${bound('p', '>=', 8000)}) AND (${bound('p', '<', 16000)}))`);
    expect(print('matches', 1000, null)).toContain(`WHERE (${bound('a', '>=', 8000)})`);
    expect(print('ranks', null, 2000)).toContain(`WHERE (${bound('s', '<', 16000)})`);
    expect(print('events', null, null)).not.toContain('WHERE');
  });
});
