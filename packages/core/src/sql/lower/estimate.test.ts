/**
 * Row estimates and the partitioning rule: estimates follow the generated row counts, partitions
 * follow the estimates, and only a dialect that partitions prints them.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../dsl/column-types.js';
import { aggs, wins } from '../../dsl/aggregates.js';
import { bernoulli, intBetween, lognormal, poisson } from '../../dsl/draws.js';
import { scenario } from '../../dsl/scenario-builder.js';
import { Evaluator } from '../../eval/evaluator.js';
import { expandScenario } from '../../random/expand-scenario.js';
import { lowerContext } from './context.js';
import { estimateRows } from './estimate.js';
import { partitionRule } from './sources.js';

const ir = scenario('estimates')
  .entity('households', (e) => e.rows(2000).key('household_id').column('size', t.int(), () => intBetween(1, 5)))
  .entity('individuals', (e) =>
    e
      .childrenOf('households', { count: (p) => p.col('size'), max: 8 })
      .key('individual_id')
      .column('household_id', t.bigint(), (c) => c.parent.col('household_id'))
      .column('active', t.boolean(), () => bernoulli(0.6))
      .foreignKey('household_id', 'households'),
  )
  .entity('events', (e) =>
    e
      .childrenOf('individuals', { count: () => poisson(4).plus(lognormal(1, 0.5).floor()), max: 64 })
      .key('event_id')
      .column('individual_id', t.bigint(), (c) => c.parent.col('individual_id'))
      .foreignKey('individual_id', 'individuals'),
  )
  .entity('offers', (e) => e.rows(10).key('offer_id'))
  .entity('matches', (e) =>
    e
      .crossOf('individuals', 'offers', { keep: () => bernoulli(0.25) })
      .key('match_id')
      .column('individual_id', t.bigint(), (c) => c.left.col('individual_id')),
  )
  .entity('stats', (e) => e.groupOf('individuals', { by: 'household_id' }).key('household_id').column('members', t.bigint(), () => aggs.count()))
  .entity('ranks', (e) => e.windowOf('events', { partitionBy: ['individual_id'], orderBy: [] }).key('event_id').column('position', t.bigint(), () => wins.rowNumber()))
  .toIR({ seed: 7 });

describe('row estimates', () => {
  it('are within 25% of the rows the evaluator generates, for sequences, children, cross products, groups and windows', () => {
    const est = estimateRows(lowerContext(expandScenario(ir)));
    const ev = new Evaluator(ir);
    for (const name of ['households', 'individuals', 'events', 'matches']) {
      const actual = ev.rows(name).length;
      expect(est.get(name), name).toBeGreaterThan(actual * 0.75);
      expect(est.get(name), name).toBeLessThan(actual * 1.25);
    }
    // a group has at most one row per key of the referenced entity; a window keeps every row
    expect(est.get('stats')).toBe(est.get('households'));
    expect(est.get('ranks')).toBe(est.get('events'));
  });
});

describe('the partitioning rule', () => {
  it('leaves a stage at or below rowsPerPartition alone and gives a larger one ceil(rows / rowsPerPartition) partitions, at least minPartitions', () => {
    const rule = partitionRule(1000, 4);
    expect(rule(1000)).toBeNull();
    expect(rule(1001)).toBe(4);
    expect(rule(9_500)).toBe(10);
    expect(rule(1e12)).toBe(10_000);
  });
});
