/**
 * Household shards on the DuckDB engine beyond a plain Parquet run: an appended batch (keys
 * offset by the batch) and a CSV output written in shards hold the same rows as without shards,
 * and a failure in a shard leaves no output.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, generate } from '@synthgraph/core';
import { conformanceScenario } from '../../../test/conformance/scenario.js';
import { duckdb } from '../src/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-duckdb-shards-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('household shards on DuckDB', () => {
  it('an appended batch written in shards equals one written whole', async () => {
    const first = conformanceScenario(600, 0).toIR({ seed: 5 });
    const second = conformanceScenario(1000, 1).toIR({ seed: 5 });
    await generate(first, duckdb({ out: path.join(dir, 'whole'), threads: 1 }));
    const whole = await generate(second, duckdb({ out: path.join(dir, 'whole'), mode: 'append', threads: 1 }));
    await generate(first, duckdb({ out: path.join(dir, 'sharded'), threads: 1, shardHouseholds: 250 }));
    const sharded = await generate(second, duckdb({ out: path.join(dir, 'sharded'), mode: 'append', threads: 1, shardHouseholds: 400 }));
    expect(sharded.checks.filter((c) => c.violations !== 0)).toEqual([]);
    for (const t of Object.keys(whole.tables)) expect(sharded.tables[t]?.contentHash, t).toBe(whole.tables[t]?.contentHash);
    expect(sharded.batches[1]?.files['individuals']).toEqual(['individuals/part-00001-00000.parquet', 'individuals/part-00001-00001.parquet', 'individuals/part-00001-00002.parquet']);
    expect(sharded.tables['individuals']?.files).toHaveLength(6);
  });

  it('a CSV output written in shards has one file per table and the same rows', async () => {
    const ir = conformanceScenario(800).toIR({ seed: 9 });
    const whole = await generate(ir, duckdb({ out: path.join(dir, 'csv-whole'), format: 'csv', threads: 1 }));
    const sharded = await generate(ir, duckdb({ out: path.join(dir, 'csv-sharded'), format: 'csv', threads: 1, shardHouseholds: 300 }));
    for (const t of Object.keys(whole.tables)) expect(sharded.tables[t]?.contentHash, t).toBe(whole.tables[t]?.contentHash);
    expect(await readdir(path.join(dir, 'csv-sharded', 'individuals'))).toEqual(['part-00000.csv']);
  });

  it('a run cancelled between shards leaves no output and no temporary files', async () => {
    const controller = new AbortController();
    const out = path.join(dir, 'cancelled');
    const run = generate(conformanceScenario(800).toIR({ seed: 9 }), duckdb({ out, threads: 1, shardHouseholds: 200 }), {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.table === 'devices' && e.detail === 'shard 2/4') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('synthgraph-tmp'))).toEqual([]);
  });

  it('rejects a shard size that is not a positive integer, naming the option', () => {
    expect(() => duckdb({ out: path.join(dir, 'bad'), shardHouseholds: 0 })).toThrow(/shardHouseholds/);
    expect(() => duckdb({ out: path.join(dir, 'bad'), shardHouseholds: 2.5 })).toThrow(/shardHouseholds/);
  });
});
