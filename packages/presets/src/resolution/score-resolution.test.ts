import { SynthgraphError } from '@synthgraph/core';
import { describe, expect, it } from 'vitest';
import { scoreResolution, scoreResolutionCells, type ResolutionRecord } from './score-resolution.js';

/** A deterministic stream of integers in [0, n) (a 32-bit LCG). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

/** Entities with 1–5 records each, every record labelled with one of three sources. */
function truthRecords(entities: number, seed: number): { entity: number; source: string }[] {
  const next = lcg(seed);
  const out: { entity: number; source: string }[] = [];
  for (let e = 0; e < entities; e++) {
    const n = 1 + next(5);
    for (let k = 0; k < n; k++) out.push({ entity: e, source: ['crm', 'loyalty', 'partner'][next(3)] as string });
  }
  return out;
}

/** Brute force over all pairs, for cross-checking on small inputs. */
function bruteForce(records: readonly ResolutionRecord[], inStratum: (r: ResolutionRecord) => boolean) {
  let tp = 0;
  let pred = 0;
  let truth = 0;
  for (let i = 0; i < records.length; i++)
    for (let j = i + 1; j < records.length; j++) {
      const a = records[i] as ResolutionRecord;
      const b = records[j] as ResolutionRecord;
      if (!inStratum(a) && !inStratum(b)) continue;
      const same = a.entity === b.entity;
      const together = a.cluster === b.cluster;
      if (same) truth++;
      if (together) pred++;
      if (same && together) tp++;
    }
  return { tp, pred, truth };
}

describe('scoreResolution', () => {
  it('scores the truth against itself as perfect, overall and per stratum', () => {
    const records = truthRecords(2_000, 7).map((r) => ({ entity: r.entity, cluster: `c${r.entity}`, strata: [`source:${r.source}`] }));
    const s = scoreResolution(records);
    expect(s.overall.records).toBe(records.length);
    for (const m of [s.overall, ...Object.values(s.strata)]) {
      expect(m.pairwise).toEqual({ precision: 1, recall: 1, f1: 1 });
      expect(m.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
      expect(m.truePositivePairs).toBe(m.truePairs);
    }
    expect(Object.keys(s.strata)).toEqual(['source:crm', 'source:loyalty', 'source:partner']);
  });

  it('scores a random clustering near 0 pairwise', () => {
    const truth = truthRecords(5_000, 11);
    const next = lcg(99);
    const clusters = 5_000;
    const s = scoreResolution(truth.map((r) => ({ entity: r.entity, cluster: next(clusters) })));
    expect(s.overall.pairwise.precision).toBeLessThan(0.01);
    expect(s.overall.pairwise.recall).toBeLessThan(0.01);
    expect(s.overall.pairwise.f1).toBeLessThan(0.01);
  });

  it('matches hand-computed pairwise and B-cubed scores', () => {
    // entity a = {1,2,3}, entity b = {4,5}; clusters x = {1,2}, y = {3,4,5}.
    const s = scoreResolution([
      { entity: 'a', cluster: 'x' },
      { entity: 'a', cluster: 'x' },
      { entity: 'a', cluster: 'y' },
      { entity: 'b', cluster: 'y' },
      { entity: 'b', cluster: 'y' },
    ]);
    // true pairs: 3 + 1 = 4; predicted: 1 + 3 = 4; TP: (1,2) and (4,5) = 2.
    expect(s.overall).toMatchObject({ records: 5, truePairs: 4, predictedPairs: 4, truePositivePairs: 2 });
    expect(s.overall.pairwise).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    // B-cubed precision: records 1,2: 2/2; record 3: 1/3; records 4,5: 2/3 → (2 + 1/3 + 4/3) / 5.
    expect(s.overall.bcubed.precision).toBeCloseTo((2 + 1 / 3 + 4 / 3) / 5, 12);
    // B-cubed recall: records 1,2: 2/3; record 3: 1/3; records 4,5: 2/2 → (4/3 + 1/3 + 2) / 5.
    expect(s.overall.bcubed.recall).toBeCloseTo((4 / 3 + 1 / 3 + 2) / 5, 12);
  });

  it('scores all singletons with precision 1 and recall 0, and one big cluster with recall 1', () => {
    const truth = [1, 1, 2, 2, 2];
    const singletons = scoreResolution(truth.map((e, i) => ({ entity: e, cluster: i })));
    expect(singletons.overall.pairwise).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(singletons.overall.bcubed.precision).toBe(1);
    const one = scoreResolution(truth.map((e) => ({ entity: e, cluster: 0 })));
    expect(one.overall.pairwise.recall).toBe(1);
    expect(one.overall.pairwise.precision).toBeCloseTo(4 / 10, 12);
    expect(one.overall.bcubed.recall).toBe(1);
  });

  it('scores a stratum over the pairs touching it, like a brute-force count', () => {
    const next = lcg(5);
    const records: ResolutionRecord[] = truthRecords(60, 3).map((r) => ({ entity: r.entity, cluster: next(40), strata: [`source:${r.source}`, ...(next(4) === 0 ? ['noise:typo'] : [])] }));
    const s = scoreResolution(records);
    for (const label of ['source:crm', 'noise:typo']) {
      const b = bruteForce(records, (r) => (r.strata ?? []).includes(label));
      const m = s.strata[label];
      expect(m).toMatchObject({ truePositivePairs: b.tp, predictedPairs: b.pred, truePairs: b.truth, records: records.filter((r) => (r.strata ?? []).includes(label)).length });
    }
    const all = bruteForce(records, () => true);
    expect(s.overall).toMatchObject({ truePositivePairs: all.tp, predictedPairs: all.pred, truePairs: all.truth });
  });

  it('gives the same score from cells as from records', () => {
    const cells = scoreResolutionCells([
      { entity: 'a', cluster: 'x', count: 2, strata: { 'source:crm': 1 } },
      { entity: 'a', cluster: 'y', count: 1 },
      { entity: 'b', cluster: 'y', count: 1, strata: { 'source:crm': 1 } },
    ]);
    const recs = scoreResolution([
      { entity: 'a', cluster: 'x', strata: ['source:crm'] },
      { entity: 'a', cluster: 'x' },
      { entity: 'a', cluster: 'y' },
      { entity: 'b', cluster: 'y', strata: ['source:crm'] },
    ]);
    expect(cells).toEqual(recs);
    expect(cells.overall.pairwise.precision).toBe(0.5);
    expect(cells.overall.pairwise.recall).toBeCloseTo(1 / 3, 12);
  });

  it('rejects an invalid cell with a typed error naming it', () => {
    expect(() => scoreResolutionCells([{ entity: 'a', cluster: 'x', count: 1, strata: { s: 2 } }])).toThrow(SynthgraphError);
    expect(() => scoreResolutionCells([{ entity: 'a', cluster: 'x', count: -1 }])).toThrow(/cells\[0\]|Resolution cell 0/);
  });
});
