/**
 * `synthgraph score-resolution` over a small hand-made answer key: perfect on the truth itself,
 * near 0 on a random clustering, hand-computed numbers on a small case, typed input errors.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckdbSession } from '@synthgraph/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIO } from '../../test/support/fake-io.js';
import { main } from '../main.js';
import type { ResolutionFileScore } from '../resolution/score-files.js';

let dir: string;
const run = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
  const io = fakeIO(dir);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
};

/** 3,000 individuals with 1–4 records each; record ids are opaque-looking large numbers. */
const TRUTH_SQL = `
  WITH p AS (SELECT i AS individual_id, (1 + (hash(i) % 4))::BIGINT AS n FROM range(3000) r(i)),
  r AS (SELECT individual_id, k FROM p, range(n) q(k))
  SELECT (hash(individual_id * 10 + k) % 9000000000000)::BIGINT AS record_id, individual_id, individual_id // 2 AS household_id,
         ['crm', 'loyalty', 'data_partner'][1 + (k % 3)] AS source_system,
         (hash(individual_id, k, 'typo') % 5 = 0) AS noise_typo,
         (k > 0) AS noise_duplicate
  FROM r`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-score-'));
  const db = await DuckdbSession.open({ path: ':memory:', tempDirectory: dir });
  const c = { run: (sql: string) => db.execute(sql, 'fixture') };
  await c.run(`CREATE TABLE t AS ${TRUTH_SQL}`);
  await c.run(`COPY t TO '${path.join(dir, 'truth.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT record_id, individual_id AS cluster_id FROM t) TO '${path.join(dir, 'self.csv')}' (HEADER)`);
  await c.run(`COPY (SELECT record_id, 'r' || (hash(record_id, 'x') % 3000) AS cluster_id FROM t) TO '${path.join(dir, 'random.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT record_id::DOUBLE AS record_id, individual_id AS cluster_id FROM t) TO '${path.join(dir, 'double-ids.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT record_id, individual_id AS cluster_id FROM t UNION ALL SELECT 17, 'x' UNION ALL SELECT 18, 'x') TO '${path.join(dir, 'unknown.csv')}' (HEADER)`);
  await c.run(`COPY (SELECT record_id AS id, individual_id AS cluster_id FROM t) TO '${path.join(dir, 'nocol.csv')}' (HEADER)`);
  await c.run(`COPY (SELECT record_id, 1 AS cluster_id FROM t UNION ALL (SELECT record_id, 2 FROM t LIMIT 1)) TO '${path.join(dir, 'dup.csv')}' (HEADER)`);
  await db.close();
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ format: 'parquet', tables: { truth_source_records: { files: ['truth.parquet'] } }, checks: [] }));
  await writeFile(path.join(dir, 'small-clusters.csv'), 'record_id,cluster_id\n1,x\n2,x\n3,y\n4,y\n5,y\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('synthgraph score-resolution', () => {
  it('scores the truth against itself as 1 / 1 / 1, overall, per source and per noise type', async () => {
    const r = await run('score-resolution', '--truth', '.', '--clusters', 'self.csv', '--json');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as ResolutionFileScore;
    expect(s.unknownRecordIds).toBe(0);
    expect(s.unclusteredRecords).toBe(0);
    expect(s.records).toBe(s.clusterRows);
    expect(Object.keys(s.bySource)).toEqual(['crm', 'data_partner', 'loyalty']);
    expect(Object.keys(s.byNoise)).toEqual(['duplicate', 'none', 'typo']);
    for (const m of [s.overall, ...Object.values(s.bySource), ...Object.values(s.byNoise)]) {
      expect(m.pairwise).toEqual({ precision: 1, recall: 1, f1: 1 });
      expect(m.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    }
    const asDouble = JSON.parse((await run('score-resolution', '--truth', '.', '--clusters', 'double-ids.parquet', '--json')).out) as ResolutionFileScore;
    expect(asDouble).toMatchObject({ unknownRecordIds: 0, overall: { pairwise: { f1: 1 } } });
    const text = await run('score-resolution', '--truth', '.', '--clusters', 'self.csv');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/overall\s+\d+\s+1\.000\s+1\.000\s+1\.000/);
    expect(text.out).toContain('source crm');
    expect(text.out).toContain('noise typo');
  });

  it('scores a random clustering near 0 (Parquet input)', async () => {
    const r = await run('score-resolution', '--truth', '.', '--clusters', 'random.parquet', '--json');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as ResolutionFileScore;
    expect(s.overall.pairwise.precision).toBeLessThan(0.02);
    expect(s.overall.pairwise.recall).toBeLessThan(0.02);
  });

  it('counts and reports record ids the truth does not know, and still scores the rest', async () => {
    const r = await run('score-resolution', '--truth', '.', '--clusters', 'unknown.csv', '--json');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as ResolutionFileScore;
    expect(s.unknownRecordIds).toBe(2);
    expect(s.unknownExamples).toEqual(['17', '18']);
    expect(s.overall.pairwise.f1).toBe(1);
    const text = await run('score-resolution', '--truth', '.', '--clusters', 'unknown.csv');
    expect(text.err).toContain('2 record id(s)');
  });

  it('matches a hand-computed small case', async () => {
    const sub = path.join(dir, 'small');
    await mkdir(sub);
    const db = await DuckdbSession.open({ path: ':memory:', tempDirectory: dir });
    const c = { run: (sql: string) => db.execute(sql, 'fixture') };
    await c.run(`COPY (SELECT * FROM (VALUES (1, 10, 'crm', true), (2, 10, 'loyalty', false), (3, 10, 'crm', false), (4, 20, 'crm', false), (5, 20, 'crm', false)) v(record_id, individual_id, source_system, noise_typo)) TO '${path.join(sub, 'truth.parquet')}' (FORMAT parquet)`);
    await db.close();
    await writeFile(path.join(sub, 'manifest.json'), JSON.stringify({ format: 'parquet', tables: { truth_source_records: { files: ['truth.parquet'] } }, checks: [] }));
    const r = await run('score-resolution', '--truth', 'small', '--clusters', 'small-clusters.csv', '--json');
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out) as ResolutionFileScore;
    // true pairs 3 + 1, predicted pairs 1 + 3, both: (1,2) and (4,5).
    expect(s.overall).toMatchObject({ records: 5, truePairs: 4, predictedPairs: 4, truePositivePairs: 2, pairwise: { precision: 0.5, recall: 0.5, f1: 0.5 } });
    expect(s.overall.bcubed.precision).toBeCloseTo((2 + 1 / 3 + 4 / 3) / 5, 12);
    // Pairs touching loyalty record 2: (1,2) true+predicted, (2,3) true only, (2,4) (2,5) neither.
    expect(s.bySource['loyalty']).toMatchObject({ records: 1, truePairs: 2, predictedPairs: 1, truePositivePairs: 1 });
    // Pairs touching the typo record 1: (1,2) both, (1,3) true only.
    expect(s.byNoise['typo']).toMatchObject({ records: 1, truePairs: 2, predictedPairs: 1, truePositivePairs: 1 });
  });

  it('refuses bad input with exit 2 and an error naming the problem', async () => {
    const missing = await run('score-resolution', '--truth', '.');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--clusters');
    const nocol = await run('score-resolution', '--truth', '.', '--clusters', 'nocol.csv', '--json');
    expect(nocol.code).toBe(2);
    expect(nocol.err).toContain('record_id');
    expect((JSON.parse(nocol.out) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('--clusters.record_id');
    const dup = await run('score-resolution', '--truth', '.', '--clusters', 'dup.csv');
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('more than once');
    const ext = await run('score-resolution', '--truth', '.', '--clusters', 'manifest.json');
    expect(ext.code).toBe(2);
    const absent = await run('score-resolution', '--truth', '.', '--clusters', 'nope.csv');
    expect(absent.code).toBe(2);
    const noTruth = await run('score-resolution', '--truth', 'no-such-dir', '--clusters', 'self.csv');
    expect(noTruth.code).toBe(2);
    expect(noTruth.err).toContain('manifest.json');
  });
});
