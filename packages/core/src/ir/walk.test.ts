/** Tree walking: every node kind's children, including a timestamp draw's bounds. */
import { describe, expect, it } from 'vitest';
import { expandScenario } from '../random/expand-scenario.js';
import { children, collect, mapChildren, mapExpr } from './walk.js';
import type { Expr, ScenarioIR } from './types.js';

const key: Expr = { kind: 'key' };
const one: Expr = { kind: 'lit', value: 1, type: 'bigint' };
const draw: Expr = {
  kind: 'draw',
  slot: '0',
  dist: { kind: 'timestamp', start: 0, days: 2, hourWeights: null, weekdayWeights: null, monthWeights: null, within: { from: key, to: { kind: 'binary', op: '+', left: key, right: one } } },
};

describe('walk', () => {
  it('sees and rewrites the bounds of a timestamp draw', () => {
    expect(children(draw)).toHaveLength(2);
    const rewritten = mapChildren(draw, (x) => (x.kind === 'key' ? { kind: 'index' } : x));
    expect(rewritten.kind === 'draw' && rewritten.dist.kind === 'timestamp' ? rewritten.dist.within?.from : null).toEqual({ kind: 'index' });
    const deep = mapExpr(draw, (x) => (x.kind === 'key' ? { kind: 'index' } : x));
    expect(collect([deep], (x) => x.kind)).toEqual(['draw', 'index', 'binary', 'lit']);
  });

  it('rebuilds every kind with the same children it reports', () => {
    const nodes: Expr[] = [
      { kind: 'unary', op: 'neg', arg: key },
      { kind: 'case', whens: [{ when: key, then: one }], else: one },
      { kind: 'bucket', arg: key, thresholds: [1], values: [one, key] },
      { kind: 'map', keys: [one], values: [key] },
      { kind: 'agg', fn: 'sum', arg: key, where: null, n: null },
      { kind: 'lookup', entity: 'e', key, column: 'c' },
    ];
    for (const n of nodes) expect(children(mapChildren(n, (x) => x))).toEqual(children(n));
  });
});

describe('expandScenario', () => {
  const ir: ScenarioIR = {
    irVersion: 1,
    name: 's',
    seed: 1,
    fakerVersion: null,
    pools: [],
    meta: {},
    entities: [
      {
        name: 'e',
        comment: null,
        keyColumn: 'id',
        constraints: [],
        source: { kind: 'sequence', rows: 3, keyOffset: 0 },
        columns: [
          { name: 'id', type: { kind: 'bigint' }, expr: key, comment: null, output: true },
          { name: 'p', type: { kind: 'boolean' }, expr: { kind: 'draw', slot: '0', dist: { kind: 'bernoulli', p: 0.5 } }, comment: null, output: true },
        ],
      },
    ],
  };

  it('expands once per IR and leaves no draw or pool node', () => {
    const low = expandScenario(ir);
    expect(expandScenario(ir)).toBe(low);
    const kinds = collect(
      low.entities.flatMap((e) => e.columns.map((c) => c.expr)),
      (x) => x.kind,
    );
    expect(kinds).toContain('rand');
    expect(kinds).not.toContain('draw');
  });
});
