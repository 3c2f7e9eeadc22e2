/**
 * Shared outputs of the realism tests: the identity graph's default config at 20,000 households
 * for three seeds, generated once on DuckDB and reused by every realism test file (and every
 * vitest process) until the scenario's IR changes. Generation goes to a private directory that
 * is renamed into place, so concurrent test files never read a half-written output, and test
 * files that ask for the same output at once wait for one generation of it (a fresh clone has no
 * cache: realism.test.ts and examples/resolution-baselines.test.ts both start with seed 42).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, irHash } from '@synthgraph/core';
import { duckdb, DuckdbReader } from '@synthgraph/duckdb';
import { identityGraph, type IdentityGraphConfigInput } from '../../src/index.js';

/** The seeds every realism target must hold for. */
export const REALISM_SEEDS = [42, 7, 2026] as const;
/** Households of the realism runs (the measurement size). */
export const REALISM_HOUSEHOLDS = 20_000;

const cacheRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../node_modules/.cache/synthgraph-realism');

/**
 * The output directory of the default config (plus `overrides`) at {@link REALISM_HOUSEHOLDS}
 * households for `seed`, generated on first use.
 */
export async function realismOutput(seed: number, overrides: IdentityGraphConfigInput = {}): Promise<string> {
  const config: IdentityGraphConfigInput = { ...overrides, households: { num_households: REALISM_HOUSEHOLDS, ...overrides.households } };
  const scenario = identityGraph(config);
  const hash = irHash(scenario.toIR({ seed })).replace(/^sha256:/, '').slice(0, 16);
  const dir = path.join(cacheRoot, `${hash}-${seed}`);
  if (existsSync(path.join(dir, 'manifest.json'))) return dir;
  await mkdir(cacheRoot, { recursive: true });
  await once(dir, async () => {
    const tmp = `${dir}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await generate(scenario, duckdb({ out: tmp, threads: 2 }), { seed });
    try {
      await rename(tmp, dir);
    } catch (e) {
      if (!existsSync(path.join(dir, 'manifest.json'))) throw e;
      await rm(tmp, { recursive: true, force: true });
    }
  });
  return dir;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs `make` for the output `dir` unless another vitest worker is already making it: then waits
 * for that one (a lock directory holding the maker's pid; a dead maker's lock is taken over), so
 * test files asking for the same output at once generate it once.
 */
async function once(dir: string, make: () => Promise<void>): Promise<void> {
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(path.join(dir, 'manifest.json'))) return;
    try {
      await mkdir(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => '0'));
      if (owner > 0 && !alive(owner)) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      if (!existsSync(path.join(dir, 'manifest.json'))) await make();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
    return;
  }
}

/** Runs `fn` with a DuckDB reader over the realism output of `seed`. */
export async function withRealismReader<T>(seed: number, fn: (query: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>, overrides?: IdentityGraphConfigInput): Promise<T> {
  const reader = await DuckdbReader.open(await realismOutput(seed, overrides));
  try {
    return await fn((sql) => reader.query(sql));
  } finally {
    reader.close();
  }
}
