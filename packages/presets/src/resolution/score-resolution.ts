/**
 * Scoring an entity resolution against its ground truth: pairwise precision, recall and F1 and
 * B-cubed precision, recall and F1 (the measures Febrl and GeCo report), overall and per
 * stratum (a source system, a noise type…).
 *
 * Everything is computed from counts per (true entity, predicted cluster) cell, never by
 * enumerating pairs, so millions of records score in one pass over the cells:
 * - pairs in a cell of n records: n(n−1)/2 true positives; pairs in a cluster of N: predicted
 *   pairs; pairs in an entity of N: true pairs.
 * - a stratum S scores the pairs with at least one record in S: a group of n records, s of them
 *   in S, holds C(n,2) − C(n−s,2) such pairs; B-cubed averages over the records in S.
 */
import { SynthgraphError } from '@synthgraph/core';

/** Precision, recall and their harmonic mean. */
export interface PrecisionRecall {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** The scores of one set of records (all of them, or one stratum). */
export interface ResolutionMetrics {
  /** Records scored. */
  readonly records: number;
  /** Pairs of records of the same true entity. */
  readonly truePairs: number;
  /** Pairs of records put in the same cluster. */
  readonly predictedPairs: number;
  /** Pairs that are both. */
  readonly truePositivePairs: number;
  /** Pairwise: precision = TP / predicted pairs (1 with no predicted pair), recall = TP / true pairs (1 with no true pair). */
  readonly pairwise: PrecisionRecall;
  /** B-cubed: the mean over records of |cell| / |cluster| and |cell| / |entity|. */
  readonly bcubed: PrecisionRecall;
}

/** The score of a resolution: overall and per stratum label. */
export interface ResolutionScore {
  readonly overall: ResolutionMetrics;
  /** Per stratum label (e.g. `source:crm`, `noise:typo`), in label order. */
  readonly strata: Readonly<Record<string, ResolutionMetrics>>;
}

/**
 * The records of one true entity that a resolution put in one cluster, with how many of them
 * fall in each stratum (a record may fall in several strata, or none).
 */
export interface ResolutionCell {
  readonly entity: string;
  readonly cluster: string;
  readonly count: number;
  readonly strata?: Readonly<Record<string, number>>;
}

/** One record: its true entity, its predicted cluster and its strata. */
export interface ResolutionRecord {
  readonly entity: string | number | bigint;
  readonly cluster: string | number | bigint;
  readonly strata?: readonly string[];
}

const pairs = (n: number): number => (n * (n - 1)) / 2;
/** Pairs of a group of n records with at least one of its s stratum records. */
const touching = (n: number, s: number): number => pairs(n) - pairs(n - s);
const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pr = (precision: number, recall: number): PrecisionRecall => ({ precision, recall, f1: f1(precision, recall) });

interface Acc {
  records: number;
  tp: number;
  bPrecision: number;
  bRecall: number;
}

function addTo(map: Map<string, Map<string, number>>, key: string, label: string, n: number): void {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  m.set(label, (m.get(label) ?? 0) + n);
}

/** Pairs touching each stratum, summed over groups (clusters or entities). */
function groupPairs(groups: Map<string, Map<string, number>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of groups.values()) {
    const n = g.get('') ?? 0;
    for (const [label, s] of g) out.set(label, (out.get(label) ?? 0) + touching(n, s));
  }
  return out;
}

function validCell(c: ResolutionCell, i: number): void {
  const bad = (what: string, value: unknown): SynthgraphError =>
    new SynthgraphError('INPUT_INVALID', `Resolution cell ${i} has ${what}.`, { issues: [{ path: `cells[${i}]`, message: what, value, fix: 'give every cell a non-negative integer count and strata counts no larger than it' }] });
  if (!Number.isInteger(c.count) || c.count < 0) throw bad('an invalid count', c.count);
  for (const [label, s] of Object.entries(c.strata ?? {})) {
    if (label === '') throw bad('an empty stratum label', label);
    if (!Number.isInteger(s) || s < 0 || s > c.count) throw bad(`an invalid count for stratum ${label}`, s);
  }
}

/**
 * Scores a resolution from its contingency cells: one per (true entity, predicted cluster)
 * with the number of records (see {@link ResolutionCell}). Linear in the number of cells.
 *
 * @example
 * ```ts
 * // entity a = records 1,2,3; entity b = record 4; clusters {1,2} {3,4}
 * const s = scoreResolutionCells([
 *   { entity: 'a', cluster: 'x', count: 2 },
 *   { entity: 'a', cluster: 'y', count: 1 },
 *   { entity: 'b', cluster: 'y', count: 1 },
 * ]);
 * s.overall.pairwise; // { precision: 0.5, recall: 1/3, f1: 0.4 }
 * ```
 */
export function scoreResolutionCells(cells: Iterable<ResolutionCell>): ResolutionScore {
  const list: ResolutionCell[] = [];
  const clusters = new Map<string, Map<string, number>>();
  const entities = new Map<string, Map<string, number>>();
  let i = 0;
  for (const c of cells) {
    validCell(c, i++);
    if (c.count === 0) continue;
    list.push(c);
    for (const [label, n] of [['', c.count] as const, ...Object.entries(c.strata ?? {})]) {
      addTo(clusters, c.cluster, label, n);
      addTo(entities, c.entity, label, n);
    }
  }
  const size = (m: Map<string, Map<string, number>>, k: string): number => m.get(k)?.get('') ?? 0;
  const acc = new Map<string, Acc>();
  const add = (label: string, n: number, s: number, cluster: number, entity: number): void => {
    let a = acc.get(label);
    if (!a) acc.set(label, (a = { records: 0, tp: 0, bPrecision: 0, bRecall: 0 }));
    a.records += s;
    a.tp += touching(n, s);
    a.bPrecision += (s * n) / cluster;
    a.bRecall += (s * n) / entity;
  };
  for (const c of list) {
    const nc = size(clusters, c.cluster);
    const ne = size(entities, c.entity);
    add('', c.count, c.count, nc, ne);
    for (const [label, s] of Object.entries(c.strata ?? {})) if (s > 0) add(label, c.count, s, nc, ne);
  }
  const predicted = groupPairs(clusters);
  const truth = groupPairs(entities);
  const metrics = (label: string): ResolutionMetrics => {
    const a = acc.get(label) ?? { records: 0, tp: 0, bPrecision: 0, bRecall: 0 };
    const p = predicted.get(label) ?? 0;
    const t = truth.get(label) ?? 0;
    return {
      records: a.records,
      truePairs: t,
      predictedPairs: p,
      truePositivePairs: a.tp,
      pairwise: pr(ratio(a.tp, p), ratio(a.tp, t)),
      bcubed: pr(ratio(a.bPrecision, a.records), ratio(a.bRecall, a.records)),
    };
  };
  const labels = [...acc.keys()].filter((l) => l !== '').sort();
  return { overall: metrics(''), strata: Object.fromEntries(labels.map((l) => [l, metrics(l)])) };
}

/**
 * Scores a resolution given record by record (true entity, predicted cluster, strata). Counts
 * the records into cells first, so memory grows with the number of cells, not of pairs.
 *
 * @example
 * ```ts
 * const s = scoreResolution([
 *   { entity: 1, cluster: 'x', strata: ['source:crm'] },
 *   { entity: 1, cluster: 'x', strata: ['source:loyalty'] },
 *   { entity: 2, cluster: 'y', strata: ['source:crm'] },
 * ]);
 * s.overall.pairwise.f1; // 1
 * s.strata['source:crm']?.records; // 2
 * ```
 */
export function scoreResolution(records: Iterable<ResolutionRecord>): ResolutionScore {
  const cells = new Map<string, { entity: string; cluster: string; count: number; strata: Record<string, number> }>();
  for (const r of records) {
    const entity = String(r.entity);
    const cluster = String(r.cluster);
    const key = JSON.stringify([entity, cluster]);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { entity, cluster, count: 0, strata: {} }));
    c.count++;
    for (const label of new Set(r.strata ?? [])) c.strata[label] = (c.strata[label] ?? 0) + 1;
  }
  return scoreResolutionCells(cells.values());
}
