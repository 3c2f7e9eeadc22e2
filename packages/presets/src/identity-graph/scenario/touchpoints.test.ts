/**
 * The portable time-decay factor: close to Math.pow(2, −Δt / half-life) over the whole range
 * the attribution uses, exactly multiplicative across whole half-lives, and bit-identical on the
 * in-process evaluator and DuckDB.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalRowText, canonicalSelect, days, Evaluator, generate, outputTypes, scenario, t } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { describe, expect, it } from 'vitest';
import { HALF_LIFE_MICROS as H, halfLifeDecay } from './touchpoints.js';

/** Δt from 0 to 120 days in uneven microsecond steps (every row a different fraction). */
const decays = scenario('decay').entity('decay', (e) =>
  e
    .rows(3_000)
    .key('id')
    .column('dt', t.bigint(), (c) => c.key().times(3_456_789_013).mod(days(120)))
    .column('dt_frac', t.double(), (c) => c.col('dt').mod(H).div(H), { hidden: true })
    .column('decay', t.double(), (c) => halfLifeDecay(c.col('dt').idiv(H), c.col('dt_frac'))),
);

describe('halfLifeDecay', () => {
  const ir = decays.toIR({ seed: 1 });
  const rows = new Evaluator(ir).rows('decay');

  it('equals 2^(−Δt / 7 days) within a few ulps', () => {
    expect(rows.length).toBe(3_000);
    for (const r of rows) {
      const exact = Math.pow(2, -Number(r['dt']) / H);
      expect(Math.abs(Number(r['decay']) - exact) / exact, `Δt ${String(r['dt'])}`).toBeLessThan(1e-14);
    }
  });

  it('halves exactly per whole half-life (powers of two are exact)', () => {
    const extra = scenario('shift').entity('decay', (e) =>
      e
        .rows(200)
        .key('id')
        .column('dt', t.bigint(), (c) => c.key().times(3_456_789_013).mod(days(120)).mod(H).plus(H * 3))
        .column('dt_frac', t.double(), (c) => c.col('dt').mod(H).div(H), { hidden: true })
        .column('decay', t.double(), (c) => halfLifeDecay(c.col('dt').idiv(H), c.col('dt_frac')))
        .column('base', t.double(), (c) => halfLifeDecay(c.col('dt').idiv(H).minus(3), c.col('dt_frac'))),
    );
    const shifted = new Evaluator(extra.toIR({ seed: 1 })).rows('decay');
    expect(shifted.length).toBe(200);
    for (const r of shifted) expect(Number(r['decay'])).toBe(Number(r['base']) / 8);
  });

  it('is bit-identical on the evaluator and DuckDB', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sg-decay-'));
    try {
      await generate(decays, duckdb({ out: dir, threads: 2 }), { seed: 1 });
      const reader = await DuckdbReader.open(dir);
      try {
        const types = outputTypes(ir, 'decay');
        const fromDuckdb = (await reader.rows(canonicalSelect(ir, 'decay', duckdbDialect))).map((r) => canonicalRowText(types, r)).sort();
        const fromEvaluator = new Evaluator(ir)
          .internalRows('decay')
          .map((r) => canonicalRowText(types, r))
          .sort();
        expect(fromDuckdb).toEqual(fromEvaluator);
      } finally {
        reader.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
