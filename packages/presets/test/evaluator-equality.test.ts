/**
 * FR-011 across engines: the in-process evaluator and DuckDB produce the same rows for every
 * table the evaluator can produce (the non-derived ones), row for row.
 */
import { rm } from 'node:fs/promises';
import { canonicalRowText, canonicalSelect, Evaluator, generate, outputTypes } from '@synthgraph/core';
import { duckdb, duckdbDialect, DuckdbReader } from '@synthgraph/duckdb';
import { afterAll, describe, expect, it } from 'vitest';
import { identityGraph } from '../src/index.js';
import { tempDir } from './helpers.js';

const config = { households: { num_households: 300 }, campaigns: { num_campaigns: 5 } };
const outs: string[] = [];

afterAll(async () => {
  for (const out of outs) await rm(out, { recursive: true, force: true });
});

describe.each(['opaque', 'structured'] as const)('evaluator = DuckDB (keys: %s)', (keys) => {
  const scenario = identityGraph(config).keys(keys);
  const ir = scenario.toIR({ seed: 99 });
  const evaluator = new Evaluator(ir);
  const tables = ir.entities.map((e) => e.name).filter((n) => evaluator.supports(n));

  it('covers the non-derived tables', () => {
    expect(tables).toEqual(['households', 'individuals', 'identity_mappings', 'content_engagements', 'campaigns']);
  });

  it('gives identical rows in every such table', async () => {
    const out = await tempDir('eq');
    outs.push(out);
    await generate(scenario, duckdb({ out, threads: 2 }), { seed: 99 });
    const reader = await DuckdbReader.open(out);
    try {
      for (const table of tables) {
        const types = outputTypes(ir, table);
        const fromEvaluator = evaluator
          .internalRows(table)
          .map((r) => canonicalRowText(types, r))
          .sort();
        const fromDuckdb = (await reader.rows(canonicalSelect(ir, table, duckdbDialect))).map((r) => canonicalRowText(types, r)).sort();
        expect(fromDuckdb.length, table).toBe(fromEvaluator.length);
        const diff = fromDuckdb.findIndex((r, i) => r !== fromEvaluator[i]);
        expect(diff, `${table}: first difference\n  duckdb:    ${fromDuckdb[diff]}\n  evaluator: ${fromEvaluator[diff]}`).toBe(-1);
      }
    } finally {
      reader.close();
    }
  });
});
