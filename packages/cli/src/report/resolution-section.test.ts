/**
 * The report's identity-resolution difficulty section on a small identity graph: its counts
 * match the answer key and its exact-email baseline matches `score-resolution` on the same
 * clustering.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { identityGraph, NOISE_TYPES } from '@synthgraph/presets';
import { scoreResolutionFiles } from '../resolution/score-files.js';
import { buildReport } from './report-builder.js';
import type { ResolutionData } from './report-types.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-report-res-'));
  await generate(identityGraph({ households: { num_households: 800 } }), duckdb({ out: path.join(dir, 'out'), threads: 1 }), { seed: 3 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('report: identity resolution difficulty', () => {
  it('counts records, duplicates and noise from the answer key and scores the exact-email baseline like score-resolution', async () => {
    const out = path.join(dir, 'out');
    const { json, html } = await buildReport(out);
    expect(json.resolution.status).toBe('ok');
    const r = json.resolution as ResolutionData & { status: 'ok' };
    const reader = await DuckdbReader.open(out);
    try {
      const [t] = await reader.query('SELECT count(*) AS n, count(DISTINCT individual_id) AS p, count(*) FILTER (WHERE noise_duplicate) AS d FROM truth_source_records');
      expect(r.records).toBe(Number(t?.['n']));
      expect(r.people).toBe(Number(t?.['p']));
      expect(r.duplicatesPerPerson).toBeCloseTo(Number(t?.['d']) / Number(t?.['p']), 12);
      expect(r.noiseRates.map((n) => n.noise).sort()).toEqual([...NOISE_TYPES].sort());
      expect(r.bySource.reduce((a, b) => a + b.records, 0)).toBe(r.records);
      await reader.query(`COPY (SELECT record_id, coalesce(lower(email), 'r' || record_id) AS cluster_id FROM source_records) TO '${path.join(dir, 'email.parquet')}' (FORMAT parquet)`);
    } finally {
      reader.close();
    }
    const s = await scoreResolutionFiles(out, path.join(dir, 'email.parquet'));
    expect(r.exactEmail.precision).toBeCloseTo(s.overall.pairwise.precision, 12);
    expect(r.exactEmail.recall).toBeCloseTo(s.overall.pairwise.recall, 12);
    expect(r.exactEmail.truePairs).toBe(s.overall.truePairs);
    expect(html).toContain('Identity resolution difficulty');
    expect(html).toContain('data-key="resolution-records-per-person"');
  });
});
