/**
 * The commit protocol of a local output (DuckDB engine): the lock, append rules, a failed append
 * leaving the output byte-identical, recovery of leftovers, and two concurrent runs.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, lockFileOf, OutputLockedError, recoverOutput, SynthgraphError } from '@synthgraph/core';
import { runChild } from './support/child.js';
import { commitRun } from './support/commit-run.js';
import { leftovers, readManifest, snapshot, tableHashes } from './support/output-tree.js';

let dir: string;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sg-commit-'));
  base = path.join(dir, 'base');
  await commitRun(base, 300, 0, 'replace');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh copy of the batch-0 output. */
async function copyOfBase(name: string): Promise<string> {
  const out = path.join(dir, name);
  await cp(base, out, { recursive: true });
  return out;
}

describe('local output commit protocol', () => {
  it('an append whose keys collide is not committed: the checks over the union fail and the output stays byte-identical', async () => {
    const out = await copyOfBase('collide');
    const before = await snapshot(out);
    // The conformance scenario records no key ranges: the checks over the union find the clash.
    await expect(commitRun(out, 300, 0, 'append')).rejects.toSatisfy((e) => e instanceof SynthgraphError && e.code === 'CHECK_FAILED');
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(out)).toEqual([]);
  });

  it('an append is a new complete output: previous files hard-linked, nothing visible before the commit', async () => {
    const out = await copyOfBase('append');
    const before = await snapshot(out);
    const m = await commitRun(out, 200, 1, 'append');
    expect(m.batches.map((b) => b.index)).toEqual([0, 1]);
    const after = await snapshot(out);
    for (const [f, h] of Object.entries(before)) if (f !== 'manifest.json') expect(after[f], f).toBe(h);
    expect(Object.keys(after).filter((f) => f.endsWith('part-00001.parquet')).length).toBe(Object.keys(m.tables).length);
    expect(await leftovers(out)).toEqual([]);
  });

  it('a run fails fast naming the live holder of the lock, and writes nothing', async () => {
    const out = await copyOfBase('locked');
    const before = await snapshot(out);
    await writeFile(lockFileOf(out), JSON.stringify({ pid: process.pid, host: hostname() }));
    const run = commitRun(out, 200, 1, 'append');
    await expect(run).rejects.toBeInstanceOf(OutputLockedError);
    await expect(run).rejects.toThrow(`pid ${process.pid} on host ${hostname()}`);
    expect(await snapshot(out)).toEqual(before);
    // A lock held on another host is never taken over (its pid cannot be checked from here).
    await writeFile(lockFileOf(out), JSON.stringify({ pid: 1, host: `not-${hostname()}` }));
    await expect(commitRun(out, 200, 1, 'append')).rejects.toThrow(`on host not-${hostname()}`);
    await rm(lockFileOf(out));
  });

  it('a stale lock (a dead pid on this host) is taken over, and leftovers of dead runs are removed', async () => {
    const out = await copyOfBase('stale');
    const dead = await runChild(path.join(dir, 'unused'), 10, 0, 'replace', 'open:staged');
    expect(dead.signal ?? dead.code).toMatch(/SIGKILL|137/);
    await writeFile(lockFileOf(out), JSON.stringify({ pid: dead.pid, host: hostname() }));
    await mkdir(`${out}.synthgraph-tmp-${dead.pid}/households`, { recursive: true });
    await mkdir(`${out}.synthgraph-old-${dead.pid}`);
    await mkdir(path.join(out, `.synthgraph-append-${dead.pid}`));
    await writeFile(`${lockFileOf(out)}.${dead.pid}`, '{}');
    await commitRun(out, 300, 0, 'replace');
    expect(await leftovers(out)).toEqual([]);
    expect(existsSync(lockFileOf(out))).toBe(false);
    // The lock file a live run is creating at this moment (it is about to fail fast) is left alone.
    const creating = `${lockFileOf(out)}.${process.pid}`;
    await writeFile(creating, '{}');
    expect((await recoverOutput(out)).removed).toEqual([]);
    expect(existsSync(creating)).toBe(true);
    await rm(creating);
    // A live pid that started after the lock was written is a reused pid: the lock is stale.
    await writeFile(lockFileOf(out), JSON.stringify({ pid: process.pid, host: hostname(), started: '1' }));
    await commitRun(out, 300, 0, 'replace');
    expect(existsSync(lockFileOf(out))).toBe(false);
  });

  it('the output path is checked by the engine too (exit-2 errors for SDK users)', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');
    await expect(commitRun(path.join(file, 'sub'), 10, 0, 'replace')).rejects.toBeInstanceOf(ConfigError);
  });

  it('two concurrent appends into one output: each completes or fails fast naming the holder; no batch is lost', async () => {
    const out = await copyOfBase('concurrent');
    const [a, b] = await Promise.all([runChild(out, 200, 1, 'append'), runChild(out, 200, 2, 'append')]);
    const results = [
      { batch: 1, r: a },
      { batch: 2, r: b },
    ];
    for (const { r } of results) {
      if (r.code !== 0) {
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/^OUTPUT_LOCKED: .*locked by another synthgraph run \(pid \d+ on host /);
      }
    }
    const done = results.filter(({ r }) => r.code === 0).map(({ batch }) => batch);
    expect(done.length).toBeGreaterThan(0);
    const m = await readManifest(out);
    const batches = m.batches.map((x) => x.seed - 7);
    expect(batches.slice(1).sort()).toEqual(done);
    expect(m.checks.filter((c) => c.violations !== 0)).toEqual([]);
    expect(await leftovers(out)).toEqual([]);
    expect(Object.keys(tableHashes(m))).toContain('households');
  });
});
