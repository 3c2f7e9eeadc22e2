import { Evaluator, scenario, t, US_STATE_POPULATION_2020 } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { identityGraph } from '../identity-graph.js';
import { PLACES_POOL_ROWS, placeRow, saltPool } from './pools.js';

describe('placeRow', () => {
  it('spreads consecutive keys evenly over the pool: every row used 1–3 times by 2 × rows keys (a random pick leaves 13% unused)', () => {
    const n = PLACES_POOL_ROWS * 2;
    const s = scenario('p')
      .pool(saltPool)
      .entity('h', (e) =>
        e
          .rows(n)
          .key('id')
          .column('row', t.bigint(), (c) => placeRow(c.col('id'))),
      );
    const counts = new Array<number>(PLACES_POOL_ROWS).fill(0);
    for (const r of new Evaluator(s.toIR({ seed: 3 })).rows('h')) counts[Number(r['row'])] = (counts[Number(r['row'])] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
  });

  it('gives each state its 2020 Census share of households within a few households', () => {
    const n = 5000;
    const rows = new Evaluator(identityGraph({ households: { num_households: n } }).toIR({ seed: 11 })).rows('households');
    const total = Object.values(US_STATE_POPULATION_2020).reduce((a, b) => a + b, 0);
    const byState = new Map<string, number>();
    for (const h of rows) byState.set(h['location_state'] as string, (byState.get(h['location_state'] as string) ?? 0) + 1);
    for (const [s, pop] of Object.entries(US_STATE_POPULATION_2020)) expect(Math.abs((byState.get(s) ?? 0) - (n * pop) / total), s).toBeLessThanOrEqual(4);
  });
});
