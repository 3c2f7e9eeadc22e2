/**
 * Lookup tables on DuckDB through the shared run loop: a large pool, and every bucket of more than
 * 32 values (step functions, a weighted choice, a piecewise inverse CDF), is read from a table
 * created by the plan's setup statements before the first table and dropped after the last one
 * (and after a failure); none reaches the output, and the values equal the inline read (the
 * evaluator's, which the CASE trees equal).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildPlan, LocalOutput, runPlan, SynthgraphError, type RunSession, type ScenarioIR } from '@synthgraph/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbDialect, DuckdbSession, DuckdbWriter, DUCKDB_FILE } from '../src/index.js';
import { engineRows, evaluatorRows } from '../../../test/conformance/compare.js';
import { lookupScenarioIR } from '../../../test/conformance/lookup-scenario.js';

const ir: ScenarioIR = lookupScenarioIR();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-lookups-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the plan into a `.duckdb` output, recording every statement; `fail` makes one statement fail. */
async function run(out: string, fail?: RegExp): Promise<{ statements: string[]; error: unknown }> {
  const plan = buildPlan(ir, duckdbDialect);
  const output = await LocalOutput.open(out, { format: 'duckdb', ir });
  const writer = new DuckdbWriter(output, 'duckdb', 'zstd', path.join(output.staging, '.spill'));
  const statements: string[] = [];
  const openSession = async (): Promise<RunSession> => {
    const s = await DuckdbSession.open({ path: path.join(output.staging, DUCKDB_FILE), tempDirectory: path.join(output.staging, '.spill') });
    return {
      execute: async (sql, what) => {
        statements.push(sql);
        if (fail?.test(sql)) throw new SynthgraphError('ENGINE_FAILED', 'injected failure');
        await s.execute(sql, what);
      },
      query: (sql, what) => s.query(sql, what),
      engineVersion: () => s.engineVersion(),
      close: () => s.close(),
    };
  };
  try {
    await runPlan(ir, plan, { writer, openSession, dialect: duckdbDialect });
    return { statements, error: undefined };
  } catch (e) {
    return { statements, error: e };
  }
}

describe('lookup tables on DuckDB', () => {
  it('creates the pool table first, drops it after the last table, and writes only the tables to the output', async () => {
    const out = path.join(dir, 'ok');
    const { statements, error } = await run(out);
    expect(error).toBeUndefined();
    expect(statements[0]).toBe('CREATE OR REPLACE TEMP TABLE "_sg_lookup_names" ("__idx" BIGINT, "name" VARCHAR, "code" BIGINT, "score" DOUBLE)');
    expect(statements[1]).toMatch(/^INSERT INTO "_sg_lookup_names" VALUES\n\(0, 'n0', -50, 0e0\),\n\(1, 'n1', -47, 1.25e-1\)/);
    const create = statements.findIndex((s) => s.startsWith('CREATE OR REPLACE TABLE "people" AS'));
    const drop = statements.indexOf('DROP TABLE IF EXISTS "_sg_lookup_names"');
    expect(create).toBeGreaterThan(1);
    expect(statements[create]).toContain('LEFT JOIN "_sg_lookup_names"');
    expect(drop).toBeGreaterThan(create);
    // the four large buckets (step, step_int, choice, z): one table each, created before and dropped after the table
    const buckets = statements.slice(0, create).flatMap((s) => /^CREATE OR REPLACE TEMP TABLE "(_sg_lookup_bucket_[0-9a-f]{16})" \("__idx" BIGINT, "lo" (?:BIGINT|DOUBLE), "hi" (?:BIGINT|DOUBLE), /.exec(s)?.[1] ?? []);
    expect(buckets).toHaveLength(4);
    for (const b of buckets) {
      expect(statements[create]).toContain(`LEFT JOIN "${b}"`);
      expect(statements.indexOf(`DROP TABLE IF EXISTS "${b}"`)).toBeGreaterThan(create);
    }
    // no CASE tree of hundreds of branches is left in the statement
    expect((statements[create]?.match(/CASE WHEN/g) ?? []).length).toBeLessThan(32);

    const db = await DuckDBInstance.create(path.join(out, DUCKDB_FILE), { access_mode: 'READ_ONLY' });
    const c = await db.connect();
    const tables = (await c.runAndReadAll('SELECT table_name FROM information_schema.tables ORDER BY 1')).getRows().map((r) => r[0]);
    expect(tables).toEqual(['people']);
    // the same rows as the evaluator, which reads the pool in memory (a NULL past the pool's end included)
    const { rows } = await engineRows(ir, 'people', duckdbDialect, async (q) => (await c.runAndReadAll(q)).getRows() as unknown[][]);
    const nulls = (await c.runAndReadAll('SELECT count(*) FROM "people" WHERE "next_score" IS NULL')).getRows()[0]?.[0];
    const last = (await c.runAndReadAll('SELECT count(*) FROM "people" WHERE "row" IN (0, 99)')).getRows()[0]?.[0];
    c.closeSync();
    db.closeSync();
    expect(rows).toEqual(evaluatorRows(ir, 'people'));
    expect(rows).toHaveLength(60);
    expect(nulls).toBe(last);
  });

  it('drops the lookup table after a failed table and leaves no output', async () => {
    const out = path.join(dir, 'failed');
    const { statements, error } = await run(out, /^CREATE OR REPLACE TABLE "people"/);
    expect(error).toBeInstanceOf(SynthgraphError);
    const failedAt = statements.findIndex((s) => s.startsWith('CREATE OR REPLACE TABLE "people"'));
    const dropped = statements.slice(failedAt + 1);
    expect(dropped[0]).toBe('DROP TABLE IF EXISTS "_sg_lookup_names"');
    expect(dropped.slice(1)).toHaveLength(4);
    for (const d of dropped.slice(1)) expect(d).toMatch(/^DROP TABLE IF EXISTS "_sg_lookup_bucket_[0-9a-f]{16}"$/);
    expect(existsSync(out)).toBe(false);
  });
});
